"""Branch working hours: parsing BTS's per-weekday strings and answering "is it open?".

BTS gives ``working_hours`` as ``{"1": "08:00-20:00", ..., "7": "08:00-16:00"}``, weekday 1 =
Monday (ISO), or ``"27/7"`` (sic, seed 001) for always open. Everything here is Tashkent time
(Asia/Tashkent, UTC+5, no DST): aware datetimes are converted, naive ones are read as Tashkent
wall-clock time.

Accepted day strings:

* one or more ranges separated by commas or anything else: ``"08:00-20:00"``,
  ``"8:00 - 20:00"``, ``"9.00–18.00"``, ``"9-18"``, ``"09:00-13:00, 14:00-18:00"``. Every range
  found counts as open time (their union: a "lunch 13:00-14:00" range is read as open too;
  keep it simple, BTS has never been seen sending breaks);
* a range ending at or before its start runs past midnight (``"20:00-02:00"``); ``24:00`` and
  ``23:59`` as an end mean midnight; ``"00:00-24:00"`` is the whole day;
* ``"24/7"``, ``"27/7"``, "24 soat", "круглосуточно", "kecha-kunduz": the whole day;
* empty, ``None``, ``"-"``, "dam olish", "yopiq", "выходной", "закрыто", "closed": closed;
* anything else: unknown (kept raw, shown as is by the bot).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.translit import fold

TASHKENT = ZoneInfo("Asia/Tashkent")

MINUTES_PER_DAY = 24 * 60
WEEKDAYS = range(1, 8)


class DayKind(StrEnum):
    RANGES = "ranges"
    ALWAYS = "always"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class TimeRange:
    """Open from ``start`` to ``end`` minutes after the day's midnight; ``end`` may pass 1440
    (the range runs into the next day) and is always greater than ``start``."""

    start: int
    end: int

    @property
    def overnight(self) -> bool:
        return self.end > MINUTES_PER_DAY

    def text(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end % MINUTES_PER_DAY)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_RANGE_RE = re.compile(rf"(?<!\d){_TIME}\s*(?:-|–|—|−|‐|\.\.|до|дан|to|dan)\s*{_TIME}(?!\d)")
_ALWAYS_RE = re.compile(r"(?<!\d)2[47]\s*/\s*7(?!\d)")
_ALWAYS_WORDS = ("24 soat", "kecha kunduz", "kruglosutochno", "always", "round the clock")
_CLOSED_WORDS = (
    "dam olish",
    "yopiq",
    "ishlamaydi",
    "vixodnoy",
    "zakrito",
    "ne rabotaet",
    "closed",
    "day off",
    "off",
)


def _minutes(hours: str, minutes: str | None, *, is_end: bool) -> int | None:
    h = int(hours)
    m = int(minutes) if minutes else 0
    if m > 59 or h > 24 or (h == 24 and m != 0):
        return None
    total = h * 60 + m
    if is_end and total == 23 * 60 + 59:
        return MINUTES_PER_DAY
    return total


@dataclass(frozen=True, slots=True)
class DayHours:
    kind: DayKind
    ranges: tuple[TimeRange, ...] = ()
    raw: str | None = None

    @classmethod
    def parse(cls, raw: str | None) -> DayHours:
        text = (raw or "").strip()
        folded = fold(text)
        if not text or set(text) <= set("-—–−"):
            return cls(DayKind.CLOSED, raw=raw)
        if _ALWAYS_RE.search(text) or any(word in folded for word in _ALWAYS_WORDS):
            return cls(DayKind.ALWAYS, raw=raw)
        ranges: list[TimeRange] = []
        for found in _RANGE_RE.finditer(text):
            start = _minutes(found.group(1), found.group(2), is_end=False)
            end = _minutes(found.group(3), found.group(4), is_end=True)
            if start is None or end is None or start == MINUTES_PER_DAY:
                continue
            if end <= start:
                end += MINUTES_PER_DAY  # past midnight; "00:00-00:00" is the whole day
            ranges.append(TimeRange(start, end))
        if ranges:
            if any(r.start == 0 and r.end >= MINUTES_PER_DAY for r in ranges):
                return cls(DayKind.ALWAYS, raw=raw)
            return cls(DayKind.RANGES, tuple(sorted(ranges, key=lambda r: (r.start, r.end))), raw)
        if any(re.search(rf"(?<![a-z]){word}(?![a-z])", folded) for word in _CLOSED_WORDS):
            return cls(DayKind.CLOSED, raw=raw)
        return cls(DayKind.UNKNOWN, raw=raw)

    def text(self) -> str | None:
        """``"08:00-20:00, 21:00-23:00"`` for ranges (language-neutral), else ``None``."""
        if self.kind is not DayKind.RANGES:
            return None
        return ", ".join(r.text() for r in self.ranges)


class OpenStateKind(StrEnum):
    OPEN = "open"  # open now; ``closes_at`` (None when it does not close within a week)
    OPENS_TODAY = "opens_today"  # closed now, opens later today at ``opens_at``
    OPENS_LATER = "opens_later"  # opens on ``weekday`` (``days_ahead`` days from now) at ``opens_at``
    ALWAYS_OPEN = "always_open"  # open around the clock every day
    CLOSED_ALL_WEEK = "closed_all_week"  # every day is closed
    UNKNOWN = "unknown"  # the hours cannot tell (unparsed or missing days)


@dataclass(frozen=True, slots=True)
class OpenState:
    """What the bot says about a branch at a moment; it formats the times and weekday itself."""

    kind: OpenStateKind
    opens_at: datetime | None = None  # Tashkent time
    closes_at: datetime | None = None  # Tashkent time
    weekday: int | None = None  # 1..7 of ``opens_at``
    days_ahead: int | None = None  # 0 today, 1 tomorrow, ...


def to_tashkent(at: datetime) -> datetime:
    """Aware → converted to Tashkent; naive → read as Tashkent wall-clock time."""
    if at.tzinfo is None:
        return at.replace(tzinfo=TASHKENT)
    return at.astimezone(TASHKENT)


def _at_minutes(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(0), tzinfo=TASHKENT) + timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    days: Mapping[int, DayHours]  # every weekday 1..7 is present

    @classmethod
    def parse(cls, raw: Mapping[int, str | None] | Mapping[str, str | None] | None) -> WeeklyHours:
        """``{1: "08:00-20:00", ...}`` or BTS's ``{"1": ...}``; a missing day is unknown."""
        given: dict[int, str | None] = {}
        for day, text in (raw or {}).items():
            try:
                number = int(day)
            except (TypeError, ValueError):
                continue
            if number in WEEKDAYS:
                given[number] = text
        days = {
            day: DayHours.parse(given[day]) if day in given else DayHours(DayKind.UNKNOWN) for day in WEEKDAYS
        }
        return cls(days)

    def day(self, weekday: int) -> DayHours:
        return self.days[weekday]

    @property
    def always_open(self) -> bool:
        return all(self.days[d].kind is DayKind.ALWAYS for d in WEEKDAYS)

    @property
    def closed_all_week(self) -> bool:
        return all(self.days[d].kind is DayKind.CLOSED for d in WEEKDAYS)

    def _intervals(self, first: date, last: date) -> list[tuple[datetime, datetime]]:
        """Open intervals of the days ``first..last``, merged where they touch or overlap."""
        spans: list[tuple[datetime, datetime]] = []
        day = first
        while day <= last:
            hours = self.days[day.isoweekday()]
            if hours.kind is DayKind.ALWAYS:
                spans.append((_at_minutes(day, 0), _at_minutes(day, MINUTES_PER_DAY)))
            elif hours.kind is DayKind.RANGES:
                spans.extend((_at_minutes(day, r.start), _at_minutes(day, r.end)) for r in hours.ranges)
            day += timedelta(days=1)
        spans.sort()
        merged: list[tuple[datetime, datetime]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def _window(self, at: datetime) -> list[tuple[datetime, datetime]]:
        # yesterday (its ranges may run past midnight) to the same weekday next week, inclusive
        today = at.date()
        return self._intervals(today - timedelta(days=1), today + timedelta(days=7))

    def _current(self, local: datetime) -> tuple[datetime, datetime] | None:
        return next((span for span in self._window(local) if span[0] <= local < span[1]), None)

    def is_open(self, at: datetime) -> bool:
        """Open at ``at``. Unknown days count as closed (``open_state`` says "unknown")."""
        if self.always_open:
            return True
        return self._current(to_tashkent(at)) is not None

    def closes_at(self, at: datetime) -> datetime | None:
        """When the current open period ends (Tashkent time); ``None`` when closed at ``at``,
        or when it stays open for the whole week ahead (always open)."""
        if self.always_open:
            return None
        local = to_tashkent(at)
        span = self._current(local)
        if span is None:
            return None
        window_end = _at_minutes(local.date() + timedelta(days=8), 0)
        return None if span[1] >= window_end else span[1]

    def next_opening(self, at: datetime) -> datetime | None:
        """The start of the next open period strictly after ``at`` (Tashkent time), looking up to
        the same weekday next week; ``None`` when there is none (closed or unknown all week,
        always open). While open, it is the opening after the current period closes."""
        if self.always_open:
            return None
        local = to_tashkent(at)
        return next((start for start, _ in self._window(local) if start > local), None)

    def open_state(self, at: datetime) -> OpenState:
        local = to_tashkent(at)
        if self.always_open:
            return OpenState(OpenStateKind.ALWAYS_OPEN)
        if self.closed_all_week:
            return OpenState(OpenStateKind.CLOSED_ALL_WEEK)
        if self.is_open(local):
            return OpenState(OpenStateKind.OPEN, closes_at=self.closes_at(local))
        if self.days[local.isoweekday()].kind is DayKind.UNKNOWN:
            return OpenState(OpenStateKind.UNKNOWN)
        opens = self.next_opening(local)
        if opens is None:
            return OpenState(OpenStateKind.UNKNOWN)
        days_ahead = (opens.date() - local.date()).days
        skipped = (local.date() + timedelta(days=n) for n in range(1, days_ahead))
        if any(self.days[d.isoweekday()].kind is DayKind.UNKNOWN for d in skipped):
            return OpenState(OpenStateKind.UNKNOWN)  # an unknown day before it might be open
        kind = OpenStateKind.OPENS_TODAY if days_ahead == 0 else OpenStateKind.OPENS_LATER
        return OpenState(kind, opens_at=opens, weekday=opens.isoweekday(), days_ahead=days_ahead)
