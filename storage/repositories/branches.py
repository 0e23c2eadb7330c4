"""The cached BTS branch directory (also our only source of cities) and when it was fetched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Branch, CacheMeta
from storage.repositories._sql import insert_for
from storage.schemas import BranchData, BranchRecord, CityRecord
from storage.types import utc_now

BRANCHES = cast(Table, Branch.__table__)
CACHE_NAME = "branches"


class BranchCacheRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def replace_all(self, branches: Sequence[BranchData], *, now: datetime | None = None) -> int:
        """Swap the whole directory for a fresh fetch (inside the caller's transaction: readers see
        either the old list or the new one). Returns how many branches are stored."""
        now = now or utc_now()
        unique: dict[int, dict[str, Any]] = {}
        for branch in branches:
            unique[branch.id] = {**branch.model_dump(), "fetched_at": now}
        await self.session.execute(delete(Branch))
        if unique:
            await self.session.execute(BRANCHES.insert(), list(unique.values()))
        stmt = insert_for(self.session, CacheMeta).values(
            name=CACHE_NAME, fetched_at=now, item_count=len(unique)
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[CacheMeta.name],
            set_={"fetched_at": stmt.excluded.fetched_at, "item_count": stmt.excluded.item_count},
        )
        await self.session.execute(stmt)
        return len(unique)

    async def fetched_at(self) -> datetime | None:
        """When the directory was last fetched; ``None`` if never (the cache is empty)."""
        return await self.session.scalar(select(CacheMeta.fetched_at).where(CacheMeta.name == CACHE_NAME))

    async def list_all(
        self, *, region_id: int | None = None, city_id: int | None = None
    ) -> list[BranchRecord]:
        stmt = select(*BRANCHES.c).order_by(BRANCHES.c.name, BRANCHES.c.id)
        if region_id is not None:
            stmt = stmt.where(BRANCHES.c.region_id == region_id)
        if city_id is not None:
            stmt = stmt.where(BRANCHES.c.city_id == city_id)
        result = await self.session.execute(stmt)
        return [BranchRecord.model_validate(row) for row in result]

    async def get(self, branch_id: int) -> BranchRecord | None:
        row = (await self.session.execute(select(*BRANCHES.c).where(BRANCHES.c.id == branch_id))).first()
        return None if row is None else BranchRecord.model_validate(row)

    async def cities(self, *, region_id: int | None = None) -> list[CityRecord]:
        """The cities that have at least one branch (no cities endpoint exists), by name."""
        stmt = (
            select(BRANCHES.c.city_id, BRANCHES.c.city_name, BRANCHES.c.region_id)
            .where(BRANCHES.c.city_id.is_not(None))
            .distinct()
        )
        if region_id is not None:
            stmt = stmt.where(BRANCHES.c.region_id == region_id)
        result = await self.session.execute(stmt)
        found: dict[int, CityRecord] = {}
        for city_id, city_name, city_region in result:
            if city_id is None:
                continue
            known = found.get(city_id)
            if known is None or (known.name is None and city_name is not None):
                found[city_id] = CityRecord(id=city_id, name=city_name, region_id=city_region)
        return sorted(found.values(), key=lambda city: ((city.name or "").casefold(), city.id))
