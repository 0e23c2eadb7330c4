"""The new order's router: the conversation's generic handlers (``bot.conversations.new_order``),
the summary card's buttons (also after a menu detour) and "continue the draft or start over"."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.callbacks import PickCb, SummaryAction, SummaryCb
from bot.conversations.new_order.entry import (
    RESUME,
    confirm_after_detour,
    resume_new_order,
    shows_newest_summary,
)
from bot.conversations.new_order.summary import summary_action
from bot.conversations.new_order.table import NEW_ORDER
from bot.reply import Reply
from bot.states import NewOrder


async def press_summary(
    query: CallbackQuery, callback_data: SummaryCb, state: FSMContext, reply: Reply, **deps: Any
) -> None:
    await summary_action(NEW_ORDER, callback_data, state, reply, deps)


async def press_summary_later(
    query: CallbackQuery, callback_data: SummaryCb, state: FSMContext, reply: Reply, **deps: Any
) -> None:
    await confirm_after_detour(reply, state, deps, callback_data)


async def press_resume(
    query: CallbackQuery, callback_data: PickCb, state: FSMContext, reply: Reply, **deps: Any
) -> None:
    await resume_new_order(reply, state, deps, callback_data.value)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(
        press_summary, SummaryCb.filter(), StateFilter(NewOrder.summary, NewOrder.unsure)
    )
    router.callback_query.register(
        press_summary_later,
        SummaryCb.filter(F.action.in_({SummaryAction.CONFIRM, SummaryAction.SAVE})),
        shows_newest_summary,
    )
    router.callback_query.register(press_resume, PickCb.filter(F.step == RESUME))
    router.include_router(NEW_ORDER.router())
    return router
