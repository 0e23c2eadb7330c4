"""What the operator's menu reads: counts over the whole base, and a broadcast's audience."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BtsAccount, Order, OutboxMessage, User, UserRole


class AdminRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def count_users(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(User)) or 0)

    async def count_sellers(self) -> int:
        """Users with a BTS login on file."""
        return int(await self.session.scalar(select(func.count(distinct(BtsAccount.user_id)))) or 0)

    async def count_orders_since(self, since: datetime) -> int:
        stmt = select(func.count()).select_from(Order).where(Order.created_at >= since)
        return int(await self.session.scalar(stmt) or 0)

    async def count_outbox(self, dedup_prefix: str) -> dict[str, int]:
        """Outbox rows whose dedup key starts with ``dedup_prefix``, by state."""
        rows = await self.session.execute(
            select(OutboxMessage.state, func.count())
            .where(OutboxMessage.dedup_key.startswith(dedup_prefix, autoescape=True))
            .group_by(OutboxMessage.state)
        )
        return {str(state): int(count) for state, count in rows}

    async def audience(self, role: str | None) -> list[int]:
        """Chats that did not block the bot: all, or those holding ``role``."""
        stmt = select(User.id).where(User.blocked_bot.is_(False)).order_by(User.id)
        if role is not None:
            stmt = stmt.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == role)))
        return list(await self.session.scalars(stmt))
