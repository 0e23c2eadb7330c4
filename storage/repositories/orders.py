"""Orders created or seen through the bot, keyed by the BTS order id.

Upserts read the stored row first, merge in Python (``None`` in the input keeps what is stored; the
first owner stays the owner), then write with ``INSERT ... ON CONFLICT (bts_order_id) DO UPDATE``,
so two writers racing on a new order cannot fail on the unique key.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, case, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Order
from storage.repositories._sql import dialect_name, insert_for, matches, search_text
from storage.schemas import OrderData, OrderRecord, OrderUpsertResult, Page
from storage.types import utc_now

ORDERS = cast(Table, Order.__table__)
_BATCH = 500
_UPSERT_CACHE: dict[str, Any] = {}

# Columns an upsert writes; ``id`` and ``created_at`` are set once, on insert.
_MERGED = (
    "bts_order_id",
    "reference",
    "barcode",
    "owner_id",
    "bts_account_id",
    "international",
    "receiver_name",
    "receiver_phone",
    "receiver_city",
    "cost",
    "cod_amount",
    "status_code",
    "is_final",
    "status_changed_at",
    "snapshot",
    "snapshot_at",
    "search_text",
    "updated_at",
)


def _order_search_text(values: dict[str, Any]) -> str:
    return search_text(
        texts=(values.get("barcode"), values.get("receiver_name"), values.get("reference")),
        phones=(values.get("receiver_phone"),),
    )


def _merge(existing: Order | None, data: OrderData, now: datetime) -> tuple[dict[str, Any], bool]:
    """The full row to write and whether the status changed."""
    values: dict[str, Any] = {}
    for field in OrderData.model_fields:
        new = getattr(data, field)
        old = getattr(existing, field) if existing is not None else None
        values[field] = new if new is not None else old
    if existing is not None:
        # An order keeps the merchant (and account) it was first stored for.
        for field in ("owner_id", "bts_account_id", "reference"):
            if getattr(existing, field) is not None:
                values[field] = getattr(existing, field)
    values["international"] = bool(values["international"])
    values["is_final"] = bool(values["is_final"])
    previous = existing.status_code if existing is not None else None
    changed = data.status_code is not None and (existing is None or data.status_code != previous)
    values["status_changed_at"] = now if changed else (existing.status_changed_at if existing else None)
    values["snapshot_at"] = now if data.snapshot is not None else (existing.snapshot_at if existing else None)
    values["search_text"] = _order_search_text(values)
    values["updated_at"] = now
    values["created_at"] = existing.created_at if existing is not None else now
    return values, changed


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- writes --------------------------------------------------------------------------------

    async def create_pending(
        self,
        *,
        reference: str,
        owner_id: int,
        bts_account_id: int | None = None,
        receiver_name: str | None = None,
        receiver_phone: str | None = None,
        receiver_city: str | None = None,
        cost: Decimal | None = None,
        cod_amount: Decimal | None = None,
        now: datetime | None = None,
    ) -> OrderRecord:
        """Store an order about to be sent to BTS (no BTS id yet), under our own ``reference``.

        Written and committed before the create request, so a create whose answer was lost can be
        recognised by its reference; :meth:`upsert` with the same reference completes it.
        """
        now = now or utc_now()
        values: dict[str, Any] = {
            "reference": reference,
            "owner_id": owner_id,
            "bts_account_id": bts_account_id,
            "receiver_name": receiver_name,
            "receiver_phone": receiver_phone,
            "receiver_city": receiver_city,
            "cost": cost,
            "cod_amount": cod_amount,
        }
        order = Order(**values, search_text=_order_search_text(values), created_at=now, updated_at=now)
        self.session.add(order)
        await self.session.flush()
        return OrderRecord.model_validate(order)

    async def delete_pending(self, reference: str) -> bool:
        """Forget a create that certainly did not happen upstream."""
        result = await self.session.execute(
            delete(Order)
            .where(Order.reference == reference, Order.bts_order_id.is_(None))
            .returning(Order.id)
        )
        return result.first() is not None

    async def upsert(self, data: OrderData, *, now: datetime | None = None) -> OrderUpsertResult:
        return (await self.upsert_many([data], now=now))[0]

    async def upsert_many(
        self, items: Sequence[OrderData], *, now: datetime | None = None
    ) -> list[OrderUpsertResult]:
        """Upsert a batch (the poller's page of orders); results in input order.

        Three statements per batch of up to 500 orders: read the stored rows, write them all, read
        them back. A pending order (same ``reference``, no BTS id yet) is completed in place.
        """
        now = now or utc_now()
        results: list[OrderUpsertResult] = []
        for start in range(0, len(items), _BATCH):
            results.extend(await self._upsert_batch(items[start : start + _BATCH], now))
        return results

    async def _upsert_batch(self, items: Sequence[OrderData], now: datetime) -> list[OrderUpsertResult]:
        latest: dict[int, OrderData] = {}
        for item in items:  # the same order twice in one batch: merged, later values win
            earlier = latest.get(item.bts_order_id)
            if earlier is not None:
                item = earlier.model_copy(update=item.model_dump(exclude_none=True))
            latest[item.bts_order_id] = item
        existing = {
            row.bts_order_id: row
            for row in await self.session.scalars(
                select(Order).where(Order.bts_order_id.in_(latest)).execution_options(populate_existing=True)
            )
            if row.bts_order_id is not None
        }
        references = [
            item.reference for bts_id, item in latest.items() if bts_id not in existing and item.reference
        ]
        pending: dict[str, Order] = {}
        if references:
            pending = {
                row.reference: row
                for row in await self.session.scalars(
                    select(Order).where(Order.reference.in_(references), Order.bts_order_id.is_(None))
                )
                if row.reference is not None
            }

        upserts: list[dict[str, Any]] = []
        outcome: dict[int, tuple[bool, bool, int | None]] = {}
        for bts_id, item in latest.items():
            stored = existing.get(bts_id)
            if stored is None and item.reference is not None:
                stored = pending.get(item.reference)
            values, changed = _merge(stored, item, now)
            outcome[bts_id] = (stored is None, changed, stored.status_code if stored is not None else None)
            if stored is not None and stored.bts_order_id is None:
                values.pop("created_at")
                await self.session.execute(update(Order).where(Order.id == stored.id).values(**values))
            else:
                upserts.append(values)

        if upserts:
            await self.session.execute(self._upsert_statement(), upserts)

        rows = {
            row.bts_order_id: row
            for row in await self.session.scalars(
                select(Order).where(Order.bts_order_id.in_(latest)).execution_options(populate_existing=True)
            )
        }
        records = {
            bts_id: OrderRecord.model_validate(row) for bts_id, row in rows.items() if bts_id is not None
        }
        return [
            OrderUpsertResult(
                order=records[item.bts_order_id],
                created=outcome[item.bts_order_id][0],
                status_changed=outcome[item.bts_order_id][1],
                previous_status=outcome[item.bts_order_id][2],
            )
            for item in items
        ]

    def _upsert_statement(self) -> Any:
        """``INSERT ... ON CONFLICT (bts_order_id) DO UPDATE``, built once per dialect (building it costs
        more than running it)."""
        name = dialect_name(self.session)
        stmt = _UPSERT_CACHE.get(name)
        if stmt is None:
            insert = insert_for(self.session, ORDERS)
            stmt = insert.on_conflict_do_update(
                index_elements=[ORDERS.c.bts_order_id],
                set_={column: insert.excluded[column] for column in _MERGED if column != "bts_order_id"},
            )
            _UPSERT_CACHE[name] = stmt
        return stmt

    async def mark_checked(self, order_ids: Collection[int], *, now: datetime | None = None) -> None:
        """Record that the poller looked at these orders (whether or not anything changed)."""
        if order_ids:
            await self.session.execute(
                update(Order).where(Order.id.in_(list(order_ids))).values(checked_at=now or utc_now())
            )

    async def claim_checks(
        self, order_ids: Collection[int], *, now: datetime, checked_before: datetime
    ) -> set[int]:
        """Take these orders for a check now: those not checked (or taken) since ``checked_before``.

        Sets ``checked_at`` to ``now`` and returns the ids this caller won; a worker running the
        same pass concurrently gets the others (PostgreSQL re-reads a row a concurrent update
        changed, so each order goes to one worker). The later :meth:`mark_checked` keeps ``now``.
        """
        if not order_ids:
            return set()
        rows = await self.session.execute(
            update(Order)
            .where(
                Order.id.in_(list(order_ids)),
                Order.checked_at.is_(None) | (Order.checked_at < checked_before),
            )
            .values(checked_at=now)
            .returning(Order.id)
            .execution_options(synchronize_session=False)
        )
        return {row[0] for row in rows}

    # --- reads -------------------------------------------------------------------------------------

    async def oldest_check(self) -> datetime | None:
        """The oldest ``checked_at`` among unfinished orders the poller follows (``None``: none)."""
        oldest: datetime | None = await self.session.scalar(
            select(func.min(func.coalesce(Order.checked_at, Order.created_at))).where(
                Order.is_final.is_(False), Order.bts_order_id.is_not(None)
            )
        )
        return oldest

    async def _one(self, *conditions: Any) -> OrderRecord | None:
        row = await self.session.scalar(
            select(Order)
            .where(*conditions)
            .order_by(Order.created_at.desc(), Order.id.desc())
            .limit(1)
            .execution_options(populate_existing=True)
        )
        return None if row is None else OrderRecord.model_validate(row)

    async def get(self, order_id: int) -> OrderRecord | None:
        return await self._one(Order.id == order_id)

    async def list_unsure(self, *, created_before: datetime, limit: int = 20) -> list[OrderRecord]:
        """Creates whose answer was lost (no BTS id yet) older than ``created_before``, oldest first."""
        rows = await self.session.scalars(
            select(Order)
            .where(
                Order.bts_order_id.is_(None),
                Order.reference.is_not(None),
                Order.created_at <= created_before,
            )
            .order_by(Order.created_at, Order.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [OrderRecord.model_validate(row) for row in rows]

    async def max_bts_id_before(self, moment: datetime) -> int | None:
        """The highest BTS order id we stored for an order made before ``moment`` (BTS ids grow)."""
        value = await self.session.scalar(
            select(func.max(Order.bts_order_id)).where(
                Order.bts_order_id.is_not(None), Order.created_at <= moment
            )
        )
        return None if value is None else int(value)

    async def get_by_bts_id(self, bts_order_id: int) -> OrderRecord | None:
        return await self._one(Order.bts_order_id == bts_order_id)

    async def get_by_reference(self, reference: str) -> OrderRecord | None:
        return await self._one(Order.reference == reference)

    async def get_by_barcode(self, barcode: str, *, owner_id: int | None = None) -> OrderRecord | None:
        """The order with this barcode (the newest if BTS ever reused one); optionally only the owner's."""
        conditions = [Order.barcode == barcode.strip()]
        if owner_id is not None:
            conditions.append(Order.owner_id == owner_id)
        return await self._one(*conditions)

    async def list_for_owner(
        self,
        owner_id: int,
        *,
        final: bool | None = None,
        status_codes: Collection[int] | None = None,
        query: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> Page[OrderRecord]:
        """The owner's orders, newest first.

        ``final=False`` gives the active ones; ``status_codes`` narrows to statuses the caller names
        (delivered, cancelled: the services layer owns the status table); ``query`` matches the
        barcode, the receiver's name or phone, or our reference. Pending creates are included.
        """
        conditions: list[Any] = [Order.owner_id == owner_id]
        if final is not None:
            conditions.append(Order.is_final.is_(final))
        if status_codes is not None:
            conditions.append(Order.status_code.in_(list(status_codes)))
        if query and query.strip():
            conditions.append(matches(Order.search_text, query))
        total = await self.session.scalar(select(func.count()).select_from(Order).where(*conditions))
        rows = await self.session.scalars(
            select(Order)
            .where(*conditions)
            .order_by(Order.created_at.desc(), Order.id.desc())
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return Page(
            items=tuple(OrderRecord.model_validate(row) for row in rows),
            total=int(total or 0),
            offset=offset,
            limit=limit,
        )

    async def list_created_between(
        self, owner_id: int, low: datetime, high: datetime, *, cod_only: bool = False, limit: int = 10_000
    ) -> list[OrderRecord]:
        """The owner's orders BTS made (not pending creates) created in ``[low, high)``, oldest
        first; ``cod_only``: those with cash on delivery."""
        conditions: list[Any] = [
            Order.owner_id == owner_id,
            Order.bts_order_id.is_not(None),
            Order.created_at >= low,
            Order.created_at < high,
        ]
        if cod_only:
            conditions += [Order.cod_amount.is_not(None), Order.cod_amount > 0]
        rows = await self.session.scalars(
            select(Order)
            .where(*conditions)
            .order_by(Order.created_at, Order.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [OrderRecord.model_validate(row) for row in rows]

    async def list_due_for_check(self, *, checked_before: datetime, limit: int = 100) -> list[OrderRecord]:
        """Unfinished orders the poller has not looked at since ``checked_before``; never-checked first."""
        rows = await self.session.scalars(
            select(Order)
            .where(
                Order.is_final.is_(False),
                Order.bts_order_id.is_not(None),
                Order.checked_at.is_(None) | (Order.checked_at < checked_before),
            )
            .order_by(case((Order.checked_at.is_(None), 0), else_=1), Order.checked_at, Order.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [OrderRecord.model_validate(row) for row in rows]

    async def list_due_for_poll(
        self,
        *,
        fresh_since: datetime,
        fresh_checked_before: datetime,
        stale_checked_before: datetime,
        after_id: int = 0,
        limit: int = 500,
    ) -> list[OrderRecord]:
        """Unfinished orders worth a poll, in id order (page with ``after_id``).

        An order that changed (or was created) since ``fresh_since`` is due once not checked since
        ``fresh_checked_before``; an older one once not checked since ``stale_checked_before``; one
        never checked is always due. The poller narrows this further (jitter) in Python.
        """
        age = func.coalesce(Order.status_changed_at, Order.created_at)
        rows = await self.session.scalars(
            select(Order)
            .where(
                Order.is_final.is_(False),
                Order.bts_order_id.is_not(None),
                Order.id > after_id,
                Order.checked_at.is_(None)
                | (Order.checked_at < stale_checked_before)
                | ((age >= fresh_since) & (Order.checked_at < fresh_checked_before)),
            )
            .order_by(Order.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [OrderRecord.model_validate(row) for row in rows]
