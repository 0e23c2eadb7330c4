"""Fixtures for the storage tests.

By default every test gets its own SQLite file, copied from a template migrated once per run.
With ``TEST_DATABASE_URL=postgresql+asyncpg://...`` the same tests run on PostgreSQL instead: the
schema is rebuilt by the migrations once per run and every table is emptied before each test.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.models import Base
from storage.uow import UnitOfWork

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
FSM_KEY = StorageKey(bot_id=42, chat_id=1001, user_id=1001)


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def _reset_postgres_schema(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()
    await upgrade_database(url)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """A database at head: an SQLite file to copy, or the PostgreSQL URL."""
    if POSTGRES_URL:
        asyncio.run(_reset_postgres_schema(POSTGRES_URL))
        return POSTGRES_URL
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    asyncio.run(upgrade_database(sqlite_url(path)))
    return path


@pytest.fixture
def database_url(migrated_template: Path | str, tmp_path: Path) -> Iterator[str]:
    if isinstance(migrated_template, str):
        yield migrated_template
        return
    target = tmp_path / "db" / "bot.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(migrated_template, target)
    yield sqlite_url(target)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    if engine.dialect.name == "postgresql":
        names = ", ".join(table.name for table in Base.metadata.sorted_tables)
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
def box() -> SecretBox:
    return SecretBox([generate_key()])


@pytest.fixture
def uow(session: AsyncSession, box: SecretBox) -> UnitOfWork:
    return UnitOfWork(session, box)
