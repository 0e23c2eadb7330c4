"""Many chats at once: the embedded default against one and two web processes (PostgreSQL + Redis).

``SCALE_BENCH_CHATS`` chats (1,000 by default) each walk, all at the same moment, from ``/start``
through the BTS login into a new order, up to the receiver's name: 13 updates a chat (texts,
button taps, a reply-keyboard button), each answered before the next is sent, as a person
would. The same walk runs against three set-ups, side by side in one run:

- **sqlite-polling**: ``python -m bot`` as shipped (SQLite, long polling, the worker inside);
- **web x1**: one ``python -m bot web`` on PostgreSQL + Redis, updates by webhook;
- **web x2**: two ``python -m bot web`` behind the stand-in (deliveries alternate between them).

Figures per set-up: updates/s (updates answered over the wall time of the whole walk), the
answer latency of one step (from the user's update to the bot's answer it waits for; p50, p95,
p99), and errors (steps not answered within 60 s, or answered "Something went wrong", plus ERROR
lines in the bot processes' logs; target 0). The fakes and all simulated users run in this
process, on the same machine as the bot processes: on a small machine they compete for the
same cores (so the absolute rates are a floor). The web set-ups need PostgreSQL on
127.0.0.1:5432 and Redis on 127.0.0.1:6379; without them only the embedded default runs.

"At once" means at once: every chat sends its ``/start`` in the same instant (no ramp), and each
next step as soon as its answer arrives. What bounds the concurrency is what bounds it with the
real Telegram: with polling, the bot takes what ``getUpdates`` gives it (up to 100 updates a call)
and handles them concurrently; with webhooks, the stand-in opens at most ``max_connections``
deliveries at once (40, the ``TELEGRAM_WEBHOOK_MAX_CONNECTIONS`` the bot gives ``setWebhook``; with
two web processes they alternate between them) and one update of a chat at a time. The bot's own
calls to the stand-in go through aiogram's session (at most 100 connections a process).

Settings: ``SCALE_BENCH_CHATS`` (1,000), ``SCALE_BENCH_STEP_TIMEOUT`` (60 s: a step answered
later counts as an error and ends that chat's walk), ``SCALE_BENCH_ONLY`` (one set-up by name).

Results: printed (with a Markdown table) and written to ``tests/bench/results/scale.json`` after
each set-up, so a run stopped half-way keeps what it measured. Each set-up also records the
machine's load average before and after it (the cores are shared) and the peak memory of the
driver and of each bot process.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import re
import resource
import secrets
import statistics
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from cryptography.fernet import Fernet

from tests.e2e.conftest import FAST_BACKGROUND, START_TIMEOUT
from tests.fakes.bts.server import BtsFake, start_demo
from tests.fakes.telegram import RateLimits, TelegramFake
from tests.fakes.telegram.models import ChatLog, ChatMessage
from tests.sandbox.process import BotProcess, fake_env, free_port
from tests.sandbox.runner import BOT_NAME, BOT_USERNAME, SANDBOX_TOKEN
from tests.scale.conftest import SERVERS_UP, _create_database, _drop_database, _drop_keys

RESULTS = Path(__file__).resolve().parent / "results" / "scale.json"
CHATS = int(os.environ.get("SCALE_BENCH_CHATS", "1000"))
STEP_TIMEOUT = float(os.environ.get("SCALE_BENCH_STEP_TIMEOUT", "60"))
WENT_WRONG = "Something went wrong"
EXCEPTION_LINE = re.compile(r"^[\w.]+(Error|Exception|Timeout\w*|Locked)\b.*")


class BenchTelegram(TelegramFake):
    """The stand-in with a wake-up per chat (a thousand waiters on one change counter would
    each re-scan on every message any chat gets)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chat_events: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)

    def _notify(self, chat_id: int) -> None:
        self.chat_events[chat_id].set()

    def _add_message(self, chat: ChatLog, *, from_bot: bool, **content: Any) -> ChatMessage:
        msg = super()._add_message(chat, from_bot=from_bot, **content)
        if from_bot:
            self._notify(chat.chat_id)
        return msg

    def _apply_edit(self, msg: ChatMessage, changes: dict[str, Any]) -> dict[str, Any]:
        result = super()._apply_edit(msg, changes)
        self._notify(msg.chat["id"])  # the edited message's own chat (no scan over every chat)
        return result


@dataclass
class Walk:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    updates: int = 0


