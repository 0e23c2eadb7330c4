"""The repository methods the pushes added: bulk enqueue, claiming a chat's rows, bulk
preferences, and the poller's page of due orders."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.repositories.outbox import OutboxItem
from storage.schemas import ChatPreferencesRecord, OrderData, OutboxState
from storage.uow import UnitOfWork, unit_of_work
from tests.pushes.conftest import T0
from tests.pushes.helpers import outbox_rows


async def test_enqueue_many_stores_each_dedup_key_once(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    items = [OutboxItem(chat_id=1, message_key="k", dedup_key=f"d{n}", params={"n": n}) for n in range(3)]
    async with unit_of_work(session_factory, box) as uow:
        assert await uow.outbox.enqueue_many(items, now=T0) == ["d0", "d1", "d2"]
    later = T0 + timedelta(hours=1)
    again = [*items[1:], OutboxItem(chat_id=2, message_key="k", dedup_key="d3", not_before=later)]
    async with unit_of_work(session_factory, box) as uow:
        assert await uow.outbox.enqueue_many(again, now=T0) == ["d3"]
    rows = await outbox_rows(session_factory)
    assert [(row.dedup_key, row.params, row.next_attempt_at) for row in rows] == [
        ("d0", {"n": 0}, T0),
        ("d1", {"n": 1}, T0),
        ("d2", {"n": 2}, T0),
        ("d3", {}, later),
    ]


async def test_claim_for_chats_takes_a_chats_rows_due_soon_and_nothing_else(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    soon, morning = T0 + timedelta(seconds=20), T0 + timedelta(hours=9)
    async with unit_of_work(session_factory, box) as uow:
        await uow.outbox.enqueue_many(
            [
                OutboxItem(chat_id=1, message_key="k", dedup_key="now", not_before=T0),
                OutboxItem(chat_id=1, message_key="k", dedup_key="soon", not_before=soon),
                OutboxItem(chat_id=1, message_key="k", dedup_key="morning", not_before=morning),
                OutboxItem(chat_id=2, message_key="k", dedup_key="other", not_before=T0),
            ],
            now=T0,
        )
    async with unit_of_work(session_factory, box) as uow:
        claimed = await uow.outbox.claim_for_chats(
            [1], worker_id="w", due_before=T0 + timedelta(seconds=30), now=T0
        )
    assert [row.dedup_key for row in claimed] == ["now", "soon"]
    assert all(row.state is OutboxState.CLAIMED and row.attempts == 1 for row in claimed)
    states = {row.dedup_key: row.state for row in await outbox_rows(session_factory)}
    assert states["morning"] is OutboxState.PENDING and states["other"] is OutboxState.PENDING
    async with unit_of_work(session_factory, box) as uow:
        assert await uow.outbox.claim_for_chats([], worker_id="w", due_before=morning, now=T0) == []


async def test_subscribers_and_preferences_in_bulk(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    async with unit_of_work(session_factory, box) as uow:
        await uow.users.get_or_create(10)
        first = (await uow.orders.upsert(OrderData(bts_order_id=1, owner_id=10), now=T0)).order
        second = (await uow.orders.upsert(OrderData(bts_order_id=2, owner_id=10), now=T0)).order
        await uow.orders.upsert(OrderData(bts_order_id=3, owner_id=10), now=T0)
        for chat, order in ((21, first), (22, first), (22, second)):
            await uow.subscriptions.subscribe(chat, order.id, now=T0)
        await uow.subscriptions.set_preferences(ChatPreferencesRecord(chat_id=22, final_only=True))
    async with unit_of_work(session_factory, box) as uow:
        followers = await uow.subscriptions.subscribers_for([first.id, second.id, 999])
        prefs = await uow.subscriptions.preferences_for([22, 21, 10])
    assert {
        order_id: [(p.chat_id, p.final_only) for p in chats] for order_id, chats in followers.items()
    } == {
        first.id: [(21, False), (22, True)],
        second.id: [(22, True)],
    }
    assert [(chat, p.chat_id, p.final_only, p.notify) for chat, p in prefs.items()] == [
        (10, 10, False, True),
        (21, 21, False, True),
        (22, 22, True, True),
    ]


async def test_list_due_for_poll_pages_by_id_and_tells_fresh_from_stale(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    old = T0 - timedelta(days=3)
    async with unit_of_work(session_factory, box) as uow:
        await uow.users.get_or_create(10)
        ids = {}
        for bts_id, created in ((1, T0), (2, old), (3, old), (4, T0), (5, T0)):
            ids[bts_id] = (
                await uow.orders.upsert(OrderData(bts_order_id=bts_id, owner_id=10), now=created)
            ).order.id
        await uow.orders.upsert(OrderData(bts_order_id=5, status_code=6, is_final=True), now=T0)
        await uow.orders.mark_checked(
            [ids[1], ids[2]], now=T0 - timedelta(minutes=20)
        )  # fresh: due; old: not
        await uow.orders.mark_checked([ids[3]], now=T0 - timedelta(hours=1))  # old and long ago: due
        await uow.orders.mark_checked([ids[4]], now=T0 - timedelta(minutes=2))  # fresh, just checked
    pages = []
    after = 0
    async with session_factory() as session:
        orders = UnitOfWork(session, box).orders
        while True:
            page = await orders.list_due_for_poll(
                fresh_since=T0 - timedelta(days=1),
                fresh_checked_before=T0 - timedelta(minutes=8),
                stale_checked_before=T0 - timedelta(minutes=36),
                after_id=after,
                limit=1,
            )
            if not page:
                break
            pages.append(page)
            after = page[-1].id
    assert [[order.bts_order_id for order in page] for page in pages] == [[1], [3]]
