"""The status table: completeness against the documents, finals, filters, v1 codes, unknowns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from services.statuses import (
    FINAL_INTERNATIONAL_CODES,
    FINAL_LOCAL_CODES,
    INTERNATIONAL_STATUSES,
    LOCAL_STATUSES,
    StatusCategory,
    StatusKind,
    all_statuses,
    from_v1,
    international_status,
    local_status,
    local_status_by_text,
)

# Seed 001, "Statuslar ro'yxati" (local) and the international list, as printed there.
DOCUMENTED_LOCAL = {
    0: "Rad etilgan",
    1: "Yuboruvchida",
    2: "Kuryer buyurtmani qabul qildi",
    3: "Jo'natuvchining ofisida",
    4: "Yetkazish ofisida",
    5: "Kuryer yetkazmoqda",
    6: "Yetkazib berilgan",
    7: "Qaytarish",
    8: "Tranzit ofisda",
    10: "Saralash markazida",
    31: "Omborda",
    32: "Qopda",
    33: "Transportda",
    34: "RC kuryerka",
}
DOCUMENTED_INTERNATIONAL = {
    100: "Yuboruvchida",
    110: "Bojxonaga kirdi",
    120: "Bojxonadan chiqdi",
    130: "Bojxona tomonidan bekor qilindi",
    200: "Saralash markazida",
    300: "Qabul qiluvchi ofisida",
    400: "Kuryer yetkazmoqda",
    500: "Yetkazib berildi",
}
SEED_001 = Path("/work/shared/seeds/001_ad56e6adfb6b3db7.txt")


def test_every_documented_code_is_in_the_table_with_its_name() -> None:
    assert {c: s.upstream_name for c, s in LOCAL_STATUSES.items()} == DOCUMENTED_LOCAL
    assert {c: s.upstream_name for c, s in INTERNATIONAL_STATUSES.items()} == DOCUMENTED_INTERNATIONAL


@pytest.mark.skipif(not SEED_001.exists(), reason="the upstream documents are not on this machine")
def test_table_matches_the_seed_document() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    rows = set(re.findall(r"^(\d{1,3}) (\S.*)$", text, flags=re.MULTILINE))
    for code, status in [*LOCAL_STATUSES.items(), *INTERNATIONAL_STATUSES.items()]:
        assert (str(code), status.upstream_name) in rows


def test_finals_and_categories() -> None:
    assert {0, 6} == FINAL_LOCAL_CODES
    assert {130, 500} == FINAL_INTERNATIONAL_CODES
    assert local_status(6).category is StatusCategory.DELIVERED
    assert local_status(0).category is StatusCategory.CANCELLED
    returning = local_status(7)
    assert returning.category is StatusCategory.RETURNED
    assert not returning.is_final  # the return is under way, not closed
    assert international_status(130).category is StatusCategory.CANCELLED
    assert international_status(500).category is StatusCategory.DELIVERED
    active = [s for s in LOCAL_STATUSES.values() if s.category is StatusCategory.ACTIVE]
    assert {s.code for s in active} == {1, 2, 3, 4, 5, 8, 10, 31, 32, 33, 34}
    assert not any(s.is_final for s in active)


def test_delivered_or_returned_filter() -> None:
    passing = {(s.kind, s.code) for s in all_statuses() if s.delivered_or_returned}
    assert passing == {(StatusKind.LOCAL, 6), (StatusKind.LOCAL, 7), (StatusKind.INTERNATIONAL, 500)}


def test_keys_are_unique_and_named_by_kind_and_code() -> None:
    statuses = all_statuses()
    keys = [s.key for s in statuses]
    assert len(keys) == len(set(keys)) == len(DOCUMENTED_LOCAL) + len(DOCUMENTED_INTERNATIONAL) + 2
    assert local_status(6).key == "status-local-6"
    assert international_status(500).key == "status-intl-500"
    assert "status-local-unknown" in keys and "status-intl-unknown" in keys
    for status in statuses:
        assert re.fullmatch(r"status-(local|intl)-(\d+|unknown)", status.key)


def test_lookup_accepts_strings() -> None:
    assert local_status("6") is local_status(6)
    assert local_status(" 34 ") is local_status(34)
    assert international_status("200") is international_status(200)


@pytest.mark.parametrize("code", [9, "9", 11, -1, 600, None, "", "abc", True])
def test_unknown_local_codes_give_the_unknown_entry(code: object) -> None:
    status = local_status(code)  # type: ignore[arg-type]
    assert status.key == "status-local-unknown"
    assert status.category is StatusCategory.UNKNOWN
    assert not status.is_final and not status.delivered_or_returned and not status.known
    assert status.raw == (None if code is None else str(code))


def test_unknown_international_code_keeps_its_number() -> None:
    status = international_status(150)
    assert status.key == "status-intl-unknown"
    assert status.code == 150 and status.raw == "150"
    assert not status.is_final
    assert international_status(6).key == "status-intl-unknown"  # local codes are not international


def test_v1_code() -> None:
    # seed 000: {"code": "0101", "info": "У отправителя (У ОТПРАВИТЕЛЯ)"}
    assert from_v1("0101", "У отправителя (У ОТПРАВИТЕЛЯ)") is local_status(1)
    assert from_v1("0101") is local_status(1)
    assert from_v1("6") is local_status(6)
    assert from_v1(6) is local_status(6)
    # an undocumented code: read the text
    assert from_v1("0606", "Доставлен") is local_status(6)
    assert from_v1("0702", "Qaytarish") is local_status(7)
    assert from_v1("0999", "Kuryer yetkazmoqda") is local_status(5)


def test_v1_unknown_keeps_what_came() -> None:
    status = from_v1("0999", "Не доставлен")  # a negation is not "delivered"
    assert status.key == "status-local-unknown"
    assert status.raw == "0999" and status.upstream_name == "Не доставлен"
    assert not status.is_final
    assert from_v1(None, None).key == "status-local-unknown"
    assert from_v1("0101x", None).key == "status-local-unknown"


def test_status_by_text_reads_the_documents_wordings() -> None:
    assert local_status_by_text("Mijozda") is local_status(1)  # order detail
    assert local_status_by_text("new") is local_status(1)  # order/track
    assert local_status_by_text("Bekor qilingan buyurtma") is local_status(0)  # order/cancel
    assert local_status_by_text("Jo‘natuvchining ofisida") is local_status(3)  # another apostrophe
    assert local_status_by_text("В СОРТИРОВОЧНОМ ЦЕНТРЕ") is local_status(10)
    assert local_status_by_text("renewal") is None  # whole words only
    assert local_status_by_text("") is None
    assert local_status_by_text(None) is None
