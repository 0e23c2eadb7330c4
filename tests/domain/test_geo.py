"""Coordinates: parsing, distances, nearest offices (a far point included)."""

from __future__ import annotations

import pytest

from services.geo import haversine_km, in_uzbekistan, is_far, nearest, parse_lat_long


@pytest.mark.parametrize(
    "text",
    [
        "41.33,69.26",
        "41.33, 69.26",
        " 41.33 ; 69.26 ",
        "41.33 69.26",
        "(41.33, 69.26)",
        "41,33;69,26",
        "41,33 69,26",
        "41,33,69,26",
        "69.26,41.33",  # swapped: only the other order lies in Uzbekistan
        "+41.33,+69.26",
    ],
)
def test_parse_lat_long_tolerates_formats(text: str) -> None:
    assert parse_lat_long(text) == (41.33, 69.26)


def test_parse_lat_long_seed_values() -> None:
    assert parse_lat_long("38.837395,65.783467") == (38.837395, 65.783467)
    assert parse_lat_long("41,338727,69,269875") == (41.338727, 69.269875)


def test_parse_lat_long_keeps_valid_points_outside_uzbekistan() -> None:
    assert parse_lat_long("-33.86,151.21") == (-33.86, 151.21)  # Sydney: neither order is in UZ
    assert parse_lat_long("55.75,37.62") == (55.75, 37.62)  # Moscow: not swapped


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "abc",
        "41.33",
        "41.33,69.26,12",
        "41.33,,69.26",
        "91,200",
        "41.33,abc",
        "0,0",
        "0.0, 0.0",
        "1234.5,69.2",
        "nan,nan",
        "41.33:69.26",
    ],
)
def test_parse_lat_long_rejects_garbage(text: str | None) -> None:
    assert parse_lat_long(text) is None


def test_haversine() -> None:
    tashkent, samarkand = (41.2995, 69.2401), (39.6542, 66.9597)
    assert haversine_km(tashkent, tashkent) == 0.0
    assert 255 < haversine_km(tashkent, samarkand) < 280
    assert haversine_km(tashkent, samarkand) == pytest.approx(haversine_km(samarkand, tashkent))
    assert haversine_km((0.0, 0.0), (1.0, 0.0)) == pytest.approx(111.19, abs=0.01)  # one degree
    assert haversine_km((0.0, 0.0), (0.0, 180.0)) == pytest.approx(20015.1, abs=0.1)  # half the globe


BRANCHES = [
    ("SHAYXONTOHUR BTS", (41.319124, 69.240262)),
    ("MALIKA BOZOR BTS", (41.338727, 69.269875)),
    ("NO COORDINATES", None),
    ("KARSHI BTS", (38.837395, 65.783467)),
    ("YAKKASAROY BTS", (41.2897, 69.2541)),
]


def _where(branch: tuple[str, tuple[float, float] | None]) -> tuple[float, float] | None:
    return branch[1]


def test_nearest_orders_by_distance_and_skips_missing_coordinates() -> None:
    here = (41.3111, 69.2406)  # Tashkent centre
    found = nearest(here, BRANCHES, key=_where)
    assert [b[0] for b, _ in found] == ["SHAYXONTOHUR BTS", "YAKKASAROY BTS", "MALIKA BOZOR BTS"]
    distances = [km for _, km in found]
    assert distances == sorted(distances)
    assert distances[0] == pytest.approx(haversine_km(here, (41.319124, 69.240262)))
    assert len(nearest(here, BRANCHES, key=_where, limit=10)) == 4
    assert nearest(here, BRANCHES, key=_where, limit=0) == []


def test_nearest_within_max_km() -> None:
    here = (41.3111, 69.2406)
    found = nearest(here, BRANCHES, key=_where, limit=10, max_km=5)
    assert {b[0] for b, _ in found} == {"SHAYXONTOHUR BTS", "YAKKASAROY BTS", "MALIKA BOZOR BTS"}
    assert not is_far(found, 5)


def test_far_point_still_gets_the_nearest_with_its_distance() -> None:
    moscow = (55.75, 37.62)
    found = nearest(moscow, BRANCHES, key=_where, max_km=50)
    assert len(found) == 1
    (branch, km) = found[0]
    located = [b for b in BRANCHES if b[1] is not None]
    assert branch == min(located, key=lambda b: haversine_km(moscow, b[1]))  # type: ignore[arg-type]
    assert branch[0] != "KARSHI BTS"  # the southern office is farther
    assert km > 2000
    assert is_far(found, 50)
    assert not in_uzbekistan(moscow)


def test_nearest_without_items() -> None:
    found = nearest((41.3, 69.2), [], key=_where, max_km=10)
    assert found == []
    assert is_far(found, 10)
