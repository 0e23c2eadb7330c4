"""Files with personal data are private: folders 0700 and files 0600 as we create them (issue 11.3)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.crypto import load_secret_box
from storage.db import create_engine
from storage.files import private_file, restrict_new_files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual umask of a shell (022): what we create must be private all the same."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("loose_umask")
async def test_database_wal_shm_and_data_dir_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data" / "deeper"
    path = data / "bot.sqlite3"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (phone TEXT)"))
            await conn.execute(text("INSERT INTO t VALUES ('+998991234567')"))
        async with engine.connect() as conn:  # keeps the -wal and -shm files open and present
            await conn.execute(text("SELECT * FROM t"))
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert {p.name: mode(p) for p in (path, wal, shm)} == {
                "bot.sqlite3": 0o600,
                "bot.sqlite3-wal": 0o600,
                "bot.sqlite3-shm": 0o600,
            }
    finally:
        await engine.dispose()
    assert mode(data) == 0o700
    assert mode(data.parent) == 0o700


@pytest.mark.usefixtures("loose_umask")
def test_generated_key_and_its_folder_are_private(tmp_path: Path) -> None:
    load_secret_box(None, tmp_path / "keys")
    assert mode(tmp_path / "keys") == 0o700
    assert mode(tmp_path / "keys" / "secret.key") == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_an_existing_folder_keeps_the_mode_its_owner_chose(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o750)
    private_file(shared / "bot.log")
    assert mode(shared) == 0o750
    assert mode(shared / "bot.log") == 0o600


def test_the_process_umask_makes_every_new_file_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        restrict_new_files()
        (tmp_path / "any.log").write_text("x")
        (tmp_path / "dir").mkdir()
    finally:
        os.umask(old)
    assert mode(tmp_path / "any.log") == 0o600
    assert mode(tmp_path / "dir") == 0o700
