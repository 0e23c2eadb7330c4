"""Names and codes BTS gave for its regions, cities and branches (learned from order answers)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LearnedPlace
from storage.schemas import LearnedPlaceData
from storage.types import utc_now

MAX_NAMES = 8


class LearnedPlaceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_all(self) -> list[LearnedPlaceData]:
        rows = (
            await self.session.scalars(select(LearnedPlace).order_by(LearnedPlace.kind, LearnedPlace.bts_id))
        ).all()
        return [
            LearnedPlaceData(kind=r.kind, bts_id=r.bts_id, names=tuple(r.names or ()), code=r.code)
            for r in rows
        ]

    async def learn(self, seen: Iterable[LearnedPlaceData]) -> bool:
        """Add the names (and a non-empty code) seen; returns True when anything was new."""
        merged_seen: dict[tuple[str, int], LearnedPlaceData] = {}
        for item in seen:
            key = (item.kind, item.bts_id)
            if key in merged_seen:
                first = merged_seen[key]
                item = LearnedPlaceData(
                    kind=item.kind,
                    bts_id=item.bts_id,
                    names=(*first.names, *item.names),
                    code=item.code or first.code,
                )
            merged_seen[key] = item
        changed = False
        for item in merged_seen.values():
            row = await self.session.get(LearnedPlace, (item.kind, item.bts_id))
            names = [n.strip() for n in item.names if n and n.strip()]
            if row is None:
                if not names and not item.code:
                    continue
                self.session.add(
                    LearnedPlace(
                        kind=item.kind,
                        bts_id=item.bts_id,
                        names=list(dict.fromkeys(names))[:MAX_NAMES],
                        code=item.code or None,
                        updated_at=utc_now(),
                    )
                )
                changed = True
                continue
            known = list(row.names or [])
            merged = list(dict.fromkeys([*known, *names]))[:MAX_NAMES]
            if merged != known:
                row.names = merged
                changed = True
            if item.code and item.code != row.code:
                row.code = item.code
                changed = True
        if changed:
            await self.session.flush()
        return changed
