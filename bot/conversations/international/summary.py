"""The summary card, "change a field", Confirm (once) and Cancel."""

from __future__ import annotations

from typing import cast

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import BusyCb, Nav, NavCb
from bot.conversation import Conversation
from bot.conversations.international.form import IntlForm, IntlTurn, intl_service
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, main_menu, nav_row
from bot.keyboards.orders import add_barcode_keyboard
from bot.render import q, validation_text
from services.common.errors import ValidationFailed
from services.international import InternationalService, IntlDraft, ParcelView
from services.orders import CreateInProgress, CreateUnsure
from services.users import UserProfile


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


def fields_keyboard(conv: Conversation[IntlForm], l10n: Localizer, form: IntlForm) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for step in conv.changeable(form):
        builder.button(text=l10n(f"intl-step-{step.name}"), callback_data=BusyCb(action="ifld", a=step.name))
    adjust_to_fit(builder)
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
    service = intl_service(turn)
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
    await turn.reply.update(progress, *created_message(turn.l10n, view))
    profile = cast(UserProfile | None, turn.deps.get("profile"))
    await turn.reply(
        turn.l10n("menu-title"), main_menu(turn.l10n, seller=bool(profile and profile.is_seller))
    )


def created_message(l10n: Localizer, view: ParcelView) -> tuple[str, InlineKeyboardMarkup | None]:
    """The parcel as created: its BTS barcode, or that it waits for one (seed 001's answer
    carries none) with the button to add it from the label."""
    created = l10n(
        "intl-created",
        number=q(view.parcel_number),
        passport=q(view.passport_masked),
        pinfl=q(view.pinfl_masked),
    )
    if view.barcode is not None:
        return f"{created}\n{l10n('intl-created-barcode', barcode=q(view.barcode))}", None
    markup = add_barcode_keyboard(l10n, view.order_id) if view.order_id is not None else None
    return f"{created}\n\n{l10n('intl-awaiting-barcode')}", markup


async def say_cancelled(turn: IntlTurn) -> None:
    await turn.state.clear()
    profile = cast(UserProfile | None, turn.deps.get("profile"))
    await turn.reply(turn.l10n("cancelled"), main_menu(turn.l10n, seller=bool(profile and profile.is_seller)))
