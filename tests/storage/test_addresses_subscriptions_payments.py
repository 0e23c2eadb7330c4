"""Address book, tracking subscriptions with preferences, payments with deduplicated events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from storage.repositories import payment_event_key
from storage.schemas import ChatPreferencesRecord, ContactData, ContactKind, OrderData
from storage.uow import UnitOfWork

T0 = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)
SENDER, RECIPIENT = ContactKind.SENDER, ContactKind.RECIPIENT


@pytest.fixture(autouse=True)
async def users(uow: UnitOfWork) -> None:
    await uow.users.get_or_create(1)
    await uow.users.get_or_create(2)


def contact(name: str, phone: str, **extra: object) -> ContactData:
    return ContactData(name=name, phone=phone, **extra)  # type: ignore[arg-type]


async def test_address_book_most_recent_first_and_kinds_apart(uow: UnitOfWork) -> None:
    home = await uow.addresses.add(
        1,
        SENDER,
        contact(
            "Jurabek",
            "+998991234567",
            city_id=3,
            city_name="Asaka",
            address="Bobur 7-A",
            latitude=Decimal("41.330000"),
            longitude=Decimal("69.260000"),
        ),
        now=T0,
    )
    assert home.kind is SENDER and home.latitude == Decimal("41.330000") and home.last_used_at == T0
    a = await uow.addresses.add(1, RECIPIENT, contact("Одил Ахмедов", "+998991234568", branch_id=93), now=T0)
    b = await uow.addresses.add(
        1, RECIPIENT, contact("Zarina", "+998901112233"), now=T0 + timedelta(minutes=1)
    )
    await uow.addresses.add(2, RECIPIENT, contact("Stranger", "+998901112233"), now=T0)

    page = await uow.addresses.list_for_user(1, RECIPIENT)
    assert [c.id for c in page.items] == [b.id, a.id] and page.total == 2
    await uow.addresses.mark_used(a.id, user_id=1, now=T0 + timedelta(hours=1))
    assert [c.id for c in (await uow.addresses.list_for_user(1, RECIPIENT, limit=1)).items] == [a.id]
    assert [c.id for c in (await uow.addresses.list_for_user(1, SENDER)).items] == [home.id]


async def test_address_book_search_and_lookup_by_phone(uow: UnitOfWork) -> None:
    a = await uow.addresses.add(
        1, RECIPIENT, contact("Одил Ахмедов", "+998991234568", extra_phone="+998881234567")
    )
    await uow.addresses.add(1, RECIPIENT, contact("Zarina", "+998901112233", city_name="Самарканд"))
    assert [c.name for c in (await uow.addresses.list_for_user(1, RECIPIENT, query="одил")).items] == [
        "Одил Ахмедов"
    ]
    assert [c.name for c in (await uow.addresses.list_for_user(1, RECIPIENT, query="САМАРКАНД")).items] == [
        "Zarina"
    ]
    assert [c.name for c in (await uow.addresses.list_for_user(1, RECIPIENT, query="88 123")).items] == [
        "Одил Ахмедов"
    ]
    assert [c.id for c in await uow.addresses.find_by_phone(1, RECIPIENT, "+998881234567")] == [a.id]
    assert await uow.addresses.find_by_phone(2, RECIPIENT, "+998881234567") == []


async def test_address_book_update_and_delete_only_own(uow: UnitOfWork) -> None:
    entry = await uow.addresses.add(1, RECIPIENT, contact("Ali", "+998901234567"))
    assert await uow.addresses.update(entry.id, user_id=2, data=contact("X", "+1")) is None
    changed = await uow.addresses.update(
        entry.id, user_id=1, data=contact("Ali Valiyev", "+998901234567", branch_id=5)
    )
    assert changed is not None and (changed.name, changed.branch_id) == ("Ali Valiyev", 5)
    assert (await uow.addresses.list_for_user(1, RECIPIENT, query="valiyev")).total == 1
    assert await uow.addresses.get(entry.id, user_id=2) is None
    assert not await uow.addresses.delete(entry.id, user_id=2)
    assert await uow.addresses.delete(entry.id, user_id=1)
    assert await uow.addresses.get(entry.id, user_id=1) is None


async def test_subscriptions_and_preferences(uow: UnitOfWork) -> None:
    order = (await uow.orders.upsert(OrderData(bts_order_id=1))).order
    assert await uow.subscriptions.subscribe(100, order.id)
    assert not await uow.subscriptions.subscribe(100, order.id)
    assert await uow.subscriptions.subscribe(200, order.id)
    assert await uow.subscriptions.is_subscribed(100, order.id)
    await uow.subscriptions.set_preferences(
        ChatPreferencesRecord(chat_id=200, final_only=True, quiet_from=23, quiet_to=7)
    )
    subscribers = await uow.subscriptions.subscribers(order.id)
    assert subscribers == [
        ChatPreferencesRecord(chat_id=100),
        ChatPreferencesRecord(chat_id=200, notify=True, final_only=True, quiet_from=23, quiet_to=7),
    ]
    await uow.subscriptions.set_preferences(ChatPreferencesRecord(chat_id=200, notify=False))
    assert await uow.subscriptions.get_preferences(200) == ChatPreferencesRecord(chat_id=200, notify=False)
    assert await uow.subscriptions.get_preferences(300) == ChatPreferencesRecord(chat_id=300)
    assert [s.order_id for s in await uow.subscriptions.list_for_chat(100)] == [order.id]
    assert await uow.subscriptions.unsubscribe(100, order.id)
    assert not await uow.subscriptions.unsubscribe(100, order.id)
    assert [p.chat_id for p in await uow.subscriptions.subscribers(order.id)] == [200]
    with pytest.raises(ValidationError):
        ChatPreferencesRecord(chat_id=1, quiet_from=24)


async def test_payments(uow: UnitOfWork) -> None:
    order = (await uow.orders.upsert(OrderData(bts_order_id=1, owner_id=1))).order
    expires = T0 + timedelta(minutes=30)
    payment = await uow.payments.create(
        yandex_order_id="pay-1-a",
        amount=Decimal("162000.00"),
        status="PENDING",
        owner_id=1,
        order_id=order.id,
        payment_url="https://pay.example/1",
        expires_at=expires,
        sandbox=True,
        now=T0,
    )
    assert (payment.amount, payment.currency, payment.expires_at, payment.sandbox) == (
        Decimal("162000.00"),
        "UZS",
        expires,
        True,
    )
    again = await uow.payments.create(yandex_order_id="pay-1-a", amount=Decimal("1"), status="PENDING")
    assert again == payment  # the same attempt is not stored twice
    second = await uow.payments.create(
        yandex_order_id="pay-1-b",
        amount=Decimal("162000"),
        status="PENDING",
        order_id=order.id,
        now=T0 + timedelta(hours=1),
    )
    assert [p.yandex_order_id for p in await uow.payments.list_for_order(order.id)] == ["pay-1-b", "pay-1-a"]

    paid = await uow.payments.update("pay-1-a", status="CAPTURED", now=T0 + timedelta(minutes=5))
    assert paid is not None and paid.status == "CAPTURED" and paid.payment_url == "https://pay.example/1"
    assert await uow.payments.update("missing", status="FAILED") is None
    assert [p.id for p in await uow.payments.list_with_status(["PENDING", "AUTHORIZED"])] == [second.id]
    assert await uow.payments.get(payment.id) == paid
    assert await uow.payments.get_by_yandex_id("pay-1-a") == paid


async def test_payments_of_an_owner_in_a_period_carry_their_orders_barcode(uow: UnitOfWork) -> None:
    order = (await uow.orders.upsert(OrderData(bts_order_id=7, barcode="0199007", owner_id=1))).order

    async def pay(key: str, at: datetime, *, owner: int = 1, order_id: int | None = None) -> int:
        made = await uow.payments.create(
            yandex_order_id=key,
            amount=Decimal("1000"),
            status="PENDING",
            owner_id=owner,
            order_id=order_id,
            now=at,
        )
        return made.id

    late = await pay("late", T0 + timedelta(hours=3))
    early = await pay("early", T0, order_id=order.id)
    await pay("before", T0 - timedelta(seconds=1), order_id=order.id)
    await pay("other", T0 + timedelta(hours=1), owner=2)
    await pay("after", T0 + timedelta(days=1))  # the end is excluded

    found = await uow.payments.list_for_owner_between(1, T0, T0 + timedelta(days=1))
    assert [(p.id, barcode) for p, barcode in found] == [(early, "0199007"), (late, None)]
    assert [
        p.id for p, _ in await uow.payments.list_for_owner_between(1, T0, T0 + timedelta(days=1), limit=1)
    ] == [early]


async def test_payment_events_are_deduplicated(uow: UnitOfWork) -> None:
    payment = await uow.payments.create(yandex_order_id="p", amount=Decimal("10"), status="PENDING")
    at = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    key = payment_event_key("ORDER_STATUS_UPDATED", "CAPTURED", at)
    assert key == payment_event_key(
        "ORDER_STATUS_UPDATED", "CAPTURED", at.astimezone(timezone(timedelta(hours=5)))
    )
    first = await uow.payments.add_event_if_new(
        payment.id,
        event_key=key,
        event_type="ORDER_STATUS_UPDATED",
        status="CAPTURED",
        occurred_at=at,
        payload={"order": {"orderId": "p", "paymentStatus": "CAPTURED"}},
    )
    assert first is not None and first.payload == {"order": {"orderId": "p", "paymentStatus": "CAPTURED"}}
    repeat = await uow.payments.add_event_if_new(
        payment.id, event_key=key, event_type="ORDER_STATUS_UPDATED", status="CAPTURED", occurred_at=at
    )
    assert repeat is None  # Yandex's retry with a new JWT, same event
    assert len(await uow.payments.list_events(payment.id)) == 1
