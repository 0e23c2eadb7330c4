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


async def test_parcels_stored_under_their_number_wait_for_the_bts_barcode_after_0005(tmp_path: Path) -> None:
    """Before 0005_h15i, a parcel whose create answer had no barcode was stored with its parcel number
    as the barcode (never found by ``track-by-barcode``): it is set back to waiting for BTS's."""
    url = sqlite_url(tmp_path / "m5.sqlite3")
    await upgrade_database(url, "0005_allow")
    engine = create_engine(url)
    now = "2026-11-30 10:00:00"
    try:
        async with engine.begin() as connection:
            await connection.exec_driver_sql(
                "INSERT INTO users (id, language, created_at, last_seen_at, blocked_bot) "
                f"VALUES (7, 'uz', '{now}', '{now}', 0)"
            )
            # parcel 366489851 stored under its number; parcel UZ-2 under the barcode BTS answered
            for order_id, number, barcode in ((1, "366489851", "366489851"), (2, "UZ-2", "01000865704")):
                await connection.exec_driver_sql(
                    "INSERT INTO orders (id, bts_order_id, barcode, owner_id, international, is_final, "
                    "search_text, created_at, updated_at) "
                    f"VALUES ({order_id}, {-order_id}, '{barcode}', 7, 1, 0, '', '{now}', '{now}')"
                )
                await connection.exec_driver_sql(
                    "INSERT INTO intl_parcels (owner_id, order_id, parcel_number, barcode, personal_enc, "
                    "manifest_sent, created_at, updated_at) "
                    f"VALUES (7, {order_id}, '{number}', '{barcode}', 'x', 0, '{now}', '{now}')"
                )
        await upgrade_database(url)
        async with engine.connect() as connection:
            orders = (await connection.exec_driver_sql("SELECT id, barcode FROM orders ORDER BY id")).all()
            parcels = (
                await connection.exec_driver_sql(
                    "SELECT order_id, barcode FROM intl_parcels ORDER BY order_id"
                )
            ).all()
    finally:
        await engine.dispose()
    assert [tuple(r) for r in orders] == [(1, None), (2, "01000865704")]
    assert [tuple(r) for r in parcels] == [(1, None), (2, "01000865704")]
