"""Coordinates: parsing BTS ``lat_long`` strings and user input, distances, nearest branches.

Coordinates are plain floats (degrees): they locate offices on a map and are never money.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

Point = tuple[float, float]  # (latitude, longitude) in degrees

EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)

# Uzbekistan's bounding box, with a little margin (the country spans about 37.2..45.6 N and
# 56.0..73.1 E). Used to notice a pair given in the wrong order and to tell "far away" points.
UZ_LAT = (37.0, 45.8)
UZ_LON = (55.8, 73.3)

_NUM = r"[-+]?\d{1,3}"
# "41.33,69.26", "41.33, 69.26", "41.33;69.26", "41.33 69.26", "(41.33, 69.26)"
_DOT_PAIR = re.compile(rf"^\(?\s*({_NUM}(?:\.\d+)?)\s*(?:[,;]\s*|\s+)({_NUM}(?:\.\d+)?)\s*\)?$")
# decimal commas: "41,33;69,26", "41,33 69,26", "41,33, 69,26" and "41,338727,69,269875"
_COMMA_PAIR = re.compile(rf"^\(?\s*({_NUM},\d+)\s*(?:[;,]\s*|\s+)({_NUM},\d+)\s*\)?$")


def in_uzbekistan(point: Point) -> bool:
    lat, lon = point
    return UZ_LAT[0] <= lat <= UZ_LAT[1] and UZ_LON[0] <= lon <= UZ_LON[1]


def _valid(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


def parse_lat_long(text: str | None) -> Point | None:
    """``"41.33,69.26"`` → ``(41.33, 69.26)``; ``None`` for anything that is not a coordinate pair.

    Tolerated: spaces, ``;`` or a space as the separator, parentheses, decimal commas when the
    separator is ``;``, a space, or when both numbers have one (``"41,33,69,26"``). A pair that
    lies outside Uzbekistan in the given order but inside it swapped (``"69.26,41.33"``) is
    swapped. A valid pair outside Uzbekistan either way is returned as given: the caller decides
    what a far point means. ``"0,0"`` (the usual placeholder for "no location") is ``None``.
    """
    if text is None:
        return None
    raw = text.strip()
    if not raw:
        return None
    found = _DOT_PAIR.match(raw)
    if found is not None:
        first, second = found.group(1), found.group(2)
    else:
        found = _COMMA_PAIR.match(raw)
        if found is None:
            return None
        first, second = found.group(1).replace(",", "."), found.group(2).replace(",", ".")
    lat, lon = float(first), float(second)
    if lat == 0.0 and lon == 0.0:
        return None
    if not in_uzbekistan((lat, lon)) and in_uzbekistan((lon, lat)):
        lat, lon = lon, lat
    if not _valid(lat, lon):
        return None
    return (lat, lon)


def haversine_km(a: Point, b: Point) -> float:
    """The great-circle distance between two points, in kilometres."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest(
    point: Point,
    items: Iterable[T],
    key: Callable[[T], Point | None],
    limit: int = 3,
    max_km: float | None = None,
) -> list[tuple[T, float]]:
    """The ``limit`` items closest to ``point``, with their distance in km, nearest first.

    Items whose ``key`` is ``None`` (no coordinates) are skipped; equal distances keep the
    input order. With ``max_km``, items farther than that are left out, except when that would
    leave nothing: then the single nearest item is returned anyway, with its distance, so a
    caller can tell "the nearest office is 240 km away" from "there are no offices" (check
    ``result[0][1] > max_km``, or use ``is_far``). Without ``max_km`` nothing is filtered.
    """
    if limit <= 0:
        return []
    measured: list[tuple[T, float]] = []
    for item in items:
        where = key(item)
        if where is None:
            continue
        measured.append((item, haversine_km(point, where)))
    measured.sort(key=lambda pair: pair[1])
    if max_km is not None:
        within = [pair for pair in measured if pair[1] <= max_km]
        return within[:limit] if within else measured[:1]
    return measured[:limit]


def is_far(found: list[tuple[T, float]], max_km: float) -> bool:
    """True when ``nearest`` found nothing, or only items farther than ``max_km``."""
    return not found or found[0][1] > max_km
