"""The summary card (live price), its buttons, Confirm (create once) and Save (an edited order)."""

from __future__ import annotations

from decimal import Decimal

from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Nav, NavCb, SummaryAction, SummaryCb
from bot.conversation import Conversation, Turn
from bot.conversations.new_order.deps import OrderTurn, branches, orders, profile
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, main_menu, nav_row
from bot.keyboards.orders import card_keyboard
from bot.render import (
    error_text,
    field_label,
    label_caption,
    order_card_text,
    order_result_text,
    summary_text,
    validation_text,
)
from bot.reply import Reply
from bot.states import NewOrder
from services.common.errors import RateLimited, Unavailable, ValidationFailed
from services.drafts import OrderDraft
from services.orders import CreateUnsure

EDIT_ID = "edit_order_id"  # set when the draft is an existing order being edited
# The newest summary card: [its message id, the fingerprint of the draft it shows]. Its Confirm
# still works after the seller left the order for a menu button (``entry.confirm_after_detour``).
SHOWN = "summary_shown"


def summary_keyboard(l10n: Localizer, *, edit: bool = False) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if edit:
        builder.button(text=l10n("btn-save-changes"), callback_data=SummaryCb(action=SummaryAction.SAVE))
    else:
        builder.button(text=l10n("btn-confirm"), callback_data=SummaryCb(action=SummaryAction.CONFIRM))
    builder.button(text=l10n("btn-change"), callback_data=SummaryCb(action=SummaryAction.CHANGE))
    builder.button(text=l10n("btn-cancel"), callback_data=NavCb(action=Nav.CANCEL, step="summary"))
    builder.adjust(1)
    return builder.as_markup()


def fields_keyboard(
    conv: Conversation[OrderDraft], l10n: Localizer, draft: OrderDraft
) -> InlineKeyboardMarkup:
    """One button per step the summary lets the seller change (those that apply to the draft)."""
    builder = InlineKeyboardBuilder()
    for step in conv.changeable(draft):
        builder.button(
            text=l10n(f"step-{step.name}"),
            callback_data=SummaryCb(action=SummaryAction.FIELD, field=step.name),
        )
    adjust_to_fit(builder)
    builder.row(*nav_row(l10n, "summary", back=False))
    return builder.as_markup()


def fix_keyboard(
    conv: Conversation[OrderDraft], l10n: Localizer, errors: dict[str, list[str]]
) -> InlineKeyboardMarkup:
    """A "fix" button for each upstream field error that one of our steps can fix."""
    builder = InlineKeyboardBuilder()
    for field in errors:
        if step := conv.fields.get(field):
            builder.button(
                text=l10n("error-fix-field", field=field_label(l10n, field)),
                callback_data=SummaryCb(action=SummaryAction.FIELD, field=step),
            )
    builder.adjust(1)
    return builder.as_markup()


async def ask_summary(turn: OrderTurn, draft: OrderDraft) -> None:
    price: Decimal | None = None
    price_error: str | None = None
    try:
        async with turn.reply.typing():
            price = await orders(turn).quote(turn.user_id, draft)
    except ValidationFailed as exc:
        price_error = validation_text(turn.l10n, exc.field_errors) if exc.field_errors else exc.message
    except Exception as exc:  # the summary is still useful without a price
        price_error = error_text(exc, turn.l10n)
    draft = draft.model_copy(update={"quote": price})
    edit = bool((await turn.data()).get(EDIT_ID))
    title = "summary-edit-title" if edit else "summary-title"
    text = summary_text(
        turn.l10n, draft, branches(turn), price=price, price_error=price_error, title_key=title
    )
    card = await turn.reply(text, summary_keyboard(turn.l10n, edit=edit))
    await turn.save(draft, **{SHOWN: [card.message_id, draft.fingerprint()]})


