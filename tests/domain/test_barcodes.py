"""Barcodes typed by customers: extraction, grouping, phones, deep links."""

from __future__ import annotations

import base64
import json

import pytest

from services.barcodes import (
    BarcodeFormat,
    barcode_format,
    barcode_from_tracking_url,
    extract_barcodes,
    lookup_keys,
    normalize_barcode,
    parse_start_payload,
    start_payload,
)

LOCAL = "60000006106"  # seed 001
INTL = "01000865704"  # seed 001
WAYBILL = "019914293644"  # seed 000
PIECE = "019914293644001"  # seed 000
SEED_TRACKING = (
    "https://bts.uz/uz/waybill-tracking?term="
    "eyJ3YXliaWxsX2lkIjo0MjkzNjQ0LCJiYXJjb2RlIjoiMDE5OTE0MjkzNjQ0IiwiaXNfcmVjZWl2ZXIiOm51bGx9"
)


def test_formats() -> None:
    assert barcode_format(LOCAL) is BarcodeFormat.DIGITS_11
    assert barcode_format(INTL) is BarcodeFormat.DIGITS_11
    assert barcode_format(WAYBILL) is BarcodeFormat.WAYBILL_12
    assert barcode_format(PIECE) is BarcodeFormat.PIECE_15
    assert barcode_format("RR123456789UZ") is BarcodeFormat.S10
    for bad in (
        "6000000610",
        "6000000610612",
        "60000006106123",
        "6000000610612345",
        "998991234567",
        "6000000610a",
        "",
    ):
        assert barcode_format(bad) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LOCAL, [LOCAL]),
        (f"  {LOCAL}\n", [LOCAL]),
        ("600 0000 6106", [LOCAL]),
        ("600-0000-6106", [LOCAL]),
        ("600\u00a00000\u00a06106", [LOCAL]),
        (f"{LOCAL} {INTL}", [LOCAL, INTL]),  # two full barcodes are never glued
        (f"{LOCAL},{INTL};{WAYBILL}\n{PIECE}", [LOCAL, INTL, WAYBILL, PIECE]),
        (f"{LOCAL}, {LOCAL}", [LOCAL]),  # duplicates dropped
        ("6000 0006 106 0100 0865 704", [LOCAL, INTL]),  # grouped, two in a row
        ("0199 1429 3644 001", [PIECE]),  # the longest reading wins
        ("0199 1429 3644", [WAYBILL]),
        (f"Salom! №{LOCAL} qayerda?", [LOCAL]),
        (f"track {LOCAL}.", [LOCAL]),
        ("rr123456789uz va RR987654321CN", ["RR123456789UZ", "RR987654321CN"]),
        (SEED_TRACKING, [WAYBILL]),
        (f"{SEED_TRACKING} {LOCAL}", [WAYBILL, LOCAL]),
    ],
)
def test_extract(text: str, expected: list[str]) -> None:
    assert extract_barcodes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "salom",
        "+998 99 123 45 67",
        "+998991234567",
        "998991234567",  # a phone without the plus, not a waybill
        "99 123 45 67",
        "6000000610",  # 10 digits
        "6000000610601000865704",  # two barcodes without a separator: not split blindly
        "buyurtma 229234",  # an order id
        "narxi 100 000 so'm, 2024-08-20",
    ],
)
def test_extract_nothing(text: str | None) -> None:
    assert extract_barcodes(text) == []


def test_phone_next_to_barcode() -> None:
    assert extract_barcodes(f"+998 99 123 45 67 {LOCAL}") == [LOCAL]
    assert extract_barcodes(f"tel 998991234567, kod {WAYBILL}") == [WAYBILL]


def test_normalize_single_barcode() -> None:
    assert normalize_barcode("600 0000 6106") == LOCAL
    assert normalize_barcode(f"{LOCAL} {INTL}") is None
    assert normalize_barcode("salom") is None


def test_lookup_keys_resolve_a_piece_to_its_waybill() -> None:
    assert lookup_keys(PIECE) == (PIECE, WAYBILL)
    assert lookup_keys(WAYBILL) == (WAYBILL,)
    assert lookup_keys(LOCAL) == (LOCAL,)


def test_tracking_url() -> None:
    assert barcode_from_tracking_url(SEED_TRACKING) == WAYBILL
    token = base64.urlsafe_b64encode(json.dumps({"barcode": LOCAL}).encode()).decode().rstrip("=")
    assert barcode_from_tracking_url(f"see https://bts.uz/ru/waybill-tracking?lang=ru&term={token}") == LOCAL
    assert barcode_from_tracking_url("https://bts.uz/uz/waybill-tracking?term=!!!") is None
    assert barcode_from_tracking_url("https://bts.uz/uz/waybill-tracking?term=bm90IGpzb24") is None
    bad = base64.urlsafe_b64encode(json.dumps({"barcode": "123"}).encode()).decode()
    assert barcode_from_tracking_url(f"https://bts.uz/uz/waybill-tracking?term={bad}") is None


def test_start_payload_round_trip() -> None:
    assert parse_start_payload("track_60000006106") == LOCAL
    assert parse_start_payload(start_payload(PIECE)) == PIECE
    assert parse_start_payload("track_rr123456789uz") == "RR123456789UZ"
    for bad in (None, "", "track_", "track_123", "order_60000006106", "60000006106", "track_998991234567"):
        assert parse_start_payload(bad) is None
    with pytest.raises(ValueError):
        start_payload("123")
    assert len(start_payload(PIECE)) <= 64
