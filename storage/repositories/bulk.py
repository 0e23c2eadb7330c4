"""Bulk imports: a spreadsheet's lines, their validation problems, prices and creation states."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.busy_models import BulkImport, BulkRow
from storage.schemas import Record
from storage.types import utc_now


class BulkState(StrEnum):
    VALIDATED = "validated"  # checked and priced, waiting for the seller's confirm
    RUNNING = "running"  # confirmed: lines are being created (resumed after a restart)
    DONE = "done"
    CANCELLED = "cancelled"


class BulkRowState(StrEnum):
    INVALID = "invalid"  # has problems: never sent
    VALID = "valid"  # checked, waiting
    CREATED = "created"
    FAILED = "failed"  # BTS refused it (its message kept); the others go on
    UNSURE = "unsure"  # sent, answer lost and not found again: the seller checks


class BulkRowData(BaseModel):
    model_config = ConfigDict(frozen=True)

    row_number: int
    draft: dict[str, Any] | None = None
    problems: list[dict[str, Any]] = []
    price: Decimal | None = None


class BulkImportRecord(Record):
    id: int
    owner_id: int
    filename: str
    state: BulkState
    total_rows: int
    valid_rows: int
    total_price: Decimal | None
    chat_id: int | None
    progress_message_id: int | None
    created_at: datetime
    updated_at: datetime


class BulkRowRecord(Record):
    id: int
    import_id: int
    row_number: int
    state: BulkRowState
    draft: dict[str, Any] | None
    problems: list[dict[str, Any]] | None
    price: Decimal | None
    reference: str | None
    order_id: int | None
    message: str | None


def row_reference(import_id: int, row_number: int) -> str:
    """The order reference (BTS ``clientId``) of a line: fixed, so a resumed line is the same order."""
    return f"bulk-{import_id}-{row_number}"


class BulkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create_import(
        self,
        *,
        owner_id: int,
        filename: str,
        rows: Sequence[BulkRowData],
        chat_id: int | None = None,
        now: datetime | None = None,
    ) -> BulkImportRecord:
        now = now or utc_now()
        valid = [r for r in rows if not r.problems and r.draft is not None]
        prices = [r.price for r in valid if r.price is not None]
        batch = BulkImport(
            owner_id=owner_id,
            filename=filename[:255],
            state=BulkState.VALIDATED,
            total_rows=len(rows),
            valid_rows=len(valid),
            total_price=sum(prices, Decimal(0)) if prices else None,
            chat_id=chat_id,
            created_at=now,
            updated_at=now,
        )
        self.session.add(batch)
        await self.session.flush()
        # One executemany, not an ORM flush per line: a 1,000-line sheet is stored in one go.
        await self.session.execute(
            insert(BulkRow),
            [
                {
                    "import_id": batch.id,
                    "row_number": r.row_number,
                    "state": BulkRowState.INVALID if r.problems or r.draft is None else BulkRowState.VALID,
                    "draft": r.draft,
                    "problems": list(r.problems) or None,
                    "price": r.price,
                    "reference": None
                    if r.problems or r.draft is None
                    else row_reference(batch.id, r.row_number),
                    "updated_at": now,
                }
                for r in rows
            ],
        )
        await self.session.flush()
        return BulkImportRecord.model_validate(batch)

    async def get(self, import_id: int) -> BulkImportRecord | None:
        row = await self.session.get(BulkImport, import_id, populate_existing=True)
        return BulkImportRecord.model_validate(row) if row is not None else None

    async def latest_for_owner(self, owner_id: int) -> BulkImportRecord | None:
        row = (
            await self.session.execute(
                select(BulkImport)
                .where(BulkImport.owner_id == owner_id)
                .order_by(BulkImport.created_at.desc(), BulkImport.id.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
        return BulkImportRecord.model_validate(row) if row is not None else None

    async def list_running(self) -> list[BulkImportRecord]:
        rows = (
            await self.session.execute(
                select(BulkImport).where(BulkImport.state == BulkState.RUNNING).order_by(BulkImport.id)
            )
        ).scalars()
        return [BulkImportRecord.model_validate(r) for r in rows]

    async def set_state(
        self, import_id: int, state: BulkState, *, only_from: Collection[BulkState] = ()
    ) -> bool:
        """Move the import to ``state`` (only from ``only_from`` if given); ``False`` if it was not."""
        stmt = update(BulkImport).where(BulkImport.id == import_id)
        if only_from:
            stmt = stmt.where(BulkImport.state.in_([s.value for s in only_from]))
        result = await self.session.execute(
            stmt.values(state=state, updated_at=utc_now()).returning(BulkImport.id)
        )
        return result.first() is not None

    async def set_progress(self, import_id: int, *, chat_id: int, message_id: int) -> None:
        await self.session.execute(
            update(BulkImport)
            .where(BulkImport.id == import_id)
            .values(chat_id=chat_id, progress_message_id=message_id, updated_at=utc_now())
        )

    async def rows(
        self, import_id: int, states: Collection[BulkRowState] | None = None
    ) -> list[BulkRowRecord]:
        stmt = select(BulkRow).where(BulkRow.import_id == import_id)
        if states is not None:
            stmt = stmt.where(BulkRow.state.in_([s.value for s in states]))
        result = await self.session.execute(stmt.order_by(BulkRow.row_number))
        return [BulkRowRecord.model_validate(r) for r in result.scalars()]

    async def counts(self, import_id: int) -> dict[BulkRowState, int]:
        result = await self.session.execute(
            select(BulkRow.state, func.count()).where(BulkRow.import_id == import_id).group_by(BulkRow.state)
        )
        out = dict.fromkeys(BulkRowState, 0)
        for state, count in result.all():
            out[BulkRowState(state)] = int(count)
        return out

    async def mark_row(
        self,
        row_id: int,
        state: BulkRowState,
        *,
        order_id: int | None = None,
        message: str | None = None,
    ) -> None:
        values: dict[str, Any] = {"state": state, "updated_at": utc_now(), "message": message}
        if order_id is not None:
            values["order_id"] = order_id
        await self.session.execute(update(BulkRow).where(BulkRow.id == row_id).values(**values))
