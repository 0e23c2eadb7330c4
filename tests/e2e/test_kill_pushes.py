"""kill -9 of the real bot process (``python -m bot``: polling, the push sender, everything) at
random points, N times, while pushes are being delivered (issue 11.6): no push is lost, none
whose acceptance the bot heard is sent again, and after each restart the sender resumes in
seconds (it takes over the dead process's claimed rows at once instead of waiting out their
60 s lease).

The one push that can arrive twice is the one on the wire at the kill: Telegram accepted it
but the answer died with the process. The Bot API has no idempotency key, so the restarted
sender cannot ask whether it arrived; it sends it again rather than lose it. The test checks
that every duplicate is such a push (first copy accepted just before a kill)."""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
from collections import Counter

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine, create_session_factory
from storage.repositories.outbox import OutboxRepository
from tests.e2e.conftest import START_TIMEOUT, Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

KILLS = int(os.environ.get("KILL_TEST_KILLS", "20"))  # N >= 20 in make test
PER_ROUND = 12
CHATS = 6
TAG = re.compile(r"kx(\d+)x")


async def enqueue(engine: AsyncEngine, chats: list[int], first: int, count: int) -> None:
    async with create_session_factory(engine)() as session, session.begin():
        outbox = OutboxRepository(session)
        for n in range(first, first + count):
            await outbox.enqueue(
                chat_id=chats[n % len(chats)],
                message_key="push-relogin",
                params={"username": f"kx{n}x"},
                dedup_key=f"kill-test:{n}",
            )


ON_THE_WIRE = 2.0  # seconds between Telegram accepting a push and the sender hearing it, at most
AFTER_KILL = 0.5  # a request already on its way is accepted just after the kill, as the process dies


def delivered(stack: Stack, chats: list[int]) -> Counter[int]:
    seen: Counter[int] = Counter()
    for chat in chats:
        for message in stack.telegram.transcript(chat).messages:
            if message.from_bot and message.text:
                seen.update(int(n) for n in TAG.findall(message.text))
    return seen


def first_accepted(stack: Stack, chats: list[int]) -> dict[int, float]:
    """Push number -> when Telegram accepted its first copy."""
    first: dict[int, float] = {}
    for chat in chats:
        for message in stack.telegram.transcript(chat).messages:
            if message.from_bot and message.text:
                for n in TAG.findall(message.text):
                    first.setdefault(int(n), message.accepted_at)
    return first


async def test_kill_9_at_random_points_loses_and_duplicates_no_push(e2e: Stack) -> None:
    rng = random.Random(11)
    chats = [e2e.telegram.add_user(90_000 + i, first_name=f"Kill{i}").id for i in range(CHATS)]
    url = e2e.bot.env["DATABASE_URL"]
    engine = create_engine(url)
    total = 0
    resume: list[float] = []
    kills: list[float] = []
    try:
        for _ in range(KILLS):
            await enqueue(engine, chats, total, PER_ROUND)
            total += PER_ROUND
            before = sum(delivered(e2e, chats).values())
            await asyncio.sleep(rng.uniform(0.05, 1.5))  # somewhere in the middle of sending
            kills.append(time.monotonic())
            await e2e.bot.kill()
            calls = e2e.telegram.get_updates_calls
            await e2e.bot.start()
            await e2e.bot.wait_ready(e2e.telegram, since_calls=calls, timeout=START_TIMEOUT)
            ready = time.monotonic()
            # The restarted sender picks up at once what the dead one had claimed.
            while time.monotonic() - ready < 30:
                count = sum(delivered(e2e, chats).values())
                if count > before or len(delivered(e2e, chats)) >= total:
                    break
                await asyncio.sleep(0.05)
            resume.append(time.monotonic() - ready)
        deadline = time.monotonic() + 60
        while len(delivered(e2e, chats)) < total and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.2)
    finally:
        await engine.dispose()
    seen = delivered(e2e, chats)
    lost = [n for n in range(total) if seen[n] == 0]
    twice = {n: c for n, c in seen.items() if c > 1}
    first = first_accepted(e2e, chats)
    on_the_wire = {n for n in twice if any(-AFTER_KILL <= k - first[n] <= ON_THE_WIRE for k in kills)}
    print(
        f"\nkill -9 x{KILLS}: {total} pushes, {len(lost)} lost,"
        f" {sum(c - 1 for c in twice.values())} duplicated"
        f" ({len(on_the_wire)} of them on the wire at a kill);"
        f" resumed after a restart in {min(resume):.2f}..{max(resume):.2f} s"
        f" (median {sorted(resume)[len(resume) // 2]:.2f} s)"
    )
    if set(twice) - on_the_wire:  # what the sender said, for the report
        log = e2e.bot.log_path.read_text(encoding="utf-8", errors="replace")
        print("\n".join(line for line in log.splitlines() if "outbox" in line or "start #" in line)[-8000:])
        print("kills at", [round(k, 2) for k in kills])
        print("twice", {n: round(first[n], 2) for n in twice})
    assert not lost, lost
    assert all(c == 2 for c in twice.values()), twice
    assert set(twice) == on_the_wire, {n: first[n] for n in set(twice) - on_the_wire}
    assert len(twice) <= KILLS * CHATS  # one chat gets one message a second: one on the wire each
    assert max(resume) < 15  # seconds, not the 60 s lease
