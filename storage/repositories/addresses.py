"""Saved sender profiles and the recipient address book, most recently used first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AddressBookEntry
from storage.repositories._sql import matches, search_text
from storage.schemas import ContactData, ContactKind, ContactRecord, Page
from storage.types import utc_now


def _search_text(data: ContactData) -> str:
    return search_text(texts=(data.name, data.city_name), phones=(data.phone, data.extra_phone))


class AddressBookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, user_id: int, kind: ContactKind, data: ContactData, *, now: datetime | None = None
    ) -> ContactRecord:
        now = now or utc_now()
        entry = AddressBookEntry(
            user_id=user_id,
            kind=kind.value,
            search_text=_search_text(data),
            created_at=now,
            last_used_at=now,
            **data.model_dump(),
        )
        self.session.add(entry)
        await self.session.flush()
        return ContactRecord.model_validate(entry)

    async def update(
        self, entry_id: int, *, user_id: int, data: ContactData, now: datetime | None = None
    ) -> ContactRecord | None:
        """Replace the entry's fields (only the owner's entry); ``None`` when there is no such entry."""
        row = await self.session.scalar(
            update(AddressBookEntry)
            .where(AddressBookEntry.id == entry_id, AddressBookEntry.user_id == user_id)
            .values(search_text=_search_text(data), last_used_at=now or utc_now(), **data.model_dump())
            .returning(AddressBookEntry)
            .execution_options(populate_existing=True)
        )
        return None if row is None else ContactRecord.model_validate(row)

    async def get(self, entry_id: int, *, user_id: int) -> ContactRecord | None:
        row = await self.session.scalar(
            select(AddressBookEntry)
            .where(AddressBookEntry.id == entry_id, AddressBookEntry.user_id == user_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else ContactRecord.model_validate(row)

    async def mark_used(self, entry_id: int, *, user_id: int, now: datetime | None = None) -> None:
        await self.session.execute(
            update(AddressBookEntry)
            .where(AddressBookEntry.id == entry_id, AddressBookEntry.user_id == user_id)
            .values(last_used_at=now or utc_now())
        )

    async def delete(self, entry_id: int, *, user_id: int) -> bool:
        result = await self.session.execute(
            delete(AddressBookEntry)
            .where(AddressBookEntry.id == entry_id, AddressBookEntry.user_id == user_id)
            .returning(AddressBookEntry.id)
        )
        return result.first() is not None

    async def list_for_user(
        self,
        user_id: int,
        kind: ContactKind,
        *,
        query: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> Page[ContactRecord]:
        """The user's entries of one kind, most recently used first; ``query`` matches name, city or phone."""
        conditions = [AddressBookEntry.user_id == user_id, AddressBookEntry.kind == kind.value]
        if query and query.strip():
            conditions.append(matches(AddressBookEntry.search_text, query))
        total = await self.session.scalar(
            select(func.count()).select_from(AddressBookEntry).where(*conditions)
        )
        rows = await self.session.scalars(
            select(AddressBookEntry)
            .where(*conditions)
            .order_by(AddressBookEntry.last_used_at.desc(), AddressBookEntry.id.desc())
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return Page(
            items=tuple(ContactRecord.model_validate(row) for row in rows),
            total=int(total or 0),
            offset=offset,
            limit=limit,
        )

    async def find_by_phone(self, user_id: int, kind: ContactKind, phone: str) -> list[ContactRecord]:
        """Entries whose main or extra phone is exactly ``phone`` (normalised), most recent first."""
        rows = await self.session.scalars(
            select(AddressBookEntry)
            .where(
                AddressBookEntry.user_id == user_id,
                AddressBookEntry.kind == kind.value,
                (AddressBookEntry.phone == phone) | (AddressBookEntry.extra_phone == phone),
            )
            .order_by(AddressBookEntry.last_used_at.desc(), AddressBookEntry.id.desc())
            .execution_options(populate_existing=True)
        )
        return [ContactRecord.model_validate(row) for row in rows]
