"""Redis parts on their own: drafts stored encrypted, one push rate shared by several senders."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey
from cryptography.fernet import Fernet

from bot.app import create_fsm
from services.container import Services, build_services
from services.settings import Settings
from storage.redis import RedisRateLimiter, create_redis
from tests.scale.conftest import REDIS_HOST, REDIS_PORT, _drop_keys

REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/0"


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    prefix = f"scale-unit-{secrets.token_hex(4)}"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token="42:TEST",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        secret_key=Fernet.generate_key().decode(),
        redis_url=REDIS_URL,
        redis_key_prefix=prefix,
    )
    async with build_services(settings) as built:
        yield built
    await _drop_keys(REDIS_URL, prefix)


async def test_drafts_live_in_redis_encrypted(services: Services) -> None:
    storage, _ = create_fsm(services)
    key = StorageKey(bot_id=42, chat_id=7, user_id=7)
    await storage.set_state(key, "NewOrder:receiver_phone")
    await storage.set_data(key, {"draft": {"receiver_name": "Odil Ahmedov", "phone": "+998901234567"}})
    assert services.redis is not None
    raw = [
        await services.redis.get(k)
        async for k in services.redis.scan_iter(f"{services.settings.redis_key_prefix}:*")
    ]
    assert raw and not any(b"Odil" in (value or b"") or b"99890" in (value or b"") for value in raw)
    assert (await storage.get_data(key))["draft"]["receiver_name"] == "Odil Ahmedov"
    assert await storage.get_state(key) == "NewOrder:receiver_phone"


async def test_senders_in_several_processes_share_one_rate() -> None:
    key = f"scale-unit-{secrets.token_hex(4)}:push-rate"
    clients = [create_redis(REDIS_URL) for _ in range(3)]  # three "processes"
    limiters = [RedisRateLimiter(client, key, rate=20) for client in clients]
    stamps: list[float] = []

    async def send(limiter: RedisRateLimiter) -> None:
        for _ in range(10):
            await limiter.acquire()
            stamps.append(time.monotonic())

    try:
        started = time.monotonic()
        await asyncio.gather(*(send(limiter) for limiter in limiters))
        elapsed = time.monotonic() - started
    finally:
        await clients[0].delete(key)
        for client in clients:
            await client.aclose()
    assert elapsed >= 29 / 20 * 0.95  # 30 sends at 20 a second: about 1.5 s, not 0.5 s
    assert len(stamps) == 30
