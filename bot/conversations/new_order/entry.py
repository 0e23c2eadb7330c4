"""Ways into the new order, used by the menu, the price screen and the order card (no router)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiogram.fsm.context import FSMContext

from bot.conversation import DRAFT, EDITING, LAST, SKIP, Turn
from bot.conversations.new_order.summary import EDIT_ID, fields_keyboard
from bot.conversations.new_order.table import NEW_ORDER
from bot.keyboards.common import choice_keyboard
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
    last = str((await turn.data()).get(LAST) or "")
    step = last if last in NEW_ORDER.by_name else (draft.first_missing() or "summary")
    await NEW_ORDER.go(turn, step, draft)


async def open_summary(reply: Reply, state: FSMContext, deps: Mapping[str, Any], draft: OrderDraft) -> None:
    """The summary of a ready draft (repeat an order)."""
    turn = _turn(reply, state, deps)
    turn.reset(**{EDITING: False, SKIP: []})
    await NEW_ORDER.go(turn, "summary", draft)


async def open_edit(reply: Reply, state: FSMContext, order_id: int, draft: OrderDraft) -> None:
    """Edit an existing order: pick a field, change it, see the new price on the summary, save."""
    await state.set_data({DRAFT: draft.model_dump(mode="json"), EDITING: False, SKIP: [], EDIT_ID: order_id})
    await state.set_state(NewOrder.summary)
    await reply(reply.l10n("order-edit-choose-field"), fields_keyboard(NEW_ORDER, reply.l10n, draft))
