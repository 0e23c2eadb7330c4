"""Per-chat notification preferences (mute, only delivered/returned, quiet hours)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.schemas import ChatPreferencesRecord as ChatPreferencesRecord
from storage.uow import UnitOfWork

QUIET_CHOICES: tuple[tuple[int, int] | None, ...] = (None, (22, 8), (23, 7), (21, 9))
STALLED_CHOICES: tuple[int | None, ...] = (5, 7, 3, None)


@dataclass
class PreferenceService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox

    async def get(self, chat_id: int) -> ChatPreferencesRecord:
        async with self.session_factory() as session:
            return await UnitOfWork(session, self.box).subscriptions.get_preferences(chat_id)

    async def update(self, chat_id: int, **changes: object) -> ChatPreferencesRecord:
        async with self.session_factory() as session, session.begin():
            repo = UnitOfWork(session, self.box).subscriptions
            current = await repo.get_preferences(chat_id)
            updated = ChatPreferencesRecord.model_validate(current.model_dump() | changes)
            await repo.set_preferences(updated)
            return updated

    async def cycle_quiet_hours(self, chat_id: int) -> ChatPreferencesRecord:
        current = await self.get(chat_id)
        now = (current.quiet_from, current.quiet_to) if current.quiet_from is not None else None
        index = QUIET_CHOICES.index(now) if now in QUIET_CHOICES else 0
        nxt = QUIET_CHOICES[(index + 1) % len(QUIET_CHOICES)]
        return await self.update(
            chat_id, quiet_from=nxt[0] if nxt else None, quiet_to=nxt[1] if nxt else None
        )

    async def cycle_stalled_days(self, chat_id: int) -> ChatPreferencesRecord:
        current = (await self.get(chat_id)).stalled_days
        index = STALLED_CHOICES.index(current) if current in STALLED_CHOICES else -1
        return await self.update(chat_id, stalled_days=STALLED_CHOICES[(index + 1) % len(STALLED_CHOICES)])
