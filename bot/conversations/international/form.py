"""What the international conversation holds (``IntlForm``), its states and the typed-answer parsers
its steps share."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from aiogram.fsm.state import State, StatesGroup
from pydantic import BaseModel, Field

from bot.conversation import Invalid, Turn
from services.branches import BranchDirectory
from services.international import InternationalService, IntlProduct
from services.parsing import InvalidInput, Range, parse_decimal

PARCEL_WEIGHT = Range(Decimal("0.01"), Decimal("1000"), 3)
MONEY = Range(Decimal("0"), Decimal("1000000000"), 2)
QUANTITY = Range(Decimal("0.001"), Decimal("100000"), 3)
PARCEL_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/]{0,63}$")
URL = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
IMEI = re.compile(r"^\d{14,16}$")
MAX_PRODUCTS = 20


class Intl(StatesGroup):
    parcel_number = State()
    surname = State()
    first_name = State()
    patronymic = State()
    passport = State()
    pinfl = State()
    phone = State()
    phone2 = State()
    customs = State()
    weight = State()
    value = State()
    currency = State()
    delivery = State()
    city = State()
    branch = State()
    address = State()
    p_desc = State()
    p_desc_ru = State()
    p_qty = State()
    p_weight = State()
    p_value = State()
    p_url = State()
    p_unit = State()
    p_hs = State()
    p_model = State()
    p_imei = State()
    p_more = State()
    summary = State()


class IntlForm(BaseModel):
    """What the conversation holds: the parcel without passport data (``sealed`` has it,
    encrypted), masks to show, and the product being typed."""

    parcel_number: str | None = None
    surname: str | None = None
    first_name: str | None = None
    patronymic: str | None = None
    sealed: dict[str, str] = Field(default_factory=dict)  # passport / pinfl -> encrypted token
    masks: dict[str, str] = Field(default_factory=dict)
    phone: str | None = None
    phone2: str | None = None
    customs_agree: bool | None = None
    weight: Decimal | None = None
    value: Decimal | None = None
    currency: str | None = None
    delivery: int | None = None
    city_id: int | None = None
    city_name: str | None = None
    branch_id: int | None = None
    branch_name: str | None = None
    address: str | None = None
    products: list[IntlProduct] = Field(default_factory=list)
    pending: dict[str, str | None] = Field(default_factory=dict)  # the product being typed


IntlTurn = Turn[IntlForm]


def intl_service(turn: Turn[Any]) -> InternationalService:
    return cast(InternationalService, turn.deps["international"])


def branch_directory(turn: Turn[Any]) -> BranchDirectory:
    return cast(BranchDirectory, turn.deps["branches"])


def clean_text(text: str, kind: str, limit: int = 255) -> str:
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > limit or any(ch < " " for ch in cleaned):
        raise Invalid(f"intl-invalid-{kind}")
    return cleaned


def set_text(field: str, kind: str, limit: int = 255) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        return form.model_copy(update={field: clean_text(text, kind, limit)})

    return handle


def set_pending(field: str, kind: str, limit: int = 500) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        return form.model_copy(update={"pending": {**form.pending, field: clean_text(text, kind, limit)}})

    return handle


def set_pending_number(field: str, bounds: Range, kind: str) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        try:
            value = parse_decimal(text, bounds, kind)
        except InvalidInput:
            raise Invalid(f"intl-invalid-{kind}") from None
        return form.model_copy(update={"pending": {**form.pending, field: str(value)}})

    return handle
