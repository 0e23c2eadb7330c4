"""Shared data and helpers of the payment tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.orders import OrderView, view_of
from storage.crypto import SecretBox
from storage.models import OutboxMessage, PaymentEvent
from storage.schemas import OrderData
from storage.uow import unit_of_work

SELLER = 7001
CUSTOMER_CHAT = 9901
BOT = "bts_test_bot"


def DEEP_LINK(payload: str) -> str:
    """The bot's deep-link builder, as the bot passes it (payload → t.me link)."""
    return f"https://t.me/{BOT}?start={payload}"


ITEMS: list[dict[str, Any]] = [
    {"name": "Futbolka", "code": "TS-1", "count": 2, "cost": "50000"},
    {"name": "Kepka", "count": 1, "cost": "30000.50"},
    {"name": "Sovg'a", "count": 1, "cost": None},  # a gift: not for sale, left out of the cart
]


async def store_order(
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
    *,
    bts_order_id: int = 555001,
    owner_id: int = SELLER,
    cost: Decimal | None = Decimal("25000.00"),
    items: list[dict[str, Any]] | None = None,
    barcode: str = "BTS0000555001",
    receiver_phone: str | None = "+998901234567",
) -> OrderView:
    async with unit_of_work(session_factory, box) as uow:
        await uow.users.get_or_create(owner_id)
        result = await uow.orders.upsert(
            OrderData(
                bts_order_id=bts_order_id,
                barcode=barcode,
                owner_id=owner_id,
                receiver_name="Dilnoza",
                receiver_phone=receiver_phone,
                cost=cost,
                snapshot={"draft": {"items": ITEMS if items is None else items}},
            )
        )
    return view_of(result.order)


async def outbox(session_factory: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with session_factory() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def events(session_factory: async_sessionmaker[AsyncSession], payment_id: int) -> list[PaymentEvent]:
    async with session_factory() as session:
        return list(
            await session.scalars(
                select(PaymentEvent).where(PaymentEvent.payment_id == payment_id).order_by(PaymentEvent.id)
            )
        )
