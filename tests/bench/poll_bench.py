"""Status polling: 10,000 active parcels over 20 seller accounts, one full pass of the real
``StatusPoller`` against the BTS fake answering ``order/track`` and ``order/history`` after 50 ms.

The fake runs in a child process (BTS is another machine in production: its CPU should not be
counted as ours) and counts the requests it is serving at once, the figure the poller must keep
at 16 or under. 30 % of the parcels moved at BTS since they were stored, so the pass also fetches
their history, records the events and enqueues the pushes (owner, and a subscriber for every
tenth parcel) exactly as in production. Temporary SQLite file, production settings (WAL).

Figures are printed and written to ``tests/bench/results/poll.json``.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
from aiohttp import web
from pydantic import SecretStr

from services.accounts import SellerAccount
from services.bts import BtsClient, BtsCredentials
from services.poller import StatusPoller
from services.settings import RouteStyle
from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.schemas import OrderData, OutboxState
from storage.uow import unit_of_work
from tests.bench.common import answer_commands, fake_in_child, write_report
from tests.fakes.base import Fault, Handler
from tests.fakes.bts.server import DEFAULT_MXIK_LIST_ROUTE, DEFAULT_MXIK_REGISTER_ROUTE, BtsFake

ORDERS = 10_000
ACCOUNTS = 20
LATENCY = 0.050
MAX_IN_FLIGHT = 16
PER_ACCOUNT = 4
MOVED = 0.30  # share of parcels whose status changed at BTS
TARGET_SECONDS = 60.0
RESULTS = Path(__file__).resolve().parent / "results" / "poll.json"
ORDER_BODY: dict[str, Any] = {
    "senderCityId": 198,
    "senderAddress": "Toshkent sh., Bobur ko'chasi, 5-A",
    "senderReal": "Jurabek Turdiyev",
    "senderPhone": "+998991234567",
    "weight": "2.5",
    "packageId": 8,
    "postTypeId": 4,
    "receiver": "Odil Ahmedov",
    "receiverAddress": "Gozovo qish. 41 uy",
    "receiverCityId": 75,
    "receiverPhone": "+998901234568",
}


class CountingBtsFake(BtsFake):
    """The BTS fake, measuring how many requests it holds at once (latency included)."""

    def __init__(self) -> None:
        super().__init__(with_demo=False)
        self.in_flight = 0
        self.max_in_flight = 0

    def make_app(self) -> web.Application:
        app = super().make_app()

        @web.middleware
        async def count(request: web.Request, handler: Handler) -> web.StreamResponse:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            try:
                return await handler(request)
            finally:
                self.in_flight -= 1

        app.middlewares.insert(0, count)
        return app


class Accounts:
    def __init__(self) -> None:
        self.by_id: dict[int, SellerAccount] = {}

    async def by_account_id(self, account_id: int) -> SellerAccount | None:
        return self.by_id.get(account_id)


def _login(n: int) -> tuple[str, str, str]:
    return f"shop{n:02d}", f"pw-{n}", f"3000000{n:02d}"


# --- the child process: the BTS fake ----------------------------------------------------------


def _fake_process(conn: Connection) -> None:
    asyncio.run(_serve_fake(conn))


async def _serve_fake(conn: Connection) -> None:
    rng = random.Random(20240701)
    fake = CountingBtsFake()
    for n in range(ACCOUNTS):
        fake.add_account(*_login(n))
    orders: list[tuple[int, str, int]] = []  # (order id, barcode, account number)
    moved = 0
    for n in range(ORDERS):
        username = _login(n % ACCOUNTS)[0]
        order = fake.create_order(fake.accounts[username], dict(ORDER_BODY))
        orders.append((order.order_id, order.barcode, n % ACCOUNTS))
        if rng.random() < MOVED:
            fake.advance(order.order_id)
            moved += 1
    for route in ("v1/order/track", "v1/order/history"):
        fake.faults.add(route, Fault(latency=LATENCY), times=None)
    await fake.start()
    conn.send((fake.url, orders, moved))

    def reset() -> None:
        fake.max_in_flight = 0
        fake.requests.clear()

    try:
        await answer_commands(
            conn,
            stats=lambda: {"max_in_flight": fake.max_in_flight, "requests": len(fake.requests)},
            reset=reset,
            every=0.05,
        )
    finally:
        await fake.stop()


# --- the poller, in this process ----------------------------------------------------------------


async def _seed(factory: Any, box: SecretBox, accounts: Accounts, orders: list[tuple[int, str, int]]) -> None:
    sellers: list[SellerAccount] = []
    async with unit_of_work(factory, box) as uow:
        for n in range(ACCOUNTS):
            user_id = 500_000 + n
            username, password, inn = _login(n)
            await uow.users.get_or_create(user_id)
            record = await uow.accounts.save_bts(user_id, username=username, inn=inn, password=password)
            credentials = BtsCredentials(username=username, password=SecretStr(password), inn=inn)
            sellers.append(SellerAccount(record.id, user_id, username, inn, credentials))
        for n in range(ORDERS // 10):
            await uow.users.get_or_create(900_000 + n)
    for seller in sellers:
        accounts.by_id[seller.account_id] = seller
    items = [
        OrderData(
            bts_order_id=order_id,
            barcode=barcode,
            owner_id=sellers[account].user_id,
            bts_account_id=sellers[account].account_id,
            status_code=1,
            is_final=False,
        )
        for order_id, barcode, account in orders
    ]
    for start in range(0, len(items), 500):
        async with unit_of_work(factory, box) as uow:
            results = await uow.orders.upsert_many(items[start : start + 500])
            for offset, result in enumerate(results):
                if (start + offset) % 10 == 0:
                    await uow.subscriptions.subscribe(900_000 + (start + offset) // 10, result.order.id)


async def _run(
    url: str, conn: Connection, fake_url: str, orders: list[tuple[int, str, int]]
) -> dict[str, Any]:
    await upgrade_database(url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    box = SecretBox([generate_key()])
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0), limits=httpx.Limits(max_connections=MAX_IN_FLIGHT))
    try:
        accounts = Accounts()
        await _seed(factory, box, accounts, orders)
        bts = BtsClient(
            http,
            f"{fake_url}/index.php",
            RouteStyle.QUERY,
            mxik_register_route=DEFAULT_MXIK_REGISTER_ROUTE,
            mxik_list_route=DEFAULT_MXIK_LIST_ROUTE,
        )
        poller = StatusPoller(
            factory,
            box,
            bts,
            accounts,
            concurrency_per_account=PER_ACCOUNT,
            max_in_flight=MAX_IN_FLIGHT,
            stalled_after=None,
        )
        conn.send("reset")
        conn.recv()
        started, cpu = time.perf_counter(), time.process_time()
        stats = await poller.poll_once(datetime.now(UTC))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        conn.send("stats")
        fake_stats = conn.recv()
        async with unit_of_work(factory, box) as uow:
            outbox = await uow.outbox.count_by_state()
    finally:
        await http.aclose()
        await engine.dispose()
    return {
        "orders": ORDERS,
        "accounts": ACCOUNTS,
        "latency_ms": int(LATENCY * 1000),
        "max_in_flight_allowed": MAX_IN_FLIGHT,
        "per_account_allowed": PER_ACCOUNT,
        "wall_seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "target_seconds": TARGET_SECONDS,
        "latency_bound_seconds": round(fake_stats["requests"] * LATENCY / MAX_IN_FLIGHT, 2),
        "max_in_flight_observed": fake_stats["max_in_flight"],
        "requests": fake_stats["requests"],
        "requests_per_second": round(fake_stats["requests"] / seconds, 1),
        "checked": stats.checked,
        "failed": stats.failed,
        "changes_detected": stats.changed,
        "pushes_enqueued": stats.pushes,
        "outbox_pending": outbox[OutboxState.PENDING],
    }


def main() -> dict[str, Any]:
    started = time.perf_counter()
    with fake_in_child(_fake_process) as (parent, (fake_url, orders, moved)):
        print(f"  BTS fake (child process) holds {len(orders)} orders, {moved} moved; seeding our store")
        with tempfile.TemporaryDirectory(prefix="poll-bench-") as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
            results = asyncio.run(_run(url, parent, fake_url, orders))
        results["moved_at_bts"] = moved
    print(f"  setup and pass took {time.perf_counter() - started:.1f} s")
    ok = (
        results["wall_seconds"] <= TARGET_SECONDS
        and results["max_in_flight_observed"] <= MAX_IN_FLIGHT
        and results["changes_detected"] == results["moved_at_bts"]
        and results["checked"] == ORDERS
    )
    print(
        f"  {results['orders']} parcels refreshed in {results['wall_seconds']:.1f} s "
        f"(target ≤ {TARGET_SECONDS:.0f} s; latency alone {results['latency_bound_seconds']:.1f} s), "
        f"{results['requests']} requests, "
        f"max {results['max_in_flight_observed']} in flight (allowed {MAX_IN_FLIGHT})"
    )
    print(
        f"  changes detected {results['changes_detected']} of {results['moved_at_bts']} moved, "
        f"{results['pushes_enqueued']} pushes enqueued, {results['failed']} failed: "
        f"{'OK' if ok else 'MISSED'}"
    )
    return write_report(RESULTS, {"ok": ok, "results": results})


if __name__ == "__main__":
    main()
