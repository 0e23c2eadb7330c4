"""Storage throughput: order upserts and status-event inserts, as the status poller does them.

Runs on a fresh SQLite file in a temporary directory (WAL, synchronous=NORMAL: the production
settings). Set ``STORAGE_BENCH_URL`` to measure another database instead; it must be empty
(the benchmark migrates it and refuses to write into a database that already holds orders).

Figures are printed and written to ``tests/bench/results/storage.json``.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.models import Order
from storage.schemas import OrderData, StatusEventData
from storage.uow import unit_of_work
from tests.bench.common import write_report

ORDERS = 10_000
EVENTS = 10_000
BATCH = 100  # one poller page: one transaction per batch
SINGLE = 1_000  # one transaction per order, as a user's create or edit does
RESULTS = Path(__file__).resolve().parent / "results" / "storage.json"
OWNER = 1
T0 = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)


def _order(n: int, status: int) -> OrderData:
    return OrderData(
        bts_order_id=1_000_000 + n,
        barcode=f"0199{n:08d}",
        owner_id=OWNER,
        receiver_name=f"Receiver {n}",
        receiver_phone=f"+99890{n % 10_000_000:07d}",
        receiver_city="Toshkent",
        cost=Decimal("12000.00"),
        cod_amount=Decimal(f"{150000 + n}.00"),
        status_code=status,
        is_final=status == 6,
        snapshot={"orderId": 1_000_000 + n, "status": {"id": status, "info": "..."}, "cost": "12000.00"},
    )


async def _timed(name: str, count: int, work: Callable[[], Awaitable[None]], results: dict[str, Any]) -> None:
    started = time.perf_counter()
    await work()
    seconds = time.perf_counter() - started
    results[name] = {"count": count, "seconds": round(seconds, 3), "per_second": round(count / seconds)}
    print(f"  {name:<40} {count:>6} in {seconds:6.2f} s  = {count / seconds:>8,.0f}/s", flush=True)


async def _run(url: str) -> dict[str, Any]:
    await upgrade_database(url)
    engine = create_engine(url)
    factory: async_sessionmaker[AsyncSession] = create_session_factory(engine)
    box = SecretBox([generate_key()])
    results: dict[str, Any] = {}
    try:
        async with factory() as session:
            if await session.scalar(select(func.count()).select_from(Order)):
                raise SystemExit("STORAGE_BENCH_URL must point to an empty database")
        async with unit_of_work(factory, box) as uow:
            await uow.users.get_or_create(OWNER)

        async def upsert_pass(status: int) -> None:
            for start in range(0, ORDERS, BATCH):
                async with unit_of_work(factory, box) as uow:
                    await uow.orders.upsert_many([_order(n, status) for n in range(start, start + BATCH)])

        await _timed("order upsert, new (batches of 100)", ORDERS, lambda: upsert_pass(1), results)
        await _timed("order upsert, changed (batches of 100)", ORDERS, lambda: upsert_pass(5), results)

        async def upsert_single() -> None:
            for n in range(SINGLE):
                async with unit_of_work(factory, box) as uow:
                    await uow.orders.upsert(_order(ORDERS + n, 1))

        await _timed("order upsert, 1 per transaction", SINGLE, upsert_single, results)

        async with factory() as session:
            order_ids = list(await session.scalars(select(Order.id).order_by(Order.id).limit(EVENTS // 5)))
        events = [
            (
                order_id,
                StatusEventData(status_code=code, occurred_at=T0 + timedelta(minutes=code), location="BTS"),
            )
            for order_id in order_ids
            for code in (1, 2, 3, 4, 5)
        ][:EVENTS]

        async def insert_events(expect_new: bool) -> None:
            for start in range(0, len(events), BATCH):
                async with unit_of_work(factory, box) as uow:
                    new = await uow.status_events.add_many_if_new(events[start : start + BATCH])
                if bool(new) != expect_new:
                    raise AssertionError("status-event deduplication misbehaved during the benchmark")

        await _timed("status events, new (batches of 100)", len(events), lambda: insert_events(True), results)
        await _timed(
            "status events, repeated (all ignored)", len(events), lambda: insert_events(False), results
        )
    finally:
        await engine.dispose()
    return results


def main() -> dict[str, Any]:
    url = os.environ.get("STORAGE_BENCH_URL")
    with tempfile.TemporaryDirectory(prefix="storage-bench-") as tmp:
        target = url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        backend = target.split(":", 1)[0]
        print(f"  database: {backend}{' (temporary file, WAL, synchronous=NORMAL)' if not url else ''}")
        results = asyncio.run(_run(target))
    return write_report(
        RESULTS,
        {
            "database": backend,
            "sqlite_version": sqlite3.sqlite_version,
            "sqlalchemy": sqlalchemy.__version__,
            "batch": BATCH,
            "results": results,
        },
    )


if __name__ == "__main__":
    main()
