"""Push delivery: 3,000 pushes to 1,000 chats through the real ``OutboxSender`` and the real aiogram
transport, against the Telegram Bot API stand-in enforcing Telegram's limits (30 messages a second
overall, 1 a second per chat, over them it answers 429 with ``retry_after``).

The outbox rows are enqueued in a shuffled order (a chat's three pushes are not side by side) in a
temporary SQLite file; the sender runs at its default rate (PUSH_RATE, 28/s) until the outbox is
drained. Merging is switched off here so that every row is one Telegram message (with merging on,
a chat's rows queued together would leave as one message, and the rate would measure less).

Reported: the achieved rate (messages accepted per second, first to last accepted send; also over the
whole drain, claims and bookkeeping included), the 429
count and share of send attempts, lost (rows never delivered) and duplicated (rows delivered more
than once), read from the stand-in's transcripts: every message names the row it carries.
Figures are printed and written to ``tests/bench/results/push.json``.
"""

from __future__ import annotations

import asyncio
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.push import AiogramPushTransport
from services.notifications import OutboxSender
from services.settings import Settings
from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.repositories.outbox import OutboxItem
from storage.schemas import OutboxState
from storage.uow import unit_of_work
from tests.bench.common import write_report
from tests.fakes.telegram.fixtures import make_bot
from tests.fakes.telegram.ratelimit import RateLimits
from tests.fakes.telegram.server import TelegramFake

PUSHES = 3_000
CHATS = 1_000
FIRST_CHAT = 700_001
TARGET_RATE = 28.0
RESULTS = Path(__file__).resolve().parent / "results" / "push.json"
_PUSH_ID = re.compile(r"#(\d+)")


async def render(chat_id: int, message_key: str, params_list: Sequence[Mapping[str, Any]]) -> str:
    return " ".join(f"📦 <b>push #{params['n']}</b>: at the delivery office" for params in params_list)


async def _run(url: str, rate: float) -> dict[str, Any]:
    await upgrade_database(url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    box = SecretBox([generate_key()])
    fake = TelegramFake(rate_limits=RateLimits())
    await fake.start()
    bot = make_bot(fake)
    try:
        chats = [fake.add_user(FIRST_CHAT + n).id for n in range(CHATS)]
        items = [
            OutboxItem(
                chat_id=chats[n % CHATS], message_key="push-status", dedup_key=f"bench:{n}", params={"n": n}
            )
            for n in range(PUSHES)
        ]
        random.Random(20240701).shuffle(items)
        async with unit_of_work(factory, box) as uow:
            await uow.outbox.enqueue_many(items)

        sender = OutboxSender(
            factory, box, AiogramPushTransport(bot), render, rate=rate, merge_window=timedelta(0), merge_max=1
        )
        started = time.perf_counter()
        sent = await sender.drain_once()
        seconds = time.perf_counter() - started

        delivered: Counter[int] = Counter()
        for chat in chats:
            for message in fake.transcript(chat).bot_messages:
                delivered.update(int(n) for n in _PUSH_ID.findall(message.text or ""))
        attempts = len(fake.calls_to("sendMessage"))
        accepted_at = [c.at for c in fake.calls_to("sendMessage") if c.error_code is None]
        # The pace of sending: from the first accepted message to the last (claiming the first
        # batch and recording the last sends are not sending).
        steady = (len(accepted_at) - 1) / (accepted_at[-1] - accepted_at[0]) if len(accepted_at) > 1 else 0.0
        async with unit_of_work(factory, box) as uow:
            states = await uow.outbox.count_by_state()
    finally:
        await bot.session.close()
        await fake.stop()
        await engine.dispose()
    accepted = sum(delivered.values())
    return {
        "pushes": PUSHES,
        "chats": CHATS,
        "rate_setting": rate,
        "seconds": round(seconds, 2),
        "messages_sent": sent,
        "achieved_rate": round(steady, 2),
        "wall_clock_rate": round(accepted / seconds, 2),
        "target_rate": TARGET_RATE,
        "send_attempts": attempts,
        "rate_limited_429": fake.rate_limited_count,
        "rate_limited_percent": round(100 * fake.rate_limited_count / max(attempts, 1), 3),
        "lost": PUSHES - len(delivered),
        "duplicated": sum(count - 1 for count in delivered.values() if count > 1),
        "outbox_sent": states[OutboxState.SENT],
        "outbox_not_sent": sum(count for state, count in states.items() if state is not OutboxState.SENT),
        "sender_stats": vars(sender.stats),
    }


def main() -> dict[str, Any]:
    rate = Settings().push_rate
    print(
        f"  {PUSHES} pushes to {CHATS} chats at PUSH_RATE={rate:g}/s (about {PUSHES / rate:.0f} s)",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="push-bench-") as tmp:
        results = asyncio.run(_run(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}", rate))
    ok = (
        results["achieved_rate"] >= TARGET_RATE
        and results["rate_limited_percent"] < 1.0
        and results["lost"] == 0
        and results["duplicated"] == 0
    )
    print(
        f"  achieved {results['achieved_rate']:.2f} msg/s (target ≥ {TARGET_RATE:g}; "
        f"{results['wall_clock_rate']:.2f} over the whole drain) "
        f"in {results['seconds']:.1f} s; "
        f"429: {results['rate_limited_429']} of {results['send_attempts']} attempts "
        f"({results['rate_limited_percent']:.2f} %, target < 1 %)"
    )
    print(f"  lost {results['lost']}, duplicated {results['duplicated']}: {'OK' if ok else 'MISSED'}")
    return write_report(RESULTS, {"ok": ok, "results": results})


if __name__ == "__main__":
    main()
