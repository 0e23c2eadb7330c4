"""The notification outbox: messages promised to a chat, delivered at least once, enqueued exactly once.

Life of a message::

    enqueue ──> pending ──claim──> claimed ──mark_sent──> sent
                  ▲                  │ └──mark_failed (attempts left)──> retry ──claim──> claimed ...
                  │                  └──mark_failed (no attempts left) / mark_dead──> dead
                  └── postpone (flood control: the attempt does not count)

- ``enqueue`` is idempotent by ``dedup_key`` (e.g. ``"status:<order>:<code>:<chat>"``): enqueueing
  the same promise twice, from two pollers or after a crash, stores it once.
- ``claim_batch`` hands due messages to one worker with a lease, in one ``UPDATE ... RETURNING``
  statement. On PostgreSQL the candidate rows are picked ``FOR UPDATE SKIP LOCKED``, so several
  workers never claim the same row and never wait on each other; SQLite has a single writer, so the
  one statement is atomic there too. Commit right after claiming, then send, then mark in a new
  transaction. A worker that dies leaves its lease to expire: ``release_stale`` puts those back.
- Attempts are counted at claim time, so a message that crashes the worker still runs out.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage
from storage.repositories._sql import insert_for
from storage.schemas import OutboxRecord, OutboxState
from storage.types import utc_now

DEFAULT_LEASE = timedelta(seconds=60)
DEFAULT_MAX_ATTEMPTS = 8
_DUE_STATES = (OutboxState.PENDING.value, OutboxState.RETRY.value)
_ERROR_LIMIT = 1000
_ENQUEUE_BATCH = 500  # rows per INSERT: 9 parameters each stays far below SQLite's variable limit


def retry_delay(
    attempts: int,
    *,
    base: timedelta = timedelta(seconds=5),
    cap: timedelta = timedelta(hours=1),
    jitter: float = 0.2,
    rng: Callable[[], float] = random.random,
) -> timedelta:
    """Exponential backoff after the ``attempts``-th failure: base·2^(attempts-1), capped, ± jitter."""
    exponent = max(attempts, 1) - 1
    seconds = min(base.total_seconds() * (2 ** min(exponent, 32)), cap.total_seconds())
    seconds *= 1 + jitter * (2 * rng() - 1)
    return timedelta(seconds=max(seconds, 0.0))


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One message to queue with :meth:`OutboxRepository.enqueue_many` (fields as in ``enqueue``)."""

    chat_id: int
    message_key: str
    dedup_key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    not_before: datetime | None = None


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(
        self,
        *,
        chat_id: int,
        message_key: str,
        params: Mapping[str, Any] | None = None,
        dedup_key: str,
        not_before: datetime | None = None,
        now: datetime | None = None,
    ) -> OutboxRecord | None:
        """Queue a message; ``None`` if a message with this ``dedup_key`` was queued before.

        ``params`` must be JSON (strings for Decimals and dates); they are the Fluent arguments of
        ``message_key``, rendered in the chat's language at send time.
        """
        now = now or utc_now()
        stmt = (
            insert_for(self.session, OutboxMessage)
            .values(
                chat_id=chat_id,
                message_key=message_key,
                params=dict(params or {}),
                dedup_key=dedup_key,
                state=OutboxState.PENDING.value,
                attempts=0,
                next_attempt_at=not_before or now,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=[OutboxMessage.dedup_key])
            .returning(OutboxMessage)
        )
        row = await self.session.scalar(stmt)
        return None if row is None else OutboxRecord.model_validate(row)

    async def enqueue_many(self, items: Sequence[OutboxItem], *, now: datetime | None = None) -> list[str]:
        """Queue many messages in few statements; returns the dedup keys that were new.

        Same rules as :meth:`enqueue` (a dedup key queued before is skipped), for a poller that
        promises hundreds of messages in one transaction.
        """
        now = now or utc_now()
        rows: list[dict[str, Any]] = [
            {
                "chat_id": item.chat_id,
                "message_key": item.message_key,
                "params": dict(item.params),
                "dedup_key": item.dedup_key,
                "state": OutboxState.PENDING.value,
                "attempts": 0,
                "next_attempt_at": item.not_before or now,
                "created_at": now,
                "updated_at": now,
            }
            for item in items
        ]
        created: list[str] = []
        for start in range(0, len(rows), _ENQUEUE_BATCH):
            stmt = (
                insert_for(self.session, OutboxMessage)
                .values(rows[start : start + _ENQUEUE_BATCH])
                .on_conflict_do_nothing(index_elements=[OutboxMessage.dedup_key])
                .returning(OutboxMessage.dedup_key)
            )
            created.extend(await self.session.scalars(stmt))
        return created

    async def claim_batch(
        self,
        limit: int,
        *,
        worker_id: str,
        now: datetime | None = None,
        lease: timedelta = DEFAULT_LEASE,
    ) -> list[OutboxRecord]:
        """Take up to ``limit`` due messages for ``worker_id`` until ``now + lease``; oldest due first."""
        now = now or utc_now()
        candidates = (
            select(OutboxMessage.id)
            .where(OutboxMessage.state.in_(_DUE_STATES), OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite renders no locking clause
        )
        stmt = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(candidates), OutboxMessage.state.in_(_DUE_STATES))
            .values(
                state=OutboxState.CLAIMED.value,
                claimed_by=worker_id,
                lease_until=now + lease,
                attempts=OutboxMessage.attempts + 1,
                updated_at=now,
            )
            .returning(OutboxMessage)
            .execution_options(populate_existing=True, synchronize_session=False)
        )
        rows = list(await self.session.scalars(stmt))
        records = [OutboxRecord.model_validate(row) for row in rows]
        records.sort(key=lambda record: (record.next_attempt_at, record.id))
        return records

    async def claim_for_chats(
        self,
        chat_ids: Collection[int],
        *,
        worker_id: str,
        due_before: datetime,
        now: datetime | None = None,
        lease: timedelta = DEFAULT_LEASE,
        limit: int = 500,
    ) -> list[OutboxRecord]:
        """Also take these chats' messages due before ``due_before`` (a little ahead of ``now``).

        A sender that holds one message of a chat takes the chat's other waiting messages with it,
        to merge them into one Telegram message; messages held for longer (quiet hours, backoff)
        stay where they are. Same lease and attempt counting as :meth:`claim_batch`.
        """
        if not chat_ids:
            return []
        now = now or utc_now()
        candidates = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.chat_id.in_(list(chat_ids)),
                OutboxMessage.state.in_(_DUE_STATES),
                OutboxMessage.next_attempt_at <= due_before,
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        stmt = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(candidates), OutboxMessage.state.in_(_DUE_STATES))
            .values(
                state=OutboxState.CLAIMED.value,
                claimed_by=worker_id,
                lease_until=now + lease,
                attempts=OutboxMessage.attempts + 1,
                updated_at=now,
            )
            .returning(OutboxMessage)
            .execution_options(populate_existing=True, synchronize_session=False)
        )
        rows = list(await self.session.scalars(stmt))
        records = [OutboxRecord.model_validate(row) for row in rows]
        records.sort(key=lambda record: (record.next_attempt_at, record.id))
        return records

    async def _finish(self, message_id: int, worker_id: str, **values: Any) -> bool:
        """Apply ``values`` if ``worker_id`` still holds the message; ``False`` if its lease was lost."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.state == OutboxState.CLAIMED.value,
                OutboxMessage.claimed_by == worker_id,
            )
            .values(claimed_by=None, lease_until=None, **values)
            .returning(OutboxMessage.id)
        )
        return result.first() is not None

    async def mark_sent(self, message_id: int, *, worker_id: str, now: datetime | None = None) -> bool:
        now = now or utc_now()
        return await self._finish(
            message_id, worker_id, state=OutboxState.SENT.value, sent_at=now, last_error=None, updated_at=now
        )

    async def mark_failed(
        self,
        message_id: int,
        *,
        worker_id: str,
        error: str,
        retry_at: datetime | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        now: datetime | None = None,
    ) -> OutboxState | None:
        """A failed attempt: retry at ``retry_at`` (default: :func:`retry_delay` backoff), or give up
        when ``max_attempts`` attempts were made. Returns the new state, ``None`` if the lease was lost.
        """
        now = now or utc_now()
        attempts = await self.session.scalar(
            select(OutboxMessage.attempts).where(
                OutboxMessage.id == message_id,
                OutboxMessage.state == OutboxState.CLAIMED.value,
                OutboxMessage.claimed_by == worker_id,
            )
        )
        if attempts is None:
            return None
        if attempts >= max_attempts:
            done = await self.mark_dead(message_id, worker_id=worker_id, error=error, now=now)
            return OutboxState.DEAD if done else None
        done = await self._finish(
            message_id,
            worker_id,
            state=OutboxState.RETRY.value,
            next_attempt_at=retry_at or now + retry_delay(attempts),
            last_error=error[:_ERROR_LIMIT],
            updated_at=now,
        )
        return OutboxState.RETRY if done else None

    async def mark_dead(
        self, message_id: int, *, worker_id: str, error: str, now: datetime | None = None
    ) -> bool:
        """Give up on the message now (a permanent error: the bot is blocked, the chat is gone)."""
        now = now or utc_now()
        return await self._finish(
            message_id,
            worker_id,
            state=OutboxState.DEAD.value,
            last_error=error[:_ERROR_LIMIT],
            updated_at=now,
        )

    async def postpone(
        self, message_id: int, *, worker_id: str, until: datetime, now: datetime | None = None
    ) -> bool:
        """Put the message back until ``until`` without counting the attempt (Telegram flood control)."""
        return await self._finish(
            message_id,
            worker_id,
            state=OutboxState.RETRY.value,
            next_attempt_at=until,
            attempts=OutboxMessage.attempts - 1,
            updated_at=now or utc_now(),
        )

    async def release_stale(
        self, *, now: datetime | None = None, max_attempts: int = DEFAULT_MAX_ATTEMPTS
    ) -> int:
        """Return messages whose lease expired (their worker died) to the queue; returns how many.

        Those that already used ``max_attempts`` are given up instead.
        """
        now = now or utc_now()
        expired = [
            OutboxMessage.state == OutboxState.CLAIMED.value,
            OutboxMessage.lease_until < now,
        ]
        dead = await self.session.execute(
            update(OutboxMessage)
            .where(*expired, OutboxMessage.attempts >= max_attempts)
            .values(
                state=OutboxState.DEAD.value,
                claimed_by=None,
                lease_until=None,
                last_error="lease expired",
                updated_at=now,
            )
            .returning(OutboxMessage.id)
        )
        back = await self.session.execute(
            update(OutboxMessage)
            .where(*expired)
            .values(
                state=OutboxState.RETRY.value,
                claimed_by=None,
                lease_until=None,
                next_attempt_at=now,
                last_error="lease expired",
                updated_at=now,
            )
            .returning(OutboxMessage.id)
        )
        return len(dead.all()) + len(back.all())

    async def claimed_workers(self) -> list[str]:
        """The workers holding claimed rows now (to find the ones that died)."""
        rows = await self.session.scalars(
            select(OutboxMessage.claimed_by)
            .where(OutboxMessage.state == OutboxState.CLAIMED.value, OutboxMessage.claimed_by.is_not(None))
            .distinct()
        )
        return [worker for worker in rows if worker]

    async def recover_worker(
        self, worker_id: str, sent_ids: Collection[int], *, now: datetime | None = None
    ) -> tuple[int, int]:
        """A dead worker's rows: those it had sent (its journal) become sent, the rest due now.

        Rows of ``sent_ids`` that an expired lease already put back in the queue are marked sent
        too, so they are not sent again. Returns (marked sent, handed back).
        """
        now = now or utc_now()
        sent = 0
        ids = sorted(sent_ids)
        for start in range(0, len(ids), _ENQUEUE_BATCH):
            chunk = ids[start : start + _ENQUEUE_BATCH]
            result = await self.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_(chunk),
                    or_(
                        OutboxMessage.state.in_(_DUE_STATES),
                        (OutboxMessage.state == OutboxState.CLAIMED.value)
                        & (OutboxMessage.claimed_by == worker_id),
                    ),
                )
                .values(
                    state=OutboxState.SENT.value,
                    sent_at=now,
                    claimed_by=None,
                    lease_until=None,
                    last_error=None,
                    updated_at=now,
                )
                .returning(OutboxMessage.id)
            )
            sent += len(result.all())
        back = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state == OutboxState.CLAIMED.value, OutboxMessage.claimed_by == worker_id)
            .values(
                state=OutboxState.RETRY.value,
                claimed_by=None,
                lease_until=None,
                next_attempt_at=now,
                last_error="worker died",
                updated_at=now,
            )
            .returning(OutboxMessage.id)
        )
        return sent, len(back.all())

    async def cancel_for_chat(self, chat_id: int, *, reason: str, now: datetime | None = None) -> int:
        """Give up every waiting message of a chat (it blocked the bot); returns how many."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state.in_(_DUE_STATES))
            .values(
                state=OutboxState.DEAD.value, last_error=reason[:_ERROR_LIMIT], updated_at=now or utc_now()
            )
            .returning(OutboxMessage.id)
        )
        return len(result.all())

    async def get(self, message_id: int) -> OutboxRecord | None:
        row = await self.session.get(OutboxMessage, message_id, populate_existing=True)
        return None if row is None else OutboxRecord.model_validate(row)

    async def get_by_dedup_key(self, dedup_key: str) -> OutboxRecord | None:
        row = await self.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.dedup_key == dedup_key)
            .execution_options(populate_existing=True)
        )
        return None if row is None else OutboxRecord.model_validate(row)

    async def count_by_state(self) -> dict[OutboxState, int]:
        result = await self.session.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        )
        counts = dict.fromkeys(OutboxState, 0)
        for state, count in result:
            counts[OutboxState(state)] = int(count)
        return counts

    async def next_due_at(self) -> datetime | None:
        """When the earliest waiting message is due (lets a worker sleep until then)."""
        value = await self.session.scalar(
            select(func.min(OutboxMessage.next_attempt_at)).where(OutboxMessage.state.in_(_DUE_STATES))
        )
        return value

    async def purge(self, *, before: datetime) -> int:
        """Delete sent and dead messages last touched before ``before`` (dedup keys are forgotten too)."""
        result = await self.session.execute(
            delete(OutboxMessage)
            .where(
                OutboxMessage.state.in_([OutboxState.SENT.value, OutboxState.DEAD.value]),
                OutboxMessage.updated_at < before,
            )
            .returning(OutboxMessage.id)
        )
        return len(result.all())
