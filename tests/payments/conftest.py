"""Fixtures of the payment tests: a migrated SQLite database per test, the Yandex fake, the service.

Both Yandex environments point at the one fake (its JWKS is then ``{fake.url}/api/jwks``).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.orders import OrderView
from services.payments import PaymentService
from services.settings import Settings
from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from tests.fakes.yandex_pay.fixtures import FAST_RETRY, YANDEX_MERCHANT_ID
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import SELLER, store_order


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def payments_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("payments-template") / "template.sqlite3"
    asyncio.run(upgrade_database(sqlite_url(path)))
    return path


@pytest.fixture
async def session_factory(
    payments_db_template: Path, tmp_path: Path
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    target = tmp_path / "bot.sqlite3"
    shutil.copyfile(payments_db_template, target)
    engine = create_engine(sqlite_url(target))
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def box() -> SecretBox:
    return SecretBox([generate_key()])


@pytest.fixture
def settings(yandex_fake: YandexPayFake) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        yandex_pay_base_url=yandex_fake.base_url,
        yandex_pay_sandbox_url=yandex_fake.base_url,
    )


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def payments(
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
    http: httpx.AsyncClient,
    settings: Settings,
) -> PaymentService:
    return PaymentService(session_factory, box, http, settings, retry=FAST_RETRY, request_timeout_ms=5000)


@pytest.fixture
async def merchant(payments: PaymentService) -> str:
    """The seller's sandbox merchant, saved through the service (the key is checked on the fake)."""
    await payments.save_merchant(SELLER, YANDEX_MERCHANT_ID, YANDEX_MERCHANT_ID, sandbox=True)
    return YANDEX_MERCHANT_ID


@pytest.fixture
async def order(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox, merchant: str
) -> OrderView:
    return await store_order(session_factory, box)
