"""The database write-locked by another process for 7 s (issue 11.8): the user's step waits and is
answered as usual, the outbox sender waits and sends once, nobody logs an error. Only a lock that
outlasts the busy timeout is told to the user, plainly."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from services.notifications import OutboxSender
from storage.db import sqlite_path
from storage.uow import unit_of_work
from tests.bot.conftest import BotHarness
from tests.bot.flows import login
from tests.bot.mocked import joined
from tests.pushes.conftest import RecordingTransport

LOCK_SECONDS = 7.0
HOLD = f"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("CREATE TABLE IF NOT EXISTS _lock_probe (x)")
print("locked", flush=True)
time.sleep({LOCK_SECONDS})
conn.execute("ROLLBACK")
"""


async def render(chat_id: int, message_key: str, params: Sequence[Mapping[str, Any]]) -> str:
    return f"{message_key}:{len(params)}"


async def test_a_seven_second_write_lock_only_delays(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    async with unit_of_work(harness.services.session_factory, harness.services.box) as uow:
        await uow.outbox.enqueue(chat_id=ali.user.id, message_key="push-relogin", dedup_key="lock:1")
    path = sqlite_path(str(harness.services.engine.url))
    assert path is not None
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLD, str(path), stdout=asyncio.subprocess.PIPE
    )
    assert holder.stdout is not None
    assert (await holder.stdout.readline()).strip() == b"locked"
    transport = RecordingTransport()
    sender = OutboxSender(
        harness.services.session_factory, harness.services.box, transport, render, rate=1000.0
    )
    try:
        answer, sent = await asyncio.gather(ali.send("➕ New order"), sender.drain_once())
    finally:
        await holder.wait()
    assert holder.returncode == 0
    assert "full name" in joined(answer)  # the normal next question, not an apology
    assert sent == 1 and [s.text for s in transport.sent] == ["push-relogin:1"]
    # (the harness fails the test on any logged error)


async def test_a_lock_that_persists_is_told_plainly(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ali = harness.user()
    await login(ali)

    async def locked(*args: object, **kwargs: object) -> object:
        raise OperationalError("UPDATE users", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(type(harness.services.orders), "list_orders", locked)
    sent = await ali.send("📋 My orders")
    assert "send that again in a minute" in joined(sent)
