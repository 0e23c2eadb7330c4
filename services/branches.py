"""The BTS branch directory: the geography source (regions, cities, offices), cached and indexed.

There is no regions or cities endpoint (api-notes): the branch list is fetched once a day with
``directory/branches-with-city`` into storage, loaded into memory, and every lookup (region lists,
city search in Latin or Cyrillic, nearest offices) is answered from memory, never from BTS.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import geo, translit
from services.accounts import AccountService
from services.bts import BtsClient, BtsCredentials
from services.bts.models import Branch as BtsBranch
from services.settings import Settings
from storage.repositories.branches import BranchCacheRepository
from storage.schemas import BranchData, BranchRecord
from storage.types import utc_now

logger = logging.getLogger(__name__)

REFRESH_EVERY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class BranchInfo:
    id: int
    name: str
    region_id: int | None
    region_name: str | None
    city_id: int | None
    city_name: str | None
    address: str | None
    phone: str | None
    lat: float | None
    lon: float | None
    hours: dict[int, str]

    @property
    def search_key(self) -> str:
        return " ".join(part for part in (self.name, self.city_name or "", self.address or "") if part)


@dataclass(frozen=True, slots=True)
class City:
    id: int
    name: str
    region_id: int | None
    branch_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Region:
    id: int
    name: str
    city_ids: tuple[int, ...]


@dataclass
class _Index:
    branches: dict[int, BranchInfo] = field(default_factory=dict)
    cities: dict[int, City] = field(default_factory=dict)
    regions: dict[int, Region] = field(default_factory=dict)
    fetched_at: datetime | None = None


def _info(record: BranchRecord | BranchData) -> BranchInfo:
    raw = record.raw or {}
    hours = {int(day): str(text) for day, text in (record.working_hours or {}).items()}
    return BranchInfo(
        id=record.id,
        name=record.name,
        region_id=record.region_id,
        region_name=raw.get("region_name"),
        city_id=record.city_id,
        city_name=record.city_name,
        address=record.address,
        phone=record.phone,
        lat=float(record.latitude) if record.latitude is not None else None,
        lon=float(record.longitude) if record.longitude is not None else None,
        hours=hours,
    )


def _data(branch: BtsBranch) -> BranchData:
    return BranchData(
        id=branch.id,
        name=branch.name,
        region_id=branch.region_id,
        city_id=branch.city_id,
        city_name=branch.city_name,
        address=branch.address,
        latitude=Decimal(str(round(branch.lat, 6))) if branch.lat is not None else None,
        longitude=Decimal(str(round(branch.lon, 6))) if branch.lon is not None else None,
        phone=branch.phone,
        working_hours={str(day): text for day, text in branch.working_hours.items()},
        raw={"region_name": branch.region_name},
    )


def _build_index(branches: Sequence[BranchInfo], fetched_at: datetime | None) -> _Index:
    index = _Index(fetched_at=fetched_at)
    city_branches: dict[int, list[int]] = {}
    city_meta: dict[int, tuple[str, int | None]] = {}
    region_cities: dict[int, set[int]] = {}
    region_names: dict[int, str] = {}
    for branch in sorted(branches, key=lambda b: (b.name.casefold(), b.id)):
        index.branches[branch.id] = branch
        if branch.city_id is not None:
            city_branches.setdefault(branch.city_id, []).append(branch.id)
            city_meta.setdefault(branch.city_id, (branch.city_name or branch.name, branch.region_id))
            if branch.region_id is not None:
                region_cities.setdefault(branch.region_id, set()).add(branch.city_id)
        if branch.region_id is not None:
            region_cities.setdefault(branch.region_id, set())
            if branch.region_name:
                region_names.setdefault(branch.region_id, branch.region_name)
    for city_id, ids in city_branches.items():
        name, region_id = city_meta[city_id]
        index.cities[city_id] = City(city_id, name, region_id, tuple(ids))
    for region_id, city_ids in region_cities.items():
        ordered = tuple(sorted(city_ids, key=lambda c: index.cities[c].name.casefold()))
        index.regions[region_id] = Region(region_id, region_names.get(region_id, f"#{region_id}"), ordered)
    return index


@dataclass
class BranchDirectory:
    session_factory: async_sessionmaker[AsyncSession]
    bts: BtsClient
    accounts: AccountService
    settings: Settings
    _index: _Index = field(default_factory=_Index)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def _credentials(self, user_id: int | None) -> BtsCredentials | None:
        return await self.accounts.any_credentials(user_id)

    async def load(self) -> None:
        """Read the cache from storage into memory (at start-up)."""
        async with self.session_factory() as session:
            repo = BranchCacheRepository(session)
            records = await repo.list_all()
            fetched_at = await repo.fetched_at()
        self._index = _build_index([_info(r) for r in records], fetched_at)

    @property
    def is_stale(self) -> bool:
        fetched = self._index.fetched_at
        return fetched is None or utc_now() - fetched > REFRESH_EVERY

    async def refresh(self, credentials: BtsCredentials) -> int:
        """Fetch the whole directory from BTS and replace the cache; returns the number of branches."""
        async with self._lock:
            branches = await self.bts.list_branches_with_city(credentials)
            data = [_data(b) for b in branches]
            async with self.session_factory() as session, session.begin():
                count = await BranchCacheRepository(session).replace_all(data)
            await self.load()
            logger.info("branch directory refreshed: %d branches", count)
            return count

    async def ensure_fresh(self, user_id: int | None = None) -> None:
        """Load from storage, and refresh from BTS when older than a day and an account is at hand.

        A failed refresh keeps serving the old cache: the directory changes rarely.
        """
        if not self._index.branches:
            await self.load()
        if not self.is_stale:
            return
        credentials = await self._credentials(user_id)
        if credentials is None:
            return
        try:
            await self.refresh(credentials)
        except Exception:
            if not self._index.branches:
                raise
            logger.warning("branch directory refresh failed; serving the cache", exc_info=True)

    # --- lookups (memory only) -------------------------------------------------------------------

    def regions(self) -> list[Region]:
        return sorted(self._index.regions.values(), key=lambda r: r.name.casefold())

    def region(self, region_id: int) -> Region | None:
        return self._index.regions.get(region_id)

    def cities(self, region_id: int) -> list[City]:
        region = self._index.regions.get(region_id)
        return [] if region is None else [self._index.cities[c] for c in region.city_ids]

    def city(self, city_id: int) -> City | None:
        return self._index.cities.get(city_id)

    def branch(self, branch_id: int) -> BranchInfo | None:
        return self._index.branches.get(branch_id)

    def branches_in_city(self, city_id: int) -> list[BranchInfo]:
        city = self._index.cities.get(city_id)
        return [] if city is None else [self._index.branches[b] for b in city.branch_ids]

    def branches_in_region(self, region_id: int) -> list[BranchInfo]:
        return [b for c in self.cities(region_id) for b in self.branches_in_city(c.id)]

    def search_cities(self, text: str, limit: int = 8) -> list[City]:
        return list(
            translit.search(text, list(self._index.cities.values()), key=lambda c: c.name, limit=limit)
        )

    def search_branches(self, text: str, limit: int = 8) -> list[BranchInfo]:
        items = list(self._index.branches.values())
        return list(translit.search(text, items, key=lambda b: b.search_key, limit=limit))

    def nearest(self, lat: float, lon: float, limit: int = 3) -> list[tuple[BranchInfo, float]]:
        located = [b for b in self._index.branches.values() if b.lat is not None and b.lon is not None]
        return list(geo.nearest((lat, lon), located, key=_coords, limit=limit))

    def summary(self) -> dict[str, Any]:
        return {
            "branches": len(self._index.branches),
            "cities": len(self._index.cities),
            "regions": len(self._index.regions),
        }


def _coords(branch: BranchInfo) -> tuple[float, float]:
    assert branch.lat is not None and branch.lon is not None
    return (branch.lat, branch.lon)
