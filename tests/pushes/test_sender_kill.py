"""A sender that dies between Telegram's answer and its database commit sends nothing twice, and a
restarted sender takes over the dead one's rows at once, not after its lease (issue 11.6)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from services.notifications import PUSH_STATUS, enqueue_push
from storage.schemas import ChatPreferencesRecord, OutboxRecord, OutboxState
from storage.sent_journal import host_name, new_worker_id, owner_of
from storage.uow import unit_of_work
from tests.pushes.conftest import RecordingTransport, World
from tests.pushes.helpers import make_sender, outbox_rows


def dead_worker_id() -> str:
    """The id a sender of a process that has exited had (this machine, a pid that is gone)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return f"sender@{host_name()}.{int(done.stdout)}.deadbeef"


async def enqueue(world: World, n: int) -> None:
    async with unit_of_work(world.session_factory, world.box) as uow:
        await enqueue_push(
            uow.outbox,
            ChatPreferencesRecord(chat_id=8000 + n % 10),
            message_key=PUSH_STATUS,
            params={"n": n},
            dedup_key=f"kill:{n}",
            now=world.clock(),
        )


def numbers(transport: RecordingTransport) -> list[int]:
    return [int(s.text.split("n=")[1].split(";")[0]) for s in transport.sent]


async def test_sent_but_not_committed_is_never_sent_again_and_the_rest_resumes_at_once(
    world: World, transport: RecordingTransport, tmp_path: Path
) -> None:
    for n in range(20):
        await enqueue(world, n)
    journal = tmp_path / "outbox"
    dead = dead_worker_id()
    first = make_sender(world, transport, merge_max=1, worker_id=dead, journal_dir=journal)

    # The process "dies" right after Telegram accepted the 8th message: no "sent" reaches the
    # database from then on (as under kill -9, or a database write-locked by another process).
    async def never_commits(rows: Sequence[OutboxRecord]) -> None:
        raise RuntimeError("the process is gone")

    killed = asyncio.Event()
    transport.after_each = lambda count: killed.set() if count == 8 else None
    first._sent = never_commits  # type: ignore[method-assign]
    task = asyncio.create_task(first.run(asyncio.Event()))
    await asyncio.wait_for(killed.wait(), 5)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    accepted = len(transport.sent)
    rows = await outbox_rows(world.session_factory)
    assert accepted >= 8
    assert not any(row.state is OutboxState.SENT for row in rows)  # the database knows of no send
    assert sum(row.state is OutboxState.CLAIMED for row in rows) == 20  # all leased to the dead one

    # A new process starts: its sender reads the dead one's journal, without waiting for leases.
    second = make_sender(world, transport, merge_max=1, journal_dir=journal)
    assert await second.drain_once() == 20 - accepted
    assert sorted(numbers(transport)) == list(range(20))  # none lost, none twice
    assert {row.state for row in await outbox_rows(world.session_factory)} == {OutboxState.SENT}
    assert not [p for p in journal.iterdir() if dead in p.name]  # the dead journal is gone


async def test_a_live_worker_keeps_its_rows(
    world: World, transport: RecordingTransport, tmp_path: Path
) -> None:
    """Only dead processes of this machine are taken over; a live one keeps its lease."""
    for n in range(3):
        await enqueue(world, n)
    alive = make_sender(world, transport, worker_id=new_worker_id(), journal_dir=tmp_path)
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.outbox.claim_batch(
            10, worker_id=alive.worker_id, now=world.clock(), lease=timedelta(minutes=1)
        )
    other = make_sender(world, transport, journal_dir=tmp_path)
    assert await other.recover() == (0, 0)
    assert await other.drain_once() == 0


@pytest.mark.parametrize("worker", ["first", "sender-abc", "sender@host.x.y", "sender@"])
def test_worker_ids_not_ours_are_never_judged_dead(worker: str) -> None:
    assert owner_of(worker) is None or owner_of(worker).host != host_name()  # type: ignore[union-attr]
