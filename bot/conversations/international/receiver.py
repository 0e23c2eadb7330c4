"""The parcel and its receiver: number, names, passport and PINFL (sealed and masked at once), phones,
customs consent, weight, value, currency and the delivery (door or branch, city and branch)."""

from __future__ import annotations

import re
from typing import Any

from bot.conversation import Invalid
from bot.conversations.international.form import (
    MONEY,
    PARCEL_NUMBER,
    PARCEL_WEIGHT,
    IntlForm,
    IntlTurn,
    branch_directory,
    intl_service,
)
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard
from services.international import CURRENCIES, InvalidPinfl, check_passport, check_pinfl, mask
from services.parsing import InvalidInput, parse_decimal, parse_phone, tagged_id


def set_parcel_number(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    number = text.strip()
    if not PARCEL_NUMBER.match(number):
        raise Invalid("intl-invalid-parcel-number")
    return form.model_copy(update={"parcel_number": number})


async def set_passport(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    await turn.reply.delete_typed()  # personal data: not left in the chat
    compact = re.sub(r"\s", "", text).upper()
    try:
        series, number = check_passport(compact[:2], compact[2:])
    except ValueError:
        raise Invalid("intl-invalid-passport") from None
    sealed = intl_service(turn).seal({"series": series, "number": number})
    shown = mask(series + number)
    await turn.reply(turn.l10n("intl-saved-masked", value=shown))
    return form.model_copy(
        update={"sealed": {**form.sealed, "passport": sealed}, "masks": {**form.masks, "passport": shown}}
    )


async def set_pinfl(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    await turn.reply.delete_typed()
    try:
        pinfl = check_pinfl(text)
    except InvalidPinfl:
        raise Invalid("intl-invalid-pinfl") from None
    shown = mask(pinfl, 1, 3)
    await turn.reply(turn.l10n("intl-saved-masked", value=shown))
    sealed = intl_service(turn).seal({"pinfl": pinfl})
    return form.model_copy(
        update={"sealed": {**form.sealed, "pinfl": sealed}, "masks": {**form.masks, "pinfl": shown}}
    )


def set_phone(field: str) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        return form.model_copy(update={field: parse_phone(text)})

    return handle


def pick_customs(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    return form.model_copy(update={"customs_agree": value == "1"})


def set_weight(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    try:
        return form.model_copy(update={"weight": parse_decimal(text, PARCEL_WEIGHT, "weight")})
    except InvalidInput:
        raise Invalid("intl-invalid-weight") from None


def set_value(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    try:
        return form.model_copy(update={"value": parse_decimal(text, MONEY, "price")})
    except InvalidInput:
        raise Invalid("intl-invalid-money") from None


def currencies(l10n: Localizer) -> list[tuple[str, str]]:
    return [(c, c) for c in CURRENCIES]


def pick_currency(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    if value not in CURRENCIES:
        raise Invalid("intl-invalid-currency")
    return form.model_copy(update={"currency": value})


def deliveries(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n("intl-delivery-door"), "1"), (l10n("intl-delivery-branch"), "0")]


def pick_delivery(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    return form.model_copy(
        update={"delivery": 1 if value == "1" else 0, "branch_id": None, "branch_name": None}
    )


async def search_city(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm | None:
    directory = branch_directory(turn)
    await directory.ensure_fresh(turn.user_id)
    found = directory.search_cities(text, limit=8)
    if not found:
        raise Invalid("intl-city-not-found")
    choices = [(c.name, f"c{c.id}") for c in found]
    await turn.reply(turn.l10n("intl-city-pick"), choice_keyboard(turn.l10n, turn.step.name, choices))
    return None


def pick_city(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    city_id = tagged_id(value, "c")
    city = branch_directory(turn).city(city_id) if city_id else None
    if city is None:
        raise Invalid("intl-city-not-found")
    return form.model_copy(update={"city_id": city.id, "city_name": city.name, "branch_id": None})


async def ask_branch(turn: IntlTurn, form: IntlForm) -> None:
    found = branch_directory(turn).branches_in_city(form.city_id or 0)
    if not found:
        await turn.reply(turn.l10n("intl-no-branches"), turn.nav())
        return
    choices = [(b.name, f"b{b.id}") for b in found[:20]]
    await turn.reply(turn.l10n("intl-ask-branch"), choice_keyboard(turn.l10n, turn.step.name, choices))


def pick_branch(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    branch_id = tagged_id(value, "b")
    branch = branch_directory(turn).branch(branch_id) if branch_id else None
    if branch is None or branch.city_id != form.city_id:
        raise Invalid("intl-invalid-branch")
    return form.model_copy(update={"branch_id": branch.id, "branch_name": branch.name})
