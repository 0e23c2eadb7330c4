"""Two workers drain one outbox: every push sent once, together under Telegram's 30 messages a second."""

from __future__ import annotations

import asyncio
import bisect

import pytest

from storage.db import create_engine, create_session_factory
from storage.repositories.outbox import OutboxItem, OutboxRepository
from tests.fakes.telegram import TelegramFake
from tests.scale.conftest import ScaleStack

pytestmark = pytest.mark.asyncio(loop_scope="session")

CHATS = 100
PER_CHAT = 2


def _seen(telegram: TelegramFake, chat: int, k: int) -> int:
    """How many times push ``k`` of ``chat`` reached the chat."""
    return sum((m.text or "").count(f"acct{chat}x{k}") for m in telegram.transcript(chat).bot_messages)


def busiest_second(times: list[float]) -> int:
    """The most sends any one-second window saw."""
    times = sorted(times)
    return max((bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)


async def test_two_workers_send_each_push_once_under_30_per_second(scale: ScaleStack) -> None:
    telegram = scale.telegram
    chats = [telegram.add_user(880_000 + n, first_name=f"F{n}").id for n in range(CHATS)]
    expected = CHATS * PER_CHAT

    def delivered() -> int:
        return sum(1 for c in chats for k in range(PER_CHAT) if _seen(telegram, c, k))

    telegram.set_rate_limits(enabled=True, per_chat=1, overall=30, window=1.0)
    calls_before = len(telegram.calls)
    hits_before = len(telegram.rate_limit_hits)
    engine = create_engine(scale.database_url)
    try:
        async with create_session_factory(engine)() as session:
            await OutboxRepository(session).enqueue_many(
                [
                    OutboxItem(chat, "push-relogin", f"scale-{chat}-{k}", {"username": f"acct{chat}x{k}"})
                    for chat in chats
                    for k in range(PER_CHAT)
                ]
            )
            await session.commit()
        try:
            await telegram.wait_until(lambda: delivered() >= expected or None, timeout=60)
        except TimeoutError:
            logs = "\n".join(w.log_tail(15) for w in scale.workers)
            pytest.fail(f"{delivered()} of {expected} pushes arrived\n{logs}")
        await asyncio.sleep(1.0)  # a duplicate, if any, has time to arrive
    finally:
        telegram.set_rate_limits(enabled=False)
        await engine.dispose()

    for chat in chats:  # each push exactly once (two of one chat may share one message)
        for k in range(PER_CHAT):
            texts = [m.text for m in telegram.transcript(chat).bot_messages]
            assert _seen(telegram, chat, k) == 1, (chat, texts)
    sends = [c for c in telegram.calls[calls_before:] if c.method == "sendMessage"]
    accepted = [c.at for c in sends if c.error_code is None]
    refused = len(telegram.rate_limit_hits) - hits_before
    assert len(accepted) == sum(len(telegram.transcript(c).bot_messages) for c in chats)
    assert busiest_second(accepted) <= 30, busiest_second(accepted)
    assert refused / len(sends) < 0.01, f"{refused} of {len(sends)} sends answered 429"
