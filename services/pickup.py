"""The pickup date: the day a courier collects the parcel from the sender, in Tashkent time.

Seed 001 names it ``senderDate`` ("Taqdim etilgan sana": the day the parcel is handed over) in
``order/add``, ``order/edit`` and ``order/calculate``, a ``date`` written ``"2018-02-06"``. We ask it
only when a courier collects (``senderDelivery`` 1, or the calculator's 2): a seller who brings the
parcel to a branch hands it over the day they walk in (see ``OrderDraft.pickup_date``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from services.hours import TASHKENT
from services.parsing import InvalidInput, refuse_controls

# The latest pickup a seller may choose, in days after today: further ahead is almost surely a
# typo (a courier is booked for the coming days), and BTS documents no limit of its own.
MAX_DAYS_AHEAD = 30
QUICK_DAYS = (0, 1, 2)  # the buttons: today, tomorrow, the day after

# "25.01", "25.01.2026", "25/1/26", "25-01" (day first, as people write it here); ISO "2026-01-25".
DAY_FIRST = re.compile(r"([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})(?:\s*[./-]\s*([0-9]{4}|[0-9]{2}))?\.?")
ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def today_in_tashkent(now: datetime | None = None) -> date:
    """Today's date in Tashkent (``now``: an aware moment; default the current one)."""
    return (now or datetime.now(TASHKENT)).astimezone(TASHKENT).date()


def latest_day(today: date) -> date:
    return today + timedelta(days=MAX_DAYS_AHEAD)


def quick_days(today: date) -> list[date]:
    """The days offered as buttons: today, tomorrow and the day after."""
    return [today + timedelta(days=n) for n in QUICK_DAYS]


def check_pickup_date(day: date, today: date) -> date:
    """``day`` when it is a pickup date one may choose ``today``; ``InvalidInput`` ``date-past`` or
    ``date-far`` otherwise."""
    if day < today:
        raise InvalidInput("date-past")
    if day > latest_day(today):
        raise InvalidInput("date-far")
    return day


def _calendar_day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput("date") from None


def parse_pickup_date(text: str, today: date) -> date:
    """``dd.mm`` or ``dd.mm.yyyy`` (also ``dd.mm.yy``, ``/`` or ``-`` between, or ISO
    ``yyyy-mm-dd``) → a date from ``today`` to ``MAX_DAYS_AHEAD`` days on.

    Without a year it is this year's date or next year's, whichever is nearer (``05.01`` typed on
    30 December is next year's; ``29.12`` is yesterday). Raises ``InvalidInput``: ``date`` (not a
    date), ``date-past``, ``date-far``.
    """
    refuse_controls(text, "date")
    value = text.strip()
    if iso := ISO.fullmatch(value):
        year, month, day = (int(part) for part in iso.groups())
        return check_pickup_date(_calendar_day(year, month, day), today)
    match = DAY_FIRST.fullmatch(value)
    if match is None:
        raise InvalidInput("date")
    day, month = int(match[1]), int(match[2])
    if match[3] is not None:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return check_pickup_date(_calendar_day(year, month, day), today)
    chosen = _calendar_day(today.year, month, day)  # 31.02, or 29.02 outside a leap year: not a date
    if chosen < today and (month, day) != (2, 29):
        following = chosen.replace(year=today.year + 1)
        if following - today < today - chosen:  # the nearer one is meant
            chosen = following
    return check_pickup_date(chosen, today)
