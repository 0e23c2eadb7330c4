"""The operator's tools (``ADMIN_IDS``): figures about the base, and broadcasts.

A broadcast is queued in the push outbox, one row per chat (``dedup_key`` ``broadcast:<id>:<chat>``,
so a repeated confirm queues nothing twice); the push sender delivers it within Telegram's limits
(all senders together under 30 messages a second, one a second per chat) and skips chats that
blocked the bot. Progress is read back from the outbox rows of that broadcast.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.metrics import Metrics
from services.users import CUSTOMER, SELLER
from storage.repositories.admin import AdminRepository
from storage.repositories.outbox import OutboxItem, OutboxRepository
from storage.schemas import OutboxState
from storage.types import utc_now

BROADCAST_KEY = "push-broadcast"  # the locale message: the text as the operator typed it
MAX_BROADCAST = 3500  # characters of an operator's text (Telegram's 4096 with room for escaping)


class Audience(StrEnum):
    ALL = "all"
    SELLERS = "sellers"
    CUSTOMERS = "customers"


_ROLE = {Audience.ALL: None, Audience.SELLERS: SELLER, Audience.CUSTOMERS: CUSTOMER}


@dataclass(frozen=True, slots=True)
class Figures:
    users: int
    sellers: int
    orders_today: int
    orders_week: int
    pushes_sent: int
    pushes_failed: int
    pushes_waiting: int
    upstream: dict[str, tuple[int, int]]  # api -> (calls, failed) seen by this process


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    sent: int
    failed: int

    @property
    def done(self) -> bool:
        return self.sent + self.failed >= self.total


class AdminService:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], metrics: Metrics) -> None:
        self._sf = session_factory
        self._metrics = metrics

    async def figures(self) -> Figures:
        now = utc_now()
        day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        async with self._sf() as session:
            repo = AdminRepository(session)
            outbox = await OutboxRepository(session).count_by_state()
            figures = Figures(
                users=await repo.count_users(),
                sellers=await repo.count_sellers(),
                orders_today=await repo.count_orders_since(day_start),
                orders_week=await repo.count_orders_since(now - timedelta(days=7)),
                pushes_sent=outbox[OutboxState.SENT],
                pushes_failed=outbox[OutboxState.DEAD],
                pushes_waiting=outbox[OutboxState.PENDING]
                + outbox[OutboxState.RETRY]
                + outbox[OutboxState.CLAIMED],
                upstream=self._upstream(),
            )
        return figures

    def _upstream(self) -> dict[str, tuple[int, int]]:
        calls: dict[str, list[int]] = {}
        for metric in self._metrics.upstream.collect():
            for sample in metric.samples:
                if not sample.name.endswith("_total"):
                    continue
                api, outcome = sample.labels["api"], sample.labels["outcome"]
                entry = calls.setdefault(api, [0, 0])
                entry[0] += int(sample.value)
                if outcome in ("5xx", "error"):
                    entry[1] += int(sample.value)
        return {api: (total, failed) for api, (total, failed) in sorted(calls.items())}

    async def audience_size(self, audience: Audience) -> int:
        async with self._sf() as session:
            return len(await AdminRepository(session).audience(_ROLE[audience]))

    async def broadcast(self, audience: Audience, text: str) -> tuple[str, int]:
        """Queue ``text`` for every chat of ``audience``; returns the broadcast id and how many."""
        broadcast_id = secrets.token_hex(6)
        async with self._sf() as session:
            chats = await AdminRepository(session).audience(_ROLE[audience])
            await OutboxRepository(session).enqueue_many(
                [
                    OutboxItem(chat, BROADCAST_KEY, f"broadcast:{broadcast_id}:{chat}", {"text": text})
                    for chat in chats
                ]
            )
            await session.commit()
        return broadcast_id, len(chats)

    async def progress(self, broadcast_id: str) -> Progress:
        async with self._sf() as session:
            counts = await AdminRepository(session).count_outbox(f"broadcast:{broadcast_id}:")
        return Progress(
            total=sum(counts.values()),
            sent=counts.get(OutboxState.SENT.value, 0),
            failed=counts.get(OutboxState.DEAD.value, 0),
        )
