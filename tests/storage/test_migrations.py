"""The migrations and the models describe the same schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import MIGRATIONS_DIR, alembic_config, create_engine, downgrade_database, upgrade_database
from storage.models import Base
from tests.storage.conftest import POSTGRES_URL, sqlite_url

ROOT = Path(__file__).resolve().parents[2]


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_models_and_migrations_agree(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        diff = await connection.run_sync(_diff)
    assert diff == []


async def test_models_and_migrations_agree_and_know_every_table(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        tables = await connection.run_sync(_tables)
    assert tables - {"alembic_version"} == set(Base.metadata.tables)


async def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    url = POSTGRES_URL or sqlite_url(tmp_path / "m.sqlite3")
    await upgrade_database(url)
    await downgrade_database(url, "base")
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) <= {"alembic_version"}
        await upgrade_database(url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await engine.dispose()


def test_one_head_and_the_cli_config_points_to_the_same_scripts() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1
    cli = ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini")))
    assert Path(cli.dir).resolve() == MIGRATIONS_DIR
    assert cli.get_heads() == scripts.get_heads()
