"""Maintenance commands: ``python -m storage <command>``.

    upgrade        bring the database to the latest schema (the bot also does this on start)
    rotate-keys    re-encrypt every stored secret with the first key of SECRET_KEY (or the key file)
    backup PATH    copy a live SQLite database to PATH (consistent, safe while the bot runs)

DATABASE_URL and SECRET_KEY are read from the environment or a ``.env`` file, as the bot reads them.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.crypto import load_secret_box
from storage.db import (
    DEFAULT_DATABASE_URL,
    backup_sqlite,
    create_engine,
    create_session_factory,
    data_dir_for,
    upgrade_database,
)
from storage.rotation import rotate_secrets


class StorageSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: SecretStr | None = None


async def _rotate(settings: StorageSettings) -> int:
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    box = load_secret_box(secret, data_dir_for(settings.database_url))
    await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        count = await rotate_secrets(create_session_factory(engine), box)
    finally:
        await engine.dispose()
    print(f"re-encrypted {count} stored secrets with the first of {box.key_count} key(s)")
    if box.key_count > 1:
        print("you can now remove the old key(s) from SECRET_KEY (or the key file)")
    return 0


async def _backup(settings: StorageSettings, target: Path) -> int:
    engine = create_engine(settings.database_url)
    try:
        written = await backup_sqlite(engine, target)
    finally:
        await engine.dispose()
    print(f"backup written to {written}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storage", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upgrade", help="migrate the database to the latest schema")
    commands.add_parser("rotate-keys", help="re-encrypt stored secrets with the first key")
    backup = commands.add_parser("backup", help="copy the live SQLite database to a file")
    backup.add_argument("path", type=Path)
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = StorageSettings()
    if args.command == "upgrade":
        asyncio.run(upgrade_database(settings.database_url))
        return 0
    if args.command == "rotate-keys":
        return asyncio.run(_rotate(settings))
    return asyncio.run(_backup(settings, args.path))


if __name__ == "__main__":
    sys.exit(main())
