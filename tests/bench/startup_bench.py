"""Start-up and memory of the real bot process (``python -m bot``) against the local fakes.

- **time to the first getUpdates**: from spawning the process to the first ``getUpdates`` the
  Telegram stand-in receives (imports, settings, migrations, services, the branch directory from
  the BTS fake, ``deleteWebhook``, ``setMyCommands``), on an empty database and on one holding
  100,000 orders; beside it, the time to merely import the bot's modules in a fresh interpreter;
- **resident memory (RSS)** of the idle bot a few seconds after it started polling (its worker —
  poller, push sender, payment polling — runs inside it, as by default), on the empty database
  and with 100,000 stored orders (written through the storage repositories in batches, as the
  poller writes them; delivered, so the poller has nothing to ask BTS). The bot must not load
  stored orders into memory: the two figures should be close.

The fakes run in this process; the bot is a child process (``tests.sandbox.process.BotProcess``).
Figures are printed and written to ``tests/bench/results/startup.json``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from storage.crypto import SecretBox, generate_key, parse_keys
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.models import Order
from storage.schemas import OrderData
from storage.uow import unit_of_work
from tests.bench.common import load_average, write_report
from tests.fakes.bts.server import start_demo
from tests.fakes.telegram import RateLimits, TelegramFake
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.sandbox.process import REPO_ROOT, BotProcess, fake_env

RESULTS = Path(__file__).resolve().parent / "results" / "startup.json"
ORDERS = int(os.environ.get("STARTUP_BENCH_ORDERS", "100000"))
STARTS = 3
SETTLE = 4.0  # seconds of idling after the first getUpdates before RSS is read
SAMPLES = 5
SEED_BATCH = 500
OWNERS = 50


def _rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB, from /proc."""
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                out[name] = int(value.split()[0])
    return out


def _order(n: int) -> OrderData:
    return OrderData(
        bts_order_id=5_000_000 + n,
        barcode=f"0177{n:08d}",
        owner_id=1 + n % OWNERS,
        receiver_name=f"Receiver {n}",
        receiver_phone=f"+99890{n % 10_000_000:07d}",
        receiver_city="Toshkent",
        cost=Decimal("20500.00"),
        cod_amount=Decimal(f"{150000 + n % 1000}.00"),
        status_code=6,
        is_final=True,
        snapshot={
            "order": {
                "orderId": 5_000_000 + n,
                "barcode": f"0177{n:08d}",
                "status": {"id": 6},
                "cost": "20500.00",
            },
            "receiver": {"name": f"Receiver {n}", "city": "Toshkent", "address": "Chilonzor 9, 12-uy"},
        },
    )


