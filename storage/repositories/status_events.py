"""Status events per order, stored once however often the same history is polled.

The natural key is (order, status, upstream timestamp); inserts use ``ON CONFLICT DO NOTHING
RETURNING`` so the caller learns exactly which events are new (and worth a notification).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OrderStatusEvent
from storage.repositories._sql import insert_for
from storage.schemas import StatusEventData, StatusEventRecord
from storage.types import utc_now

EVENTS = cast(Table, OrderStatusEvent.__table__)
_BATCH = 500  # rows per INSERT: 7 parameters each stays far below SQLite's variable limit


class StatusEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_if_new(
        self, order_id: int, event: StatusEventData, *, now: datetime | None = None
    ) -> StatusEventRecord | None:
        """The stored event, or ``None`` if it was already there."""
        new = await self.add_many_if_new([(order_id, event)], now=now)
        return new[0] if new else None

    async def add_many_if_new(
        self, events: Iterable[tuple[int, StatusEventData]], *, now: datetime | None = None
    ) -> list[StatusEventRecord]:
        """Store the events not seen before (of one or many orders); returns those, oldest first.

        The upstream timestamp is part of the key, so callers must pass the event's own time (for
        histories that give none, a time derived from the event, never the polling time).
        """
        now = now or utc_now()
        rows: list[dict[str, Any]] = [
            {
                "order_id": order_id,
                "status_code": event.status_code,
                "occurred_at": event.occurred_at,
                "message": event.message,
                "location": event.location,
                "recorded_at": now,
            }
            for order_id, event in events
        ]
        created: list[StatusEventRecord] = []
        for start in range(0, len(rows), _BATCH):
            stmt = (
                insert_for(self.session, EVENTS)
                .values(rows[start : start + _BATCH])
                .on_conflict_do_nothing(
                    index_elements=[EVENTS.c.order_id, EVENTS.c.status_code, EVENTS.c.occurred_at]
                )
                .returning(*EVENTS.c)
            )
            result = await self.session.execute(stmt)
            created.extend(StatusEventRecord.model_validate(row) for row in result)
        created.sort(key=lambda record: (record.order_id, record.occurred_at, record.id))
        return created

    async def list_for_order(self, order_id: int) -> list[StatusEventRecord]:
        """The order's history, oldest first."""
        result = await self.session.execute(
            select(*EVENTS.c).where(EVENTS.c.order_id == order_id).order_by(EVENTS.c.occurred_at, EVENTS.c.id)
        )
        return [StatusEventRecord.model_validate(row) for row in result]

    async def latest_for_order(self, order_id: int) -> StatusEventRecord | None:
        result = await self.session.execute(
            select(*EVENTS.c)
            .where(EVENTS.c.order_id == order_id)
            .order_by(EVENTS.c.occurred_at.desc(), EVENTS.c.id.desc())
            .limit(1)
        )
        row = result.first()
        return None if row is None else StatusEventRecord.model_validate(row)
