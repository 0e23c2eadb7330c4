"""Users of the bot: Telegram id, language, roles, when seen, whether they blocked the bot."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import User, UserRole
from storage.repositories._sql import insert_for
from storage.schemas import UserRecord
from storage.types import utc_now


def _record(user: User) -> UserRecord:
    return UserRecord(
        id=user.id,
        language=user.language,
        roles=frozenset(role.role for role in user.roles),
        created_at=user.created_at,
        last_seen_at=user.last_seen_at,
        blocked_bot=user.blocked_bot,
        blocked_at=user.blocked_at,
    )


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> UserRecord | None:
        user = await self.session.get(User, user_id, populate_existing=True)
        return None if user is None else _record(user)

    async def get_or_create(
        self, user_id: int, *, language: str | None = None, now: datetime | None = None
    ) -> tuple[UserRecord, bool]:
        """The user, created if new (safe when two updates of a new user race); ``True`` if created."""
        existing = await self.get(user_id)
        if existing is not None:
            return existing, False
        now = now or utc_now()
        stmt = (
            insert_for(self.session, User)
            .values(id=user_id, language=language, created_at=now, last_seen_at=now, blocked_bot=False)
            .on_conflict_do_nothing(index_elements=[User.id])
            .returning(User.id)
        )
        created = (await self.session.execute(stmt)).first() is not None
        user = await self.get(user_id)
        if user is None:  # pragma: no cover - the row was just inserted or already existed
            raise RuntimeError(f"user {user_id} vanished while being created")
        return user, created

    async def touch(self, user_id: int, now: datetime | None = None) -> None:
        """Record that the user was seen; a user who writes to us has evidently unblocked the bot."""
        await self.session.execute(
            update(User)
            .where(User.id == user_id)
            .values(last_seen_at=now or utc_now(), blocked_bot=False, blocked_at=None)
        )

    async def set_language(self, user_id: int, language: str | None) -> None:
        await self.session.execute(update(User).where(User.id == user_id).values(language=language))

    async def set_blocked(self, user_id: int, blocked: bool, now: datetime | None = None) -> None:
        """Mark that the user blocked the bot (a 403 on send) or came back."""
        await self.session.execute(
            update(User)
            .where(User.id == user_id)
            .values(blocked_bot=blocked, blocked_at=(now or utc_now()) if blocked else None)
        )

    async def add_role(self, user_id: int, role: str) -> None:
        stmt = (
            insert_for(self.session, UserRole)
            .values(user_id=user_id, role=role)
            .on_conflict_do_nothing(index_elements=[UserRole.user_id, UserRole.role])
        )
        await self.session.execute(stmt)

    async def remove_role(self, user_id: int, role: str) -> None:
        await self.session.execute(delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role))

    async def set_roles(self, user_id: int, roles: Collection[str]) -> None:
        await self.session.execute(delete(UserRole).where(UserRole.user_id == user_id))
        for role in sorted(set(roles)):
            await self.add_role(user_id, role)

    async def list_ids_by_role(self, role: str) -> list[int]:
        rows = await self.session.scalars(
            select(UserRole.user_id).where(UserRole.role == role).order_by(UserRole.user_id)
        )
        return list(rows)

    async def list_reachable_ids(self, *, after_id: int = 0, limit: int = 1000) -> list[int]:
        """Ids of users who have not blocked the bot, in id order (for broadcasts, page by ``after_id``)."""
        rows = await self.session.scalars(
            select(User.id)
            .where(User.blocked_bot.is_(False), User.id > after_id)
            .order_by(User.id)
            .limit(limit)
        )
        return list(rows)

    async def count(self, *, include_blocked: bool = True) -> int:
        stmt = select(func.count()).select_from(User)
        if not include_blocked:
            stmt = stmt.where(User.blocked_bot.is_(False))
        return int(await self.session.scalar(stmt) or 0)
