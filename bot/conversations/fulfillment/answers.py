"""Typed answers of the fulfillment conversations: texts, codes, numbers, dates and moments
(parsers raise ``Invalid`` with the message that says why), and fixed choices as buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from bot.conversations.fulfillment.engine import Choices, Ctx, Invalid, Parser
from bot.i18n import TASHKENT
from bot.text import utf16_len
from services.common.digits import is_digits
from services.common.phones import normalize_phone
from services.parsing import InvalidInput, Range, parse_decimal, parse_int, refuse_controls


def text_parser(limit: int) -> Parser:
    async def parse(text: str, ctx: Ctx) -> str:
        if not text:
            raise Invalid("ff-invalid-empty")
        try:
            refuse_controls(text, "text")
        except InvalidInput as exc:
            raise Invalid("ff-invalid-empty") from exc
        if utf16_len(text) > limit:
            raise Invalid("ff-invalid-long", limit=limit)
        return text

    return parse


def code_parser(limit: int) -> Parser:
    async def parse(text: str, ctx: Ctx) -> str:
        if not text or utf16_len(text) > limit or any(ch.isspace() for ch in text):
            raise Invalid("ff-invalid-code", limit=limit)
        return text

    return parse


async def parse_phone(text: str, ctx: Ctx) -> str:
    try:
        return normalize_phone(text)
    except ValueError as exc:
        raise Invalid("ff-invalid-phone") from exc


async def parse_inn(text: str, ctx: Ctx) -> str:
    digits = text.replace(" ", "")
    if not (is_digits(digits) and len(digits) == 9):
        raise Invalid("ff-invalid-inn")
    return digits


async def parse_gtin(text: str, ctx: Ctx) -> str:
    digits = text.replace(" ", "")
    if not (is_digits(digits) and 8 <= len(digits) <= 14):
        raise Invalid("ff-invalid-gtin")
    return digits


async def parse_zip(text: str, ctx: Ctx) -> str:
    if not (is_digits(text) and len(text) == 6):
        raise Invalid("ff-invalid-zip")
    return text


def number_parser(low: str, high: str, places: int) -> Parser:
    async def parse(text: str, ctx: Ctx) -> str:
        try:
            return str(parse_decimal(text, Range(Decimal(low), Decimal(high), places), "number"))
        except InvalidInput as exc:
            raise Invalid("ff-invalid-number", low=low, high=high) from exc

    return parse


def count_parser(high: int) -> Parser:
    async def parse(text: str, ctx: Ctx) -> int:
        try:
            return parse_int(text.replace(" ", ""), (1, high), "count")
        except InvalidInput as exc:
            raise Invalid("ff-invalid-count", high=high) from exc

    return parse


def _today() -> date:
    return datetime.now(TASHKENT).date()


async def parse_date(text: str, ctx: Ctx) -> str:
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%d.%m"):
        try:
            parsed = datetime.strptime(text.replace("/", ".").replace("-", "."), pattern)
        except ValueError:
            continue
        day = parsed.date().replace(year=_today().year) if pattern == "%d.%m" else parsed.date()
        if abs((day - _today()).days) > 366:
            break
        return day.isoformat()
    raise Invalid("ff-invalid-date")


async def pick_date(value: str, ctx: Ctx) -> str:
    return (_today() + timedelta(days=int(value))).isoformat()


async def date_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    return [(ctx.l10n("ff-day-today"), "0"), (ctx.l10n("ff-day-tomorrow"), "1")]


async def parse_moment(text: str, ctx: Ctx) -> str:
    """``25.12 14:00`` / ``25.12.2026 14:00`` in Tashkent time, in the future."""
    parts = text.split()
    if len(parts) != 2:
        raise Invalid("ff-invalid-moment")
    day = await parse_date(parts[0], ctx)
    try:
        clock = datetime.strptime(parts[1].replace(".", ":"), "%H:%M").time()
    except ValueError as exc:
        raise Invalid("ff-invalid-moment") from exc
    moment = datetime.combine(date.fromisoformat(day), clock, TASHKENT)
    if moment <= datetime.now(TASHKENT):
        raise Invalid("ff-invalid-past")
    return moment.isoformat()


async def moment_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    return [
        (ctx.l10n("ff-when-tomorrow", hour="10:00"), "1-10"),
        (ctx.l10n("ff-when-tomorrow", hour="15:00"), "1-15"),
        (ctx.l10n("ff-when-after-tomorrow", hour="10:00"), "2-10"),
    ]


async def pick_moment(value: str, ctx: Ctx) -> str:
    days, hour = (int(part) for part in value.split("-"))
    moment = datetime.combine(_today() + timedelta(days=days), time(hour), TASHKENT)
    return moment.isoformat()


def fixed_choices(*pairs: tuple[str, str]) -> Choices:
    async def choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
        return [(ctx.l10n(key), value) for key, value in pairs]

    return choices
