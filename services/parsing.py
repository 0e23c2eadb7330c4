"""Parsers of what a user types, with their limits named once.

Digits are ASCII only (``0-9``): ``str.isdigit()`` also accepts "²" and other Unicode digits,
which ``int()`` then refuses. Every parser raises :class:`InvalidInput` whose ``kind`` names
what was wrong (the bot shows the message ``invalid-<kind>``); nothing else escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from services.common.phones import InvalidPhone, normalize_phone

ASCII_DIGITS = re.compile(r"[0-9]+")
NAME_CHAR = re.compile(r"\w", re.UNICODE)
ITEM_SEPARATORS = re.compile(r"[;|\n]")
SPIC = re.compile(r"[0-9]{17}")
NUMBER = re.compile(r"(?=\.?[0-9])[0-9]*(\.[0-9]*)?")
THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?")  # "0,006" is a decimal comma
# A database id (SQLite and PostgreSQL BIGINT): anything longer is not an id of ours.
MAX_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Range:
    """Inclusive bounds of a number a user types."""

    low: Decimal
    high: Decimal
    places: int = 0


WEIGHT = Range(Decimal("0.01"), Decimal("1000"), 3)  # kg
VOLUME = Range(Decimal("0.0001"), Decimal("100"), 4)  # m³
COD_AMOUNT = Range(Decimal("1000"), Decimal("100000000"), 2)  # so'm
GOOD_PRICE = Range(Decimal("1"), Decimal("1000000000"), 2)  # so'm
ITEM_COST = Range(Decimal("0"), Decimal("1000000000"), 2)  # so'm
PAYMENT_AMOUNT = Range(Decimal("1000"), Decimal("100000000"), 2)  # so'm
PIECES = (1, 100)
ITEM_COUNT = (1, 1000)
MAX_ITEMS = 20
NAME_LENGTH = (2, 100)
ADDRESS_LENGTH = (3, 255)
COMMENT_LENGTH = 500
ITEM_NAME_LENGTH = 100

_SUFFIXES = ("kg", "кг", "so'm", "сум", "som", "uzs", "sum")


# Every ``InvalidInput.kind`` the order's steps raise (the bot has ``invalid-<kind>`` for each).
KINDS: tuple[str, ...] = (
    "name",
    "phone",
    "address",
    "comment",
    "weight",
    "volume",
    "pieces",
    "cod-amount",
    "price",
    "spic",
    "item",
)


class InvalidInput(ValueError):
    """``kind``: ``name``, ``phone``, ``weight``… (the message ``invalid-<kind>`` explains it)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def ascii_int(text: str, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """``"42"`` → 42; anything but ASCII digits, or outside ``low..high``, → ``None``."""
    if not ASCII_DIGITS.fullmatch(text) or len(text) > 19:
        return None
    value = int(text)
    return value if low <= value <= high else None


def tagged_id(value: str, tag: str) -> int | None:
    """``"c75"`` with tag ``"c"`` → 75 (a picked city, branch, region or good); else ``None``."""
    return ascii_int(value[len(tag) :], low=1) if value.startswith(tag) else None


def clean_text(text: str, kind: str) -> str:
    """Whitespace collapsed; a null byte (or another control character) refuses the text."""
    refuse_controls(text, kind)
    return " ".join(text.split())


def refuse_controls(text: str, kind: str) -> None:
    """Null bytes and other control characters (line breaks and tabs aside) never go upstream."""
    if any((ch < " " and ch not in "\n\t\r") or ch == "\x7f" for ch in text):
        raise InvalidInput(kind)


def parse_decimal(text: str, bounds: Range, kind: str) -> Decimal:
    """``"1,5"``, ``"1.5"``, ``"1.5 kg"``, ``"150 000"``, ``"1,500,000"`` → ``Decimal`` in ``bounds``.

    One comma is a decimal comma; several are thousands separators only in groups of three
    (``"1,5,5"`` is refused); Unicode digits are refused.
    """
    cleaned = text.strip().lower()
    for suffix in _SUFFIXES:
        cleaned = cleaned.removesuffix(suffix).strip()
    cleaned = cleaned.replace("\u00a0", "").replace(" ", "").replace("'", "")
    if THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not NUMBER.fullmatch(cleaned):
        raise InvalidInput(kind)
    value = Decimal(cleaned)
    if value < bounds.low or value > bounds.high or value != round(value, bounds.places):
        raise InvalidInput(kind)
    return value


def parse_int(text: str, bounds: tuple[int, int], kind: str) -> int:
    value = ascii_int(text.strip(), low=bounds[0], high=bounds[1])
    if value is None:
        raise InvalidInput(kind)
    return value


def parse_name(text: str) -> str:
    value = clean_text(text, "name")
    low, high = NAME_LENGTH
    if not low <= len(value) <= high or not NAME_CHAR.search(value) or value.isdigit():
        raise InvalidInput("name")
    return value


def parse_phone(text: str) -> str:
    refuse_controls(text, "phone")
    try:
        return normalize_phone(text)
    except InvalidPhone:
        raise InvalidInput("phone") from None


def parse_address(text: str) -> str:
    value = clean_text(text, "address")
    low, high = ADDRESS_LENGTH
    if not low <= len(value) <= high:
        raise InvalidInput("address")
    return value


def parse_comment(text: str) -> str:
    refuse_controls(text, "comment")
    value = text.strip()
    if len(value) > COMMENT_LENGTH:
        raise InvalidInput("comment")
    return value


def parse_weight(text: str) -> Decimal:
    return parse_decimal(text, WEIGHT, "weight")


# "30x20x10", "30 × 20 × 10 cm", "30*20*10 sm": three sides in centimetres.
DIMENSIONS = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)\s*[xх×*]\s*(\d+(?:[.,]\d+)?)\s*[xх×*]\s*(\d+(?:[.,]\d+)?)\s*(?:cm|sm|см)?\.?\s*$",
    re.IGNORECASE,
)
CM3_PER_M3 = Decimal(1_000_000)


