"""The outbox sender with a recording transport: exactly once, blocks, quiet hours, merging, 429s."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from services.notifications import (
    PUSH_STATUS,
    OutboxSender,
    PushBlocked,
    PushFailed,
    PushRetryAfter,
    enqueue_push,
    quiet_until,
)
from storage.schemas import ChatPreferencesRecord, OutboxState
from storage.uow import unit_of_work
from tests.pushes.conftest import RecordingTransport, World
from tests.pushes.helpers import make_sender, outbox_rows


async def enqueue(
    world: World,
    chat_id: int,
    n: int,
    *,
    key: str = PUSH_STATUS,
    delay: timedelta = timedelta(0),
    prefs: ChatPreferencesRecord | None = None,
) -> bool:
    async with unit_of_work(world.session_factory, world.box) as uow:
        return await enqueue_push(
            uow.outbox,
            prefs or ChatPreferencesRecord(chat_id=chat_id),
            message_key=key,
            params={"n": n},
            dedup_key=f"test:{chat_id}:{n}",
            now=world.clock(),
            delay=delay,
        )


def delivered_numbers(transport: RecordingTransport) -> list[int]:
    """Every ``n=`` in every message sent (a merged message carries several)."""
    return [
        int(part.split("n=")[1].split(";")[0]) for sent in transport.sent for part in sent.text.split(" + ")
    ]


async def test_a_sender_killed_mid_batch_and_restarted_delivers_everything_exactly_once(
    world: World, transport: RecordingTransport
) -> None:
    for n in range(30):
        await enqueue(world, 5000 + n % 10, n)
    killed = asyncio.Event()
    transport.after_each = lambda count: killed.set() if count == 7 else None
    first = make_sender(world, transport, merge_max=1, worker_id="first", max_concurrency=4)

    task = asyncio.create_task(first.run(asyncio.Event()))
    await asyncio.wait_for(killed.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    sent_before = len(transport.sent)
    assert sent_before >= 7
    rows = await outbox_rows(world.session_factory)
    assert sum(row.state is OutboxState.SENT for row in rows) == sent_before  # every send was recorded
    assert any(row.state is OutboxState.CLAIMED for row in rows)  # the rest is still leased to "first"

    second = make_sender(world, transport, merge_max=1, worker_id="second")
    assert await second.drain_once() == 0  # the leases have not run out: nothing is taken over

    world.clock.advance(seconds=61)  # the dead sender's leases expire
    assert await second.drain_once() == 30 - sent_before

    assert sorted(delivered_numbers(transport)) == list(range(30))  # none lost, none twice
    assert {row.state for row in await outbox_rows(world.session_factory)} == {OutboxState.SENT}


async def test_a_graceful_stop_hands_back_what_it_holds(world: World, transport: RecordingTransport) -> None:
    for n in range(6):
        await enqueue(world, 6000, n)  # one chat: one message per interval
    stop = asyncio.Event()
    transport.after_each = lambda count: stop.set() if count == 2 else None
    sender = make_sender(world, transport, merge_max=1, per_chat_interval=0.05)

    await asyncio.wait_for(sender.run(stop), 5)

    rows = await outbox_rows(world.session_factory)
    sent_before = len(transport.sent)
    assert 2 <= sent_before < 6
    assert sum(row.state is OutboxState.SENT for row in rows) == sent_before
    assert not any(row.state is OutboxState.CLAIMED for row in rows)  # no lease left to wait out
    assert await make_sender(world, transport, merge_max=1).drain_once() == 6 - sent_before
    assert sorted(delivered_numbers(transport)) == list(range(6))


async def test_a_user_who_blocked_the_bot_is_marked_and_skipped_until_they_write_again(
    world: World, transport: RecordingTransport
) -> None:
    blocker, other = 7001, 7002
    for chat in (blocker, other):
        await world.user(chat)
        await enqueue(world, chat, 1)
    await enqueue(world, blocker, 2, key="push-stalled")
    transport.fail[blocker] = [PushBlocked("Forbidden: bot was blocked by the user")]
    sender = make_sender(world, transport)

    assert await sender.drain_once() == 1
    assert [s.chat_id for s in transport.sent] == [other]
    async with unit_of_work(world.session_factory, world.box) as uow:
        user = await uow.users.get(blocker)
    assert user is not None and user.blocked_bot
    states = {row.dedup_key: row.state for row in await outbox_rows(world.session_factory)}
    assert states[f"test:{blocker}:1"] is OutboxState.DEAD
    assert states[f"test:{blocker}:2"] is OutboxState.DEAD
    assert sender.stats.blocked == 1

    # While blocked, new pushes for the chat are given up without a send.
    await enqueue(world, blocker, 3)
    assert await sender.drain_once() == 0
    assert len(transport.attempts) == 2

    # The user writes to the bot again (the update middleware touches them): pushes resume.
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.users.touch(blocker)
    await enqueue(world, blocker, 4)
    assert await sender.drain_once() == 1
    assert transport.texts(blocker) == ["push-status|n=4"]


def tashkent(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2024, 7, day, hour - 5 if hour >= 5 else hour + 19, minute, tzinfo=UTC) - (
        timedelta(days=1) if hour < 5 else timedelta(0)
    )


def test_quiet_hours_are_read_in_tashkent_time() -> None:
    night = ChatPreferencesRecord(chat_id=1, quiet_from=22, quiet_to=8)
    assert quiet_until(night, tashkent(23)) == tashkent(8, day=2)
    assert quiet_until(night, tashkent(3, day=2)) == tashkent(8, day=2)
    assert quiet_until(night, tashkent(8, day=2)) is None
    assert quiet_until(night, tashkent(21, 59)) is None
    lunch = ChatPreferencesRecord(chat_id=1, quiet_from=13, quiet_to=14)
    assert quiet_until(lunch, tashkent(13, 30)) == tashkent(14)
    assert quiet_until(ChatPreferencesRecord(chat_id=1, quiet_from=5, quiet_to=5), tashkent(5)) is None


async def test_quiet_hours_hold_a_message_until_morning(world: World, transport: RecordingTransport) -> None:
    chat = 8001
    night = ChatPreferencesRecord(chat_id=chat, quiet_from=22, quiet_to=8)
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.subscriptions.set_preferences(night)
    world.clock.now = tashkent(23, 30)
    assert await enqueue(world, chat, 1, prefs=night)  # enqueued at night: held at enqueue time
    sender = make_sender(world, transport)

    assert await sender.drain_once() == 0
    [row] = await outbox_rows(world.session_factory)
    assert row.next_attempt_at == tashkent(8, day=2)

    world.clock.now = tashkent(7, 59, day=2)
    assert await sender.drain_once() == 0
    world.clock.now = tashkent(8, 0, day=2)
    assert await sender.drain_once() == 1
    assert transport.texts(chat) == ["push-status|n=1"]


async def test_quiet_hours_set_after_enqueueing_still_hold_the_message(
    world: World, transport: RecordingTransport
) -> None:
    chat = 8002
    world.clock.now = tashkent(21, 50)
    await enqueue(world, chat, 1, delay=timedelta(minutes=20))  # due at 22:10, after quiet hours begin
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.subscriptions.set_preferences(
            ChatPreferencesRecord(chat_id=chat, quiet_from=22, quiet_to=7)
        )
    world.clock.now = tashkent(22, 10)
    sender = make_sender(world, transport)

    assert await sender.drain_once() == 0
    [row] = await outbox_rows(world.session_factory)
    assert (row.state, row.next_attempt_at, row.attempts) == (OutboxState.RETRY, tashkent(7, day=2), 0)
    assert sender.stats.held == 1
    world.clock.now = tashkent(7, 5, day=2)
    assert await sender.drain_once() == 1


async def test_a_chat_muted_after_enqueueing_gets_nothing(
    world: World, transport: RecordingTransport
) -> None:
    chat = 8003
    await enqueue(world, chat, 1)
    await enqueue(world, chat, 2, key="push-relogin")  # about the account: mutes do not apply
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.subscriptions.set_preferences(ChatPreferencesRecord(chat_id=chat, notify=False))

    assert await make_sender(world, transport).drain_once() == 1
    assert transport.texts(chat) == ["push-relogin|n=2"]
    states = {row.message_key: row.state for row in await outbox_rows(world.session_factory)}
    assert states[PUSH_STATUS] is OutboxState.DEAD


async def test_changes_for_one_chat_within_the_window_are_merged_into_one_message(
    world: World, transport: RecordingTransport
) -> None:
    chat, other = 9001, 9002
    window = timedelta(seconds=30)
    await enqueue(world, chat, 1, delay=window)
    world.clock.advance(seconds=10)
    await enqueue(world, chat, 2, delay=window)
    await enqueue(world, other, 3, delay=window)
    world.clock.advance(seconds=15)
    await enqueue(world, chat, 4, delay=window)  # 25 s after the first: inside its window
    await enqueue(world, chat, 5, key="push-stalled", delay=window)  # another kind: its own message
    sender = make_sender(world, transport, merge_window=window)

    assert await sender.drain_once() == 0  # the first change still waits for company
    world.clock.advance(seconds=5)  # 30 s after the first change
    assert await sender.drain_once() == 2

    assert transport.texts(chat) == [
        "push-status|n=1 + push-status|n=2 + push-status|n=4",
        "push-stalled|n=5",
    ]
    assert transport.texts(other) == []  # its own window has 10 s to go
    world.clock.advance(seconds=10)
    assert await sender.drain_once() == 1
    assert transport.texts(other) == ["push-status|n=3"]
    assert sender.stats.rows_sent == 5
    assert {row.state for row in await outbox_rows(world.session_factory)} == {OutboxState.SENT}

    world.clock.advance(seconds=40)  # a later change: a message of its own
    await enqueue(world, chat, 6, delay=window)
    world.clock.advance(seconds=30)
    assert await sender.drain_once() == 1
    assert transport.texts(chat)[-1] == "push-status|n=6"


async def test_merging_stops_at_merge_max(world: World, transport: RecordingTransport) -> None:
    for n in range(7):
        await enqueue(world, 9100, n)
    assert await make_sender(world, transport, merge_max=3).drain_once() == 3
    assert [text.count("push-status") for text in transport.texts(9100)] == [3, 3, 1]


async def test_a_429_waits_and_retries(world: World, transport: RecordingTransport) -> None:
    chat = 9200
    await enqueue(world, chat, 1)
    transport.fail[chat] = [PushRetryAfter(0.2)]
    sender = make_sender(world, transport)

    assert await sender.drain_once() == 1

    assert transport.texts(chat) == ["push-status|n=1"]
    (_, first), (_, second) = transport.attempts
    assert second - first >= 0.19  # it waited as told before trying again
    assert sender.stats.retry_after == 1
    [row] = await outbox_rows(world.session_factory)
    assert (row.state, row.attempts) == (OutboxState.SENT, 1)


async def test_a_long_429_puts_the_message_back_without_counting_the_attempt(
    world: World, transport: RecordingTransport
) -> None:
    chat = 9201
    await enqueue(world, chat, 1)
    transport.fail[chat] = [PushRetryAfter(35)]
    sender = make_sender(world, transport)

    assert await sender.drain_once() == 0
    [row] = await outbox_rows(world.session_factory)
    assert (row.state, row.attempts) == (OutboxState.RETRY, 0)
    assert row.next_attempt_at == world.clock() + timedelta(seconds=35)
    world.clock.advance(seconds=35)
    sender = make_sender(world, transport)  # a fresh process: no memory of the chat's pause
    assert await sender.drain_once() == 1


async def test_failures_are_retried_with_backoff_and_permanent_ones_given_up(
    world: World, transport: RecordingTransport
) -> None:
    await enqueue(world, 9300, 1)
    await enqueue(world, 9301, 2)
    transport.fail[9300] = [PushFailed("Server Error")]
    transport.fail[9301] = [PushFailed("Bad Request: can't parse entities", permanent=True)]
    sender = make_sender(world, transport)

    assert await sender.drain_once() == 0
    states = {row.chat_id: row for row in await outbox_rows(world.session_factory)}
    assert states[9300].state is OutboxState.RETRY and states[9300].next_attempt_at > world.clock()
    assert states[9301].state is OutboxState.DEAD

    world.clock.advance(minutes=1)
    assert await sender.drain_once() == 1
    assert transport.texts(9300) == ["push-status|n=1"]


async def test_one_chat_gets_at_most_one_message_per_interval(
    world: World, transport: RecordingTransport
) -> None:
    for n in range(3):
        await enqueue(world, 9400, n)
    await enqueue(world, 9401, 9)
    sender = make_sender(world, transport, merge_max=1, per_chat_interval=0.1)

    assert await sender.drain_once() == 4

    times = [at for chat, at in transport.attempts if chat == 9400]
    assert len(times) == 3
    assert all(later - earlier >= 0.099 for earlier, later in itertools.pairwise(times))


async def test_run_serves_until_stopped(world: World, transport: RecordingTransport) -> None:
    stop = asyncio.Event()
    sender: OutboxSender = make_sender(world, transport)
    task = asyncio.create_task(sender.run(stop))
    await enqueue(world, 9500, 1)
    sender.wake()
    for _ in range(100):
        if transport.sent:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert Counter(s.chat_id for s in transport.sent) == {9500: 1}