async def _seed(url: str, box: SecretBox, count: int) -> float:
    await upgrade_database(url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    started = time.perf_counter()
    try:
        async with unit_of_work(factory, box) as uow:
            for owner in range(1, OWNERS + 1):
                await uow.users.get_or_create(owner)
        for start in range(0, count, SEED_BATCH):
            async with unit_of_work(factory, box) as uow:
                await uow.orders.upsert_many(
                    [_order(n) for n in range(start, min(count, start + SEED_BATCH))]
                )
        async with factory() as session:
            stored = await session.scalar(select(func.count()).select_from(Order))
        if stored != count:
            raise AssertionError(f"seeded {stored} orders, expected {count}")
    finally:
        await engine.dispose()
    return time.perf_counter() - started


async def _first_get_updates(
    bot: BotProcess, telegram: TelegramFake, since: int, limit: float = 180.0
) -> float:
    """Seconds from the spawn to the stand-in's first getUpdates after ``since`` calls (5 ms steps)."""
    deadline = time.monotonic() + limit
    while telegram.get_updates_calls <= since:
        if not bot.running:
            raise RuntimeError(f"the bot exited with {bot.returncode}:\n{bot.log_tail()}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"no getUpdates within {limit} s:\n{bot.log_tail()}")
        await asyncio.sleep(0.005)
    return time.monotonic() - bot.started_at


async def _runs(label: str, bot: BotProcess, telegram: TelegramFake, starts: int) -> dict[str, Any]:
    seconds: list[float] = []
    rss: list[int] = []
    peak: list[int] = []
    for _ in range(starts):
        calls = telegram.get_updates_calls
        await bot.start()
        try:
            seconds.append(await _first_get_updates(bot, telegram, calls))
            await asyncio.sleep(SETTLE)
            assert bot.pid is not None
            samples = []
            for _ in range(SAMPLES):
                samples.append(_rss_kib(bot.pid))
                await asyncio.sleep(0.2)
            rss.append(max(s["VmRSS"] for s in samples))
            peak.append(max(s["VmHWM"] for s in samples))
        finally:
            code = await bot.stop(grace=15)
        if code != 0:
            raise RuntimeError(f"the bot stopped with {code}:\n{bot.log_tail()}")
    result = {
        "starts": starts,
        "first_get_updates_s": [round(s, 3) for s in seconds],
        "first_get_updates_median_s": round(statistics.median(seconds), 3),
        "rss_idle_mib": [round(r / 1024, 1) for r in rss],
        "rss_idle_median_mib": round(statistics.median(rss) / 1024, 1),
        "rss_peak_mib": round(max(peak) / 1024, 1),
    }
    print(
        f"  {label:<36} first getUpdates {result['first_get_updates_median_s']:>6.2f} s (median of {starts}, "
        f"{min(seconds):.2f}–{max(seconds):.2f})   RSS idle {result['rss_idle_median_mib']:>6.1f} MiB "
        f"(peak {result['rss_peak_mib']:.1f})",
        flush=True,
    )
    return result


# aiogram alone, for scale: one echo handler, memory FSM, polling the same stand-in.
ECHO_BOT = """
import asyncio, os
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

dp = Dispatcher()

@dp.message()
async def echo(message):
    await message.answer(message.text or "")

async def main():
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    await dp.start_polling(bot, handle_signals=True)

asyncio.run(main())
"""


def _import_time(runs: int = 3) -> float:
    """Seconds for a fresh interpreter to import the bot's entry point (most of the start-up)."""
    timings = []
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import bot.__main__"], check=True, cwd=REPO_ROOT, env=env)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def _run(tmp: Path) -> dict[str, Any]:
    telegram = TelegramFake(rate_limits=RateLimits(enabled=False))
    yandex = YandexPayFake()
    await telegram.start()
    bts = await start_demo()
    await yandex.start()
    key = generate_key()
    results: dict[str, Any] = {}
    try:
        reference_env = {**os.environ, "TELEGRAM_API_URL": telegram.url, "BOT_TOKEN": telegram.token}
        echo = BotProcess(reference_env, tmp / "echo.log", cwd=tmp, command=("-c", ECHO_BOT))
        results["aiogram bare echo bot"] = await _runs(
            "aiogram bare echo bot (for scale)", echo, telegram, STARTS
        )

        empty_url = f"sqlite+aiosqlite:///{tmp / 'empty' / 'bot.sqlite3'}"
        env = fake_env(telegram, bts, yandex, empty_url, secret_key=key, log_level="WARNING")
        bot = BotProcess(env, tmp / "empty" / "bot.log", cwd=tmp)
        results["empty database"] = await _runs("empty database", bot, telegram, STARTS)

        full_url = f"sqlite+aiosqlite:///{tmp / 'full' / 'bot.sqlite3'}"
        seeded = await _seed(full_url, SecretBox(parse_keys(key)), ORDERS)
        size = (tmp / "full" / "bot.sqlite3").stat().st_size
        print(
            f"  seeded {ORDERS:,} orders in {seeded:.1f} s (database file {size / 2**20:.0f} MiB)", flush=True
        )
        env = fake_env(telegram, bts, yandex, full_url, secret_key=key, log_level="WARNING")
        bot = BotProcess(env, tmp / "full" / "bot.log", cwd=tmp)
        label = f"{ORDERS:,} stored orders"
        results[label] = await _runs(label, bot, telegram, STARTS)
        results[label]["database_mib"] = round(size / 2**20, 1)
        results[label]["seed_seconds"] = round(seeded, 1)
    finally:
        await yandex.stop()
        await bts.stop()
        await telegram.stop()
    return results


def main() -> dict[str, Any]:
    imported = _import_time()
    print(f"  {'import bot.__main__ (fresh interpreter)':<36} {imported:>6.2f} s (median of 3)", flush=True)
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        measured = asyncio.run(_run(Path(tmp)))
    return write_report(
        RESULTS,
        {
            "load_average": load_average(),
            "import_seconds": round(imported, 3),
            "settle_seconds": SETTLE,
            "results": measured,
        },
    )


if __name__ == "__main__":
    main()
