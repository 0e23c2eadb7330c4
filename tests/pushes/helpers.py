"""Small readers of what the pushes left in the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.bts import BtsClient
from services.notifications import OutboxSender
from services.poller import StatusPoller
from storage.models import OutboxMessage
from storage.schemas import OutboxRecord
from tests.pushes.conftest import RecordingTransport, World, plain_renderer


async def outbox_rows(session_factory: async_sessionmaker[AsyncSession]) -> list[OutboxRecord]:
    async with session_factory() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [OutboxRecord.model_validate(row) for row in rows]


def make_poller(world: World, bts: BtsClient, **overrides: Any) -> StatusPoller:
    options: dict[str, Any] = {"clock": world.clock, "push_delay": timedelta(0)}
    options.update(overrides)
    return StatusPoller(world.session_factory, world.box, bts, world.accounts, **options)


def make_sender(world: World, transport: RecordingTransport, **overrides: Any) -> OutboxSender:
    """A fast sender for tests: no rate limits worth waiting for, no merge delay."""
    options: dict[str, Any] = {
        "rate": 1000.0,
        "per_chat_interval": 0.0,
        "merge_window": timedelta(0),
        "clock": world.clock,
        "idle_interval": 0.05,
    }
    options.update(overrides)
    return OutboxSender(world.session_factory, world.box, transport, plain_renderer, **options)