def parse_volume(text: str) -> Decimal:
    """A volume in m³ (``0,006``), or the three sides in centimetres (``30x20x10`` → ``0.006``)."""
    sides = DIMENSIONS.match(text)
    if sides is None:
        return parse_decimal(text, VOLUME, "volume")
    product = Decimal(1)
    for side in sides.groups():
        product *= Decimal(side.replace(",", "."))
    volume = (product / CM3_PER_M3).quantize(Decimal(1).scaleb(-VOLUME.places))
    if not VOLUME.low <= volume <= VOLUME.high:
        raise InvalidInput("volume")
    return volume


def parse_pieces(text: str) -> int:
    return parse_int(text, PIECES, "pieces")


def parse_cod_amount(text: str) -> Decimal:
    return parse_decimal(text, COD_AMOUNT, "cod-amount")


def parse_good_price(text: str) -> Decimal:
    return parse_decimal(text, GOOD_PRICE, "price")


def parse_spic(text: str) -> str:
    code = text.strip().replace(" ", "")
    if not SPIC.fullmatch(code):
        raise InvalidInput("spic")
    return code


def parse_good_name(text: str) -> str:
    value = clean_text(text, "name")
    if not NAME_LENGTH[0] <= len(value) <= NAME_LENGTH[1]:
        raise InvalidInput("name")
    return value


@dataclass(frozen=True, slots=True)
class ParsedItem:
    name: str
    code: str | None
    count: int
    cost: Decimal | None


def parse_item(text: str) -> ParsedItem:
    """``name; [code;] count; cost`` (``;``, ``|`` or a line break between the parts)."""
    refuse_controls(text, "item")
    parts = [p.strip() for p in ITEM_SEPARATORS.split(text) if p.strip()]
    if not 1 <= len(parts) <= 4:
        raise InvalidInput("item")
    name, code, count, cost = " ".join(parts[0].split()), None, 1, None
    rest = parts[1:]
    if len(rest) == 3:
        code, rest = rest[0], rest[1:]
    if rest:
        count = parse_int(rest[0], ITEM_COUNT, "item")
    if len(rest) > 1:
        cost = parse_decimal(rest[1], ITEM_COST, "item")
    if not 1 <= len(name) <= ITEM_NAME_LENGTH:
        raise InvalidInput("item")
    return ParsedItem(name=name, code=code, count=count, cost=cost)
