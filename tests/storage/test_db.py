"""Engine set-up, migrations from any directory, timestamps, backups."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.__main__ import main as storage_main
from storage.db import (
    DEFAULT_DATABASE_URL,
    alembic_config,
    backup_sqlite,
    create_engine,
    create_session_factory,
    data_dir_for,
    sqlite_path,
    upgrade_database,
)
from storage.models import BtsAccount, Order
from storage.uow import UnitOfWork
from tests.storage.conftest import sqlite_url


async def _scalar(engine: AsyncEngine, sql: str) -> object:
    async with engine.connect() as connection:
        return (await connection.exec_driver_sql(sql)).scalar()


async def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine(sqlite_url(tmp_path / "nested" / "dir" / "x.sqlite3"))
    try:
        assert await _scalar(engine, "PRAGMA journal_mode") == "wal"
        assert await _scalar(engine, "PRAGMA foreign_keys") == 1
        assert await _scalar(engine, "PRAGMA busy_timeout") == 30_000  # another writer only delays
        assert await _scalar(engine, "PRAGMA synchronous") == 1  # NORMAL
    finally:
        await engine.dispose()
    assert (tmp_path / "nested" / "dir" / "x.sqlite3").exists()


async def test_upgrade_works_from_any_directory_and_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    url = sqlite_url(tmp_path / "data" / "bot.sqlite3")
    await upgrade_database(url)
    await upgrade_database(url)  # already at head: nothing to do, no error
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
            version = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
    finally:
        await engine.dispose()
    assert {"users", "orders", "outbox", "fsm_records", "order_status_events"} <= tables
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_url_helpers() -> None:
    assert sqlite_path("sqlite+aiosqlite:///data/bot.sqlite3") == Path("data/bot.sqlite3")
    assert sqlite_path("sqlite+aiosqlite:////var/lib/bot/db.sqlite3") == Path("/var/lib/bot/db.sqlite3")
    assert sqlite_path("sqlite+aiosqlite:///:memory:") is None
    assert sqlite_path("postgresql+asyncpg://u@localhost/db") is None
    assert data_dir_for("sqlite+aiosqlite:////srv/bot/db.sqlite3") == Path("/srv/bot")
    assert data_dir_for("postgresql+asyncpg://u@localhost/db") == Path("data")
    assert DEFAULT_DATABASE_URL == "sqlite+aiosqlite:///data/bot.sqlite3"


async def test_timestamps_come_back_aware_utc(uow: UnitOfWork, session: AsyncSession) -> None:
    tashkent = timezone(timedelta(hours=5))
    seen = datetime(2024, 7, 11, 14, 30, 15, 123456, tzinfo=tashkent)
    await uow.users.get_or_create(7, now=seen)
    await session.commit()
    session.expunge_all()
    user = await uow.users.get(7)
    assert user is not None
    assert user.created_at == seen
    assert user.created_at.tzinfo is not None and user.created_at.utcoffset() == timedelta(0)
    assert user.created_at.hour == 9  # 14:30 in Tashkent is 09:30 UTC


async def test_naive_datetimes_are_refused(uow: UnitOfWork) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        await uow.users.get_or_create(8, now=datetime(2024, 1, 1, 12, 0))


async def test_foreign_keys_are_enforced(session: AsyncSession) -> None:
    session.add(BtsAccount(user_id=404, username="u", inn="1", password_enc="x"))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_money_round_trips_exactly(uow: UnitOfWork, session: AsyncSession) -> None:
    from decimal import Decimal

    from storage.schemas import OrderData

    await uow.orders.upsert(
        OrderData(bts_order_id=1, cost=Decimal("123456789012.34"), cod_amount=Decimal("0.10"))
    )
    await session.commit()
    session.expunge_all()
    row = (await session.execute(select(Order.cost, Order.cod_amount))).one()
    assert row == (Decimal("123456789012.34"), Decimal("0.10"))
    assert isinstance(row[0], Decimal)


async def test_backup_copies_a_live_database(database_url: str, engine: AsyncEngine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        with pytest.raises(ValueError, match="SQLite only"):
            await backup_sqlite(engine, tmp_path / "b.sqlite3")
        return
    factory = create_session_factory(engine)
    async with factory() as session, session.begin():
        await UnitOfWork(session, None).users.get_or_create(42)  # type: ignore[arg-type]
    target = tmp_path / "backups" / "copy.sqlite3"
    assert await backup_sqlite(engine, target) == target.resolve()
    copy = create_engine(sqlite_url(target))
    try:
        assert await _scalar(copy, "SELECT id FROM users") == 42
    finally:
        await copy.dispose()
    with pytest.raises(FileExistsError):
        await backup_sqlite(engine, target)


def test_upgrade_and_backup_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert storage_main(["upgrade"]) == 0  # the default: data/bot.sqlite3 under the working directory
    assert (tmp_path / "data" / "bot.sqlite3").exists()
    assert storage_main(["backup", "backups/today.sqlite3"]) == 0
    copy = create_engine(sqlite_url(tmp_path / "backups" / "today.sqlite3"))

    async def version() -> object:
        try:
            return await _scalar(copy, "SELECT version_num FROM alembic_version")
        finally:
            await copy.dispose()

    assert asyncio.run(version()) == ScriptDirectory.from_config(alembic_config()).get_current_head()
