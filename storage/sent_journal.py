"""A local, append-only record of the outbox rows Telegram accepted, written before the database.

The outbox marks a row sent in a transaction after Telegram accepted the message. If the
process dies before that commit (a kill, a crash, a database write-locked by another process
for seconds), the row's lease would run out and the message would be sent twice. So the sender
first appends the row ids to this journal (one ``os.write`` to a file opened ``O_APPEND``: no
database, no lock, no wait; it survives a kill of the process, which leaves the page cache to
the kernel), then marks them in the database. A sender that starts reads the journals of dead
workers on this machine, marks what they had sent as sent, and hands their other claimed rows
back at once (no waiting out the lease).

One file per worker, ``<dir>/<worker id>.sent``: a line per accepted message, the ids separated
by commas. What remains is a message on the wire when the process dies: Telegram accepted it
but its answer died with the process. The Bot API offers no idempotency key and no way to ask
what a chat holds, so the message is sent again rather than lost (at-least-once, by choice).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storage.files import FILE_MODE, private_dir

SUFFIX = ".sent"
_SAFE = re.compile(r"[^A-Za-z0-9_.@-]")


def host_name() -> str:
    return _SAFE.sub("-", socket.gethostname())[:40] or "host"


def new_worker_id(prefix: str = "sender") -> str:
    """``<prefix>@<host>.<pid>.<random>``: which machine and process hold a claim."""
    return f"{prefix}@{host_name()}.{os.getpid()}.{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class WorkerOwner:
    host: str
    pid: int


def owner_of(worker_id: str) -> WorkerOwner | None:
    """The machine and process of a worker id made by :func:`new_worker_id` (``None``: unknown)."""
    _, at, rest = worker_id.partition("@")
    if not at:
        return None
    parts = rest.rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit():
        return None
    return WorkerOwner(parts[0], int(parts[1]))


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_dead_here(worker_id: str) -> bool:
    """Whether the worker ran on this machine and its process is gone."""
    owner = owner_of(worker_id)
    return owner is not None and owner.host == host_name() and not process_alive(owner.pid)


class SentJournal:
    """The journal of one worker (see the module docstring)."""

    def __init__(self, directory: Path, worker_id: str) -> None:
        self.directory = directory
        self.worker_id = worker_id
        self.path = directory / f"{_SAFE.sub('-', worker_id)}{SUFFIX}"
        self._fd: int | None = None

    def _open(self) -> int:
        if self._fd is None:
            private_dir(self.directory)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        return self._fd

    def record(self, ids: Iterable[int]) -> None:
        """Telegram accepted the message of these rows (one write, before any database work)."""
        line = ",".join(str(i) for i in ids)
        if line:
            os.write(self._open(), f"{line}\n".encode("ascii"))

    def clear(self) -> None:
        """Everything recorded is in the database now."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)

    def close(self, *, remove: bool = False) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if remove:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def orphans(self) -> list[tuple[str, set[int]]]:
        """The journals of dead workers of this machine: (worker id, ids they had sent)."""
        found: list[tuple[str, set[int]]] = []
        if not self.directory.is_dir():
            return found
        for path in self.directory.glob(f"*{SUFFIX}"):
            worker = path.name[: -len(SUFFIX)]
            if path == self.path or not is_dead_here(worker):
                continue
            found.append((worker, read_ids(path)))
        return found


def read_ids(path: Path) -> set[int]:
    ids: set[int] = set()
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return ids
    for line in text.splitlines():
        for part in line.split(","):
            part = part.strip()
            if part.isascii() and part.isdigit():
                ids.add(int(part))
    return ids


def remove_journal(directory: Path, worker_id: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        (directory / f"{_SAFE.sub('-', worker_id)}{SUFFIX}").unlink()


__all__ = [
    "SentJournal",
    "WorkerOwner",
    "host_name",
    "is_dead_here",
    "new_worker_id",
    "owner_of",
    "process_alive",
    "read_ids",
    "remove_journal",
]
