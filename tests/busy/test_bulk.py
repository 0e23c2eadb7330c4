"""Bulk orders: reading, checking, pricing, and creating each line exactly once (resumable)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import select

from services.bulk import MissingColumns, Progress, map_header, read_table
from storage.models import OutboxMessage
from storage.repositories.bulk import BulkRowState, BulkState
from storage.uow import UnitOfWork
from tests.busy.conftest import ALIASES, HEADER, Seller, good_row, xlsx
from tests.fakes.base import Fault

ADD = "v1/order/add"
CALC = "v1/order/calculate"


def _count(seller: Seller, route: str) -> int:
    return sum(1 for _, key in seller.fake.requests if key == route)


def test_csv_with_semicolons_reads_like_xlsx() -> None:
    rows = [good_row(1), good_row(2, cod="150 000")]
    table: list[list[object]] = [list(HEADER), *rows]
    text = "\n".join(";".join(str(c) for c in row) for row in table)
    from_csv = read_table(text.encode("utf-8-sig"), "orders.csv")
    from_xlsx = read_table(xlsx(rows), "orders.xlsx")
    assert from_csv == from_xlsx
    assert from_csv[2][7] == "150 000"


def test_a_unit_after_a_column_name_is_not_part_of_it() -> None:
    header = ["Name", "Phone", "City (district)", "Weight, kg", "COD, so'm", "Comment [optional]"]
    assert map_header(header, ALIASES) == {
        0: "name",
        1: "phone",
        2: "city",
        3: "weight",
        4: "cod",
        5: "comment",
    }


async def test_header_in_another_language_and_missing_columns(seller: Seller) -> None:
    header = ["Ism", "Telefon", "Shahar", "Address", "Weight"]
    rows = [header, ["Vali", "90 123 45 67", "Samarqand", "Registon 1", "2"]]
    checked = await seller.services.bulk.check_and_price(seller.user_id, rows, ALIASES)
    assert [c.problems for c in checked] == [[]]
    with pytest.raises(MissingColumns) as caught:
        await seller.services.bulk.check_and_price(seller.user_id, [["Ism", "Address"], ["a", "b"]], ALIASES)
    assert set(caught.value.columns) == {"phone", "city", "weight"}


async def test_every_bad_line_is_listed_and_good_lines_are_priced_once_per_route(seller: Seller) -> None:
    rows = [good_row(i) for i in range(1, 8)]
    rows[1][1] = "12345"  # line 3: a phone that is no phone
    rows[3][3] = "Atlantida"  # line 5: no such city
    rows[4][6] = "0"  # line 6: no weight
    rows[5][7] = "12abc"  # line 7: cash on delivery that is no amount
    rows[6][7] = "250 000"  # line 8: a good COD line
    calls_before = _count(seller, CALC)
    summary = await seller.services.bulk.prepare(seller.user_id, "orders.xlsx", xlsx(rows), ALIASES)
    problems = {r.row_number: [(p.column, p.code) for p in r.problems] for r in summary.invalid}
    assert problems == {
        3: [("phone", "phone")],
        5: [("city", "city")],
        6: [("weight", "weight")],
        7: [("cod", "cod")],
    }
    assert summary.total_rows == 7 and summary.valid_rows == 3
    valid = await seller.services.bulk.rows(seller.user_id, summary.import_id, [BulkRowState.VALID])
    assert summary.total_price == sum((r.price or Decimal(0) for r in valid), Decimal(0)) > 0
    routes = {(r.draft or {})["weight"] for r in valid}  # same cities, so one call per weight
    assert _count(seller, CALC) - calls_before == len(routes)
    assert _count(seller, ADD) == 1  # only the hand-made first order: checking creates nothing


async def test_each_line_is_created_once_even_when_run_again(seller: Seller) -> None:
    bulk = seller.services.bulk
    summary = await bulk.prepare(seller.user_id, "a.xlsx", xlsx([good_row(i) for i in range(1, 6)]), ALIASES)
    assert await bulk.start(seller.user_id, summary.import_id)
    assert not await bulk.start(seller.user_id, summary.import_id)  # a second tap does nothing
    seen: list[int] = []

    async def progress(p: Progress) -> None:
        seen.append(p.created)

    final = await bulk.run(summary.import_id, progress)
    assert (final.created, final.failed, final.unsure, final.done) == (5, 0, 0, True)
    assert seen[:5] == [1, 2, 3, 4, 5]
    adds = _count(seller, ADD)
    await bulk.run(summary.import_id)  # done: nothing more is sent
    assert _count(seller, ADD) == adds
    client_ids = Counter(o.fields.get("clientId") for o in seller.fake.orders.values())
    assert [client_ids[f"bulk-{summary.import_id}-{n}"] for n in range(2, 7)] == [1] * 5


async def test_a_lost_answer_is_found_again_not_sent_twice(seller: Seller) -> None:
    bulk = seller.services.bulk
    summary = await bulk.prepare(seller.user_id, "a.xlsx", xlsx([good_row(i) for i in range(1, 5)]), ALIASES)
    await bulk.start(seller.user_id, summary.import_id)
    seller.fake.faults.add(ADD, Fault(), times=1)
    seller.fake.faults.add(ADD, Fault(after=True, drop=True), times=1)  # line 3: made, answer lost
    final = await bulk.run(summary.import_id)
    assert (final.created, final.unsure) == (4, 0)
    client_ids = Counter(o.fields.get("clientId") for o in seller.fake.orders.values())
    assert client_ids[f"bulk-{summary.import_id}-3"] == 1
    rows = await bulk.rows(seller.user_id, summary.import_id)
    assert all(r.order_id is not None for r in rows)
    # Found the way every unsure create is found, stored with the line's draft, and told by the
    # progress message alone (no "order found" push).
    async with seller.services.session_factory() as session:
        found = await UnitOfWork(session, seller.services.box).orders.get_by_reference(
            f"bulk-{summary.import_id}-3"
        )
        pushes = list(await session.scalars(select(OutboxMessage)))
    assert found is not None and found.bts_order_id is not None
    assert (found.snapshot or {})["draft"]["receiver"]["name"] == "Mijoz 2"
    assert [p.message_key for p in pushes if p.message_key == "push-order-found"] == []


async def test_a_refused_line_fails_alone(seller: Seller) -> None:
    bulk = seller.services.bulk
    summary = await bulk.prepare(seller.user_id, "a.xlsx", xlsx([good_row(i) for i in range(1, 4)]), ALIASES)
    await bulk.start(seller.user_id, summary.import_id)
    refusal = {"errors": {"receiverAddress": ["«Manzil» noto'g'ri."]}}
    seller.fake.faults.add(ADD, Fault(status=400, body=refusal), times=1)
    final = await bulk.run(summary.import_id)
    assert (final.created, final.failed) == (2, 1)
    failed = await bulk.rows(seller.user_id, summary.import_id, [BulkRowState.FAILED])
    assert failed[0].row_number == 2 and failed[0].message == "«Manzil» noto'g'ri."
    assert await bulk.retry_unsure(seller.user_id, summary.import_id) == 1
    final = await bulk.run(summary.import_id)
    assert (final.created, final.failed) == (3, 0)
    latest = await bulk.latest(seller.user_id)
    assert latest is not None and latest.state is BulkState.DONE


async def test_an_unsure_line_is_looked_up_again_never_sent_again(seller: Seller) -> None:
    """A create whose answer was lost and which is not found stays unsure: the retry only looks
    it up at BTS (a create is never sent twice); the refused lines alone are sent again."""
    bulk = seller.services.bulk
    summary = await bulk.prepare(seller.user_id, "a.xlsx", xlsx([good_row(i) for i in range(1, 4)]), ALIASES)
    await bulk.start(seller.user_id, summary.import_id)
    seller.fake.faults.add(
        ADD, Fault(drop=True), times=1
    )  # row 2 (the first line): sent, no answer, not made
    final = await bulk.run(summary.import_id)
    assert (final.created, final.unsure) == (2, 1)
    adds = _count(seller, ADD)
    assert await bulk.retry_unsure(seller.user_id, summary.import_id) == 0
    assert _count(seller, ADD) == adds  # looked up, not sent again
    unsure = await bulk.rows(seller.user_id, summary.import_id, [BulkRowState.UNSURE])
    assert [r.row_number for r in unsure] == [2]
    assert (await bulk.run(summary.import_id)).unsure == 1 and _count(seller, ADD) == adds
