"""Orders: upsert by BTS id, pending creates, lookups, owner lists with filters, search and pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from storage.schemas import OrderData, StatusEventData
from storage.uow import UnitOfWork

T0 = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)
MERCHANT, OTHER = 1, 2


@pytest.fixture(autouse=True)
async def merchants(uow: UnitOfWork) -> None:
    await uow.users.get_or_create(MERCHANT)
    await uow.users.get_or_create(OTHER)


async def test_upsert_creates_then_merges(uow: UnitOfWork) -> None:
    first = await uow.orders.upsert(
        OrderData(
            bts_order_id=4293644,
            barcode="019914293644",
            owner_id=MERCHANT,
            receiver_name="Odil Ahkmedov",
            receiver_phone="+998991234568",
            cost=Decimal("12000.00"),
            cod_amount=Decimal("150000.00"),
            status_code=1,
            snapshot={"status": {"id": 1, "info": "Mijozda"}, "cost": "12000.00"},
        ),
        now=T0,
    )
    assert first.created and first.status_changed and first.previous_status is None
    order = first.order
    assert (order.bts_order_id, order.barcode, order.status_code, order.is_final) == (
        4293644,
        "019914293644",
        1,
        False,
    )
    assert order.cost == Decimal("12000.00") and order.snapshot == {
        "status": {"id": 1, "info": "Mijozda"},
        "cost": "12000.00",
    }
    assert order.created_at == order.updated_at == order.status_changed_at == order.snapshot_at == T0

    # A poll that only knows the status: everything else is kept; another merchant cannot take it over.
    later = T0 + timedelta(hours=2)
    second = await uow.orders.upsert(
        OrderData(bts_order_id=4293644, owner_id=OTHER, status_code=6, is_final=True), now=later
    )
    assert not second.created and second.status_changed and second.previous_status == 1
    order = second.order
    assert order.id == first.order.id and order.owner_id == MERCHANT
    assert (order.status_code, order.is_final, order.status_changed_at, order.updated_at) == (
        6,
        True,
        later,
        later,
    )
    assert order.barcode == "019914293644" and order.cod_amount == Decimal("150000.00")
    assert order.snapshot_at == T0 and order.created_at == T0

    same = await uow.orders.upsert(
        OrderData(bts_order_id=4293644, status_code=6), now=later + timedelta(hours=1)
    )
    assert not same.status_changed and same.order.status_changed_at == later


async def test_upsert_many_in_input_order_merging_duplicates(uow: UnitOfWork) -> None:
    results = await uow.orders.upsert_many(
        [
            OrderData(bts_order_id=3, status_code=1, owner_id=MERCHANT),
            OrderData(bts_order_id=1, status_code=1, owner_id=MERCHANT),
            OrderData(bts_order_id=3, status_code=2),
        ],
        now=T0,
    )
    assert [r.order.bts_order_id for r in results] == [3, 1, 3]
    assert results[0].order.status_code == 2 and results[0].order.owner_id == MERCHANT
    assert await uow.orders.upsert_many([]) == []


async def test_pending_create_is_completed_by_its_reference(uow: UnitOfWork) -> None:
    pending = await uow.orders.create_pending(
        reference="ord-7f3a",
        owner_id=MERCHANT,
        receiver_name="Ali",
        cod_amount=Decimal("50000"),
        now=T0,
    )
    assert pending.bts_order_id is None and pending.reference == "ord-7f3a"
    assert await uow.orders.get_by_reference("ord-7f3a") == pending

    done = await uow.orders.upsert(
        OrderData(bts_order_id=555, reference="ord-7f3a", barcode="BC555", status_code=1),
        now=T0 + timedelta(seconds=3),
    )
    assert done.order.id == pending.id and not done.created
    assert (done.order.bts_order_id, done.order.barcode, done.order.receiver_name) == (555, "BC555", "Ali")
    assert done.order.cod_amount == Decimal("50000.00") and done.order.created_at == T0
    assert await uow.orders.get_by_bts_id(555) == done.order
    assert not await uow.orders.delete_pending("ord-7f3a")  # no longer pending

    await uow.orders.create_pending(reference="ord-lost", owner_id=MERCHANT)
    assert await uow.orders.delete_pending("ord-lost")
    assert await uow.orders.get_by_reference("ord-lost") is None


async def test_get_by_barcode(uow: UnitOfWork) -> None:
    await uow.orders.upsert(OrderData(bts_order_id=10, barcode="60000006106", owner_id=MERCHANT))
    found = await uow.orders.get_by_barcode(" 60000006106 ")
    assert found is not None and found.bts_order_id == 10
    assert await uow.orders.get_by_barcode("60000006106", owner_id=OTHER) is None
    assert await uow.orders.get_by_barcode("nope") is None
    assert await uow.orders.get(found.id) == found


async def _seed_owner_orders(uow: UnitOfWork) -> None:
    rows = [
        (1, "BC001", "Odil Ahmedov", "+998991234568", 6, True),  # delivered
        (2, "BC002", "Одил Каримов", "+998901112233", 3, False),
        (3, "BC003", "Zarina 100%_off", "+998935554433", 0, True),  # cancelled
        (4, "BC004", "Bobur", "+998977778899", 5, False),
    ]
    for n, (bts_id, barcode, name, phone, status, final) in enumerate(rows):
        await uow.orders.upsert(
            OrderData(
                bts_order_id=bts_id,
                barcode=barcode,
                owner_id=MERCHANT,
                receiver_name=name,
                receiver_phone=phone,
                status_code=status,
                is_final=final,
            ),
            now=T0 + timedelta(minutes=n),
        )
    await uow.orders.upsert(OrderData(bts_order_id=99, owner_id=OTHER, receiver_name="Odil"), now=T0)


async def test_owner_list_newest_first_with_pages(uow: UnitOfWork) -> None:
    await _seed_owner_orders(uow)
    page = await uow.orders.list_for_owner(MERCHANT, limit=3)
    assert [o.bts_order_id for o in page.items] == [4, 3, 2]
    assert (page.total, page.has_more) == (4, True)
    rest = await uow.orders.list_for_owner(MERCHANT, offset=3, limit=3)
    assert [o.bts_order_id for o in rest.items] == [1] and not rest.has_more


async def test_owner_list_filters(uow: UnitOfWork) -> None:
    await _seed_owner_orders(uow)
    active = await uow.orders.list_for_owner(MERCHANT, final=False)
    assert [o.bts_order_id for o in active.items] == [4, 2] and active.total == 2
    delivered = await uow.orders.list_for_owner(MERCHANT, final=True, status_codes=[6, 500])
    assert [o.bts_order_id for o in delivered.items] == [1]
    cancelled = await uow.orders.list_for_owner(MERCHANT, status_codes={0})
    assert [o.bts_order_id for o in cancelled.items] == [3]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bc002", [2]),  # barcode, any case
        ("ОДИЛ", [2]),  # Cyrillic, case-insensitive (SQLite's lower() would not fold it)
        ("odil", [1]),  # only the owner's orders
        ("99 123 45", [1]),  # phone typed with spaces
        ("+998 90 111", [2]),
        ("%", [3]),  # LIKE wildcards are matched literally
        ("_off", [3]),
        ("nobody", []),
    ],
)
async def test_owner_search(uow: UnitOfWork, query: str, expected: list[int]) -> None:
    await _seed_owner_orders(uow)
    page = await uow.orders.list_for_owner(MERCHANT, query=query)
    assert [o.bts_order_id for o in page.items] == expected
    assert page.total == len(expected)


async def test_poller_picks_unfinished_orders_not_checked_recently(uow: UnitOfWork) -> None:
    await _seed_owner_orders(uow)
    due = await uow.orders.list_due_for_check(checked_before=T0 + timedelta(hours=1))
    assert {o.bts_order_id for o in due} == {2, 4, 99}
    by_bts = {o.bts_order_id: o.id for o in due}
    await uow.orders.mark_checked([by_bts[2]], now=T0 + timedelta(minutes=30))
    await uow.orders.mark_checked([by_bts[99]], now=T0 + timedelta(minutes=20))
    await uow.orders.mark_checked([])
    due = await uow.orders.list_due_for_check(checked_before=T0 + timedelta(hours=1))
    assert [o.bts_order_id for o in due] == [4, 99, 2]  # never checked first, then the longest unchecked
    due = await uow.orders.list_due_for_check(checked_before=T0 + timedelta(minutes=25), limit=10)
    assert [o.bts_order_id for o in due] == [4, 99]
    assert [o.bts_order_id for o in await uow.orders.list_due_for_check(checked_before=T0, limit=1)] == [4]
    await uow.orders.create_pending(reference="p", owner_id=MERCHANT)  # no BTS id: nothing to poll
    assert len(await uow.orders.list_due_for_check(checked_before=T0 + timedelta(days=1))) == 3


async def test_status_events_are_stored_once(uow: UnitOfWork) -> None:
    order = (await uow.orders.upsert(OrderData(bts_order_id=1, owner_id=MERCHANT))).order
    other = (await uow.orders.upsert(OrderData(bts_order_id=2, owner_id=MERCHANT))).order
    at = datetime.fromtimestamp(1720690236, UTC)
    first = await uow.status_events.add_if_new(
        order.id, StatusEventData(status_code=4, occurred_at=at, message="m1", location="QUSHBEGI BTS (PVZ)")
    )
    assert first is not None and first.location == "QUSHBEGI BTS (PVZ)" and first.occurred_at == at
    # The same event polled again, even with its time in another zone, is not new.
    tashkent = at.astimezone(timezone(timedelta(hours=5)))
    assert (
        await uow.status_events.add_if_new(order.id, StatusEventData(status_code=4, occurred_at=tashkent))
        is None
    )

    history = [
        StatusEventData(status_code=4, occurred_at=at),
        StatusEventData(
            status_code=5, occurred_at=datetime.fromtimestamp(1720690321, UTC), location="JARQO'RG'ON BTS"
        ),
        StatusEventData(
            status_code=5, occurred_at=datetime.fromtimestamp(1720690321, UTC)
        ),  # repeated in one poll
    ]
    new = await uow.status_events.add_many_if_new([(order.id, e) for e in history] + [(other.id, history[0])])
    assert [(e.order_id, e.status_code) for e in new] == [(order.id, 5), (other.id, 4)]
    assert await uow.status_events.add_many_if_new([(order.id, e) for e in history]) == []

    assert [e.status_code for e in await uow.status_events.list_for_order(order.id)] == [4, 5]
    latest = await uow.status_events.latest_for_order(order.id)
    assert latest is not None and latest.status_code == 5
    assert await uow.status_events.latest_for_order(12345) is None


async def test_status_events_large_batches(uow: UnitOfWork) -> None:
    order = (await uow.orders.upsert(OrderData(bts_order_id=1))).order
    events = [
        (order.id, StatusEventData(status_code=n % 9, occurred_at=T0 + timedelta(seconds=n)))
        for n in range(1200)
    ]
    assert len(await uow.status_events.add_many_if_new(events)) == 1200
    assert len(await uow.status_events.add_many_if_new(events)) == 0


async def test_deleting_an_order_takes_its_events_and_subscriptions(
    uow: UnitOfWork, session: AsyncSession
) -> None:
    from sqlalchemy import delete

    from storage.models import Order

    order = (await uow.orders.upsert(OrderData(bts_order_id=1))).order
    await uow.status_events.add_if_new(order.id, StatusEventData(status_code=1, occurred_at=T0))
    await uow.subscriptions.subscribe(500, order.id)
    await session.execute(delete(Order).where(Order.id == order.id))
    assert await uow.status_events.list_for_order(order.id) == []
    assert await uow.subscriptions.list_for_chat(500) == []


async def test_orders_created_between_are_the_owners_made_ones_oldest_first(uow: UnitOfWork) -> None:
    def order(bts_id: int, cod: str | None, owner: int = MERCHANT) -> OrderData:
        return OrderData(
            bts_order_id=bts_id, owner_id=owner, cod_amount=Decimal(cod) if cod is not None else None
        )

    await uow.orders.upsert(order(1, "50000"), now=T0 - timedelta(seconds=1))  # before the period
    late = await uow.orders.upsert(order(3, None), now=T0 + timedelta(hours=2))
    early = await uow.orders.upsert(order(2, "150000"), now=T0)
    zero = await uow.orders.upsert(order(4, "0"), now=T0 + timedelta(hours=3))
    await uow.orders.upsert(order(5, "70000", owner=OTHER), now=T0 + timedelta(hours=1))
    await uow.orders.upsert(order(6, "80000"), now=T0 + timedelta(days=1))  # the end is excluded
    await uow.orders.create_pending(reference="r-1", owner_id=MERCHANT, cod_amount=Decimal("9"), now=T0)

    end = T0 + timedelta(days=1)
    found = await uow.orders.list_created_between(MERCHANT, T0, end)
    assert [o.id for o in found] == [early.order.id, late.order.id, zero.order.id]
    cod = await uow.orders.list_created_between(MERCHANT, T0, end, cod_only=True)
    assert [(o.bts_order_id, o.cod_amount) for o in cod] == [(2, Decimal("150000.00"))]
    assert [o.bts_order_id for o in await uow.orders.list_created_between(MERCHANT, T0, end, limit=1)] == [2]
