"""The international parcel (seed 001 ``international/add``) as a table of steps on the engine.

Passport series and number and the PINFL never sit in the conversation's storage in clear: each
is sealed (encrypted by ``InternationalService.seal``) as soon as it is typed, the typed message
is deleted, and the chat shows it masked. Products are a loop: the product steps, then "another
product?". The summary confirms once (``InternationalService.create`` writes a reference first).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import BaseModel, Field

from bot.callbacks import BusyCb, Nav, NavCb
from bot.conversation import Conversation, Goto, Invalid, Step, Turn, choose, question, yes_no
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard, main_menu, nav_row
from bot.render import q, validation_text
from bot.reply import Reply
from services.branches import BranchDirectory
from services.common.errors import ValidationFailed
from services.international import (
    CURRENCIES,
    UNITS,
    InternationalService,
    IntlDraft,
    IntlProduct,
    InvalidPinfl,
    check_hs_code,
    check_passport,
    check_pinfl,
    mask,
)
from services.orders import CreateInProgress, CreateUnsure
from services.parsing import InvalidInput, Range, parse_decimal, parse_phone, tagged_id
from services.users import UserProfile

PARCEL_WEIGHT = Range(Decimal("0.01"), Decimal("1000"), 3)
MONEY = Range(Decimal("0"), Decimal("1000000000"), 2)
QUANTITY = Range(Decimal("0.001"), Decimal("100000"), 3)
_PARCEL_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/]{0,63}$")
_URL = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_IMEI = re.compile(r"^\d{14,16}$")
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


def _intl(turn: Turn[Any]) -> InternationalService:
    return cast(InternationalService, turn.deps["international"])


def _branches(turn: Turn[Any]) -> BranchDirectory:
    return cast(BranchDirectory, turn.deps["branches"])


def _text(text: str, kind: str, limit: int = 255) -> str:
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > limit or any(ch < " " for ch in cleaned):
        raise Invalid(f"intl-invalid-{kind}")
    return cleaned


def _set(field: str, kind: str, limit: int = 255) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        return form.model_copy(update={field: _text(text, kind, limit)})

    return handle


def _pending(field: str, kind: str, limit: int = 500) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        return form.model_copy(update={"pending": {**form.pending, field: _text(text, kind, limit)}})

    return handle


def _pending_number(field: str, bounds: Range, kind: str) -> Any:
    def handle(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
        try:
            value = parse_decimal(text, bounds, kind)
        except InvalidInput:
            raise Invalid(f"intl-invalid-{kind}") from None
        return form.model_copy(update={"pending": {**form.pending, field: str(value)}})

    return handle


# --- steps ---------------------------------------------------------------------------------------


def set_parcel_number(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    number = text.strip()
    if not _PARCEL_NUMBER.match(number):
        raise Invalid("intl-invalid-parcel-number")
    return form.model_copy(update={"parcel_number": number})


async def set_passport(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    await turn.reply.delete_typed()  # personal data: not left in the chat
    compact = re.sub(r"\s", "", text).upper()
    try:
        series, number = check_passport(compact[:2], compact[2:])
    except ValueError:
        raise Invalid("intl-invalid-passport") from None
    sealed = _intl(turn).seal({"series": series, "number": number})
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
    sealed = _intl(turn).seal({"pinfl": pinfl})
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
    directory = _branches(turn)
    await directory.ensure_fresh(turn.user_id)
    found = directory.search_cities(text, limit=8)
    if not found:
        raise Invalid("intl-city-not-found")
    choices = [(c.name, f"c{c.id}") for c in found]
    await turn.reply(turn.l10n("intl-city-pick"), choice_keyboard(turn.l10n, turn.step.name, choices))
    return None


def pick_city(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    city_id = tagged_id(value, "c")
    city = _branches(turn).city(city_id) if city_id else None
    if city is None:
        raise Invalid("intl-city-not-found")
    return form.model_copy(update={"city_id": city.id, "city_name": city.name, "branch_id": None})


async def ask_branch(turn: IntlTurn, form: IntlForm) -> None:
    found = _branches(turn).branches_in_city(form.city_id or 0)
    if not found:
        await turn.reply(turn.l10n("intl-no-branches"), turn.nav())
        return
    choices = [(b.name, f"b{b.id}") for b in found[:20]]
    await turn.reply(turn.l10n("intl-ask-branch"), choice_keyboard(turn.l10n, turn.step.name, choices))


def pick_branch(turn: IntlTurn, value: str, form: IntlForm) -> IntlForm:
    branch_id = tagged_id(value, "b")
    branch = _branches(turn).branch(branch_id) if branch_id else None
    if branch is None or branch.city_id != form.city_id:
        raise Invalid("intl-invalid-branch")
    return form.model_copy(update={"branch_id": branch.id, "branch_name": branch.name})


def set_url(turn: IntlTurn, text: str, form: IntlForm) -> IntlForm:
    url = text.strip()
    if not _URL.match(url) or len(url) > 500:
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
    if not _IMEI.match(imei):
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


# --- the summary ---------------------------------------------------------------------------------


def summary_text(l10n: Localizer, form: IntlForm) -> str:
    delivery = (
        l10n("intl-summary-branch", city=q(form.city_name or "—"), branch=q(form.branch_name or "—"))
        if form.delivery == 0
        else l10n("intl-summary-door", city=q(form.city_name or "—"), address=q(form.address or "—"))
    )
    lines = [
        l10n("intl-summary-title", number=q(form.parcel_number or "—")),
        l10n(
            "intl-summary-receiver",
            name=q(" ".join(p for p in (form.surname, form.first_name, form.patronymic) if p)),
            phone=q(form.phone or "—"),
        ),
        l10n(
            "intl-summary-documents",
            passport=q(form.masks.get("passport", "—")),
            pinfl=q(form.masks.get("pinfl", "—")),
        ),
        delivery,
        l10n(
            "intl-summary-parcel",
            weight=l10n.weight(form.weight),
            value=q(f"{form.value if form.value is not None else '—'} {form.currency or ''}".strip()),
        ),
        l10n("intl-summary-customs-yes" if form.customs_agree else "intl-summary-customs-no"),
        l10n("intl-summary-products", count=len(form.products)),
    ]
    lines.extend(
        f"  • {q(p.description)} / {q(p.description_ru)} × {p.quantity} {q(p.unit)}" for p in form.products
    )
    return "\n".join(lines)


def summary_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("btn-confirm"), callback_data=BusyCb(action="iok"))
    builder.button(text=l10n("btn-change"), callback_data=BusyCb(action="ichg"))
    builder.button(text=l10n("btn-cancel"), callback_data=NavCb(action=Nav.CANCEL, step="summary"))
    builder.adjust(1)
    return builder.as_markup()


def fields_keyboard(l10n: Localizer, form: IntlForm) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for step in INTERNATIONAL.changeable(form):
        builder.button(text=l10n(f"intl-step-{step.name}"), callback_data=BusyCb(action="ifld", a=step.name))
    builder.adjust(2)
    builder.row(*nav_row(l10n, "summary", back=False))
    return builder.as_markup()


async def ask_summary(turn: IntlTurn, form: IntlForm) -> None:
    await turn.reply(summary_text(turn.l10n, form), summary_keyboard(turn.l10n))


def to_draft(service: InternationalService, form: IntlForm) -> IntlDraft:
    passport = service.unseal(form.sealed["passport"]) if "passport" in form.sealed else {}
    pinfl = service.unseal(form.sealed["pinfl"]) if "pinfl" in form.sealed else {}
    return IntlDraft(
        parcel_number=form.parcel_number,
        surname=form.surname,
        first_name=form.first_name,
        patronymic=form.patronymic,
        passport_series=passport.get("series"),
        passport_number=passport.get("number"),
        pinfl=pinfl.get("pinfl"),
        phone=form.phone,
        phone2=form.phone2,
        address=form.address,
        customs_agree=form.customs_agree,
        weight=form.weight,
        value=form.value,
        currency=form.currency,
        delivery=1 if form.delivery == 1 else 0,
        city_id=form.city_id,
        city_name=form.city_name,
        branch_id=form.branch_id,
        branch_name=form.branch_name,
        products=form.products,
    )


async def confirm(turn: IntlTurn) -> None:
    form = await turn.draft()
    service = _intl(turn)
    draft = to_draft(service, form)
    missing = draft.missing()
    if missing:
        await turn.reply(turn.l10n("intl-incomplete"), summary_keyboard(turn.l10n))
        return
    progress = await turn.reply(turn.l10n("intl-creating"))
    try:
        async with turn.reply.typing():
            view = await service.create(turn.user_id, draft)
    except CreateUnsure:
        await turn.reply.update(progress, turn.l10n("intl-create-unsure"))
        return
    except CreateInProgress:
        turn.reply.toast(turn.l10n("intl-create-in-progress"))
        return
    except ValidationFailed as exc:
        await turn.reply.update(
            progress, validation_text(turn.l10n, exc.field_errors), summary_keyboard(turn.l10n)
        )
        return
    await turn.state.clear()
    await turn.reply.update(
        progress,
        turn.l10n(
            "intl-created",
            number=q(view.parcel_number),
            barcode=q(view.barcode or view.parcel_number),
            passport=q(view.passport_masked),
            pinfl=q(view.pinfl_masked),
        ),
    )
    profile = cast(UserProfile | None, turn.deps.get("profile"))
    await turn.reply(
        turn.l10n("menu-title"), main_menu(turn.l10n, seller=bool(profile and profile.is_seller))
    )


async def say_cancelled(turn: IntlTurn) -> None:
    await turn.state.clear()
    profile = cast(UserProfile | None, turn.deps.get("profile"))
    await turn.reply(turn.l10n("cancelled"), main_menu(turn.l10n, seller=bool(profile and profile.is_seller)))


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
            text=_set("surname", "name", 100),
            changeable=True,
            fields=("ReceiverSurname",),
        ),
        Step(
            Intl.first_name,
            question("intl-ask-first-name"),
            text=_set("first_name", "name", 100),
            changeable=True,
            fields=("ReceiverFirstName",),
        ),
        Step(
            Intl.patronymic,
            question("intl-ask-patronymic"),
            text=_set("patronymic", "name", 100),
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
            text=_set("address", "address"),
            applies=_door,
            changeable=True,
            fields=("ReceiverAddress",),
        ),
        Step(Intl.p_desc, question("intl-ask-p-desc"), text=_pending("description", "text")),
        Step(Intl.p_desc_ru, question("intl-ask-p-desc-ru"), text=_pending("description_ru", "text")),
        Step(Intl.p_qty, question("intl-ask-p-qty"), text=_pending_number("quantity", QUANTITY, "quantity")),
        Step(
            Intl.p_weight,
            question("intl-ask-p-weight"),
            text=_pending_number("weight", PARCEL_WEIGHT, "weight"),
        ),
        Step(
            Intl.p_value, question("intl-ask-p-value"), text=_pending_number("declared_value", MONEY, "money")
        ),
        Step(Intl.p_url, question("intl-ask-p-url"), text=set_url),
        Step(Intl.p_unit, choose("intl-ask-p-unit", units, columns=4), pick=pick_unit),
        Step(Intl.p_hs, question("intl-ask-p-hs"), text=set_hs),
        Step(
            Intl.p_model, question("intl-ask-p-model"), text=_pending("model", "text", 100), skip=skip_model
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
