"""Bulk orders: the time to read, check and price a 1,000-row spreadsheet.

A seller account on the BTS fake (over real local HTTP, so every calculator call is a request)
sends a 1,000-row XLSX: 950 good rows over 5 cities × 4 weights (20 distinct routes, so 20
calculator calls) and 50 bad ones. Measured separately, each the median of 3 runs:

- reading the XLSX (openpyxl, read-only);
- checking every row (phones, cities by name through the branch directory, weights, COD);
- pricing (one ``order/calculate`` per distinct route and weight, 4 at a time);
- the whole ``BulkService.prepare`` (read + check + price + store the 1,000 lines).

Figures are printed and written to ``tests/bench/results/bulk.json``.
"""

from __future__ import annotations

import asyncio
import io
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from services.bulk import check_rows, price_rows, read_table
from services.common.http import RetryPolicy
from services.container import build_services
from services.drafts import OrderDraft, Party
from services.settings import Settings
from tests.bench.common import load_average, write_report
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake

RESULTS = Path(__file__).resolve().parent / "results" / "bulk.json"
ROWS = 1000
RUNS = 3
CITIES = ("Samarqand", "Uchtepa", "Qarshi", "Asaka", "Chilonzor")
ALIASES = {
    "name": ["Name"],
    "phone": ["Phone"],
    "city": ["City"],
    "address": ["Address"],
    "weight": ["Weight"],
    "cod": ["COD"],
}


def spreadsheet() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Phone", "City", "Address", "Weight", "COD"])
    for i in range(ROWS):
        phone = f"+99890{3000000 + i:07d}" if i % 20 else "12-34"  # every 20th row is bad
        sheet.append(
            [f"Mijoz {i}", phone, CITIES[i % 5], f"Ko'cha {i}", 1 + (i // 5) % 4, 50000 if i % 3 == 0 else ""]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


async def _run(tmp: Path) -> dict[str, Any]:
    fake = BtsFake()
    await fake.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token="42:BENCH",
        database_url=f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}",
        bts_base_url=f"{fake.url}/index.php",
        secret_key=None,
    )
    try:
        async with build_services(settings, retry=RetryPolicy(attempts=2, base_delay=0.001)) as services:
            user = 1
            await services.users.load(user)
            await services.accounts.login(user, DEMO_USERNAME, DEMO_PASSWORD, DEMO_INN)
            await services.branches.ensure_fresh(user)
            fake.add_mxik_good(DEMO_USERNAME, "10304001001000000", "Futbolka", "dona", 50000)
            await services.orders.create(
                user,
                OrderDraft(
                    sender=Party(
                        name="Do'kon",
                        phone="+998901112233",
                        address="Chilonzor 1",
                        city_id=198,
                        city_name="Shayxontohur",
                    ),
                    receiver=Party(
                        name="Ali",
                        phone="+998901234567",
                        address="Yunusobod 5",
                        city_id=195,
                        city_name="Uchtepa",
                    ),
                    weight=Decimal("1"),
                    package_id=8,
                    post_type_id=4,
                ),
            )
            data = spreadsheet()
            bulk = services.bulk
            defaults = await bulk.defaults_for(user)
            account = await services.accounts.require(user)
            read, check, price, whole = [], [], [], []
            calls = 0
            for _ in range(RUNS):
                t = time.perf_counter()
                rows = read_table(data, "bench.xlsx")
                read.append(time.perf_counter() - t)
                t = time.perf_counter()
                checked = check_rows(rows, ALIASES, services.branches, defaults)
                check.append(time.perf_counter() - t)
                before = sum(1 for _, key in fake.requests if key == "v1/order/calculate")
                t = time.perf_counter()
                prices, _ = await price_rows(
                    checked, bulk._calculator(account), concurrency=bulk.price_concurrency
                )
                price.append(time.perf_counter() - t)
                calls = sum(1 for _, key in fake.requests if key == "v1/order/calculate") - before
                t = time.perf_counter()
                summary = await bulk.prepare(user, "bench.xlsx", data, ALIASES)
                whole.append(time.perf_counter() - t)
            return {
                "rows": ROWS,
                "valid_rows": summary.valid_rows,
                "invalid_rows": len(summary.invalid),
                "priced_rows": len(prices),
                "calculator_calls": calls,
                "read_xlsx_s": _median(read),
                "check_s": _median(check),
                "price_s": _median(price),
                "prepare_total_s": _median(whole),
                "rows_per_second_total": round(ROWS / statistics.median(whole)),
            }
    finally:
        await fake.stop()


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bulk-bench-") as tmp:
        measured = asyncio.run(_run(Path(tmp)))
    for key, value in measured.items():
        print(f"  {key:<24} {value}", flush=True)
    return write_report(RESULTS, {"load_average": load_average(), "results": measured})


if __name__ == "__main__":
    main()
