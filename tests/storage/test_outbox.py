"""The notification outbox: idempotent enqueue, safe concurrent claims, retries, leases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.repositories import OutboxRepository, retry_delay
from storage.schemas import OutboxState
from storage.uow import UnitOfWork, unit_of_work

T0 = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)


async def _enqueue(uow: UnitOfWork, n: int, *, at: datetime = T0, chat_id: int = 100) -> None:
    for i in range(n):
        await uow.outbox.enqueue(
            chat_id=chat_id,
            message_key="order-status-changed",
            params={"barcode": f"BC{i}", "status": 5, "cod": "150000.00"},
            dedup_key=f"status:{chat_id}:{i}",
            now=at + timedelta(seconds=i),
        )


async def test_enqueue_is_idempotent_by_dedup_key(uow: UnitOfWork) -> None:
    first = await uow.outbox.enqueue(
        chat_id=1, message_key="k", params={"a": "1"}, dedup_key="status:1:6:1", now=T0
    )
    assert first is not None and first.state is OutboxState.PENDING and first.next_attempt_at == T0
    assert first.params == {"a": "1"} and first.attempts == 0
    again = await uow.outbox.enqueue(chat_id=1, message_key="k", params={"a": "2"}, dedup_key="status:1:6:1")
    assert again is None
    stored = await uow.outbox.get_by_dedup_key("status:1:6:1")
    assert stored is not None and stored.params == {"a": "1"}
    assert (await uow.outbox.count_by_state())[OutboxState.PENDING] == 1


async def test_claim_takes_due_messages_oldest_first_once(uow: UnitOfWork) -> None:
    await _enqueue(uow, 3)
    await uow.outbox.enqueue(
        chat_id=5, message_key="k", dedup_key="later", not_before=T0 + timedelta(hours=1), now=T0
    )
    now = T0 + timedelta(minutes=1)
    batch = await uow.outbox.claim_batch(2, worker_id="w1", now=now, lease=timedelta(seconds=30))
    assert [m.dedup_key for m in batch] == ["status:100:0", "status:100:1"]
    assert all(m.state is OutboxState.CLAIMED and m.claimed_by == "w1" and m.attempts == 1 for m in batch)
    assert batch[0].lease_until == now + timedelta(seconds=30)
    rest = await uow.outbox.claim_batch(10, worker_id="w2", now=now)
    assert [m.dedup_key for m in rest] == ["status:100:2"]  # claimed ones and not-yet-due ones stay out
    assert await uow.outbox.claim_batch(10, worker_id="w2", now=now) == []
    assert await uow.outbox.next_due_at() == T0 + timedelta(hours=1)


async def test_sent_retry_and_dead(uow: UnitOfWork) -> None:
    await _enqueue(uow, 2)
    now = T0 + timedelta(minutes=1)
    one, two = await uow.outbox.claim_batch(10, worker_id="w", now=now)
    assert not await uow.outbox.mark_sent(one.id, worker_id="intruder", now=now)
    assert await uow.outbox.mark_sent(one.id, worker_id="w", now=now)
    sent = await uow.outbox.get(one.id)
    assert (
        sent is not None
        and sent.state is OutboxState.SENT
        and sent.sent_at == now
        and sent.claimed_by is None
    )
    assert not await uow.outbox.mark_sent(one.id, worker_id="w", now=now)  # not claimed any more

    state = await uow.outbox.mark_failed(two.id, worker_id="w", error="Telegram 502", now=now, max_attempts=2)
    assert state is OutboxState.RETRY
    retry = await uow.outbox.get(two.id)
    assert retry is not None and retry.last_error == "Telegram 502"
    assert now + timedelta(seconds=4) <= retry.next_attempt_at <= now + timedelta(seconds=6)
    assert await uow.outbox.claim_batch(10, worker_id="w", now=now) == []  # backing off
    again = await uow.outbox.claim_batch(10, worker_id="w", now=retry.next_attempt_at)
    assert [m.attempts for m in again] == [2]
    state = await uow.outbox.mark_failed(two.id, worker_id="w", error="Telegram 502", now=now, max_attempts=2)
    assert state is OutboxState.DEAD
    assert await uow.outbox.mark_failed(two.id, worker_id="w", error="x") is None
    counts = await uow.outbox.count_by_state()
    assert (counts[OutboxState.SENT], counts[OutboxState.DEAD], counts[OutboxState.PENDING]) == (1, 1, 0)


async def test_explicit_retry_time_dead_and_postpone(uow: UnitOfWork) -> None:
    await _enqueue(uow, 3)
    a, b, c = await uow.outbox.claim_batch(10, worker_id="w", now=T0 + timedelta(minutes=1))
    retry_at = T0 + timedelta(minutes=10)
    assert (
        await uow.outbox.mark_failed(a.id, worker_id="w", error="e", retry_at=retry_at) is OutboxState.RETRY
    )
    stored_a = await uow.outbox.get(a.id)
    assert stored_a is not None and stored_a.next_attempt_at == retry_at
    assert await uow.outbox.mark_dead(b.id, worker_id="w", error="Forbidden: bot was blocked by the user")
    until = T0 + timedelta(minutes=2)
    assert await uow.outbox.postpone(c.id, worker_id="w", until=until)
    postponed = await uow.outbox.get(c.id)
    assert postponed is not None and postponed.attempts == 0 and postponed.next_attempt_at == until
    assert postponed.state is OutboxState.RETRY


async def test_stale_leases_are_released(uow: UnitOfWork) -> None:
    await _enqueue(uow, 2)
    now = T0 + timedelta(minutes=1)
    first, second = await uow.outbox.claim_batch(
        10, worker_id="crashed", now=now, lease=timedelta(seconds=60)
    )
    assert await uow.outbox.release_stale(now=now + timedelta(seconds=59)) == 0
    assert await uow.outbox.release_stale(now=now + timedelta(seconds=61), max_attempts=5) == 2
    back = await uow.outbox.claim_batch(10, worker_id="alive", now=now + timedelta(seconds=61))
    assert [(m.id, m.attempts) for m in back] == [(first.id, 2), (second.id, 2)]
    assert not await uow.outbox.mark_sent(first.id, worker_id="crashed")  # too late for the old worker
    # A message that keeps killing its worker is given up once out of attempts.
    await uow.outbox.release_stale(now=now + timedelta(hours=1), max_attempts=2)
    dead = await uow.outbox.get(first.id)
    assert dead is not None and dead.state is OutboxState.DEAD and dead.last_error == "lease expired"


async def test_cancel_for_chat_and_purge(uow: UnitOfWork) -> None:
    await _enqueue(uow, 3, chat_id=100)
    await _enqueue(uow, 1, chat_id=200)
    assert await uow.outbox.cancel_for_chat(100, reason="blocked", now=T0) == 3
    assert [
        m.chat_id for m in await uow.outbox.claim_batch(10, worker_id="w", now=T0 + timedelta(hours=1))
    ] == [200]
    assert await uow.outbox.purge(before=T0 + timedelta(seconds=1)) == 3
    assert await uow.outbox.purge(before=T0 + timedelta(days=1)) == 0  # the claimed one stays


def test_retry_delay_grows_exponentially_with_a_cap_and_jitter() -> None:
    middle = lambda: 0.5  # noqa: E731 - jitter factor 1.0
    assert [retry_delay(n, rng=middle).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert retry_delay(30, rng=middle) == timedelta(hours=1)
    assert retry_delay(1, rng=lambda: 0.0) == timedelta(seconds=4)
    assert retry_delay(1, rng=lambda: 1.0) == timedelta(seconds=6)
    assert retry_delay(1000, rng=middle) == timedelta(hours=1)


async def test_concurrent_workers_never_claim_the_same_message(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    async with unit_of_work(session_factory, box) as uow:
        await _enqueue(uow, 60)
    claimed: dict[str, list[int]] = {}

    async def worker(name: str) -> None:
        claimed[name] = []
        while True:
            async with unit_of_work(session_factory, box) as uow:
                batch = await uow.outbox.claim_batch(7, worker_id=name, now=T0 + timedelta(hours=1))
            if not batch:
                return
            claimed[name].extend(m.id for m in batch)
            await asyncio.sleep(0)

    await asyncio.gather(*(worker(f"w{i}") for i in range(4)))
    everything = [message_id for ids in claimed.values() for message_id in ids]
    assert len(everything) == 60 and len(set(everything)) == 60


async def test_postgres_workers_skip_rows_another_worker_is_claiming(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    """FOR UPDATE SKIP LOCKED: a second worker neither waits for nor takes the first one's rows."""
    if engine.dialect.name != "postgresql":
        pytest.skip("row locks exist on PostgreSQL only (SQLite has a single writer)")
    async with unit_of_work(session_factory, box) as uow:
        await _enqueue(uow, 5)
    now = T0 + timedelta(hours=1)
    async with session_factory() as first, first.begin():
        mine = await OutboxRepository(first).claim_batch(2, worker_id="a", now=now)  # locks held until commit
        async with session_factory() as second, second.begin():
            # A safety net so a regression hangs for seconds, not for ever; not a speed assertion.
            theirs = await asyncio.wait_for(
                OutboxRepository(second).claim_batch(10, worker_id="b", now=now), 10
            )
    assert len(mine) == 2 and len(theirs) == 3
    assert not {m.id for m in mine} & {m.id for m in theirs}
