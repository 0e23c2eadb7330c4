"""Fulfillment orders (seed 002 ``v1/order/create``): a customer's address and the seller's products.

Money: each line's final price is ``quantity × price − discount`` (the discount is an amount in
so'm for the line, never more than the line), the order's total the sum of the final prices;
all ``Decimal``, whole so'm (the seed types prices as integers).

A create is sent at most once:
1. the order is written first (``state='sending'``) under the draft's ``draft_key`` (made when
   the summary was shown); a second confirm of the same draft finds that row and sends nothing;
2. its row id is the ``order_id`` the WMS gets (unique per order, as the seed asks);
3. the answer completes the row (``created``, the WMS id and status); a refusal marks it
   ``failed``; a lost answer marks it ``unsure`` and raises ``OrderCreateUnsure``: it is never
   re-sent (the WMS offers no list of orders to check against, so the seller is told so).

``client_product_variation_id``: seed 001's products have no variations; the product id is sent
for it too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.branches import City, Region
from services.common.deeplinks import DeepLink
from services.common.errors import OutcomeUnknown, UpstreamError
from services.common.phones import normalize_phone
from services.fulfillment.accounts import WmsAccountService
from services.fulfillment.errors import InvalidOrderDraft, OrderCreateUnsure, UnknownFulfillmentOrder
from services.fulfillment.pushes import order_status_item
from services.fulfillment.status import status_is_final
from services.payments import PaymentLink, PaymentService
from services.wms.client import WmsClient
from services.wms.models import FulfillmentOrderCreate, FulfillmentOrderItem
from storage.crypto import SecretBox
from storage.fulfillment_schemas import Customer, FulfillmentOrderRecord, OrderState
from storage.schemas import Page
from storage.types import utc_now
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

COUNTRY = "Uzbekistan"
MAX_ITEMS = 20


class OrderLine(BaseModel):
    """One product of the order as the seller put it together."""

    model_config = ConfigDict(extra="ignore")

    product_id: int  # the WMS product id
    name: str
    quantity: int = Field(ge=1)
    price: Decimal = Field(ge=0)
    discount: Decimal = Field(default=Decimal(0), ge=0)

    @property
    def gross(self) -> Decimal:
        return self.price * self.quantity

    @property
    def final_price(self) -> Decimal:
        return self.gross - self.discount


def line_problem(line: OrderLine) -> str | None:
    """``None`` if the line is fine, else why not (``discount``: larger than the line)."""
    if line.discount > line.gross:
        return "discount"
    return None


class OrderDraft(BaseModel):
    """What the conversation collects, step by step (all optional until the summary)."""

    model_config = ConfigDict(extra="ignore")

    full_name: str | None = None
    phone: str | None = None
    address: str | None = None
    region: str | None = None
    city: str | None = None
    zip: str | None = None
    scheduled_at: datetime | None = None
    items: list[OrderLine] = Field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.final_price for line in self.items), Decimal(0))

    def missing(self) -> list[str]:
        names = ("full_name", "phone", "address", "region", "scheduled_at")
        found = [name for name in names if getattr(self, name) in (None, "")]
        if not self.items:
            found.append("items")
        return found


def place_fields(city: City, region: Region | None) -> dict[str, str]:
    """The order's ``region`` and ``city`` for a city chosen from the BTS directory.

    Seed 002 takes names, in Uzbek (``"region": "Toshkent"``, ``"city": "Toshkent shahar"``): we
    send the Uzbek names of our geography, the region's full name, so that Tashkent city
    ("Toshkent shahri") and Tashkent region ("Toshkent viloyati") stay apart whatever language
    the seller uses. A city BTS gives no region for stands for its region too (it is required).
    """
    return {"region": region.name if region is not None else city.name, "city": city.name}


def order_request(order_id: int, draft: OrderDraft) -> FulfillmentOrderCreate:
    if draft.missing():
        raise InvalidOrderDraft
    assert draft.scheduled_at is not None and draft.phone and draft.full_name and draft.address
    return FulfillmentOrderCreate(
        order_id=order_id,
        scheduled_at=draft.scheduled_at,
        full_name=draft.full_name,
        phone=draft.phone,
        address=draft.address,
        region=draft.region or "",
        country=COUNTRY,
        city=draft.city,
        zip=draft.zip,
        order_items=[
            FulfillmentOrderItem(
                client_product_id=line.product_id,
                client_product_variation_id=line.product_id,
                quantity=line.quantity,
                price=line.price,
                discount=line.discount,
                final_price=line.final_price,
            )
            for line in draft.items
        ],
    )


def _items_json(lines: Sequence[OrderLine]) -> list[dict[str, Any]]:
    return [
        {
            "product_id": line.product_id,
            "name": line.name,
            "quantity": line.quantity,
            "price": str(line.price),
            "discount": str(line.discount),
            "final_price": str(line.final_price),
        }
        for line in lines
    ]


class FulfillmentOrderService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        wms: WmsClient,
        accounts: WmsAccountService,
        payments: PaymentService | None = None,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._wms = wms
        self._accounts = accounts
        self._payments = payments

    async def create(self, user_id: int, draft: OrderDraft, draft_key: str) -> FulfillmentOrderRecord:
        """Send the order once (see the module docstring); returns the stored order."""
        account = await self._accounts.require(user_id)
        if draft.missing() or any(line_problem(line) for line in draft.items):
            raise InvalidOrderDraft
        assert draft.phone and draft.full_name and draft.address
        customer = Customer(
            full_name=draft.full_name,
            phone=normalize_phone(draft.phone),
            address=draft.address,
            zip=draft.zip,
        )
        async with unit_of_work(self._sf, self._box) as uow:
            order, new = await uow.fulfillment.start_order(
                owner_id=user_id,
                wms_account_id=account.account_id,
                draft_key=draft_key,
                customer=customer,
                region=draft.region,
                city=draft.city,
                total=draft.total,
                items=_items_json(draft.items),
                scheduled_at=draft.scheduled_at,
            )
        if not new:
            logger.info("fulfillment order %s: draft confirmed again, nothing sent", order.id)
            if order.state is OrderState.UNSURE:
                raise OrderCreateUnsure(order.id)
            return order
        try:
            created = await self._wms.create_fulfillment_order(
                account.credentials, order_request(order.id, draft)
            )
        except OutcomeUnknown as exc:
            await self._set_state(order.id, OrderState.UNSURE)
            logger.warning("fulfillment order %s: create unconfirmed (%s)", order.id, exc)
            raise OrderCreateUnsure(order.id) from exc
        except UpstreamError:
            await self._set_state(order.id, OrderState.FAILED)
            raise
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.fulfillment.order_created(
                order.id,
                wms_id=created.id,
                status=created.fulfillment_status,
                is_final=status_is_final(created.fulfillment_status),
            )
            stored = await uow.fulfillment.get_order(order.id)
        assert stored is not None
        logger.info("fulfillment order %s created (WMS id %s)", order.id, created.id)
        return stored

    async def _set_state(self, order_id: int, state: OrderState) -> None:
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.fulfillment.order_state(order_id, state)

    async def get(self, user_id: int, order_id: int) -> FulfillmentOrderRecord:
        async with self._sf() as session:
            order = await UnitOfWork(session, self._box).fulfillment.get_order(order_id, owner_id=user_id)
        if order is None:
            raise UnknownFulfillmentOrder
        return order

    async def list(self, user_id: int, *, offset: int = 0, limit: int = 8) -> Page[FulfillmentOrderRecord]:
        async with self._sf() as session:
            return await UnitOfWork(session, self._box).fulfillment.list_orders(
                user_id, offset=offset, limit=limit
            )

    async def refresh(
        self, user_id: int, order_id: int, *, now: datetime | None = None
    ) -> FulfillmentOrderRecord:
        """Ask the WMS (``v1/order/view``) now; a change is recorded and pushed like the sync does."""
        order = await self.get(user_id, order_id)
        if order.wms_id is None or order.wms_account_id is None:
            return order
        account = await self._accounts.require(user_id)
        seen = await self._wms.get_fulfillment_order(account.credentials, order.wms_id)
        if seen.fulfillment_status is None:
            return order
        await record_status(self._sf, self._box, order, seen.fulfillment_status, now=now or utc_now())
        return await self.get(user_id, order_id)

    async def payment_link(
        self,
        user_id: int,
        order_id: int,
        *,
        deep_link: DeepLink,
        purpose: str,
        idempotency_key: str | None = None,
    ) -> PaymentLink:
        """A Yandex Pay link for the order's total (the payments service's own rules apply).

        ``deep_link`` builds the bot's links (the bot layer passes it); ``idempotency_key`` names the
        request, so a repeated one gets the same link instead of a second one."""
        if self._payments is None:
            raise RuntimeError("payments are not configured")
        order = await self.get(user_id, order_id)
        return await self._payments.create_link(
            user_id,
            amount=order.total,
            purpose=purpose,
            deep_link=deep_link,
            idempotency_key=idempotency_key,
        )


async def record_status(
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
    order: FulfillmentOrderRecord,
    status: int,
    *,
    now: datetime,
) -> tuple[bool, bool]:
    """Store a status seen for ``order``; a change gets its push in the same transaction.

    Returns ``(changed, pushed)``."""
    pushed = False
    async with unit_of_work(session_factory, box) as uow:
        changed, _ = await uow.fulfillment.set_order_status(
            order.id, status, is_final=status_is_final(status), now=now
        )
        if changed and order.owner_id is not None:
            prefs = await uow.subscriptions.get_preferences(order.owner_id)
            item = order_status_item(prefs, order, status, now=now)
            if item is not None:
                pushed = bool(await uow.outbox.enqueue_many([item], now=now))
    return changed, pushed
