"""The products loop: the product steps fill ``IntlForm.pending``; the last one (IMEI, typed or
skipped) adds the product; then "another product?"."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.conversation import Goto, Invalid
from bot.conversations.international.form import IMEI, MAX_PRODUCTS, URL, IntlForm, IntlTurn
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard
from bot.render import q
from services.international import UNITS, IntlProduct, check_hs_code


def set_url(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    url = text.strip()
    if not URL.match(url) or len(url) > 500:
        raise Invalid("intl-invalid-url")
    return form.model_copy(update={"pending": {**form.pending, "url": url}})


def units(l10n: Localizer) -> list[tuple[str, str]]:
    return [(u, u) for u in UNITS]


def pick_unit(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    if value not in UNITS:
        raise Invalid("intl-invalid-unit")
    return form.model_copy(update={"pending": {**form.pending, "unit": value}})


def set_hs(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    try:
        code = check_hs_code(text)
    except ValueError:
        raise Invalid("intl-invalid-hs") from None
    return form.model_copy(update={"pending": {**form.pending, "hs_code": code}})


def set_imei(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    imei = re.sub(r"\s", "", text)
    if not IMEI.match(imei):
        raise Invalid("intl-invalid-imei")
    return _finish_product(form.model_copy(update={"pending": {**form.pending, "imei": imei}}))


def skip_model(form: IntlForm) -> IntlForm:
    return form.model_copy(update={"pending": {**form.pending, "model": None}})


def skip_imei(form: IntlForm) -> IntlForm:
    return _finish_product(form.model_copy(update={"pending": {**form.pending, "imei": None}}))


def _finish_product(form: IntlForm) -> IntlForm:
    p = form.pending
    product = IntlProduct(
        description=p.get("description") or "",
        description_ru=p.get("description_ru") or "",
        quantity=Decimal(p.get("quantity") or "1"),
        weight=Decimal(p.get("weight") or "0"),
        declared_value=Decimal(p.get("declared_value") or "0"),
        url=p.get("url") or "",
        unit=p.get("unit") or "dona",
        hs_code=p.get("hs_code") or "",
        model=p.get("model"),
        imei=p.get("imei"),
    )
    return form.model_copy(update={"products": [*form.products, product], "pending": {}})


async def ask_more(turn: IntlTurn, form: IntlForm) -> None:
    lines = [turn.l10n("intl-products-so-far", count=len(form.products))]
    lines.extend(
        f"{i}. {q(p.description)} — {p.quantity} {q(p.unit)}, {p.weight} kg"
        for i, p in enumerate(form.products, 1)
    )
    choices = [(turn.l10n("intl-add-product"), "more"), (turn.l10n("btn-done"), "done")]
    if len(form.products) >= MAX_PRODUCTS:
        choices = choices[1:]
    await turn.reply("\n".join(lines), choice_keyboard(turn.l10n, turn.step.name, choices, back=False))


def pick_more(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm | Goto[IntlForm]:
    if value == "more" and len(form.products) < MAX_PRODUCTS:
        return Goto("p_desc", form.model_copy(update={"pending": {}}))
    if not form.products:
        raise Invalid("intl-need-product")
    return form
