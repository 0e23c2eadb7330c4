"""The new-order draft: what the seller has typed so far, kept in the conversation's storage.

Every value is validated when it enters the draft (the bot parses, the draft holds clean data);
``Decimal`` travels as a string in JSON, so a draft survives a restart byte for byte.
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict, Field

MIN_WEIGHT = Decimal("0.01")
MAX_WEIGHT = Decimal("1000")
MAX_PIECES = 100
MAX_VOLUME = Decimal("100")
MAX_AMOUNT = Decimal("1000000000")


class Party(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    phone: str | None = None
    phone2: str | None = None
    address: str | None = None
    region_id: int | None = None
    city_id: int | None = None
    city_name: str | None = None
    branch_id: int | None = None
    branch_name: str | None = None
    lat: float | None = None
    lon: float | None = None


class DraftItem(BaseModel):
    name: str
    code: str | None = None
    count: int = 1
    cost: Decimal | None = None


class CodGood(BaseModel):
    mxik_id: int
    name: str
    amount: int = 1
    price: Decimal


class OrderDraft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    reference: str = Field(default_factory=lambda: uuid.uuid4().hex)
    sender: Party = Field(default_factory=Party)
    sender_delivery: int | None = None  # 1 courier collects, 0 seller brings it to an office
    sender_profile_id: int | None = None
    receiver: Party = Field(default_factory=Party)
    receiver_delivery: int | None = None  # 1 courier delivers, 0 receiver collects at a branch
    weight: Decimal | None = None
    pieces: int = 1
    package_id: int | None = None
    post_type_id: int | None = None
    volume: Decimal | None = None
    items: list[DraftItem] = Field(default_factory=list)
    cod: bool = False
    cod_amount: Decimal | None = None
    cod_goods: list[CodGood] = Field(default_factory=list)
    take_photo: bool = False
    return_waybill: bool = False
    comment: str | None = None
    quote: Decimal | None = None

    def dump(self) -> dict[str, object]:
        return self.model_dump(mode="json")

    def fresh_copy(self) -> OrderDraft:
        """The same order again under a new reference (repeat an order, retry after a sure failure)."""
        return self.model_copy(update={"reference": uuid.uuid4().hex, "quote": None})


class InvalidNumber(ValueError):
    pass


def parse_decimal(text: str, *, low: Decimal, high: Decimal, places: int = 3) -> Decimal:
    """``"1,5"``, ``"1.5"``, ``"1.5 kg"``, ``"150 000"`` → ``Decimal``; outside bounds → ``InvalidNumber``."""
    cleaned = text.strip().lower()
    for suffix in ("kg", "кг", "so'm", "сум", "som", "uzs", "sum"):
        cleaned = cleaned.removesuffix(suffix).strip()
    cleaned = cleaned.replace("\u00a0", "").replace(" ", "").replace("'", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise InvalidNumber(text) from exc
    if not value.is_finite() or value < low or value > high:
        raise InvalidNumber(text)
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise InvalidNumber(text)
    return value


def parse_int(text: str, *, low: int, high: int) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise InvalidNumber(text)
    value = int(cleaned)
    if value < low or value > high:
        raise InvalidNumber(text)
    return value
