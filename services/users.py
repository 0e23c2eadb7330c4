"""Users: who they are, their language and roles. Read on every update, written only on change."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repositories.users import UserRepository
from storage.types import utc_now

SELLER = "seller"
CUSTOMER = "customer"
_TOUCH_EVERY = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class UserProfile:
    id: int
    language: str | None
    roles: frozenset[str]
    blocked_bot: bool = False
    seller_refused: bool = False  # logged in, but the operator's allow-list leaves them out

    @property
    def is_seller(self) -> bool:
        return SELLER in self.roles

    def refused_seller(self) -> UserProfile:
        """This update's view of a seller the allow-list leaves out: served as a customer (their
        login stays stored; seller features answer with the refusal)."""
        return replace(self, roles=self.roles - {SELLER}, seller_refused=True)


@dataclass
class UserService:
    """Loads the user for each update; a short in-process cache spares the database on hot chats."""

    session_factory: async_sessionmaker[AsyncSession]
    cache_seconds: float = 30.0
    _cache: dict[int, tuple[float, UserProfile]] = field(default_factory=dict)

    def _remember(self, profile: UserProfile) -> UserProfile:
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[profile.id] = (time.monotonic() + self.cache_seconds, profile)
        return profile

    def forget(self, user_id: int) -> None:
        self._cache.pop(user_id, None)

    async def load(self, user_id: int) -> UserProfile:
        cached = self._cache.get(user_id)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        async with self.session_factory() as session, session.begin():
            repo = UserRepository(session)
            record = await repo.get(user_id)
            now = utc_now()
            if record is None:
                record, _ = await repo.get_or_create(user_id, now=now)
            elif record.blocked_bot or now - record.last_seen_at > _TOUCH_EVERY:
                await repo.touch(user_id, now)
        profile = UserProfile(record.id, record.language, frozenset(record.roles), False)
        return self._remember(profile)

    async def set_language(self, user_id: int, language: str) -> UserProfile:
        async with self.session_factory() as session, session.begin():
            await UserRepository(session).set_language(user_id, language)
        self.forget(user_id)
        return await self.load(user_id)

    async def add_role(self, user_id: int, role: str) -> UserProfile:
        async with self.session_factory() as session, session.begin():
            await UserRepository(session).add_role(user_id, role)
        self.forget(user_id)
        return await self.load(user_id)

    async def remove_role(self, user_id: int, role: str) -> UserProfile:
        async with self.session_factory() as session, session.begin():
            await UserRepository(session).remove_role(user_id, role)
        self.forget(user_id)
        return await self.load(user_id)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        async with self.session_factory() as session, session.begin():
            await UserRepository(session).set_blocked(user_id, blocked)
        self.forget(user_id)
