"""The ledger of Telegram updates taken on: each update handled once, whatever Telegram redelivers.

Telegram sends an update again until it is confirmed (polling: the next ``getUpdates`` offset) or
answered 200 (webhook). The bot confirms only after handling, so a process killed mid-update
loses nothing; this ledger makes the redelivery of an update that *was* handled a no-op:

- :meth:`UpdateLedger.claim` inserts the row (``done = false``) and says whether this process
  should handle the update: yes when new, or when a claim older than ``stale_after`` was left by
  a process that died; no when it is done, or is being handled elsewhere right now;
- :meth:`UpdateLedger.finish` marks it done (after the handling is committed);
- :meth:`UpdateLedger.is_done` is all the long-polling process needs before handling: it is the
  only process taking updates and knows what it has in flight (one write an update, not two);
- :meth:`UpdateLedger.release` drops a claim whose handling failed before it took effect;
- :meth:`UpdateLedger.purge` forgets old rows (Telegram keeps an update at most 24 hours).

Each call is one short transaction of its own on the engine (never the caller's session).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import HandledUpdate
from storage.types import utc_now

KEEP = timedelta(days=2)


class Claim(StrEnum):
    MINE = "mine"  # handle it now
    DONE = "done"  # handled before: answer as if handled
    BUSY = "busy"  # another process is handling it: ask Telegram to come back later


class UpdateLedger:
    def __init__(self, engine: AsyncEngine, *, stale_after: timedelta) -> None:
        self._engine = engine
        self.stale_after = stale_after
        self._insert = sqlite.insert if engine.dialect.name == "sqlite" else postgresql.insert

    async def claim(self, update_id: int, *, now: datetime | None = None) -> Claim:
        now = now or utc_now()
        async with self._engine.begin() as conn:
            inserted = await conn.execute(
                self._insert(HandledUpdate)
                .values(update_id=update_id, done=False, claimed_at=now)
                .on_conflict_do_nothing(index_elements=[HandledUpdate.update_id])
                .returning(HandledUpdate.update_id)
            )
            if inserted.first() is not None:
                return Claim.MINE
            taken = await conn.execute(
                update(HandledUpdate)
                .where(
                    HandledUpdate.update_id == update_id,
                    HandledUpdate.done.is_(False),
                    HandledUpdate.claimed_at < now - self.stale_after,
                )
                .values(claimed_at=now)
                .returning(HandledUpdate.update_id)
            )
            if taken.first() is not None:
                return Claim.MINE
            done = await conn.scalar(select(HandledUpdate.done).where(HandledUpdate.update_id == update_id))
        return Claim.DONE if done else Claim.BUSY

    async def finish(self, update_id: int, *, now: datetime | None = None) -> None:
        """Mark it done (claimed or not: the one-process poller does not claim, see :meth:`is_done`)."""
        stmt = self._insert(HandledUpdate).values(update_id=update_id, done=True, claimed_at=now or utc_now())
        async with self._engine.begin() as conn:
            await conn.execute(
                stmt.on_conflict_do_update(index_elements=[HandledUpdate.update_id], set_={"done": True})
            )

    async def is_done(self, update_id: int) -> bool:
        """Whether it was handled (a read only: for the poller, the one process taking updates,
        which knows what it has in flight and so needs no claim row)."""
        async with self._engine.connect() as conn:
            done = await conn.scalar(select(HandledUpdate.done).where(HandledUpdate.update_id == update_id))
        return bool(done)

    async def release(self, update_id: int) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                delete(HandledUpdate).where(
                    HandledUpdate.update_id == update_id, HandledUpdate.done.is_(False)
                )
            )

    async def purge(self, *, now: datetime | None = None) -> int:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                delete(HandledUpdate).where(HandledUpdate.claimed_at < (now or utc_now()) - KEEP)
            )
        return int(getattr(result, "rowcount", 0) or 0)
