"""The sync contract: pull every page, store in one transaction, then acknowledge exactly those ids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from services.fulfillment.accounts import WmsAccountView
from services.fulfillment.pushes import PUSH_FF_RECEIVING, PUSH_FF_STATUS
from services.fulfillment.sync import SyncStats, WmsSync
from storage.fulfillment_models import WmsProduct
from storage.fulfillment_schemas import CatalogKind
from storage.models import OutboxMessage
from storage.uow import UnitOfWork
from tests.fakes.base import Fault
from tests.fakes.wms.fixtures import WMS_INN
from tests.fulfillment.conftest import SELLER, Fulfillment

T0 = datetime(2024, 7, 1, 5, 0, tzinfo=UTC)


class Crash(Exception):
    """Stands for the process dying between the commit and the acknowledgement."""


async def stored_ids(ff: Fulfillment, kind: CatalogKind, account_id: int) -> list[int]:
    async with ff.session_factory() as session:
        return await UnitOfWork(session, ff.box).fulfillment.wms_ids(kind, account_id)


async def outbox(ff: Fulfillment) -> list[OutboxMessage]:
    async with ff.session_factory() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_pulls_every_page_stores_and_acknowledges_exactly_the_stored(ff: Fulfillment) -> None:
    account = await ff.connect()
    wms = ff.fake.account(WMS_INN)
    products = ff.fake.add_products(wms, 12)
    purveyor = ff.fake.add_purveyor(wms)["id"]
    acks: list[tuple[str, list[int]]] = []
    original = ff.client.acknowledge

    async def spy(credentials, kind, ids):  # type: ignore[no-untyped-def]
        acks.append((kind, list(ids)))
        return await original(credentials, kind, ids)

    ff.client.acknowledge = spy  # type: ignore[method-assign]
    stats = await ff.sync.sync_once(T0)

    assert await stored_ids(ff, CatalogKind.PRODUCT, account.account_id) == products
    assert await stored_ids(ff, CatalogKind.PURVEYOR, account.account_id) == [purveyor]
    assert sorted(dict(acks)["product"]) == products
    assert dict(acks)["purveyor"] == [purveyor]
    assert wms.delivered["product"] == set(products)
    assert ff.fake.count("v1/product/clients") == 3  # 12 records, 5 a page
    assert stats.stored == 13 and stats.created == 13 and stats.acknowledged == 13

    again = await ff.sync.sync_once(T0)
    assert again.stored == 0 and again.acknowledged == 0


@pytest.mark.parametrize("kind", [CatalogKind.PRODUCT, CatalogKind.RECEIVING])
async def test_crash_between_store_and_acknowledge_refetches_and_stores_once(
    ff: Fulfillment, kind: CatalogKind
) -> None:
    account = await ff.connect()
    wms = ff.fake.account(WMS_INN)
    if kind is CatalogKind.PRODUCT:
        ids = ff.fake.add_products(wms, 11)
    else:
        ids = [ff.fake.add_receiving(wms)["id"] for _ in range(7)]

    async def die(_: WmsAccountView, seen: CatalogKind, stored: list[int]) -> None:
        if seen is kind:
            raise Crash

    crashing = WmsSync(ff.session_factory, ff.box, ff.client, ff.accounts, per_page=4, before_acknowledge=die)
    with pytest.raises(Crash):
        await crashing.sync_list(account, kind, stats=SyncStats(), now=T0)
    assert await stored_ids(ff, kind, account.account_id) == ids  # committed
    assert wms.delivered[kind.value] == set()  # nothing acknowledged

    stats = await ff.sync.sync_once(T0 + timedelta(minutes=1))  # the next pass (another process)
    assert await stored_ids(ff, kind, account.account_id) == ids  # each exactly once
    assert wms.delivered[kind.value] == set(ids)
    assert stats.created == 0 and stats.by_kind[kind.value] == len(ids)
    pushes = [m for m in await outbox(ff) if m.message_key == PUSH_FF_RECEIVING]
    assert len(pushes) == (len(ids) if kind is CatalogKind.RECEIVING else 0)  # not pushed twice


async def test_a_failed_page_stores_and_acknowledges_nothing(ff: Fulfillment) -> None:
    account = await ff.connect()
    wms = ff.fake.account(WMS_INN)
    ff.fake.add_products(wms, 8)
    ff.fake.faults.add("v1/product/clients", Fault(status=503), times=None)
    stats = await ff.sync.sync_once(T0)
    assert stats.failed == 1
    assert await stored_ids(ff, CatalogKind.PRODUCT, account.account_id) == []
    assert wms.delivered["product"] == set()


async def test_unreadable_records_are_neither_stored_nor_acknowledged(ff: Fulfillment) -> None:
    account = await ff.connect()
    wms = ff.fake.account(WMS_INN)
    good = ff.fake.add_product(wms)["id"]
    bad = ff.fake.add_product(wms)["id"]
    ff.fake.touch(wms, "product", bad, productTechnical="broken")
    stats = await ff.sync.sync_once(T0)
    assert await stored_ids(ff, CatalogKind.PRODUCT, account.account_id) == [good]
    assert wms.delivered["product"] == {good}
    assert bad not in wms.delivered["product"] and stats.rejected == 1


async def test_receiving_recorded_then_accepted_pushes_once_each(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    rid = ff.fake.add_receiving(wms, number="R-77")["id"]
    await ff.sync.sync_once(T0)
    await ff.sync.sync_once(T0)
    ff.fake.accept_receiving(wms, rid, gate="3")
    await ff.sync.sync_once(T0 + timedelta(minutes=2))
    await ff.sync.sync_once(T0 + timedelta(minutes=4))
    pushes = [m for m in await outbox(ff) if m.message_key == PUSH_FF_RECEIVING]
    assert [(m.chat_id, m.params["state"], m.params["number"]) for m in pushes] == [
        (SELLER, "recorded", "R-77"),
        (SELLER, "accepted", "R-77"),
    ]
    assert pushes[1].params["gate"] == "3"


async def test_orders_followed_until_final_with_one_push_per_status(ff: Fulfillment) -> None:
    from tests.fulfillment.test_orders import draft

    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    product = ff.fake.add_product(wms)["id"]
    order = await ff.orders.create(SELLER, draft(product), "draft-1")
    assert order.fulfillment_status == 5
    now = datetime.now(UTC)  # the create recorded the wall clock as its last check
    seen = []
    for _ in range(6):
        ff.fake.advance_order(wms, order.wms_id or 0)
        now += timedelta(minutes=10)
        await ff.sync.sync_once(now)
        seen.append((await ff.orders.get(SELLER, order.id)).fulfillment_status)
    assert seen == [1, 2, 3, 4, 4, 4]
    assert (await ff.orders.get(SELLER, order.id)).is_final
    pushes = [m for m in await outbox(ff) if m.message_key == PUSH_FF_STATUS]
    assert [m.params["code"] for m in pushes] == [1, 2, 3, 4]
    views = ff.fake.count("v1/order/view")
    await ff.sync.sync_once(now + timedelta(hours=1))
    assert ff.fake.count("v1/order/view") == views  # a final order is no longer asked about


async def test_refused_login_pauses_the_account(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    ff.fake.add_products(wms, 2)
    wms.password = "changed"
    ff.client.forget(ff.accounts.view(await _login(ff)))
    stats = await ff.sync.sync_once(T0)
    assert stats.failed == 1
    logins = ff.fake.count("v1/auth/login")
    stats = await ff.sync.sync_once(T0 + timedelta(minutes=5))
    assert stats.paused == 1 and ff.fake.count("v1/auth/login") == logins


async def _login(ff: Fulfillment):  # type: ignore[no-untyped-def]
    async with ff.session_factory() as session:
        return (await UnitOfWork(session, ff.box).fulfillment.wms_logins())[0]


async def test_products_are_stored_once_per_account(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    ff.fake.add_products(wms, 3)
    await ff.sync.sync_once(T0)
    for rid in list(wms.products):
        ff.fake.touch(wms, "product", rid, name="Yangi nom")
    stats = await ff.sync.sync_once(T0)
    async with ff.session_factory() as session:
        count = await session.scalar(select(func.count()).select_from(WmsProduct))
        names = set(await session.scalars(select(WmsProduct.name)))
    assert count == 3 and names == {"Yangi nom"} and stats.created == 0
