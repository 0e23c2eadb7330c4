"""The operator's allow-list of sellers: its entries, its switch and contact, and the logins it judges."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AllowedSeller, AllowListSettings, BtsAccount
from storage.repositories._sql import insert_for
from storage.schemas import AllowEntryRecord, AllowListSettingsRecord, SellerLoginRecord
from storage.types import utc_now

_SETTINGS_ID = 1


class AllowListRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def settings(self) -> AllowListSettingsRecord:
        row = await self.session.get(AllowListSettings, _SETTINGS_ID, populate_existing=True)
        return AllowListSettingsRecord() if row is None else AllowListSettingsRecord.model_validate(row)

    async def save_settings(self, *, enabled: bool, contact: str | None, by: int | None) -> None:
        values = {"enabled": enabled, "contact": contact, "updated_by": by, "updated_at": utc_now()}
        stmt = insert_for(self.session, AllowListSettings).values(id=_SETTINGS_ID, **values)
        await self.session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=values))

    async def entries(self) -> list[AllowEntryRecord]:
        rows = await self.session.scalars(select(AllowedSeller).order_by(AllowedSeller.id))
        return [AllowEntryRecord.model_validate(row) for row in rows]

    async def add(self, kind: str, value: str, *, by: int | None) -> bool:
        """``False`` when the entry is on the list already."""
        stmt = (
            insert_for(self.session, AllowedSeller)
            .values(kind=kind, value=value, added_by=by, created_at=utc_now())
            .on_conflict_do_nothing(index_elements=["kind", "value"])
            .returning(AllowedSeller.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def remove(self, entry_id: int) -> AllowEntryRecord | None:
        row = await self.session.get(AllowedSeller, entry_id)
        if row is None:
            return None
        record = AllowEntryRecord.model_validate(row)
        await self.session.execute(delete(AllowedSeller).where(AllowedSeller.id == entry_id))
        return record

    async def seller_logins(self) -> list[SellerLoginRecord]:
        """Every stored BTS login (a user's latest last), to count who the list leaves out."""
        rows = await self.session.execute(
            select(BtsAccount.user_id, BtsAccount.username, BtsAccount.inn).order_by(BtsAccount.id)
        )
        return [SellerLoginRecord(user_id=u, username=n, inn=i) for u, n, i in rows]
