"""The aiogram FSM storage: conversations survive a restart, reads are cheap, data stays JSON."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory
from storage.fsm import SqlStorage
from storage.models import FsmRecord
from tests.storage.conftest import FSM_KEY as KEY


class NewOrder(StatesGroup):
    receiver = State()
    phone = State()
    weight = State()


DRAFT: dict[str, Any] = {
    "receiver": {"name": "Одил Ахмедов", "phone": "+998991234568", "city_id": 3},
    "cod_amount": "125000.50",
    "goods": [{"name": "Ko‘ylak", "qty": 2}],
    "express": True,
    "note": None,
}


@contextmanager
def count_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def remember(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", remember)


async def _rows(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(FsmRecord)) or 0)


async def test_state_and_data_round_trip(session_factory: async_sessionmaker[AsyncSession]) -> None:
    storage = SqlStorage(session_factory)
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}
    await storage.set_state(KEY, NewOrder.phone)
    await storage.set_data(KEY, DRAFT)
    assert await storage.get_state(KEY) == "NewOrder:phone"
    assert await storage.get_data(KEY) == DRAFT
    assert await storage.update_data(KEY, {"weight": "2.000"}) == {**DRAFT, "weight": "2.000"}
    assert await storage.get_value(KEY, "weight") == "2.000"


async def test_a_draft_survives_dropping_the_engine(database_url: str) -> None:
    engine = create_engine(database_url)
    storage = SqlStorage(create_session_factory(engine))
    await storage.set_state(KEY, NewOrder.weight)
    await storage.set_data(KEY, DRAFT)
    await storage.close()
    await engine.dispose()

    reopened = create_engine(database_url)
    try:
        fresh = SqlStorage(create_session_factory(reopened))
        assert await fresh.get_state(KEY) == NewOrder.weight.state
        assert await fresh.get_data(KEY) == DRAFT
    finally:
        await reopened.dispose()


async def test_works_through_aiogram_fsm_context(session_factory: async_sessionmaker[AsyncSession]) -> None:
    context = FSMContext(storage=SqlStorage(session_factory), key=KEY)
    await context.set_state(NewOrder.receiver)
    await context.update_data(name="Ali")
    await context.update_data(phone="+998901112233")
    await context.storage.flush()  # type: ignore[attr-defined]  # what the bot does before it answers
    again = FSMContext(storage=SqlStorage(session_factory), key=KEY)  # another process, same database
    assert await again.get_state() == NewOrder.receiver.state
    assert await again.get_data() == {"name": "Ali", "phone": "+998901112233"}
    await again.clear()
    await again.storage.flush()  # type: ignore[attr-defined]
    assert await _rows(session_factory) == 0  # an empty conversation leaves no row behind


async def test_keys_keep_chats_users_and_destinies_apart(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    storage = SqlStorage(session_factory, key_builder=DefaultKeyBuilder(with_destiny=True))
    other_user = StorageKey(bot_id=42, chat_id=KEY.chat_id, user_id=7)
    other_destiny = StorageKey(bot_id=42, chat_id=KEY.chat_id, user_id=KEY.user_id, destiny="dialog")
    await storage.set_data(KEY, {"who": "main"})
    await storage.set_data(other_user, {"who": "other user"})
    await storage.set_data(other_destiny, {"who": "other destiny"})
    await storage.flush()
    fresh = SqlStorage(session_factory)
    assert [await fresh.get_data(k) for k in (KEY, other_user, other_destiny)] == [
        {"who": "main"},
        {"who": "other user"},
        {"who": "other destiny"},
    ]
    async with session_factory() as session:
        keys = set(await session.scalars(select(FsmRecord.key)))
    assert keys == {"fsm:1001:1001:default", "fsm:1001:7:default", "fsm:1001:1001:dialog"}


async def test_reads_cost_one_lookup_then_none(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    writer = SqlStorage(session_factory)
    await writer.set_data(KEY, DRAFT)
    await writer.flush()
    storage = SqlStorage(session_factory)
    with count_statements(engine) as statements:
        await storage.get_state(KEY)
        await storage.get_data(KEY)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    with count_statements(engine) as statements:
        await storage.set_state(KEY, NewOrder.phone)  # kept in memory ...
        await storage.set_data(KEY, DRAFT | {"step": 2})
        await storage.flush()  # ... and written together (on SQLite by the storage's own connection)
        await storage.get_state(KEY)  # reads are served from memory
        await storage.get_data(KEY)
        await storage.get_data(KEY)
    assert [s for s in statements if s.lstrip().upper().startswith("SELECT")] == []
    assert await SqlStorage(session_factory).get_data(KEY) == DRAFT | {"step": 2}


async def test_returned_data_is_a_copy(session_factory: async_sessionmaker[AsyncSession]) -> None:
    storage = SqlStorage(session_factory)
    await storage.set_data(KEY, {"items": [1, 2]})
    data = await storage.get_data(KEY)
    data["items"].append(3)
    assert await storage.get_data(KEY) == {"items": [1, 2]}


async def test_without_cache_every_read_sees_other_writers(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    reader = SqlStorage(session_factory, cache_size=0)
    writer = SqlStorage(session_factory)
    assert await reader.get_state(KEY) is None
    await writer.set_state(KEY, NewOrder.weight)
    await writer.flush()
    assert await reader.get_state(KEY) == NewOrder.weight.state


async def test_small_cache_evicts_and_still_answers(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    storage = SqlStorage(session_factory, cache_size=2)
    keys = [StorageKey(bot_id=1, chat_id=n, user_id=n) for n in range(5)]
    for n, key in enumerate(keys):
        await storage.set_data(key, {"n": n})
    assert all(key in storage._cache for key in storage._dirty)  # pending changes are never evicted
    await storage.flush()
    assert len(storage._cache) == 2  # ... once written, the cache shrinks back
    assert [await storage.get_data(key) for key in keys] == [{"n": n} for n in range(5)]


async def test_state_change_keeps_data_and_clearing_data_keeps_state(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    storage = SqlStorage(session_factory)
    await storage.set_data(KEY, {"a": "1"})
    await storage.set_state(KEY, NewOrder.phone)
    await storage.set_data(KEY, {})
    await storage.flush()
    fresh = SqlStorage(session_factory)
    assert await fresh.get_state(KEY) == NewOrder.phone.state
    assert await fresh.get_data(KEY) == {}
    await storage.set_state(KEY, None)
    await storage.flush()
    assert await _rows(session_factory) == 0


async def test_only_json_data_is_accepted(session_factory: async_sessionmaker[AsyncSession]) -> None:
    storage = SqlStorage(session_factory)
    with pytest.raises(TypeError, match="JSON"):
        await storage.set_data(KEY, {"cod": Decimal("1.50")})
    with pytest.raises(DataNotDictLikeError):
        await storage.set_data(KEY, [("a", 1)])  # type: ignore[arg-type]
    assert await SqlStorage(session_factory).get_data(KEY) == {}


async def test_encrypted_data(session_factory: async_sessionmaker[AsyncSession]) -> None:
    box = SecretBox([generate_key()])
    storage = SqlStorage(session_factory, box=box)
    await storage.set_state(KEY, NewOrder.phone)
    await storage.set_data(KEY, {"password": "hunter2"})
    await storage.flush()
    async with session_factory() as session:
        row = (await session.execute(select(FsmRecord.state, FsmRecord.data, FsmRecord.data_enc))).one()
    assert row.state == NewOrder.phone.state  # the state stays readable
    assert row.data is None and row.data_enc is not None and "hunter2" not in row.data_enc
    assert await SqlStorage(session_factory, box=box).get_data(KEY) == {"password": "hunter2"}
    with pytest.raises(RuntimeError, match="secret box"):
        await SqlStorage(session_factory).get_data(KEY)


async def test_changes_to_state_and_data_are_written_together(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    storage = SqlStorage(session_factory)
    await storage.set_data(KEY, {"step": 1})
    await storage.set_state(KEY, NewOrder.phone)
    await storage.flush()
    batches: list[int] = []
    write_batch = storage._write_batch

    async def counting(entries: Any) -> None:
        batches.append(len(entries))
        await write_batch(entries)

    storage._write_batch = counting  # type: ignore[method-assign]
    await storage.set_state(KEY, NewOrder.weight)  # a handler: the next step, then new data
    await storage.set_data(KEY, {"step": 2})
    assert storage.pending == 1 and batches == []  # nothing written yet ...
    await storage.flush()
    assert batches == [1]  # ... then one transaction with one row
    fresh = SqlStorage(session_factory)
    assert await fresh.get_state(KEY) == NewOrder.weight.state
    assert await fresh.get_data(KEY) == {"step": 2}


async def test_close_writes_what_is_pending(session_factory: async_sessionmaker[AsyncSession]) -> None:
    storage = SqlStorage(session_factory)
    await storage.set_state(KEY, NewOrder.phone)
    await storage.close()
    assert await SqlStorage(session_factory).get_state(KEY) == NewOrder.phone.state
