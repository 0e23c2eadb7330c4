"""Ways into the new order, used by the menu, the price screen and the order card (no router)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SummaryCb
from bot.conversation import DRAFT, EDITING, LAST, SKIP, Turn
from bot.conversations.new_order.summary import EDIT_ID, SHOWN, fields_keyboard, summary_action
from bot.conversations.new_order.table import NEW_ORDER
from bot.keyboards.common import choice_keyboard, main_menu
from bot.reply import Reply
from bot.states import NewOrder
from services.drafts import OrderDraft

RESUME = "resume"


def _turn(reply: Reply, state: FSMContext, deps: Mapping[str, Any]) -> Turn[OrderDraft]:
    return NEW_ORDER.turn(reply, state, dict(deps), NEW_ORDER.steps[0])


async def start_new_order(
    reply: Reply,
    state: FSMContext,
    deps: Mapping[str, Any],
    draft: OrderDraft | None = None,
    *,
    prefilled: Sequence[str] = (),
) -> None:
    """A fresh new order (or one prefilled by the price screen, its answered steps skipped)."""
    await NEW_ORDER.begin(reply, state, deps, draft or OrderDraft(), prefilled=prefilled)


async def offer_new_order(reply: Reply, state: FSMContext, deps: Mapping[str, Any]) -> None:
    """The menu's "New order": continue a draft in progress, or start one."""
    raw = (await state.get_data()).get(DRAFT)
    if isinstance(raw, dict) and OrderDraft.model_validate(raw).has_progress:
        l10n = reply.l10n
        choices = [(l10n("btn-continue-draft"), "continue"), (l10n("btn-start-over"), "over")]
        await reply(l10n("order-draft-found"), choice_keyboard(l10n, RESUME, choices, back=False))
        return
    await start_new_order(reply, state, deps)


async def resume_new_order(reply: Reply, state: FSMContext, deps: Mapping[str, Any], choice: str) -> None:
    turn = _turn(reply, state, deps)
    draft = await turn.draft()
    if choice != "continue" or not draft.has_progress:
        await start_new_order(reply, state, deps)
        return
    await _back_to_draft(turn, draft)


async def _back_to_draft(turn: Turn[OrderDraft], draft: OrderDraft) -> None:
    """The step the seller left the draft on (else the first one missing, else the summary)."""
    last = str((await turn.data()).get(LAST) or "")
    step = last if last in NEW_ORDER.by_name else (draft.first_missing() or "summary")
    await NEW_ORDER.go(turn, step, draft)


def _seller(deps: Mapping[str, Any]) -> bool:
    return bool(getattr(deps.get("profile"), "is_seller", False))


async def resume_draft(reply: Reply, state: FSMContext, deps: Mapping[str, Any]) -> None:
    """/resume: back to the unfinished order (or say there is none)."""
    data = await state.get_data()
    raw = data.get(DRAFT)
    in_order = deps.get("raw_state") in NEW_ORDER.by_state
    if in_order or (isinstance(raw, dict) and OrderDraft.model_validate(raw).has_progress):
        await resume_new_order(reply, state, deps, "continue")
        return
    await state.set_state(None)
    await reply(reply.l10n("order-resume-none"), main_menu(reply.l10n, seller=_seller(deps)))


async def note_detour(reply: Reply, state: FSMContext, raw_state: str | None, *, seller: bool) -> None:
    """A main-menu button pressed in the middle of a new order leaves it, the draft stays: say
    how to come back. The message brings the main menu back (the order's steps took it away)."""
    step = NEW_ORDER.by_state.get(raw_state or "")
    if step is None or step.state == NewOrder.unsure:
        return
    data = await state.get_data()
    raw = data.get(DRAFT)
    if not isinstance(raw, dict) or not OrderDraft.model_validate(raw).has_progress:
        return
    key = "order-edit-detour-saved" if data.get(EDIT_ID) else "order-detour-saved"
    await reply(reply.l10n(key), main_menu(reply.l10n, seller=seller))


async def shows_newest_summary(query: CallbackQuery, state: FSMContext, raw_state: str | None) -> bool:
    """Filter: a button of the newest summary card, pressed after the seller left the order."""
    if raw_state in NEW_ORDER.by_state or not isinstance(query.message, Message):
        return False  # inside the order the summary's own handler (or "stale") answers
    shown = (await state.get_data()).get(SHOWN)
    return isinstance(shown, list) and len(shown) == 2 and shown[0] == query.message.message_id


async def confirm_after_detour(
    reply: Reply, state: FSMContext, deps: Mapping[str, Any], data: SummaryCb
) -> None:
    """Confirm (or Save) on the newest summary card after a menu detour: the stored draft goes
    ahead when it is still the one the card shows; else the seller sees where the order is now.
    A create is never sent twice: a created order's draft is gone (the button is then stale)
    and the service creates one reference once."""
    turn = _turn(reply, state, deps)
    draft = await turn.draft()
    shown = (await turn.data()).get(SHOWN) or [None, None]
    if draft.fingerprint() != shown[1] or draft.first_missing() is not None:
        await reply(reply.l10n("order-summary-changed"))
        await _back_to_draft(turn, draft)
        return
    await state.set_state(NewOrder.summary)
    await summary_action(NEW_ORDER, data, state, reply, dict(deps))


async def open_summary(reply: Reply, state: FSMContext, deps: Mapping[str, Any], draft: OrderDraft) -> None:
    """The summary of a ready draft (repeat an order)."""
    turn = _turn(reply, state, deps)
    turn.reset(**{EDITING: False, SKIP: []})
    await NEW_ORDER.go(turn, "summary", draft)


async def open_edit(reply: Reply, state: FSMContext, order_id: int, draft: OrderDraft) -> None:
    """Edit an existing order: pick a field, change it, see the new price on the summary, save."""
    await state.set_data({DRAFT: draft.model_dump(mode="json"), EDITING: False, SKIP: [], EDIT_ID: order_id})
    await state.set_state(NewOrder.summary)
    reply.expect(None, lead=reply.l10n("order-edit-opening"))  # the main menu goes while editing
    await reply(reply.l10n("order-edit-choose-field"), fields_keyboard(NEW_ORDER, reply.l10n, draft))
