"""aiogram FSM storage in our own database, so a half-typed order survives a restart or a deploy.

The one module of ``storage`` that imports aiogram: it implements aiogram's ``BaseStorage``.
One row per storage key (``DefaultKeyBuilder(with_destiny=True)``: ``fsm:<chat>:<user>:<destiny>``)
holds the state and the data. Data must be JSON (string keys; the bot stores Decimals as
strings); anything else fails loudly when set, not after a restart.

Reads are cheap: one primary-key lookup loads state and data together, and a small in-process
LRU cache serves the rest of the conversation without the database. The cache assumes this
process is the only writer of its conversations (one bot process per token, as Telegram
delivers each update once); run several processes against one database with ``cache_size=0``
(every change is then written at once), or move to aiogram's ``RedisStorage`` for scale-out.

Writes are coalesced: a handler typically changes the data and then the state before it
answers; both go to the cache at once and reach the database together, in one transaction, at
the next ``flush()``. A flush is scheduled on every change (it runs as soon as the handler
awaits anything), and the bot calls ``flush()`` before every request to Telegram
(``bot.middlewares.flush``), so no answer is ever shown to a user before the conversation
state it belongs to is on disk.

With a :class:`~storage.crypto.SecretBox` the data is stored encrypted (``data_enc``), for flows
that carry a password between steps.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import queue
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StateType, StorageKey
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.db import SQLITE_PRAGMAS, sqlite_path
from storage.models import FsmRecord
from storage.types import utc_now

_EMPTY = "{}"
_RETRY_SECONDS = 1.0

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Entry:
    state: str | None
    data_json: str  # the data as JSON text: every read decodes a fresh copy

    @property
    def empty(self) -> bool:
        return self.state is None and self.data_json == _EMPTY


_ABSENT = _Entry(None, _EMPTY)


def _encode(data: Mapping[str, Any]) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"FSM data must be JSON (store Decimals and dates as strings): {exc}") from exc


def _resolve_state(state: StateType) -> str | None:
    if state is None:
        return None
    if isinstance(state, State):
        return state.state
    return str(state)


_UPSERT_ALL = (
    "INSERT INTO fsm_records (key, state, data, data_enc, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET state = excluded.state, data = excluded.data, "
    "data_enc = excluded.data_enc, updated_at = excluded.updated_at"
)
_UPSERT_STATE = (
    "INSERT INTO fsm_records (key, state, data, data_enc, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at"
)
_DELETE = "DELETE FROM fsm_records WHERE key = ?"

Statement = tuple[str, tuple[Any, ...]]


class _SqliteWriter:
    """The SQLite fast path for FSM writes: a whole flush in one transaction on a plain ``sqlite3``
    connection (the async ORM costs a thread hop per statement). The SQL is the same upsert the
    SQLAlchemy path issues; the schema is the migrations'.

    A write is made inline, on the event loop's thread, when nothing else is writing: a WAL
    commit (``synchronous=NORMAL``) is tens of µs, less than handing the job to a thread and
    waking up again. That connection never waits for a lock (``busy_timeout=0``) and never
    checkpoints: when another connection holds the write lock, or every ``CHECKPOINT_EVERY``
    writes (its commit may checkpoint the WAL, which syncs the file), the write goes to a
    connection on its own thread, as before, which waits for the lock and checkpoints."""

    CHECKPOINT_EVERY = 200

    def __init__(self, path: Path) -> None:
        self.path = path
        self._jobs: queue.SimpleQueue[
            tuple[asyncio.AbstractEventLoop, asyncio.Future[None], Sequence[Statement]] | None
        ] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._queued = 0  # jobs handed to the thread and not finished
        self._inline: sqlite3.Connection | None = None
        self._inline_writes = 0

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            for pragma in SQLITE_PRAGMAS:
                conn.execute(pragma)
            while (job := self._jobs.get()) is not None:
                loop, future, statements = job
                try:
                    _transaction(conn, statements)
                except BaseException as exc:  # reported to the awaiting coroutine
                    _report(loop, future, exc)
                else:
                    _report(loop, future, None)
        finally:
            conn.close()

    async def write(self, statements: Sequence[Statement]) -> None:
        if (
            self._queued == 0
            and self._inline_writes < self.CHECKPOINT_EVERY
            and self._write_inline(statements)
        ):
            return
        self._inline_writes = 0
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="fsm-sqlite", daemon=True)
            self._thread.start()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._queued += 1
        try:
            self._jobs.put((loop, future, statements))
            await future
        finally:
            self._queued -= 1

    def _write_inline(self, statements: Sequence[Statement]) -> bool:
        """Write on this thread unless another connection holds the lock (then ``False``)."""
        if self._inline is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=0, check_same_thread=False)
            for pragma in SQLITE_PRAGMAS:
                conn.execute(pragma)
            conn.execute("PRAGMA busy_timeout=0")
            conn.execute("PRAGMA wal_autocheckpoint=0")  # the thread's connection checkpoints
            self._inline = conn
        try:
            if len(statements) == 1:  # one statement is its own transaction (autocommit)
                self._inline.execute(*statements[0])
            else:
                self._inline.execute("BEGIN IMMEDIATE")
                _statements(self._inline, statements)
        except sqlite3.OperationalError as exc:
            # Another connection writes: nothing was written (the statement, or BEGIN, failed
            # before any change); the writer's thread waits for the lock instead.
            if exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                return False
            raise
        self._inline_writes += 1
        return True

    async def close(self) -> None:
        if self._inline is not None:
            self._inline.close()
            self._inline = None
        if self._thread is not None:
            self._jobs.put(None)
            await asyncio.to_thread(self._thread.join)
            self._thread = None


def _transaction(conn: sqlite3.Connection, statements: Sequence[Statement]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    _statements(conn, statements)


def _statements(conn: sqlite3.Connection, statements: Sequence[Statement]) -> None:
    """The statements of a transaction begun on ``conn``, then COMMIT (ROLLBACK on an error)."""
    try:
        for sql, params in statements:
            conn.execute(sql, params)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _report(
    loop: asyncio.AbstractEventLoop, future: asyncio.Future[None], error: BaseException | None
) -> None:
    with contextlib.suppress(RuntimeError):  # the loop is gone (shut down mid-write): no one waits
        loop.call_soon_threadsafe(_settle, future, error)


def _settle(future: asyncio.Future[None], error: BaseException | None) -> None:
    if future.done():
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)


def _sqlite_time(moment: datetime) -> str:
    """How SQLAlchemy stores our UTC timestamps in SQLite (naive UTC, microseconds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        key_builder: KeyBuilder | None = None,
        box: SecretBox | None = None,
        cache_size: int = 10_000,
    ) -> None:
        self._session_factory = session_factory
        self._key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)
        self._box = box
        self._cache_size = cache_size
        self._cache: OrderedDict[str, _Entry] = OrderedDict()
        # Keys changed in the cache but not yet in the database -> whether their data changed.
        self._dirty: dict[str, bool] = {}
        self._writing: set[str] = set()
        self._flush_lock = asyncio.Lock()
        self._flusher: asyncio.Task[None] | None = None
        path = sqlite_path(str(self._engine().url))
        self._sqlite = _SqliteWriter(path) if path is not None else None

    # --- aiogram interface -------------------------------------------------------------------------

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        storage_key = self._key_builder.build(key)
        current = await self._load(storage_key)
        await self._write(storage_key, _Entry(_resolve_state(state), current.data_json), state_only=True)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(self._key_builder.build(key))).state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, dict):
            raise DataNotDictLikeError(f"Data must be a dict or dict-like object, got {type(data).__name__}")
        storage_key = self._key_builder.build(key)
        current = await self._load(storage_key)
        await self._write(storage_key, _Entry(current.state, _encode(data)), state_only=False)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((await self._load(self._key_builder.build(key))).data_json)
        return data

    async def close(self) -> None:
        """Write what is pending, then forget the cache (the engine is disposed by its creator)."""
        await self.flush()
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
        if self._sqlite is not None:
            await self._sqlite.close()  # a later write starts the thread again
        self._cache.clear()

    @property
    def pending(self) -> int:
        """How many conversations have changes not yet in the database."""
        return len(self._dirty)

    async def flush(self) -> None:
        """Write every pending change, all in one transaction; cheap when nothing is pending."""
        if not self._dirty:
            return
        async with self._flush_lock:
            while self._dirty:
                batch, self._dirty = self._dirty, {}
                entries = {key: (self._cache[key], data_changed) for key, data_changed in batch.items()}
                self._writing = set(entries)
                try:
                    await self._write_batch(entries)
                except BaseException:
                    for key, data_changed in batch.items():
                        self._dirty[key] = self._dirty.get(key, False) or data_changed
                    raise
                finally:
                    self._writing = set()
            self._trim()

    async def _flush_soon(self) -> None:
        while self._dirty:
            try:
                await self.flush()
            except Exception:
                logger.exception("FSM storage: writing %d conversations failed; retrying", len(self._dirty))
                await asyncio.sleep(_RETRY_SECONDS)

    def _schedule_flush(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_soon())

    def _engine(self) -> AsyncEngine:
        bind = self._session_factory.kw.get("bind")
        if not isinstance(bind, AsyncEngine):
            raise RuntimeError("SqlStorage needs a session factory bound to an engine")
        return bind

    async def _write_batch(self, entries: Mapping[str, tuple[_Entry, bool]]) -> None:
        now = utc_now()
        if self._sqlite is not None:
            await self._sqlite.write(
                [
                    self._statement(key, entry, state_only=not changed, now=now)
                    for key, (entry, changed) in entries.items()
                ]
            )
            return
        async with self._engine().begin() as conn:
            for storage_key, (entry, data_changed) in entries.items():
                await self._store(conn, storage_key, entry, state_only=not data_changed, now=now)

    def _statement(self, storage_key: str, entry: _Entry, *, state_only: bool, now: datetime) -> Statement:
        if entry.empty:
            return _DELETE, (storage_key,)
        data, data_enc = self._stored_data(entry)
        sql = _UPSERT_STATE if state_only else _UPSERT_ALL
        return sql, (storage_key, entry.state, data, data_enc, _sqlite_time(now))

    def _stored_data(self, entry: _Entry) -> tuple[str | None, str | None]:
        """(data as JSON text, encrypted data): one of them, as the columns hold them."""
        if self._box is not None:
            return None, self._box.encrypt(entry.data_json)
        return entry.data_json, None

    # --- internals -------------------------------------------------------------------------------------

    async def _load(self, storage_key: str) -> _Entry:
        cached = self._cache.get(storage_key)
        if cached is not None:
            self._cache.move_to_end(storage_key)
            return cached
        async with self._session_factory() as session:
            row = (
                await session.execute(
                    select(FsmRecord.state, FsmRecord.data, FsmRecord.data_enc).where(
                        FsmRecord.key == storage_key
                    )
                )
            ).first()
        if row is None:
            entry = _ABSENT
        elif row.data_enc is not None:
            entry = _Entry(row.state, self._decrypt(row.data_enc))
        else:
            entry = _Entry(row.state, _encode(row.data or {}))
        self._remember(storage_key, entry)
        return entry

    def _decrypt(self, token: str) -> str:
        if self._box is None:
            raise RuntimeError("FSM data is stored encrypted; give SqlStorage the secret box")
        return self._box.decrypt(token)

    async def _write(self, storage_key: str, entry: _Entry, *, state_only: bool) -> None:
        if self._cache_size > 0:
            self._dirty[storage_key] = self._dirty.get(storage_key, False) or not state_only
            self._remember(storage_key, entry)  # after marking it dirty: it must not be evicted
            self._schedule_flush()
            return
        if self._sqlite is not None:  # no cache: other processes read the database
            await self._sqlite.write(
                [self._statement(storage_key, entry, state_only=state_only, now=utc_now())]
            )
            return
        async with self._engine().begin() as conn:
            await self._store(conn, storage_key, entry, state_only=state_only, now=utc_now())

    async def _store(
        self, conn: AsyncConnection, storage_key: str, entry: _Entry, *, state_only: bool, now: datetime
    ) -> None:
        if entry.empty:
            await conn.execute(delete(FsmRecord).where(FsmRecord.key == storage_key))
            return
        values: dict[str, Any] = {"state": entry.state, "updated_at": now}
        if not state_only or entry.data_json != _EMPTY:
            if self._box is not None:
                values["data_enc"] = self._box.encrypt(entry.data_json)
                values["data"] = None
            else:
                values["data"] = json.loads(entry.data_json)
                values["data_enc"] = None
        # Only the state changed: leave the stored data alone (it may be encrypted with an older key);
        # otherwise the cached entry is the whole truth, state and data.
        update_values = {"state": entry.state, "updated_at": now} if state_only else dict(values)
        dialect = conn.dialect.name
        insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
        stmt = insert(FsmRecord).values(key=storage_key, **values)
        await conn.execute(stmt.on_conflict_do_update(index_elements=[FsmRecord.key], set_=update_values))

    def _remember(self, storage_key: str, entry: _Entry) -> None:
        if self._cache_size <= 0:
            return
        self._cache[storage_key] = entry
        self._cache.move_to_end(storage_key)
        self._trim()

    def _trim(self) -> None:
        """Evict the least recently used conversations, never one whose change is still pending."""
        excess = len(self._cache) - self._cache_size
        if excess > 0:
            pinned = self._dirty.keys() | self._writing
            for key in [k for k in self._cache if k not in pinned][:excess]:
                del self._cache[key]
