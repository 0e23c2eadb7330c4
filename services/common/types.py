"""Pydantic field types shared by the API models."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer

from services.common.phones import normalize_phone_lenient


def _to_decimal(value: object) -> object:
    """Money and weights come as ``"12000.00"``, ``"2.000"``, ``"312412 "`` or numbers: never float."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return value
    return value


Money = Annotated[Decimal, BeforeValidator(_to_decimal)]
"""A Decimal read from strings or numbers; serialised as given by the model that uses it."""

MoneyStr = Annotated[
    Decimal, BeforeValidator(_to_decimal), PlainSerializer(lambda d: format(d, "f"), return_type=str)
]
"""A Decimal that goes out as a decimal string (Yandex Pay amounts)."""

Phone = Annotated[str, BeforeValidator(lambda v: normalize_phone_lenient(v) if isinstance(v, str) else v)]
"""A phone normalised to E.164 when it is a valid number."""
