"""Dispatcher throughput: updates per second through ``dp.feed_update`` for the bot's own dispatcher
against aiogram's bare dispatch of one echo handler, side by side in one run.

- **menu step**: a customer taps "❓ Help" on the main menu (filters, the context middleware loading
  the user, the FSM state lookup, the answer rendered from the locale);
- **FSM step**: a seller in the new order types the sender's name (the step moves on and the draft
  is written) and taps Back (the step moves back): each update reads and writes the FSM;
- **bare echo**: ``Dispatcher(storage=MemoryStorage())`` with one ``message.answer(message.text)``.

The bot's dispatcher is the real one (``bot.app.create_dispatcher``: every router and middleware)
over the real services and a temporary SQLite file (WAL, as in production) with the SQL FSM
storage, and the request middlewares of its session (429 retry; the FSM flush before every
request, which makes an update's FSM changes durable in one transaction); only Telegram is
replaced, by a session that answers locally (``tests.bot.mocked.RecordingSession``), so Telegram
I/O is not measured, for any of the three; nor is Telegram's own work: the session's check of what
Telegram would refuse (parsing the HTML, counting the text's UTF-16 units), which every test runs,
is off here for all three. FSM changes still pending after the last update are
written inside the timed run.
Updates are built before the clock starts. The three run in turn, round after round (a machine
whose speed drifts during the run weighs on all three alike); each time is the median of
``ROUNDS`` rounds, each ratio the median of the rounds' ratios.

Figures are printed and written to ``tests/bench/results/dispatch.json``. Target: the bot's cost per
update at most 3× the bare echo's.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiogram
from aiogram import Dispatcher, Router
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import CallbackQuery, Chat, Message, MessageEntity, Update, User

from bot.app import create_dispatcher
from bot.callbacks import LangCb, Role, RoleCb
from bot.i18n import Translator
from bot.middlewares.flush import FlushBeforeSend
from bot.middlewares.retry import RetryAfterMiddleware
from services.container import build_services
from services.settings import Settings
from storage.crypto import generate_key
from storage.fsm import SqlStorage
from tests.bench.common import load_average, write_report
from tests.bot.mocked import BOT_USER, Chatter, MockedBot
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake

RESULTS = Path(__file__).resolve().parent / "results" / "dispatch.json"
UPDATES = int(os.environ.get("DISPATCH_BENCH_UPDATES", "2000"))
WARMUP = 200
ROUNDS = 5
TARGET_RATIO = 3.0
SELLER_ID = 5001
CUSTOMER_ID = 5002
ECHO_ID = 5003
ECHO = "aiogram bare echo (MemoryStorage)"
MENU = "bot: menu step (Help)"
FSM = "bot: FSM step (name ⇄ Back)"


class _Ids:
    def __init__(self) -> None:
        self.update = 10_000
        self.message = 10_000

    def next_update(self) -> int:
        self.update += 1
        return self.update

    def next_message(self) -> int:
        self.message += 1
        return self.message


def _user(user_id: int) -> tuple[User, Chat]:
    return User(id=user_id, is_bot=False, first_name="Bench", language_code="en"), Chat(
        id=user_id, type="private"
    )


def text_update(ids: _Ids, user_id: int, text: str) -> Update:
    user, chat = _user(user_id)
    entities = (
        [MessageEntity(type="bot_command", offset=0, length=len(text))] if text.startswith("/") else None
    )
    message = Message(
        message_id=ids.next_message(),
        date=int(time.time()),
        chat=chat,
        from_user=user,
        text=text,
        entities=entities,
    )
    return Update(update_id=ids.next_update(), message=message)


def callback_update(ids: _Ids, user_id: int, data: str) -> Update:
    user, chat = _user(user_id)
    message = Message(message_id=1, date=int(time.time()), chat=chat, from_user=BOT_USER, text="…")
    query = CallbackQuery(
        id=str(ids.next_update()), from_user=user, chat_instance="bench", message=message, data=data
    )
    return Update(update_id=ids.next_update(), callback_query=query)


async def _feed_all(dp: Dispatcher, bot: MockedBot, updates: Sequence[Update]) -> float:
    """Seconds to feed every update, one after the other (as one chat's updates are handled),
    including writing out whatever FSM changes are still pending at the end."""
    storage = dp.storage
    gc.collect()
    started = time.perf_counter()
    for update in updates:
        await dp.feed_update(bot, update)
    if isinstance(storage, SqlStorage):
        await storage.flush()
    return time.perf_counter() - started


def _answers(bot: MockedBot, since: int) -> list[str]:
    return [call.text or "" for call in bot.recorder.calls[since:] if call.text]


@dataclass
class Case:
    name: str
    dp: Dispatcher
    bot: MockedBot
    make: Callable[[int], list[Update]]
    check: Callable[[list[str]], None]
    rounds: list[float] = field(default_factory=list)


async def _measure(cases: Sequence[Case], results: dict[str, Any]) -> None:
    """Warm every case up (and check it does what it should, not an error path), then run the
    rounds interleaved: round after round, each case in turn, so a machine that slows down or
    speeds up during the run weighs on all of them alike."""
    for case in cases:
        before = len(case.bot.recorder.calls)
        await _feed_all(case.dp, case.bot, case.make(WARMUP))
        case.check(_answers(case.bot, before))
    for _ in range(ROUNDS):
        for case in cases:
            updates = case.make(UPDATES)
            case.bot.recorder.calls.clear()
            case.rounds.append(await _feed_all(case.dp, case.bot, updates))
    for case in cases:
        seconds = statistics.median(case.rounds)
        results[case.name] = {
            "updates": UPDATES,
            "seconds": round(seconds, 4),
            "per_second": round(UPDATES / seconds),
            "us_per_update": round(seconds / UPDATES * 1e6, 1),
            "rounds_seconds": [round(r, 4) for r in case.rounds],
        }
        print(
            f"  {case.name:<34} {UPDATES / seconds:>9,.0f} updates/s   "
            f"{seconds / UPDATES * 1e6:>8,.0f} µs/update",
            flush=True,
        )


def _count_writes(storage: SqlStorage) -> list[int]:
    """Count the FSM changes (``set_state``/``set_data`` calls) without changing what they do."""
    counter = [0]
    for name in ("set_state", "set_data"):
        original = getattr(storage, name)

        async def counted(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            counter[0] += 1
            return await _original(*args, **kwargs)

        setattr(storage, name, counted)
    return counter


async def _fsm_write_cost(storage: SqlStorage, n: int = 500) -> dict[str, Any]:
    """What one durable FSM write costs alone (a change, then its transaction through SQLAlchemy
    and aiosqlite)."""
    key = StorageKey(bot_id=42, chat_id=9999, user_id=9999)
    await storage.set_state(key, "bench:a")
    await storage.flush()
    started = time.perf_counter()
    for i in range(n):
        await storage.set_state(key, "bench:a" if i % 2 else "bench:b")
        await storage.flush()
    seconds = time.perf_counter() - started
    label = "sql FSM storage: one write"
    print(f"  {label:<34} {n / seconds:>9,.0f} writes/s    {seconds / n * 1e6:>8,.0f} µs/write")
    return {"writes": n, "seconds": round(seconds, 4), "us_per_write": round(seconds / n * 1e6, 1)}


async def _run(tmp: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    ratios: dict[str, float] = {}
    ids = _Ids()

    # aiogram alone: one echo handler, memory FSM.
    bare = Dispatcher(storage=MemoryStorage())
    echo = Router()

    @echo.message()
    async def _echo(message: Message) -> None:
        await message.answer(message.text or "")

    bare.include_router(echo)
    bare_bot = MockedBot(check_limits=False)

    def echo_updates(n: int) -> list[Update]:
        return [text_update(ids, ECHO_ID, "hello") for _ in range(n)]

    def echo_check(answers: list[str]) -> None:
        assert answers and all(a == "hello" for a in answers), answers[:3]

    # The bot: real dispatcher, middlewares, services, SQLite FSM; BTS fake only for the login.
    bts = BtsFake()
    await bts.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token="42:TEST",
        database_url=f"sqlite+aiosqlite:///{tmp / 'bot.sqlite3'}",
        bts_base_url=f"{bts.url}/index.php",
        log_level="WARNING",
        secret_key=generate_key(),
    )
    translator = Translator()
    try:
        async with build_services(settings) as services:
            storage = SqlStorage(services.session_factory, box=services.box)  # as bot.__main__ does
            storage_writes = _count_writes(storage)
            dp = create_dispatcher(services, translator, storage)
            bot = MockedBot(check_limits=False)
            # The request middlewares ``python -m bot`` puts on its session (bot.app).
            bot.session.middleware(RetryAfterMiddleware())
            bot.session.middleware(FlushBeforeSend(storage))
            try:
                customer = Chatter(dp, bot, user_id=CUSTOMER_ID, language_code="en")
                await customer.send("/start")
                await customer.press(LangCb(code="en"))
                await customer.press(RoleCb(role=Role.CUSTOMER))

                seller = Chatter(dp, bot, user_id=SELLER_ID, language_code="en")
                await seller.send("/start")
                await seller.press(LangCb(code="en"))
                await seller.press(RoleCb(role=Role.SELLER))
                await seller.send(DEMO_USERNAME)
                await seller.send(DEMO_PASSWORD)
                logged = await seller.send(DEMO_INN)
                assert any("Logged in" in (s.text or "") for s in logged), [s.text for s in logged]
                asked = await seller.send("➕ New order")
                assert any("full name" in (s.text or "") for s in asked), [s.text for s in asked]

                def help_updates(n: int) -> list[Update]:
                    return [text_update(ids, CUSTOMER_ID, "❓ Help") for _ in range(n)]

                def help_check(answers: list[str]) -> None:
                    assert answers and all("BTS Express bot" in a for a in answers), answers[:3]

                def fsm_updates(n: int) -> list[Update]:
                    out: list[Update] = []
                    for i in range(n):
                        if i % 2 == 0:
                            out.append(text_update(ids, SELLER_ID, "Jurabek Turdiyev"))
                        else:
                            out.append(callback_update(ids, SELLER_ID, "nav:b:sender_phone"))
                    return out

                def fsm_check(answers: list[str]) -> None:
                    phone = sum("phone" in a for a in answers)
                    name = sum("full name" in a for a in answers)
                    assert phone >= WARMUP // 2 and name >= WARMUP // 2, answers[:4]

                fed = [0]

                def fsm_counted(n: int) -> list[Update]:
                    fed[0] += n
                    return fsm_updates(n)

                changes = storage_writes[0]
                cases = [
                    Case(ECHO, bare, bare_bot, echo_updates, echo_check),
                    Case(MENU, dp, bot, help_updates, help_check),
                    Case(FSM, dp, bot, fsm_counted, fsm_check),
                ]
                await _measure(cases, results)
                fsm = results[FSM]
                # Only the FSM case changes the FSM (the menu step reads it).
                fsm["fsm_changes_per_update"] = round((storage_writes[0] - changes) / fed[0], 2)
                echo = cases[0].rounds
                for case in cases[1:]:
                    ratios[case.name] = round(
                        statistics.median(mine / bare for mine, bare in zip(case.rounds, echo, strict=True)),
                        2,
                    )
                results["sql FSM storage: one write"] = await _fsm_write_cost(storage)
            finally:
                await storage.close()
    finally:
        await bts.stop()

    for name, ratio in ratios.items():
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        print(f"  {name:<34} {ratio:>6.2f}× the bare echo's cost ({verdict} the {TARGET_RATIO:g}× target)")
    return {"results": results, "cost_ratio_vs_bare": ratios}


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dispatch-bench-") as tmp:
        measured = asyncio.run(_run(Path(tmp)))
    return write_report(
        RESULTS,
        {
            "aiogram": aiogram.__version__,
            "load_average": load_average(),
            "updates_per_round": UPDATES,
            "rounds": ROUNDS,
            "target_ratio": TARGET_RATIO,
            **measured,
        },
    )


if __name__ == "__main__":
    main()
