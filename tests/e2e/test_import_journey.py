"""A seller imports a 50-row XLSX with 5 bad rows over real HTTP: the bad rows are listed, the
bot is killed (SIGKILL) while a create is on its way, started again, and goes on: 45 orders
exist at BTS, each exactly once, and their labels come back as one PDF."""

from __future__ import annotations

import asyncio
import io
import math
from collections import Counter

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from services.bulk import read_table
from services.scan import decode_image
from tests.e2e.conftest import START_TIMEOUT, Stack
from tests.e2e.driver import data_starting
from tests.e2e.flows import create_order, login
from tests.fakes.base import Fault
from tests.sandbox.web import ChatPage

pytestmark = pytest.mark.asyncio(loop_scope="session")

ADD = "v1/order/add"
BAD = {7: "phone", 15: "city", 23: "weight", 31: "missing", 44: "cod"}  # spreadsheet line -> problem


def spreadsheet() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Receiver", "Phone", "City or district", "Address", "Weight, kg", "Cash on delivery, so'm"])
    cities = ["Samarqand", "Uchtepa", "Qarshi", "Asaka", "Chilonzor"]
    for line in range(2, 52):
        row: list[object] = [
            f"Mijoz {line}",
            f"+99890{2000000 + line:07d}",
            cities[line % 5],
            f"Ko'cha {line}",
            1 + line % 4,
            "",
        ]
        problem = BAD.get(line)
        if problem == "phone":
            row[1] = "55-55"
        elif problem == "city":
            row[2] = "Narniya"
        elif problem == "weight":
            row[4] = "heavy"
        elif problem == "missing":
            row[0] = ""
        elif problem == "cod":
            row[5] = "a lot"
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _adds(e2e: Stack) -> int:
    return sum(1 for _, key in e2e.bts.requests if key == ADD)


async def test_import_50_rows_kill_mid_way_and_resume_without_duplicates(e2e: Stack) -> None:
    seller = e2e.seller_account()
    ali = e2e.user("Bahodir", phone="+998901110022")
    await login(ali, seller)
    await create_order(ali)  # the sender of the import is the sender of the last order

    mark = await ali.document(spreadsheet(), "orders.xlsx")
    summary = await ali.wait("Ready to create: 45", since=mark, timeout=60)
    text = summary["text"]
    assert "5 rows need fixing" in text
    for line in BAD:
        assert f"Row {line}:" in text
    confirm = data_starting(summary, "bz:go:")[0]
    import_id = int(confirm.rsplit(":", 1)[-1])

    # BTS makes the 20th order but holds its answer for 3 s: the bot is killed while it waits.
    before = _adds(e2e)
    e2e.bts.faults.add(ADD, Fault(), times=19)
    e2e.bts.faults.add(ADD, Fault(latency=3.0, after=True), times=1)
    await ali.press(confirm)
    await e2e.telegram.wait_until(lambda: _adds(e2e) - before >= 20 or None, timeout=60)
    await e2e.bot.kill()
    await asyncio.sleep(0.5)
    mine = [
        o
        for o in e2e.bts.orders.values()
        if str(o.fields.get("clientId", "")).startswith(f"bulk-{import_id}-")
    ]
    assert len(mine) == 20

    calls = e2e.telegram.get_updates_calls
    await e2e.bot.start()
    await e2e.bot.wait_ready(e2e.telegram, since_calls=calls, timeout=START_TIMEOUT)
    done = await ali.wait("Done: 45 of 45 orders created", timeout=90)

    made = Counter(
        o.fields.get("clientId")
        for o in e2e.bts.orders.values()
        if str(o.fields.get("clientId", "")).startswith(f"bulk-{import_id}-")
    )
    assert len(made) == 45 and set(made.values()) == {1}  # every good line once, none twice
    assert _adds(e2e) - before == 45  # and nothing was sent again after the restart

    labels = data_starting(done, "bz:lbl:")[0]
    mark = await ali.press(labels)
    sheet = await ali.wait_for(
        lambda m: m.get("document") is not None, since=mark, timeout=60, what="the label PDF"
    )
    pdf = e2e.telegram.file_content(sheet["document"]["file_id"])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == math.ceil(45 / 4)
    assert "45 labels, 12 pages" in (sheet["caption"] or "")
    # Delivered: the poller stops following these 46 parcels, so the journeys after this one do
    # not share the bot with a poll pass of them every half second.
    for order in e2e.bts.orders.values():
        if order.owner == seller.username:
            e2e.bts.set_status(order.order_id, 6)


async def test_inline_answers_and_the_sandbox_samples(e2e: Stack) -> None:
    """``@bot <barcode>`` over the Telegram stand-in: the seller sees the private card, another
    user only the status; the sandbox page offers the sample files and the same inline answer."""
    seller = e2e.seller_account()
    ali = e2e.user("Sardor", phone="+998901110033")
    await login(ali, seller)
    _, barcode = await create_order(ali, "Inline Receiver")

    async def ask(user_id: int, query: str) -> list[dict[str, object]]:
        action = e2e.telegram.send_inline_query(user_id, query)
        record = e2e.telegram.inline_queries[action.inline_query_id or ""]
        await e2e.telegram.wait_until(lambda: record.answered or None, timeout=30)
        return list(record.results or [])

    mine = await ask(ali.chat_id, barcode)
    text = str(mine[0]["input_message_content"])
    assert barcode in text and "Inline Receiver" in text
    stranger = e2e.user("Guest")
    theirs = await ask(stranger.chat_id, f"where is {barcode}?")
    assert barcode in str(theirs[0]["input_message_content"]) and "Inline Receiver" not in str(theirs[0])

    page = ChatPage(e2e.telegram, [], bts=e2e.bts)
    url = await page.start()
    try:
        async with e2e.http.get(f"{url}api/samples/orders.xlsx") as response:
            rows = read_table(await response.read(), "orders.xlsx")
        assert len(rows) == 51
        async with e2e.http.get(f"{url}api/samples/label.png", params={"barcode": barcode}) as response:
            assert decode_image(await response.read()) == [barcode]
        async with e2e.http.post(
            f"{url}api/inline", json={"user_id": ali.chat_id, "query": barcode}
        ) as response:
            body = await response.json()
        assert "Inline Receiver" in str(body["result"][0])
    finally:
        await page.stop()
