"""The pickup date a seller types or picks (services.pickup) and how the draft sends it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.drafts import OrderDraft, Party
from services.orders import build_create
from services.parsing import InvalidInput
from services.pickup import (
    MAX_DAYS_AHEAD,
    check_pickup_date,
    latest_day,
    parse_pickup_date,
    quick_days,
    today_in_tashkent,
)

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("30.11", date(2026, 11, 30)),  # today
        ("1.12", date(2026, 12, 1)),
        ("05.12.2026", date(2026, 12, 5)),
        ("5/12/26", date(2026, 12, 5)),
        ("05-12", date(2026, 12, 5)),
        (" 05 . 12 ", date(2026, 12, 5)),
        ("05.12.", date(2026, 12, 5)),
        ("2026-12-05", date(2026, 12, 5)),
        ("30.12.2026", date(2026, 12, 30)),  # the last day one may choose
    ],
)
def test_a_typed_date_is_read_day_first(typed: str, day: date) -> None:
    assert parse_pickup_date(typed, TODAY) == day


def test_without_a_year_the_nearer_year_is_meant() -> None:
    december = date(2026, 12, 30)
    assert parse_pickup_date("05.01", december) == date(2027, 1, 5)
    assert parse_pickup_date("05.01.2027", december) == date(2027, 1, 5)
    for typed, kind in (("29.12", "date-past"), ("15.02", "date-far"), ("05.01.2026", "date-past")):
        with pytest.raises(InvalidInput) as refused:
            parse_pickup_date(typed, december)
        assert refused.value.kind == kind, typed


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("29.11", "date-past"),  # yesterday: this year's, passed (next year's is far)
        ("29.11.2026", "date-past"),
        ("01.01.2020", "date-past"),
        ("31.12", "date-far"),  # 31 days ahead
        ("15.06.2027", "date-far"),
        ("32.12", "date"),
        ("31.02", "date"),
        ("12", "date"),
        ("tomorrow", "date"),
        ("", "date"),
        ("05.12.26.1", "date"),
        ("０５.１２", "date"),  # full-width digits are not ASCII digits
        ("05.12\x00", "date"),
    ],
)
def test_past_far_and_unreadable_dates_are_refused_by_kind(typed: str, kind: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_pickup_date(typed, TODAY)
    assert refused.value.kind == kind


def test_february_29_only_in_a_leap_year() -> None:
    assert parse_pickup_date("29.02", date(2028, 2, 10)) == date(2028, 2, 29)
    with pytest.raises(InvalidInput) as refused:
        parse_pickup_date("29.02", date(2027, 2, 10))
    assert refused.value.kind == "date"


def test_the_buttons_and_the_bounds() -> None:
    assert quick_days(TODAY) == [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)]
    assert latest_day(TODAY) == date(2026, 12, 30) and MAX_DAYS_AHEAD == 30
    assert check_pickup_date(TODAY, TODAY) == TODAY
    with pytest.raises(InvalidInput):
        check_pickup_date(date(2026, 11, 29), TODAY)  # "today" pressed on yesterday's message


def test_today_is_tashkent_s_day() -> None:
    # 20:30 UTC on 30 November is 01:30 on 1 December in Tashkent (UTC+5).
    assert today_in_tashkent(datetime(2026, 11, 30, 20, 30, tzinfo=UTC)) == date(2026, 12, 1)
    assert today_in_tashkent(datetime(2026, 11, 30, 18, 59, tzinfo=UTC)) == date(2026, 11, 30)


def _draft(**changes: object) -> OrderDraft:
    base = OrderDraft(
        sender=Party(name="Jurabek", phone="+998991234567", city_id=191, address="Bobur 5"),
        receiver=Party(name="Odil", phone="+998901234567", city_id=75, address="Registon 1"),
        sender_delivery=1,
        receiver_delivery=1,
        weight=Decimal(1),
        package_id=8,
        post_type_id=4,
        sender_date=date(2026, 12, 1),
    )
    return base.model_copy(update=changes)


def test_the_date_goes_to_order_add_only_while_a_courier_collects() -> None:
    assert build_create(_draft()).to_wire()["senderDate"] == "2026-12-01"  # seed 001's "2018-02-06"
    office = _draft(sender_delivery=0)
    assert office.pickup_date is None and "senderDate" not in build_create(office).to_wire()
    assert office.sender_date == date(2026, 12, 1)  # kept: back to the courier, the date is back


def test_skip_clears_it_and_a_repeated_order_starts_without_it() -> None:
    assert _draft().skipped("sender_date").sender_date is None
    assert _draft().fresh_copy().sender_date is None
