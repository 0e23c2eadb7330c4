"""aiogram FSM storage in our own database, so a half-typed order survives a restart or a deploy.

The one module of ``storage`` that imports aiogram: it implements aiogram's ``BaseStorage``.
One row per storage key (``DefaultKeyBuilder(with_destiny=True)``: ``fsm:<chat>:<user>:<destiny>``)
holds the state and the data. Data must be JSON (string keys; the bot stores Decimals as
strings); anything else fails loudly when set, not after a restart.

Reads are cheap: one primary-key lookup loads state and data together, and a small in-process
LRU cache, written through on every change, serves the rest of the conversation without the
database. The cache assumes this process is the only writer of its conversations (one bot
process per token, as Telegram delivers each update once); run several processes against one
database with ``cache_size=0``, or move to aiogram's ``RedisStorage`` for scale-out.

With a :class:`~storage.crypto.SecretBox` the data is stored encrypted (``data_enc``), for flows
that carry a password between steps.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StateType, StorageKey
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.models import FsmRecord
from storage.repositories._sql import insert_for
from storage.types import utc_now

_EMPTY = "{}"


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
        """Forget the cache; the engine belongs to whoever created it and is disposed there."""
        self._cache.clear()

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
        self._cache.pop(storage_key, None)  # if the write fails, the next read goes to the database
        now = utc_now()
        async with self._session_factory() as session, session.begin():
            if entry.empty:
                await session.execute(delete(FsmRecord).where(FsmRecord.key == storage_key))
            else:
                await session.execute(
                    self._upsert(session, storage_key, entry, state_only=state_only, now=now)
                )
        self._remember(storage_key, entry)

    def _upsert(
        self, session: AsyncSession, storage_key: str, entry: _Entry, *, state_only: bool, now: datetime
    ) -> Any:
        values: dict[str, Any] = {"state": entry.state, "updated_at": now}
        if not state_only or entry.data_json != _EMPTY:
            if self._box is not None:
                values["data_enc"] = self._box.encrypt(entry.data_json)
                values["data"] = None
            else:
                values["data"] = json.loads(entry.data_json)
                values["data_enc"] = None
        if state_only:
            # Only the state changes: leave the stored data alone (it may be encrypted with an older key).
            update_values = {"state": entry.state, "updated_at": now}
        else:
            update_values = {name: value for name, value in values.items() if name != "state"}
        stmt = insert_for(session, FsmRecord).values(key=storage_key, **values)
        return stmt.on_conflict_do_update(index_elements=[FsmRecord.key], set_=update_values)

    def _remember(self, storage_key: str, entry: _Entry) -> None:
        if self._cache_size <= 0:
            return
        self._cache[storage_key] = entry
        self._cache.move_to_end(storage_key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