async def cancel(turn: OrderTurn) -> None:
    editing = (await turn.data()).get(EDIT_ID)
    await turn.state.clear()
    key = "order-edit-cancelled" if editing else "order-cancelled"
    await turn.reply(turn.l10n(key), main_menu(turn.l10n, seller=profile(turn).is_seller))


async def _refused(turn: OrderTurn, progress: Message, exc: ValidationFailed) -> None:
    """BTS refused fields: say which, with a button to each step that fixes one."""
    if not exc.field_errors:
        raise exc
    text = validation_text(turn.l10n, exc.field_errors)
    await turn.reply.update(progress, text, fix_keyboard(turn.conv, turn.l10n, exc.field_errors))


async def confirm(turn: OrderTurn, draft: OrderDraft) -> None:
    l10n, reply = turn.l10n, turn.reply
    progress = await reply(l10n("order-creating"))
    try:
        async with reply.typing():
            created = await orders(turn).create(turn.user_id, draft)
    except CreateUnsure:
        await turn.state.set_state(NewOrder.unsure)
        builder = InlineKeyboardBuilder()
        builder.button(text=l10n("btn-resend"), callback_data=SummaryCb(action=SummaryAction.RESEND))
        builder.button(text=l10n("btn-menu"), callback_data=NavCb(action=Nav.MENU, step="any"))
        builder.adjust(1)
        await reply.update(progress, l10n("order-create-unsure"), builder.as_markup())
        return
    except ValidationFailed as exc:
        await _refused(turn, progress, exc)
        return
    except (Unavailable, RateLimited) as exc:  # not created: the draft stays, Confirm may be pressed again
        await reply.update(progress, error_text(exc, l10n), summary_keyboard(l10n))
        return
    await turn.state.clear()
    await reply.update(progress, order_result_text(l10n, created.order), disable_web_page_preview=True)
    if created.label:
        name = f"label-{created.order.barcode or created.order.id}.pdf"
        await reply.document(
            BufferedInputFile(created.label, filename=name), label_caption(l10n, created.order)
        )
    await reply(l10n("menu-title"), main_menu(l10n, seller=profile(turn).is_seller))


async def save_edit(turn: OrderTurn, order_id: int, draft: OrderDraft) -> None:
    l10n, reply = turn.l10n, turn.reply
    progress = await reply(l10n("order-saving"))
    try:
        async with reply.typing():
            order = await orders(turn).edit(turn.user_id, order_id, draft)
    except ValidationFailed as exc:
        await _refused(turn, progress, exc)
        return
    await turn.state.clear()
    await reply.update(progress, l10n("order-edit-saved"))
    card = order_card_text(l10n, order, directory=branches(turn))
    await reply(card, card_keyboard(l10n, order), disable_web_page_preview=True)
    await reply(l10n("menu-title"), main_menu(l10n, seller=profile(turn).is_seller))


async def summary_action(
    conv: Conversation[OrderDraft], data: SummaryCb, state: FSMContext, reply: Reply, deps: dict[str, object]
) -> None:
    """A button of the summary card (or of its "change a field" and "fix" keyboards)."""
    current = await conv.current(state)
    if current is None or reply.message is None:
        reply.stale()
        return
    turn: Turn[OrderDraft] = conv.turn(reply, state, dict(deps), current)
    draft = await turn.draft()
    match data.action:
        case SummaryAction.CONFIRM:
            await confirm(turn, draft)
        case SummaryAction.RESEND:
            await orders(turn).forget_unsure(turn.user_id, draft.reference)
            await state.set_state(NewOrder.summary)
            await confirm(turn, draft)
        case SummaryAction.CHANGE:
            await reply(turn.l10n("order-choose-field"), fields_keyboard(conv, turn.l10n, draft))
        case SummaryAction.SAVE:
            order_id = (await turn.data()).get(EDIT_ID)
            if not isinstance(order_id, int):
                reply.stale()
                return
            await save_edit(turn, order_id, draft)
        case SummaryAction.FIELD if data.field in conv.by_name:
            await conv.change(turn, data.field, draft)
        case _:
            reply.stale()
