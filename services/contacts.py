"""The seller's address book: saved senders and recipients (view, rename, delete, make default)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.schemas import ContactData, ContactKind, ContactRecord
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    kind: ContactKind
    name: str
    phone: str
    city_name: str | None
    address: str | None


def _contact(record: ContactRecord) -> Contact:
    return Contact(record.id, record.kind, record.name, record.phone, record.city_name, record.address)


@dataclass
class ContactService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox

    async def list(self, user_id: int, kind: ContactKind, limit: int = 20) -> list[Contact]:
        async with self.session_factory() as session:
            page = await UnitOfWork(session, self.box).addresses.list_for_user(user_id, kind, limit=limit)
        return [_contact(r) for r in page.items]

    async def get(self, user_id: int, contact_id: int) -> Contact | None:
        async with self.session_factory() as session:
            record = await UnitOfWork(session, self.box).addresses.get(contact_id, user_id=user_id)
        return None if record is None else _contact(record)

    async def rename(self, user_id: int, contact_id: int, name: str) -> Contact | None:
        async with self.session_factory() as session, session.begin():
            repo = UnitOfWork(session, self.box).addresses
            record = await repo.get(contact_id, user_id=user_id)
            if record is None:
                return None
            data = ContactData.model_validate(record.model_dump() | {"name": name})
            updated = await repo.update(contact_id, user_id=user_id, data=data)
        return None if updated is None else _contact(updated)

    async def delete(self, user_id: int, contact_id: int) -> bool:
        async with self.session_factory() as session, session.begin():
            return await UnitOfWork(session, self.box).addresses.delete(contact_id, user_id=user_id)

    async def make_default(self, user_id: int, contact_id: int) -> bool:
        """The default is the first one offered: the most recently used."""
        async with self.session_factory() as session, session.begin():
            repo = UnitOfWork(session, self.box).addresses
            if await repo.get(contact_id, user_id=user_id) is None:
                return False
            await repo.mark_used(contact_id, user_id=user_id)
            return True
