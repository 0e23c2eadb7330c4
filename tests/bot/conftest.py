"""Dispatcher-level fixtures: the real dispatcher, middlewares, services and SQLite storage,
talking to the BTS fake; Telegram replaced by a recording session (``tests/bot/mocked.py``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiogram import Dispatcher

from bot.app import create_dispatcher
from bot.i18n import Translator
from bot.middlewares.flush import FlushBeforeSend
from services.common.http import RetryPolicy
from services.container import Services, build_services
from services.settings import Settings
from storage.fsm import SqlStorage
from tests.bot.mocked import Chatter, MockedBot
from tests.fakes.bts.server import BtsFake
from tests.fakes.yandex_pay.server import YandexPayFake

FAST_RETRY = RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.005, max_retry_after=0.05)


@dataclass
class BotHarness:
    dp: Dispatcher
    bot: MockedBot
    services: Services
    storage: SqlStorage
    fake: BtsFake
    yandex: YandexPayFake

    def user(self, user_id: int = 1001, language_code: str = "uz") -> Chatter:
        return Chatter(self.dp, self.bot, user_id=user_id, language_code=language_code)


def make_settings(tmp_path: Path, fake: BtsFake, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": "42:TEST",
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        "bts_base_url": f"{fake.url}/index.php",
        "bts_timeout": 2.0,
        "secret_key": None,
        "bts_service_username": "demo",
        "bts_service_password": "demo123",
        "bts_service_inn": "123456789",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def translator() -> Translator:
    return Translator()


HarnessFactory = Callable[..., "AsyncIterator[BotHarness]"]


@pytest.fixture
async def harness(
    tmp_path: Path, bts_fake: BtsFake, yandex_fake: YandexPayFake, translator: Translator
) -> AsyncIterator[BotHarness]:
    settings = make_settings(
        tmp_path,
        bts_fake,
        yandex_pay_base_url=yandex_fake.base_url,
        yandex_pay_sandbox_url=yandex_fake.base_url,
    )
    async with build_services(settings, retry=FAST_RETRY) as services:
        storage = SqlStorage(services.session_factory, box=services.box)  # as bot.__main__ does
        dp = create_dispatcher(services, translator, storage)
        try:
            bot = MockedBot()
            bot.session.middleware(FlushBeforeSend(storage))  # as run_polling does
            yield BotHarness(dp, bot, services, storage, bts_fake, yandex_fake)
        finally:
            await storage.close()


ADMIN = 1001  # the one ADMIN_IDS entry of ``admin_harness``


@pytest.fixture
async def admin_harness(
    tmp_path: Path, bts_fake: BtsFake, yandex_fake: YandexPayFake, translator: Translator
) -> AsyncIterator[BotHarness]:
    """The harness with ``ADMIN_IDS=[ADMIN]`` (the operator's menus)."""
    settings = make_settings(tmp_path, bts_fake, admin_ids=[ADMIN])
    async with build_services(settings, retry=FAST_RETRY) as services:
        storage = SqlStorage(services.session_factory)
        dp = create_dispatcher(services, translator, storage)
        try:
            bot = MockedBot()
            bot.session.middleware(FlushBeforeSend(storage))
            yield BotHarness(dp, bot, services, storage, bts_fake, yandex_fake)
        finally:
            await storage.close()


@pytest.fixture(autouse=True)
def no_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A conversation that made the bot log an error fails, even when the user got an answer."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, [f"{r.name}: {r.getMessage()}" for r in errors]
