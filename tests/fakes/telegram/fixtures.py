"""Pytest fixtures for the Telegram stand-in (loaded as a plugin by tests/conftest.py).

* ``telegram_fake``: a started ``TelegramFake`` per test, flood limits OFF (functional tests).
  Turn them on for one test with ``@pytest.mark.parametrize("telegram_fake", [RateLimits()],
  indirect=True)`` or use ``telegram_fake_limited`` (Telegram's defaults: 1/s per chat, 30/s).
* ``telegram_bot``: an aiogram ``Bot`` pointed at ``telegram_fake`` (closed after the test).
* ``make_bot(fake)``: the same bot for code that builds its own (token "123456:TEST", default
  parse mode HTML, an ``AiohttpSession`` on ``TelegramAPIServer.from_base(fake.url)``).
* ``run_polling(dp, bot, fake)``: async context manager running ``dp.start_polling`` in the
  background until the block ends; it returns once the bot's first getUpdates arrived.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from tests.fakes.telegram.ratelimit import RateLimits
from tests.fakes.telegram.server import TelegramFake

DEFAULT_TOKEN = "123456:TEST"


class LocalAiohttpSession(AiohttpSession):
    """aiogram's AiohttpSession, minus the 250 ms grace sleep its ``close()`` takes for TLS
    connections to wind down: the stand-in is plain HTTP on 127.0.0.1, and tests close many bots."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(
    fake: TelegramFake,
    *,
    token: str | None = None,
    parse_mode: str | None = ParseMode.HTML,
    timeout: float = 10.0,
) -> Bot:
    """An aiogram Bot that talks to ``fake`` over HTTP, with HTML as the default parse mode."""
    session = LocalAiohttpSession(api=TelegramAPIServer.from_base(fake.url), timeout=timeout)
    return Bot(
        token=token or fake.token,
        session=session,
        default=DefaultBotProperties(parse_mode=parse_mode),
    )


@asynccontextmanager
async def run_polling(
    dp: Dispatcher,
    bot: Bot,
    fake: TelegramFake,
    *,
    polling_timeout: int = 5,
    **kwargs: Any,
) -> AsyncIterator[asyncio.Task[None]]:
    """Run ``dp.start_polling(bot)`` for the duration of the block (signals are not touched)."""
    calls_before = fake.get_updates_calls
    task = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, polling_timeout=polling_timeout, **kwargs)
    )
    try:
        await fake.wait_until(lambda: fake.get_updates_calls > calls_before or task.done(), timeout=5.0)
        if task.done():
            task.result()  # polling failed to start: raise its error here
        yield task
    finally:
        if not task.done():
            await dp.stop_polling()
        await task


@pytest.fixture
async def telegram_fake(request: pytest.FixtureRequest) -> AsyncIterator[TelegramFake]:
    limits = getattr(request, "param", None)
    fake = TelegramFake(rate_limits=limits if isinstance(limits, RateLimits) else RateLimits(enabled=False))
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def telegram_fake_limited() -> AsyncIterator[TelegramFake]:
    fake = TelegramFake(rate_limits=RateLimits())
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def telegram_bot(telegram_fake: TelegramFake) -> AsyncIterator[Bot]:
    bot = make_bot(telegram_fake)
    try:
        yield bot
    finally:
        await bot.session.close()
