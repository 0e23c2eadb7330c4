"""Package and content types offered in the new-order flow.

BTS documents no endpoint listing them (seeds 000, 001 only show examples): these are the ids
the documents show, in one table, so adding one is one line. Names are locale message ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    id: int
    key: str


PACKAGE_TYPES: tuple[CatalogEntry, ...] = (
    CatalogEntry(8, "package-bts-packet"),  # "BTS PAKETLAR" (seed 001)
    CatalogEntry(4, "package-bag"),  # "СУМКА" (seed 000)
)

POST_TYPES: tuple[CatalogEntry, ...] = (
    CatalogEntry(4, "content-documents"),  # "HUJJATLAR" (seed 001)
    CatalogEntry(26, "content-stationery"),  # "KANTSELYARIYA TOVARLARI" (seed 000)
)


def package_key(package_id: int | None) -> str | None:
    return next((e.key for e in PACKAGE_TYPES if e.id == package_id), None)


def post_type_key(post_type_id: int | None) -> str | None:
    return next((e.key for e in POST_TYPES if e.id == post_type_id), None)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of measure: as BTS writes it (``wire``) and its locale message id."""

    wire: str
    key: str


# The units seed 001 lists (for the international ``ProductUnit``): weight kg, g, t; count dona;
# volume L, mL, m³. The MXIK good's ``units`` ("O'lchov birligi", example "dona") is the same idea:
# the seller picks from this list, "dona" first.
UNITS: tuple[Unit, ...] = (
    Unit("kg", "unit-kg"),
    Unit("g", "unit-g"),
    Unit("t", "unit-t"),
    Unit("dona", "unit-dona"),
    Unit("L", "unit-l"),
    Unit("mL", "unit-ml"),
    Unit("m³", "unit-m3"),
)
DEFAULT_UNIT = "dona"


def unit_key(wire: str | None) -> str | None:
    """The message id of a unit BTS wrote (``"kg"``, ``"dona"``…); ``None`` for one we don't know."""
    folded = (wire or "").strip().lower()
    return next((u.key for u in UNITS if u.wire.lower() == folded), None)
