"""The international parcel's steps, declared once, and the ways into it (no router)."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext

from bot.conversation import Conversation, Step, choose, question, yes_no
from bot.conversations.international.form import (
    MONEY,
    PARCEL_WEIGHT,
    QUANTITY,
    Intl,
    IntlForm,
    IntlTurn,
    set_pending,
    set_pending_number,
    set_text,
)
from bot.conversations.international.products import (
    ask_more,
    pick_more,
    pick_unit,
    set_hs,
    set_imei,
    set_url,
    skip_imei,
    skip_model,
    units,
)
from bot.conversations.international.receiver import (
    ask_branch,
    currencies,
    deliveries,
    pick_branch,
    pick_city,
    pick_currency,
    pick_customs,
    pick_delivery,
    search_city,
    set_parcel_number,
    set_passport,
    set_phone,
    set_pinfl,
    set_value,
    set_weight,
)
from bot.conversations.international.summary import ask_summary, say_cancelled
from bot.reply import Reply


def _door(form: IntlForm) -> bool:
    return form.delivery == 1


def _branch(form: IntlForm) -> bool:
    return form.delivery == 0


def _clear(field: str) -> Any:
    return lambda form: form.model_copy(update={field: None})


INTERNATIONAL: Conversation[IntlForm] = Conversation(
    "international",
    IntlForm,
    steps=(
        Step(
            Intl.parcel_number,
            question("intl-ask-parcel-number"),
            text=set_parcel_number,
            changeable=True,
            fields=("ParcelNumber",),
        ),
        Step(
            Intl.surname,
            question("intl-ask-surname"),
            text=set_text("surname", "name", 100),
            changeable=True,
            fields=("ReceiverSurname",),
        ),
        Step(
            Intl.first_name,
            question("intl-ask-first-name"),
            text=set_text("first_name", "name", 100),
            changeable=True,
            fields=("ReceiverFirstName",),
        ),
        Step(
            Intl.patronymic,
            question("intl-ask-patronymic"),
            text=set_text("patronymic", "name", 100),
            skip=_clear("patronymic"),
            changeable=True,
        ),
        Step(
            Intl.passport,
            question("intl-ask-passport"),
            text=set_passport,
            changeable=True,
            fields=("ReceiverPassposrtSerial", "ReceiverPassposrtNumber"),
        ),
        Step(
            Intl.pinfl, question("intl-ask-pinfl"), text=set_pinfl, changeable=True, fields=("ReceiverPinfl",)
        ),
        Step(
            Intl.phone,
            question("intl-ask-phone"),
            text=set_phone("phone"),
            changeable=True,
            fields=("ReceiverPhone",),
        ),
        Step(
            Intl.phone2,
            question("intl-ask-phone2"),
            text=set_phone("phone2"),
            skip=_clear("phone2"),
            changeable=True,
        ),
        Step(Intl.customs, choose("intl-ask-customs", yes_no, columns=2), pick=pick_customs, changeable=True),
        Step(
            Intl.weight,
            question("intl-ask-weight"),
            text=set_weight,
            changeable=True,
            fields=("ParcelWeight",),
        ),
        Step(Intl.value, question("intl-ask-value"), text=set_value, skip=_clear("value"), changeable=True),
        Step(
            Intl.currency,
            choose("intl-ask-currency", currencies, columns=4),
            pick=pick_currency,
            changeable=True,
        ),
        Step(
            Intl.delivery,
            choose("intl-ask-delivery", deliveries),
            pick=pick_delivery,
            changeable=True,
            then=("city",),
        ),
        Step(
            Intl.city,
            question("intl-ask-city"),
            text=search_city,
            pick=pick_city,
            changeable=True,
            then=("branch", "address"),
            fields=("ReceiverCityId",),
        ),
        Step(Intl.branch, ask_branch, pick=pick_branch, applies=_branch, fields=("ReceiverBranchId",)),
        Step(
            Intl.address,
            question("intl-ask-address"),
            text=set_text("address", "address"),
            applies=_door,
            changeable=True,
            fields=("ReceiverAddress",),
        ),
        Step(Intl.p_desc, question("intl-ask-p-desc"), text=set_pending("description", "text")),
        Step(Intl.p_desc_ru, question("intl-ask-p-desc-ru"), text=set_pending("description_ru", "text")),
        Step(
            Intl.p_qty, question("intl-ask-p-qty"), text=set_pending_number("quantity", QUANTITY, "quantity")
        ),
        Step(
            Intl.p_weight,
            question("intl-ask-p-weight"),
            text=set_pending_number("weight", PARCEL_WEIGHT, "weight"),
        ),
        Step(
            Intl.p_value,
            question("intl-ask-p-value"),
            text=set_pending_number("declared_value", MONEY, "money"),
        ),
        Step(Intl.p_url, question("intl-ask-p-url"), text=set_url),
        Step(Intl.p_unit, choose("intl-ask-p-unit", units, columns=4), pick=pick_unit),
        Step(Intl.p_hs, question("intl-ask-p-hs"), text=set_hs),
        Step(
            Intl.p_model,
            question("intl-ask-p-model"),
            text=set_pending("model", "text", 100),
            skip=skip_model,
        ),
        Step(Intl.p_imei, question("intl-ask-p-imei"), text=set_imei, skip=skip_imei),
        Step(Intl.p_more, ask_more, pick=pick_more),
        Step(Intl.summary, ask_summary),
    ),
    on_cancel=say_cancelled,
    summary="summary",
    opening="intl-title",
)


def intl_turn(reply: Reply, state: FSMContext, deps: dict[str, Any]) -> IntlTurn:
    return INTERNATIONAL.turn(reply, state, deps, INTERNATIONAL.steps[0])


async def start_international(reply: Reply, state: FSMContext, deps: dict[str, Any]) -> None:
    await INTERNATIONAL.start(intl_turn(reply, state, deps), IntlForm())
