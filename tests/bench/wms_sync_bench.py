"""WMS sync: 10,000 products handed over by ``v1/product/clients`` in pages of 50, the fake
answering every request after 50 ms; one full pass of the real ``WmsSync`` (pull every page with
4 in flight, store all in one transaction, acknowledge the stored ids 500 a request).

The fake runs in a child process (the WMS is another machine in production). Temporary SQLite
file, production settings. Checks: every product stored once and acknowledged once, and a second
pass finds nothing. Figures are printed and written to ``tests/bench/results/wms_sync.json``.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from services.fulfillment.accounts import WmsAccountService
from services.fulfillment.sync import WmsSync
from services.wms.client import WmsClient
from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.fulfillment_schemas import CatalogKind
from storage.uow import unit_of_work
from tests.bench.common import answer_commands, fake_in_child, write_report
from tests.fakes.base import Fault
from tests.fakes.wms.server import WmsFake

PRODUCTS = 10_000
PER_PAGE = 50
LATENCY = 0.050
PAGE_CONCURRENCY = 4
ACK_BATCH = 500
INN, PASSWORD = "305999111", "bench-pass"
TARGET_SECONDS = 60.0
RESULTS = Path(__file__).resolve().parent / "results" / "wms_sync.json"


def _fake_process(conn: Connection) -> None:
    asyncio.run(_serve_fake(conn))


async def _serve_fake(conn: Connection) -> None:
    fake = WmsFake(max_per_page=PER_PAGE)
    account = fake.add_account(INN, PASSWORD)
    fake.add_products(account, PRODUCTS)
    fake.faults.add("*", Fault(latency=LATENCY), times=None)
    await fake.start()
    conn.send(fake.url)
    try:
        await answer_commands(
            conn,
            stats=lambda: {
                "requests": dict(Counter(route for _, route in fake.requests)),
                "delivered": len(account.delivered["product"]),
            },
            reset=fake.requests.clear,
            every=0.02,
        )
    finally:
        await fake.stop()


async def _run(url: str, conn: Connection, fake_url: str) -> dict[str, Any]:
    await upgrade_database(url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    box = SecretBox([generate_key()])
    http = httpx.AsyncClient(timeout=httpx.Timeout(30.0))
    try:
        client = WmsClient(http, fake_url)
        accounts = WmsAccountService(factory, box, client)
        account = await accounts.connect(800_001, INN, PASSWORD)
        sync = WmsSync(
            factory,
            box,
            client,
            accounts,
            per_page=PER_PAGE,
            page_concurrency=PAGE_CONCURRENCY,
            ack_batch=ACK_BATCH,
        )
        conn.send("reset")
        conn.recv()
        started, cpu = time.perf_counter(), time.process_time()
        stats = await sync.sync_account(account)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        conn.send("stats")
        first = conn.recv()
        conn.send("reset")
        conn.recv()
        again_started = time.perf_counter()
        again = await sync.sync_account(account)
        again_seconds = time.perf_counter() - again_started
        async with unit_of_work(factory, box) as uow:
            stored = await uow.fulfillment.count_catalog(CatalogKind.PRODUCT, account.account_id)
    finally:
        await http.aclose()
        await engine.dispose()
    requests = first["requests"]
    return {
        "products": PRODUCTS,
        "per_page": PER_PAGE,
        "latency_ms": int(LATENCY * 1000),
        "page_concurrency": PAGE_CONCURRENCY,
        "ack_batch": ACK_BATCH,
        "wall_seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "target_seconds": TARGET_SECONDS,
        "requests": sum(requests.values()),
        "requests_by_route": requests,
        "sequential_latency_bound_seconds": round(sum(requests.values()) * LATENCY, 2),
        "stored_rows": stored,
        "stored_reported": stats.stored,
        "acknowledged": stats.acknowledged,
        "acknowledged_at_fake": first["delivered"],
        "second_pass_seconds": round(again_seconds, 2),
        "second_pass_stored": again.stored,
        "failed": stats.failed,
    }


def main() -> dict[str, Any]:
    with fake_in_child(_fake_process) as (parent, fake_url):
        print(f"  WMS fake (child process) holds {PRODUCTS} products; syncing")
        with tempfile.TemporaryDirectory(prefix="wms-sync-bench-") as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
            results = asyncio.run(_run(url, parent, fake_url))
    ok = (
        results["stored_rows"] == PRODUCTS
        and results["acknowledged_at_fake"] == PRODUCTS
        and results["acknowledged"] == PRODUCTS
        and results["second_pass_stored"] == 0
        and results["failed"] == 0
        and results["wall_seconds"] <= TARGET_SECONDS
    )
    print(
        f"  {PRODUCTS} products synced in {results['wall_seconds']:.2f} s "
        f"(cpu {results['cpu_seconds']:.2f} s; target ≤ {TARGET_SECONDS:.0f} s), "
        f"{results['requests']} requests {results['requests_by_route']} "
        f"(one after another they would wait {results['sequential_latency_bound_seconds']:.1f} s)"
    )
    print(
        f"  stored {results['stored_rows']}, acknowledged {results['acknowledged_at_fake']}; "
        f"second pass {results['second_pass_seconds']:.2f} s, {results['second_pass_stored']} stored: "
        f"{'OK' if ok else 'MISSED'}"
    )
    return write_report(RESULTS, {"ok": ok, "results": results})


if __name__ == "__main__":
    main()
