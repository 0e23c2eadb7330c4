"""The fulfillment (WMS) side: records handed over by the ``*/clients`` lists, and our orders.

Catalog writes are upserts keyed by ``(wms_account_id, wms_id)``: storing a page twice (the sync
crashed after storing and before acknowledging, so the WMS hands the page out again) leaves one
row per record. Each write reports what the record was before, so the caller can push changes.
Never commits (the unit of work does).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import SecretStr
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import SecretBox
from storage.fulfillment_models import FulfillmentOrder, WmsProduct, WmsPurveyor, WmsReceiving
from storage.fulfillment_schemas import (
    CatalogChange,
    CatalogData,
    CatalogKind,
    CatalogRecord,
    Customer,
    FulfillmentOrderRecord,
    OrderState,
    WmsLogin,
)
from storage.models import WmsAccount
from storage.repositories._sql import insert_for, matches
from storage.schemas import Page
from storage.types import utc_now

_BATCH = 500
# ``Any``: the three models share the columns used generically (wms_account_id, wms_id, data, ...).
_MODELS: dict[CatalogKind, Any] = {
    CatalogKind.PRODUCT: WmsProduct,
    CatalogKind.PURVEYOR: WmsPurveyor,
    CatalogKind.RECEIVING: WmsReceiving,
}


def _catalog(row: WmsProduct | WmsPurveyor | WmsReceiving) -> CatalogRecord:
    extra: dict[str, Any] = {}
    if isinstance(row, WmsReceiving):
        extra = {
            "number": row.number,
            "counterparty": row.counterparty,
            "state": row.state,
            "state_changed_at": row.state_changed_at,
        }
    return CatalogRecord(
        id=row.id,
        wms_account_id=row.wms_account_id,
        wms_id=row.wms_id,
        code=row.number if isinstance(row, WmsReceiving) else row.code,
        name=row.data.get("nomenclature") if isinstance(row, WmsReceiving) else row.name,
        data=dict(row.data or {}),
        fingerprint=row.fingerprint,
        first_seen_at=row.first_seen_at,
        updated_at=row.updated_at,
        **extra,
    )


class FulfillmentRepository:
    def __init__(self, session: AsyncSession, box: SecretBox) -> None:
        self.session = session
        self.box = box

    # --- accounts -----------------------------------------------------------------------------

    async def wms_logins(self, *, after_id: int = 0, limit: int = 500) -> list[WmsLogin]:
        """Every stored WMS account, by id (the sync walks them all)."""
        rows = await self.session.scalars(
            select(WmsAccount).where(WmsAccount.id > after_id).order_by(WmsAccount.id).limit(limit)
        )
        return [
            WmsLogin(
                id=row.id,
                user_id=row.user_id,
                login=row.login,
                password=SecretStr(self.box.decrypt(row.password_enc)),
            )
            for row in rows
        ]

    # --- catalog (products, purveyors, receivings) ---------------------------------------------

    async def store_catalog(
        self,
        kind: CatalogKind,
        account_id: int,
        items: Sequence[CatalogData],
        *,
        now: datetime | None = None,
    ) -> list[CatalogChange]:
        """Upsert records of one account; returns one change per distinct ``wms_id``, in input order."""
        now = now or utc_now()
        latest: dict[int, CatalogData] = {}
        for item in items:  # the same record twice in one batch: the later one wins
            latest.pop(item.wms_id, None)
            latest[item.wms_id] = item
        changes: list[CatalogChange] = []
        ordered = list(latest.values())
        for start in range(0, len(ordered), _BATCH):
            changes.extend(await self._store_batch(kind, account_id, ordered[start : start + _BATCH], now))
        return changes

    async def _store_batch(
        self, kind: CatalogKind, account_id: int, items: Sequence[CatalogData], now: datetime
    ) -> list[CatalogChange]:
        """Three statements whatever the batch size: read what is stored, write all, nothing more."""
        model = _MODELS[kind]
        table = model.__table__
        ids = [item.wms_id for item in items]
        receiving = kind is CatalogKind.RECEIVING
        columns = [table.c.wms_id, table.c.fingerprint, table.c.first_seen_at, table.c.updated_at]
        if receiving:
            columns += [table.c.state, table.c.state_changed_at]
        connection = await self.session.connection()
        existing = {
            row.wms_id: row
            for row in await connection.execute(
                select(*columns).where(table.c.wms_account_id == account_id, table.c.wms_id.in_(ids))
            )
        }
        rows: list[dict[str, Any]] = []
        changes: list[CatalogChange] = []
        for item in items:
            old = existing.get(item.wms_id)
            changed = old is None or old.fingerprint != item.fingerprint
            values: dict[str, Any] = {
                "wms_account_id": account_id,
                "wms_id": item.wms_id,
                "data": item.data,
                "fingerprint": item.fingerprint,
                "first_seen_at": old.first_seen_at if old is not None else now,
                "updated_at": old.updated_at if old is not None and not changed else now,
            }
            state: str | None = None
            previous: str | None = None
            if receiving:
                previous = old.state if old is not None else None
                state = item.state or previous or "recorded"
                values.update(
                    number=item.number,
                    counterparty=item.counterparty,
                    state=state,
                    state_changed_at=now if old is None or previous != state else old.state_changed_at,
                )
            else:
                values.update(code=item.code, name=item.name, search_text=item.search_text)
            rows.append(values)
            changes.append(
                CatalogChange(
                    item=item, created=old is None, changed=changed, state=state, previous_state=previous
                )
            )
        statement = insert_for(self.session, table)
        updated = {
            name: getattr(statement.excluded, name)
            for name in rows[0]
            if name not in ("wms_account_id", "wms_id", "first_seen_at")
        }
        await connection.execute(
            statement.on_conflict_do_update(
                index_elements=[table.c.wms_account_id, table.c.wms_id], set_=updated
            ),
            rows,
        )
        return changes

    async def count_catalog(self, kind: CatalogKind, account_id: int) -> int:
        model = _MODELS[kind]
        value = await self.session.scalar(
            select(func.count()).select_from(model).where(model.wms_account_id == account_id)
        )
        return int(value or 0)

    async def wms_ids(self, kind: CatalogKind, account_id: int) -> list[int]:
        model = _MODELS[kind]
        return list(
            await self.session.scalars(
                select(model.wms_id).where(model.wms_account_id == account_id).order_by(model.wms_id)
            )
        )

    async def get_catalog(self, kind: CatalogKind, account_id: int, wms_id: int) -> CatalogRecord | None:
        model = _MODELS[kind]
        row = await self.session.scalar(
            select(model)
            .where(model.wms_account_id == account_id, model.wms_id == wms_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else _catalog(row)

    async def search_catalog(
        self,
        kind: CatalogKind,
        account_id: int,
        query: str | None = None,
        *,
        offset: int = 0,
        limit: int = 10,
    ) -> Page[CatalogRecord]:
        """Newest first for receivings, by name for products and purveyors; ``query`` filters."""
        model = _MODELS[kind]
        conditions: list[Any] = [model.wms_account_id == account_id]
        if query and query.strip():
            if isinstance(model, type) and model is WmsReceiving:
                folded = f"%{query.strip()}%"
                conditions.append(
                    or_(WmsReceiving.number.like(folded), WmsReceiving.counterparty.like(folded))
                )
            else:
                conditions.append(matches(model.search_text, query))
        total = await self.session.scalar(select(func.count()).select_from(model).where(*conditions))
        order = (
            (model.first_seen_at.desc(), model.id.desc()) if model is WmsReceiving else (model.name, model.id)
        )
        rows = await self.session.scalars(
            select(model)
            .where(*conditions)
            .order_by(*order)
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return Page(
            items=tuple(_catalog(row) for row in rows), total=int(total or 0), offset=offset, limit=limit
        )

    # --- fulfillment orders ---------------------------------------------------------------------

    def _order(self, row: FulfillmentOrder) -> FulfillmentOrderRecord:
        customer = Customer.model_validate(json.loads(self.box.decrypt(row.customer_enc)))
        return FulfillmentOrderRecord(
            id=row.id,
            owner_id=row.owner_id,
            wms_account_id=row.wms_account_id,
            draft_key=row.draft_key,
            wms_id=row.wms_id,
            state=OrderState(row.state),
            fulfillment_status=row.fulfillment_status,
            is_final=row.is_final,
            customer=customer,
            region=row.region,
            city=row.city,
            total=row.total,
            items=list(row.items or []),
            scheduled_at=row.scheduled_at,
            status_changed_at=row.status_changed_at,
            checked_at=row.checked_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    async def start_order(
        self,
        *,
        owner_id: int,
        wms_account_id: int,
        draft_key: str,
        customer: Customer,
        region: str | None,
        city: str | None,
        total: Decimal,
        items: list[dict[str, Any]],
        scheduled_at: datetime | None,
        now: datetime | None = None,
    ) -> tuple[FulfillmentOrderRecord, bool]:
        """Write the order before its create is sent; ``(record, False)`` if this draft was sent before."""
        now = now or utc_now()
        statement = (
            insert_for(self.session, FulfillmentOrder)
            .values(
                owner_id=owner_id,
                wms_account_id=wms_account_id,
                draft_key=draft_key,
                state=OrderState.SENDING.value,
                is_final=False,
                customer_enc=self.box.encrypt(customer.model_dump_json()),
                region=region,
                city=city,
                total=total,
                items=items,
                scheduled_at=scheduled_at,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=[FulfillmentOrder.draft_key])
            .returning(FulfillmentOrder.id)
        )
        new_id = await self.session.scalar(statement)
        row = await self.session.scalar(
            select(FulfillmentOrder)
            .where(FulfillmentOrder.draft_key == draft_key)
            .execution_options(populate_existing=True)
        )
        assert row is not None
        return self._order(row), new_id is not None

    async def order_created(
        self, order_id: int, *, wms_id: int, status: int | None, is_final: bool, now: datetime | None = None
    ) -> None:
        now = now or utc_now()
        await self.session.execute(
            update(FulfillmentOrder)
            .where(FulfillmentOrder.id == order_id)
            .values(
                wms_id=wms_id,
                state=OrderState.CREATED.value,
                fulfillment_status=status,
                is_final=is_final,
                status_changed_at=now,
                checked_at=now,
                updated_at=now,
            )
        )

    async def order_state(self, order_id: int, state: OrderState, *, now: datetime | None = None) -> None:
        now = now or utc_now()
        await self.session.execute(
            update(FulfillmentOrder)
            .where(FulfillmentOrder.id == order_id)
            .values(state=state.value, updated_at=now)
        )

    async def get_order(self, order_id: int, *, owner_id: int | None = None) -> FulfillmentOrderRecord | None:
        statement = (
            select(FulfillmentOrder)
            .where(FulfillmentOrder.id == order_id)
            .execution_options(populate_existing=True)
        )
        if owner_id is not None:
            statement = statement.where(FulfillmentOrder.owner_id == owner_id)
        row = await self.session.scalar(statement)
        return None if row is None else self._order(row)

    async def list_orders(
        self, owner_id: int, *, offset: int = 0, limit: int = 10
    ) -> Page[FulfillmentOrderRecord]:
        condition = FulfillmentOrder.owner_id == owner_id
        total = await self.session.scalar(select(func.count()).select_from(FulfillmentOrder).where(condition))
        rows = await self.session.scalars(
            select(FulfillmentOrder)
            .where(condition)
            .order_by(FulfillmentOrder.created_at.desc(), FulfillmentOrder.id.desc())
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return Page(
            items=tuple(self._order(row) for row in rows), total=int(total or 0), offset=offset, limit=limit
        )

    async def due_orders(self, *, checked_before: datetime, limit: int = 500) -> list[FulfillmentOrderRecord]:
        """Created, unfinished orders not checked since ``checked_before`` (oldest check first)."""
        rows = await self.session.scalars(
            select(FulfillmentOrder)
            .where(
                FulfillmentOrder.state == OrderState.CREATED.value,
                FulfillmentOrder.is_final.is_(False),
                or_(FulfillmentOrder.checked_at.is_(None), FulfillmentOrder.checked_at < checked_before),
            )
            .order_by(FulfillmentOrder.checked_at, FulfillmentOrder.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [self._order(row) for row in rows]

    async def set_order_status(
        self, order_id: int, status: int, *, is_final: bool, now: datetime | None = None
    ) -> tuple[bool, int | None]:
        """Record the WMS status; returns ``(changed, previous status)``."""
        now = now or utc_now()
        previous = await self.session.scalar(
            select(FulfillmentOrder.fulfillment_status).where(FulfillmentOrder.id == order_id)
        )
        if previous == status:
            await self.session.execute(
                update(FulfillmentOrder).where(FulfillmentOrder.id == order_id).values(checked_at=now)
            )
            return False, previous
        await self.session.execute(
            update(FulfillmentOrder)
            .where(FulfillmentOrder.id == order_id)
            .values(
                fulfillment_status=status,
                is_final=is_final,
                status_changed_at=now,
                checked_at=now,
                updated_at=now,
            )
        )
        return True, previous

    async def mark_orders_checked(self, order_ids: Sequence[int], *, now: datetime | None = None) -> None:
        if order_ids:
            await self.session.execute(
                update(FulfillmentOrder)
                .where(FulfillmentOrder.id.in_(list(order_ids)))
                .values(checked_at=now or utc_now())
            )
