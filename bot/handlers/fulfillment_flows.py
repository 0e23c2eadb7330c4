"""The fulfillment conversations (``bot.conversations.fulfillment``): started from the hub's and
the lists' "new" buttons, walked by their generic routers, ended by the summary's confirm (sent
once) or change."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SummaryAction, SummaryCb
from bot.conversation import Conversation, Turn
from bot.conversations.fulfillment import engine
from bot.conversations.fulfillment.callbacks import FfCb
from bot.conversations.fulfillment.cards import connect_keyboard
from bot.conversations.fulfillment.flows import ALL
from bot.filters import StatePrefix
from bot.i18n import Localizer
from bot.render import error_text
from bot.reply import Reply
from services.common.errors import OutcomeUnknown, UpstreamError
from services.errors import DomainError
from services.fulfillment.accounts import WmsAccountService
from services.fulfillment.errors import OrderCreateUnsure

logger = logging.getLogger(__name__)

# The hub's and the lists' "new" buttons → the flow they start.
NEW = {"new_product": "pr", "new_purveyor": "pv", "new_receiving": "rc", "new_order": "or"}


async def flow_start(
    query: CallbackQuery,
    callback_data: FfCb,
    state: FSMContext,
    reply: Reply,
    l10n: Localizer,
    wms_accounts: WmsAccountService,
    **data: Any,
) -> None:
    if await wms_accounts.find(reply.user_id) is None:
        await reply(l10n("ff-hub-not-connected"), connect_keyboard(l10n))
        return
    flow = engine.FLOWS[NEW[callback_data.action]]
    conv = engine.CONVERSATIONS[flow.name]
    reply.expect(None)  # the title takes the main menu away (each step shows its own keyboard)
    await reply(l10n(flow.title))
    deps = {**data, "wms_accounts": wms_accounts, "l10n": l10n}
    await conv.start(conv.turn(reply, state, deps, conv.steps[0]), engine.FfDraft())


async def press_summary(
    query: CallbackQuery,
    callback_data: SummaryCb,
    state: FSMContext,
    reply: Reply,
    raw_state: str | None,
    **data: Any,
) -> None:
    flow = engine.flow_of_state(raw_state)
    if flow is None or reply.message is None:
        reply.stale()
        return
    conv = engine.CONVERSATIONS[flow.name]
    turn = conv.turn(reply, state, {**data, "raw_state": raw_state}, conv.by_name[engine.SUMMARY])
    draft = await turn.draft()
    if callback_data.action is SummaryAction.CHANGE and callback_data.field in conv.by_name:
        await conv.change(turn, callback_data.field, draft)
    elif callback_data.action is SummaryAction.CONFIRM:
        await _finish(turn, conv, flow, draft)
    else:
        reply.stale()


async def _finish(
    turn: Turn[engine.FfDraft], conv: Conversation[engine.FfDraft], flow: engine.Flow, draft: engine.FfDraft
) -> None:
    """Send what the summary shows, once; failures keep the draft and return to the summary."""
    await turn.state.set_state(engine.SENDING)  # a second press of confirm is now stale
    try:
        await flow.finish(turn.reply, engine.ctx_of(turn, draft))
    except (OrderCreateUnsure, OutcomeUnknown):
        await turn.state.set_state(None)
        await turn.state.set_data({})
        key = "ff-order-unsure" if flow.name == "or" else "ff-create-unsure"
        await turn.reply(turn.l10n(key), turn.menu())
        return
    except (UpstreamError, DomainError) as exc:
        logger.info("fulfillment %s: create refused or failed: %r", flow.name, exc)
        await turn.reply("⚠️ " + error_text(exc, turn.l10n))
        await conv.go(turn, engine.SUMMARY, draft)
        return
    await turn.state.set_state(None)
    await turn.state.set_data({})
    await turn.reply(turn.l10n("menu-title"), turn.menu())


async def while_sending(message: Message, reply: Reply, l10n: Localizer) -> None:
    await reply(l10n("ff-use-buttons"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(flow_start, FfCb.filter(F.action.in_(set(NEW))))
    router.callback_query.register(press_summary, SummaryCb.filter(), StateFilter(*engine.summary_states()))
    router.message.register(while_sending, StatePrefix(engine.SENDING))
    for flow in ALL:
        router.include_router(engine.CONVERSATIONS[flow.name].router())
    return router
