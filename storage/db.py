"""Engine, sessions and migrations.

``DATABASE_URL`` picks the database: the default is an SQLite file under ``data/`` (WAL mode,
foreign keys on, a busy timeout); ``postgresql+asyncpg://...`` runs the same code on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.files import private_dir, private_file

logger = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path("data")
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{DEFAULT_DATA_DIR / 'bot.sqlite3'}"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x6274735F6D6967  # PostgreSQL advisory lock key held while migrating ("bts_mig")
# How long a write waits for another process's write lock before giving up (a backup, a
# migration, a second process): long enough that seconds of it only delay, never fail.
BUSY_TIMEOUT_MS = 30_000

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
)


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked/busy" (another process held it too long)."""
    seen: BaseException | None = exc
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        visited.add(id(seen))
        text = str(seen).lower()
        if "database is locked" in text or "database is busy" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def journal_dir_for(engine: AsyncEngine) -> Path:
    """Where the outbox sender keeps its sent-journals: beside the database (``data/outbox``)."""
    return data_dir_for(engine.url.render_as_string(hide_password=True)) / "outbox"


def data_dir_for(url: str) -> Path:
    """Where files that belong with the database live (the generated key): beside the SQLite file."""
    path = sqlite_path(url)
    return path.parent if path is not None else DEFAULT_DATA_DIR


def _apply_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def create_engine(url: str, *, echo: bool = False, **kwargs: Any) -> AsyncEngine:
    """An async engine; SQLite connections get WAL, foreign keys, a busy timeout and synchronous=NORMAL."""
    path = sqlite_path(url)
    if path is not None:
        # 0600 before SQLite opens it: the -wal and -shm files it creates take the same mode.
        private_file(path)
    engine = create_async_engine(url, echo=echo, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _apply_sqlite_pragmas)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions keep loaded values after commit, so pydantic objects can be built after it."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config that works from any working directory (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _downgrade(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


async def upgrade_database(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (head by default), creating it if needed."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Several processes start at once (web, worker): one migrates, the others wait.
                await connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            await connection.run_sync(_upgrade, alembic_config(url), revision)
    finally:
        await engine.dispose()
    logger.info("database schema is at %s", revision)


async def downgrade_database(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_downgrade, alembic_config(url), revision)
    finally:
        await engine.dispose()


def _prepare_backup_target(target: Path) -> Path:
    target = target.resolve()
    if target.exists():
        raise FileExistsError(f"{target} exists; choose a new file name")
    private_dir(target.parent)
    return target


async def backup_sqlite(engine: AsyncEngine, target: Path) -> Path:
    """A consistent copy of a live SQLite database (``VACUUM INTO``), safe while the bot runs."""
    if engine.dialect.name != "sqlite":
        raise ValueError("backup_sqlite works on SQLite only; use pg_dump for PostgreSQL")
    target = await asyncio.to_thread(_prepare_backup_target, target)
    async with engine.connect() as connection:
        await connection.exec_driver_sql("VACUUM INTO ?", (str(target),))
    return target