async def _expect(tg: BenchTelegram, chat_id: int, since: int, text: str | None, button: str | None) -> str:
    """Wait for a bot message after ``since`` holding ``text`` (or an inline button ``button``)."""
    event = tg.chat_events[chat_id]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STEP_TIMEOUT
    while True:
        chat = tg.chats[chat_id]
        for msg in reversed(chat.messages):
            if not msg.from_bot or msg.deleted or msg.version <= since:
                continue
            content = msg.content
            if WENT_WRONG in content:
                return "went wrong"
            if text is not None and text in content:
                return ""
            if button is not None and any(
                b.get("callback_data") == button for row in msg.inline_keyboard for b in row
            ):
                return ""
        event.clear()
        remaining = deadline - loop.time()
        if remaining <= 0:
            return f"no answer {text or button!r} within {STEP_TIMEOUT:.0f} s"
        try:
            await asyncio.wait_for(event.wait(), remaining)
        except TimeoutError:
            continue


async def walk(tg: BenchTelegram, bts: BtsFake, n: int, result: Walk) -> None:
    user = tg.add_user(500_000 + n, first_name=f"U{n}", phone_number=f"+9989{n:08d}", language_code="en")
    chat = user.id
    username, password, inn = f"bench{n}", f"pw-{n}", f"{400000000 + n}"
    bts.add_account(username, password, inn, customer_name=f"ООО Bench {n}")
    steps: list[tuple[str, str, str | None, str | None]] = [
        ("text", "/start", "Choose your language", None),
        ("press", "lang:en", "How will you use the bot?", None),
        ("press", "role:s", "username", None),
        ("text", username, "password", None),
        ("text", password, "INN", None),
        ("text", inn, "Main menu", None),
        ("reply", "➕ New order", "full name", None),
        ("text", "Jurabek Turdiyev", "phone", None),
        ("text", "+998 99 123 45 67", "Which city does the parcel leave from", None),
        ("text", "Chilonzor", None, "pk:sender_city:c191"),
        ("press", "pk:sender_city:c191", "How does the parcel reach BTS", None),
        ("press", "pk:sender_delivery:1", "Address where the courier collects", None),
        ("text", "Bobur ko'chasi 5", "When should the courier collect the parcel", None),
        ("press", "nav:s:sender_date", "Receiver's full name", None),
    ]
    for kind, value, text, button in steps:
        since = tg.mark()
        started = time.perf_counter()
        try:
            if kind == "text":
                tg.send_text(chat, value)
            elif kind == "press":
                tg.press_button(chat, data=value)
            else:
                tg.press_reply_button(chat, value)
        except Exception as exc:
            result.errors.append(f"chat {chat}: {kind} {value!r}: {exc}")
            return
        result.updates += 1
        error = await _expect(tg, chat, since, text, button)
        if error:
            result.errors.append(f"chat {chat} at {value!r}: {error}")
            return
        result.latencies.append(time.perf_counter() - started)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _peak_rss_mb(pid: int | None) -> float | None:
    """The peak resident memory of a running process (Linux ``VmHWM``), in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, TypeError):
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return round(int(found[1]) / 1024, 1) if found else None


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _log_errors(processes: list[BotProcess]) -> list[str]:
    lines: list[str] = []
    for process in processes:
        text = (
            process.log_path.read_text(encoding="utf-8", errors="replace")
            if process.log_path.exists()
            else ""
        )
        rows = text.splitlines()
        for index, line in enumerate(rows):
            if " ERROR " in line or " CRITICAL " in line:
                # the error and the last line of its traceback (the exception itself)
                block = rows[index + 1 : index + 80]
                end = next((i for i, r in enumerate(block) if r[:4].isdigit()), len(block))
                cause = [r for r in block[:end] if EXCEPTION_LINE.match(r)]
                lines.append(f"{line} | {cause[-1] if cause else ''}")
    return lines


async def _wait_health(http: aiohttp.ClientSession, url: str, process: BotProcess) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if not process.running:
            raise RuntimeError(f"the bot exited:\n{process.log_tail()}")
        try:
            async with http.get(f"{url}/health") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.3)
    raise TimeoutError(f"the bot did not start:\n{process.log_tail()}")


async def run_setup(name: str, webs: int, tmp: Path) -> dict[str, Any]:
    tg = BenchTelegram(
        SANDBOX_TOKEN,
        bot_username=BOT_USERNAME,
        bot_first_name=BOT_NAME,
        rate_limits=RateLimits(enabled=False),
    )
    tg.webhook_concurrent = True
    tg.webhook_timeout = 120.0
    await tg.start()
    bts = await start_demo()
    run = secrets.token_hex(4)
    database = f"scale_bench_{run}"
    redis_url = "redis://127.0.0.1:6379/0"
    prefix = f"scale-bench-{run}"
    processes: list[BotProcess] = []
    try:
        extra = {**FAST_BACKGROUND, "WEB_HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"}
        if webs == 0:
            db_url = f"sqlite+aiosqlite:///{tmp / name / 'bot.sqlite3'}"
        else:
            await _create_database(database)
            db_url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{database}"
            extra.update({"REDIS_URL": redis_url, "REDIS_KEY_PREFIX": prefix, "WORKER_IN_PROCESS": "false"})
        env = fake_env(tg, bts, None, db_url, secret_key=Fernet.generate_key().decode(), extra=extra)
        (tmp / name).mkdir(parents=True, exist_ok=True)
        async with aiohttp.ClientSession() as http:
            if webs == 0:
                process = BotProcess(env, tmp / name / "bot.log", cwd=tmp / name)
                processes.append(process)
                await process.start()
                await process.wait_ready(tg, timeout=START_TIMEOUT)
            else:
                ports = [free_port() for _ in range(webs)]
                urls = [f"http://127.0.0.1:{port}" for port in ports]
                tg.webhook_targets = urls
                hook = {"TELEGRAM_WEBHOOK_URL": f"{urls[0]}/telegram/webhook"}
                for i, port in enumerate(ports):
                    process = BotProcess(
                        {**env, **hook, "WEB_PORT": str(port)},
                        tmp / name / f"web{i}.log",
                        cwd=tmp / name,
                        args=("web",),
                    )
                    processes.append(process)
                    await process.start()
                    await _wait_health(http, urls[i], process)
                await tg.wait_until(lambda: tg.webhook_url, timeout=START_TIMEOUT)
        result = Walk()
        load_before = _load()
        started = time.perf_counter()
        await asyncio.gather(*(walk(tg, bts, n, result) for n in range(CHATS)))
        wall = time.perf_counter() - started
        load_after = _load()
        bot_rss = [_peak_rss_mb(process.pid) for process in processes]
        log_errors = _log_errors(processes)
        answered = len(result.latencies)
        figures = {
            "setup": name,
            "chats": CHATS,
            "updates": result.updates,
            "answered": answered,
            "wall_s": round(wall, 2),
            "updates_per_s": round(answered / wall, 1) if wall else 0.0,
            "p50_ms": round(_percentile(result.latencies, 0.50) * 1000, 1),
            "p95_ms": round(_percentile(result.latencies, 0.95) * 1000, 1),
            "p99_ms": round(_percentile(result.latencies, 0.99) * 1000, 1),
            "mean_ms": round(statistics.fmean(result.latencies) * 1000, 1) if result.latencies else None,
            "errors": len(result.errors) + len(log_errors),
            "error_samples": result.errors[:3] + log_errors[:3],
            "load_before": load_before,
            "load_after": load_after,
            "bot_peak_rss_mb": bot_rss,
            "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        return figures
    finally:
        for process in processes:
            await process.stop(grace=10)
            await process.kill()
        await bts.stop()
        await tg.stop()
        if webs:
            await _drop_keys(redis_url, prefix)
            await _drop_database(database)


def _write(results: list[dict[str, Any]]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "chats": CHATS,
                "step_timeout_s": STEP_TIMEOUT,
                "results": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def table(results: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table (for the issue's note)."""
    rows = [
        "| set-up | chats | updates/s | p50 ms | p95 ms | p99 ms | errors | answered | wall s "
        "| load avg before → after | peak RSS MB (bots; driver) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for f in results:
        bots = ", ".join(str(m) for m in f["bot_peak_rss_mb"])
        rows.append(
            f"| {f['setup']} | {f['chats']} | {f['updates_per_s']} | {f['p50_ms']} | {f['p95_ms']} | "
            f"{f['p99_ms']} | {f['errors']} | {f['answered']}/{f['updates']} | {f['wall_s']} | "
            f"{f['load_before']} → {f['load_after']} | {bots}; {f['driver_peak_rss_mb']} |"
        )
    return "\n".join(rows)


async def _main() -> list[dict[str, Any]]:
    setups = [("sqlite-polling", 0)]
    if SERVERS_UP:
        setups += [("web x1 (pg+redis)", 1), ("web x2 (pg+redis)", 2)]
    else:
        print("PostgreSQL or Redis does not answer: only the embedded default runs")
    only = os.environ.get("SCALE_BENCH_ONLY")  # e.g. "sqlite-polling": one set-up
    setups = [(name, webs) for name, webs in setups if not only or name.startswith(only)]
    results = []
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        for name, webs in setups:
            figures = await run_setup(name, webs, Path(tmp))
            print(
                f"{name:>20}: {figures['updates_per_s']:7.1f} updates/s, p50 {figures['p50_ms']} ms, "
                f"p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, errors {figures['errors']} "
                f"({figures['answered']}/{figures['updates']} answered in {figures['wall_s']} s)",
                flush=True,
            )
            for sample in figures["error_samples"]:
                print(f"{'':>22}{sample[:200]}")
            results.append(figures)
            _write(results)  # after each set-up: a run stopped half-way keeps what it measured
    return results


def main() -> None:
    results = asyncio.run(_main())
    print(table(results), flush=True)


if __name__ == "__main__":
    main()
