"""The COD ledger and exports; international parcels (personal data, tracking, manifests)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from services.errors import NotYourOrder
from services.international import (
    BarcodeAlreadySet,
    BarcodeInvalid,
    BarcodeTaken,
    BarcodeUnknown,
    InvalidPinfl,
    check_pinfl,
    mask,
)
from services.ledger import ExportFormat, ExportKind, Period
from services.orders import CreateUnsure, OrderFilterKind, OrderView
from services.poller import StatusPoller
from storage.busy_models import IntlParcel
from storage.repositories.places import LearnedPlaceRepository
from storage.types import utc_now
from tests.busy.conftest import ALIASES, PINFL, Seller, good_row, intl_draft, xlsx
from tests.fakes.base import Fault

TODAY = utc_now().date()


async def _import(seller: Seller, rows: list[list[object]]) -> list[int]:
    bulk = seller.services.bulk
    summary = await bulk.prepare(seller.user_id, "a.xlsx", xlsx(rows), ALIASES)
    await bulk.start(seller.user_id, summary.import_id)
    await bulk.run(summary.import_id)
    return await bulk.created_order_ids(seller.user_id, summary.import_id)


async def test_cod_ledger_summary_and_exports(seller: Seller) -> None:
    ids = await _import(
        seller, [good_row(1, cod="100000"), good_row(2, cod="250 000"), good_row(3, cod="50000"), good_row(4)]
    )
    assert len(ids) == 4
    fake_ids = sorted(
        o for o in seller.fake.orders if seller.fake.orders[o].fields.get("bringBackMoney") == 1
    )
    seller.fake.set_status(fake_ids[0], 6)  # delivered: BTS holds the cash
    seller.fake.set_status(fake_ids[2], 0, reason="Rad etdi")  # refused: nothing to collect
    for order_id in ids:
        await seller.services.orders.refresh(seller.user_id, order_id)
    period = Period(TODAY - timedelta(days=1), TODAY)
    summary = await seller.services.ledger.summary(seller.user_id, period)
    assert (summary.delivered, summary.collected) == (1, Decimal("100000"))
    assert (summary.awaiting, summary.awaiting_amount, summary.returned) == (1, Decimal("250000"), 1)
    data, count = await seller.services.ledger.export(
        seller.user_id,
        ExportKind.COD,
        ExportFormat.CSV,
        period,
        {"cod": "Summa"},
        {"ledger-delivered": "Yetkazildi"},
    )
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert (
        count == 3 and table[0][3] == "Summa" and table[1][3] == "100000.00" and table[1][4] == "Yetkazildi"
    )
    data, count = await seller.services.ledger.export(
        seller.user_id, ExportKind.ORDERS, ExportFormat.XLSX, period, {}
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None and count == 5 and sheet.max_row == 6  # the hand-made first order too
    empty = Period(TODAY + timedelta(days=3), TODAY + timedelta(days=4))
    assert (
        await seller.services.ledger.export(seller.user_id, ExportKind.PAYMENTS, ExportFormat.CSV, empty, {})
    )[1] == 0


def test_pinfl_is_checked_and_personal_data_is_masked() -> None:
    assert check_pinfl(PINFL[:7] + " " + PINFL[7:]) == PINFL
    for bad in ("12345678912345", PINFL[:-1], "7" + PINFL[1:], PINFL[:-1] + str((int(PINFL[-1]) + 1) % 10)):
        with pytest.raises(InvalidPinfl):
            check_pinfl(bad)
    assert mask("AC1234567") == "AC•••••67"
    assert PINFL not in mask(PINFL, 1, 3)


async def test_international_parcel_is_created_once_encrypted_and_followed(seller: Seller) -> None:
    # The documented shape: seed 001's international/add answer carries no barcode, so the
    # parcel waits for the one BTS prints on its label, which the seller adds.
    assert seller.fake.rich is False
    intl = seller.services.international
    view = await intl.create(seller.user_id, intl_draft())
    again = await intl.create(seller.user_id, intl_draft())  # a second confirm: the same parcel
    assert again.id == view.id and len(seller.fake.parcels) == 1
    assert view.awaiting_barcode and view.barcode is None and view.order_id is not None
    # never tracked under its parcel number: neither the customer nor the poller finds it by it
    assert not await seller.services.tracking.follow(5555, "366489851")
    barcode = seller.fake.parcel_barcode("366489851")  # what BTS printed on the label
    attached = await intl.attach_barcode(seller.user_id, view.order_id, barcode)
    assert attached.checked and attached.order.barcode == barcode
    view = (await intl.parcels(seller.user_id))[0]
    assert view.passport_masked == "AC•••••15" and "0579415" not in view.passport_masked
    async with seller.services.session_factory() as session:
        stored = (await session.execute(select(IntlParcel))).scalar_one()
    assert "0579415" not in stored.personal_enc and PINFL not in stored.personal_enc
    assert "0579415" not in str(stored.details)
    body = next(b for route, b in seller.fake.bodies if route == "v1/international/add")
    assert isinstance(body, dict)
    assert body["ReceiverPinfl"] == PINFL and body["ReceiverBranchId"] == 93
    # the customer follows it by barcode; the poller reads it and pushes the change
    assert view.barcode is not None
    assert await seller.services.tracking.follow(5555, view.barcode)
    seller.fake.set_parcel_status(view.barcode, 200)
    poller = StatusPoller(
        seller.services.session_factory,
        seller.services.box,
        seller.services.bts,
        seller.services.accounts,
        jitter=0,
    )
    stats = await poller.poll_once(utc_now() + timedelta(hours=2))
    assert stats.changed == 1
    parcels = await intl.parcels(seller.user_id)
    assert parcels[0].status_code == 200


async def test_lost_international_answer_is_never_sent_again(seller: Seller) -> None:
    seller.fake.faults.add("v1/international/add", Fault(after=True, drop=True), times=1)
    with pytest.raises(CreateUnsure):
        await seller.services.international.create(seller.user_id, intl_draft("777"))
    with pytest.raises(CreateUnsure):
        await seller.services.international.create(seller.user_id, intl_draft("777"))
    assert sum(1 for _, key in seller.fake.requests if key == "v1/international/add") == 1


async def test_manifest_sends_each_parcel_once(seller: Seller) -> None:
    intl = seller.services.international
    for number in ("A1", "A2", "A3"):
        await intl.create(seller.user_id, intl_draft(number))
    manifest = await intl.create_manifest(seller.user_id, "M-1", date(2026, 11, 30), ["A1", "A2", "A3"])
    assert manifest.parcels == ("A1", "A2", "A3") and manifest.state == "draft"
    seller.fake.faults.add("v1/international/manifest", Fault(), times=1)
    seller.fake.faults.add("v1/international/manifest", Fault(status=503), times=2)  # both tries of one call
    partial = await intl.send_manifest(seller.user_id, manifest.id)
    assert (partial.state, partial.sent) == ("partial", 1)
    done = await intl.send_manifest(seller.user_id, manifest.id)
    assert (done.state, done.sent) == ("sent", 3)
    sent = [m["ParcelNumber"] for m in seller.fake.manifests]
    assert sent == ["A1", "A2", "A3"] and {m["ParcelsCount"] for m in seller.fake.manifests} == {"3"}
    assert [m.number for m in await intl.manifests(seller.user_id)] == ["M-1"]


async def test_the_bts_barcode_is_checked_unique_and_known_to_bts(seller: Seller) -> None:
    intl = seller.services.international
    view = await intl.create(seller.user_id, intl_draft("B1"))
    assert view.order_id is not None
    with pytest.raises(BarcodeInvalid):
        await intl.attach_barcode(seller.user_id, view.order_id, "B1")  # the parcel number is no barcode
    with pytest.raises(BarcodeUnknown):
        await intl.attach_barcode(seller.user_id, view.order_id, "01099999999")  # BTS: 404
    local = next(o for o in await _orders(seller) if not o.international)
    assert local.barcode is not None
    with pytest.raises(BarcodeTaken):
        await intl.attach_barcode(seller.user_id, view.order_id, local.barcode)
    with pytest.raises(NotYourOrder):
        await intl.attach_barcode(seller.user_id + 1, view.order_id, seller.fake.parcel_barcode("B1"))
    seller.fake.assign_barcode("B1", "01000865704")  # BTS gives it the document's barcode
    done = await intl.attach_barcode(seller.user_id, view.order_id, "0100 0865 704")  # typed with spaces
    assert done.order.barcode == "01000865704"
    again = await intl.attach_barcode(seller.user_id, view.order_id, "01000865704")  # a second tap
    assert again.order.barcode == "01000865704"
    with pytest.raises(BarcodeAlreadySet):
        await intl.attach_barcode(seller.user_id, view.order_id, seller.fake.parcel_barcode("B1")[:-1] + "5")
    other = await intl.create(seller.user_id, intl_draft("B2"))
    assert other.order_id is not None
    with pytest.raises(BarcodeTaken):  # one parcel per barcode
        await intl.attach_barcode(seller.user_id, other.order_id, "01000865704")
    # BTS down: the barcode is kept unchecked, the poller asks later
    seller.fake.faults.add("v1/international/track-by-barcode", Fault(status=503), times=2)
    unchecked = await intl.attach_barcode(seller.user_id, other.order_id, seller.fake.parcel_barcode("B2"))
    assert not unchecked.checked and unchecked.order.barcode == seller.fake.parcel_barcode("B2")


async def test_a_status_bts_already_moved_is_stored_and_pushed_when_the_barcode_is_added(
    seller: Seller,
) -> None:
    intl = seller.services.international
    view = await intl.create(seller.user_id, intl_draft("C1"))
    assert view.order_id is not None
    seller.fake.set_parcel_status(seller.fake.parcel_barcode("C1"), 110)  # customs, before the seller adds it
    done = await intl.attach_barcode(seller.user_id, view.order_id, seller.fake.parcel_barcode("C1"))
    assert done.order.status_code == 110
    assert await seller.services.tracking.follow(6666, seller.fake.parcel_barcode("C1"))
    status = await seller.services.tracking.track(seller.fake.parcel_barcode("C1"))
    assert status.found and status.international and status.status_code == 110


async def test_a_richer_answer_with_a_barcode_is_used_at_once(seller: Seller) -> None:
    seller.fake.rich = True  # an answer that carries id, barcode and status
    view = await seller.services.international.create(seller.user_id, intl_draft("R1"))
    assert view.barcode == seller.fake.parcel_barcode("R1") and not view.awaiting_barcode


async def test_the_add_answer_teaches_the_directory_its_city_and_branch_names(seller: Seller) -> None:
    await seller.services.international.create(seller.user_id, intl_draft("L1"))
    async with seller.services.session_factory() as session:
        learned = {(p.kind, p.bts_id): p.names for p in await LearnedPlaceRepository(session).list_all()}
    assert learned[("city", 3)] == ("Asaka tumani",) and learned[("branch", 93)] == ("ASAKA BTS",)
    asaka = seller.services.branches.city(3)
    assert asaka is not None and "Asaka tumani" in asaka.aliases


async def _orders(seller: Seller) -> list[OrderView]:
    page = await seller.services.orders.list_orders(seller.user_id, OrderFilterKind.ALL, page=0)
    return list(page.items)
