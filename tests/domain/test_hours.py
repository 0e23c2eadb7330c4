"""Working hours: parsing, open/closed in Tashkent time, next opening, structured state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.hours import (
    TASHKENT,
    DayHours,
    DayKind,
    OpenState,
    OpenStateKind,
    TimeRange,
    WeeklyHours,
    to_tashkent,
)

# 2024-07-01 is a Monday.
MON, TUE, WED, THU, FRI, SAT, SUN = (datetime(2024, 7, d) for d in range(1, 8))


def at(day: datetime, hh: int, mm: int = 0) -> datetime:
    return day.replace(hour=hh, minute=mm, tzinfo=TASHKENT)


# the seed's KARSHI BTS (weekday keys are strings, as BTS sends them)
KARSHI = {str(d): "08:00-20:00" for d in range(1, 6)} | {"6": "08:00-16:00", "7": "08:00-16:00"}
ALWAYS = {str(d): "27/7" for d in range(1, 8)}
SUNDAY_OFF = {d: "09:00-18:00" for d in range(1, 6)} | {6: "09:00-15:00", 7: ""}


@pytest.mark.parametrize(
    ("raw", "ranges"),
    [
        ("08:00-20:00", [(480, 1200)]),
        ("8:00 - 20:00", [(480, 1200)]),
        ("9.00–18.00", [(540, 1080)]),
        ("9-18", [(540, 1080)]),
        ("с 9:00 до 18:00", [(540, 1080)]),
        ("09:00-13:00, 14:00-18:00", [(540, 780), (840, 1080)]),
        ("14:00-18:00, 09:00-13:00", [(540, 780), (840, 1080)]),  # sorted
        ("09:00-18:00, 13:00-14:00 lunch", [(540, 1080), (780, 840)]),  # kept simple: a union
        ("20:00-02:00", [(1200, 1560)]),  # past midnight
        ("08:00-24:00", [(480, 1440)]),
        ("08:00-23:59", [(480, 1440)]),
    ],
)
def test_parse_ranges(raw: str, ranges: list[tuple[int, int]]) -> None:
    day = DayHours.parse(raw)
    assert day.kind is DayKind.RANGES
    assert [(r.start, r.end) for r in day.ranges] == ranges


@pytest.mark.parametrize(
    "raw", ["27/7", "24/7", "24 / 7", "00:00-24:00", "0:00-23:59", "Круглосуточно", "24 soat"]
)
def test_parse_always(raw: str) -> None:
    assert DayHours.parse(raw).kind is DayKind.ALWAYS


@pytest.mark.parametrize(
    "raw", [None, "", "  ", "-", "—", "dam olish", "Дам олиш", "выходной", "Выходной день", "closed", "Yopiq"]
)
def test_parse_closed(raw: str | None) -> None:
    assert DayHours.parse(raw).kind is DayKind.CLOSED


@pytest.mark.parametrize("raw", ["по записи", "25:00-26:00", "08:61-20:00", "?"])
def test_parse_unknown_keeps_the_text(raw: str) -> None:
    day = DayHours.parse(raw)
    assert day.kind is DayKind.UNKNOWN
    assert day.raw == raw


def test_day_text_and_overnight() -> None:
    assert DayHours.parse("8:00 - 20:00, 21:00-02:30").text() == "08:00-20:00, 21:00-02:30"
    assert DayHours.parse("27/7").text() is None
    assert TimeRange(1200, 1560).overnight and not TimeRange(480, 1200).overnight


def test_weekly_parse_accepts_int_and_str_keys_and_marks_missing_days_unknown() -> None:
    week = WeeklyHours.parse({"1": "08:00-20:00", 2: "27/7", "x": "09:00-18:00", 9: "09:00-18:00"})
    assert week.day(1).kind is DayKind.RANGES
    assert week.day(2).kind is DayKind.ALWAYS
    assert all(week.day(d).kind is DayKind.UNKNOWN for d in range(3, 8))
    assert WeeklyHours.parse(None).open_state(at(MON, 10)).kind is OpenStateKind.UNKNOWN


def test_is_open_in_tashkent_time() -> None:
    week = WeeklyHours.parse(KARSHI)
    assert week.is_open(at(MON, 10))
    assert not week.is_open(at(MON, 7, 59))
    assert week.is_open(at(MON, 8))
    assert not week.is_open(at(MON, 20))  # the end is exclusive
    assert week.is_open(at(SAT, 15, 59))
    assert not week.is_open(at(SAT, 17))


def test_utc_datetimes_are_converted_and_naive_ones_are_tashkent() -> None:
    week = WeeklyHours.parse(KARSHI)
    utc_0330 = datetime(2024, 7, 1, 3, 30, tzinfo=UTC)  # 08:30 in Tashkent
    utc_1530 = datetime(2024, 7, 1, 15, 30, tzinfo=UTC)  # 20:30 in Tashkent
    assert to_tashkent(utc_0330) == at(MON, 8, 30)
    assert week.is_open(utc_0330)
    assert not week.is_open(utc_1530)
    # 02:00 UTC on Monday is 07:00 Monday in Tashkent: closed; a UTC reading would say open-ish
    assert not week.is_open(datetime(2024, 7, 1, 2, 0, tzinfo=UTC))
    # Sunday 21:00 UTC is Monday 02:00 in Tashkent: the weekday changes too
    assert to_tashkent(datetime(2024, 6, 30, 21, 0, tzinfo=UTC)).isoweekday() == 1
    assert week.is_open(MON.replace(hour=9))  # naive: Tashkent wall clock
    assert not week.is_open(MON.replace(hour=21))


def test_closes_at_and_next_opening() -> None:
    week = WeeklyHours.parse(KARSHI)
    assert week.closes_at(at(MON, 10)) == at(MON, 20)
    assert week.closes_at(at(MON, 21)) is None
    assert week.next_opening(at(MON, 21)) == at(TUE, 8)
    assert week.next_opening(at(MON, 7)) == at(MON, 8)
    assert week.next_opening(at(MON, 10)) == at(TUE, 8)  # while open: the one after closing
    # across the end of the week: Sunday evening → Monday morning
    nxt = week.next_opening(at(SUN, 17))
    assert nxt == at(MON + timedelta(days=7), 8)
    assert nxt is not None and nxt.utcoffset() == timedelta(hours=5)


def test_open_state_open_today_later_days() -> None:
    week = WeeklyHours.parse(SUNDAY_OFF)
    assert week.open_state(at(MON, 10)) == OpenState(OpenStateKind.OPEN, closes_at=at(MON, 18))
    assert week.open_state(at(MON, 7)) == OpenState(
        OpenStateKind.OPENS_TODAY, opens_at=at(MON, 9), weekday=1, days_ahead=0
    )
    assert week.open_state(at(TUE, 19)) == OpenState(
        OpenStateKind.OPENS_LATER, opens_at=at(WED, 9), weekday=3, days_ahead=1
    )
    # Saturday after 15:00: Sunday is closed, so Monday
    assert week.open_state(at(SAT, 16)) == OpenState(
        OpenStateKind.OPENS_LATER, opens_at=at(MON + timedelta(days=7), 9), weekday=1, days_ahead=2
    )


def test_open_only_one_day_a_week() -> None:
    week = WeeklyHours.parse({1: "09:00-18:00"} | {d: "dam olish" for d in range(2, 8)})
    state = week.open_state(at(MON, 19))
    assert state.kind is OpenStateKind.OPENS_LATER
    assert state.opens_at == at(MON + timedelta(days=7), 9)
    assert state.days_ahead == 7 and state.weekday == 1


def test_always_open() -> None:
    week = WeeklyHours.parse(ALWAYS)
    for moment in (at(MON, 0), at(WED, 3, 17), at(SUN, 23, 59)):
        assert week.is_open(moment)
        assert week.closes_at(moment) is None
        assert week.next_opening(moment) is None
        assert week.open_state(moment) == OpenState(OpenStateKind.ALWAYS_OPEN)


def test_round_the_clock_except_sunday() -> None:
    week = WeeklyHours.parse({d: "27/7" for d in range(1, 7)} | {7: "выходной"})
    assert week.closes_at(at(TUE, 12)) == at(SUN, 0)  # merged across the days
    state = week.open_state(at(SUN, 10))
    assert state.kind is OpenStateKind.OPENS_LATER
    assert state.opens_at == at(MON + timedelta(days=7), 0)
    assert state.days_ahead == 1


def test_past_midnight_ranges() -> None:
    week = WeeklyHours.parse({1: "", 2: "", 3: "", 4: "", 5: "20:00-02:00", 6: "closed", 7: "22:00-03:00"})
    assert week.is_open(at(FRI, 23))
    assert week.is_open(at(SAT, 1, 30))  # Friday's range, on Saturday
    assert not week.is_open(at(SAT, 2))
    assert week.closes_at(at(SAT, 1)) == at(SAT, 2)
    assert week.open_state(at(SAT, 1)) == OpenState(OpenStateKind.OPEN, closes_at=at(SAT, 2))
    # Sunday's range runs into Monday, across the end of the week
    monday_next = MON + timedelta(days=7)
    assert week.is_open(at(monday_next, 2))
    assert week.is_open(at(MON, 2))  # the previous Sunday's night
    assert not week.is_open(at(MON, 4))
    assert week.next_opening(at(MON, 4)) == at(FRI, 20)


def test_touching_ranges_merge_across_midnight() -> None:
    week = WeeklyHours.parse({1: "08:00-24:00", 2: "00:00-02:00", 3: "", 4: "", 5: "", 6: "", 7: ""})
    assert week.closes_at(at(MON, 23)) == at(TUE, 2)
    assert week.next_opening(at(MON, 23)) == at(MON + timedelta(days=7), 8)


def test_closed_all_week() -> None:
    week = WeeklyHours.parse({d: "dam olish" for d in range(1, 8)})
    assert not week.is_open(at(WED, 12))
    assert week.next_opening(at(WED, 12)) is None
    assert week.closes_at(at(WED, 12)) is None
    assert week.open_state(at(WED, 12)) == OpenState(OpenStateKind.CLOSED_ALL_WEEK)


def test_unknown_days() -> None:
    # today unknown: cannot say
    week = WeeklyHours.parse({1: "по записи"} | {d: "09:00-18:00" for d in range(2, 8)})
    assert week.open_state(at(MON, 12)).kind is OpenStateKind.UNKNOWN
    assert not week.is_open(at(MON, 12))
    # an unknown day before the next known opening: cannot say either
    week = WeeklyHours.parse({1: "09:00-18:00", 2: "?", 3: "09:00-18:00"} | {d: "" for d in range(4, 8)})
    assert week.open_state(at(MON, 19)).kind is OpenStateKind.UNKNOWN
    # an unknown day after the next opening does not matter
    assert week.open_state(at(MON, 7)).kind is OpenStateKind.OPENS_TODAY
    # closed and unknown days only
    week = WeeklyHours.parse({1: "", 2: "?"})
    assert week.open_state(at(MON, 12)).kind is OpenStateKind.UNKNOWN
