"""Files and folders we create hold personal data: folders 0700, files 0600, whatever the umask.

The database, its ``-wal``/``-shm`` companions (SQLite gives them the mode of the database
file), the generated key and the log are created through these helpers. A folder or file that
already exists is left as its owner set it (an administrator may have chosen wider modes on
purpose), except that a database file we create is narrowed before SQLite first opens it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700; an existing folder keeps its mode."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask; be explicit
    return path


def private_file(path: Path) -> Path:
    """Create an empty ``path`` as 0600 if it does not exist (its folder as :func:`private_dir`)."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return path
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def restrict_new_files() -> int:
    """Make every file this process creates from now on private (umask 077); returns the old umask."""
    return os.umask(0o077)


__all__ = ["DIR_MODE", "FILE_MODE", "private_dir", "private_file", "restrict_new_files"]
