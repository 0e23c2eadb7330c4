"""The price screen's router: the conversation (``bot.conversations.price``) and the buttons under
its result that start a new order prefilled with the chosen way."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.callbacks import PickCb
from bot.conversations.new_order.entry import start_new_order
from bot.conversations.price import MAKE, PRICE, prefilled_steps, priced_draft
from bot.reply import Reply


async def price_to_order(
    query: CallbackQuery, callback_data: PickCb, state: FSMContext, reply: Reply, **deps: Any
) -> None:
    draft = await priced_draft(state, callback_data.value)
    if draft is None:
        reply.stale()
        return
    await start_new_order(reply, state, deps, draft, prefilled=prefilled_steps(draft))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(price_to_order, PickCb.filter(F.step == MAKE))
    router.include_router(PRICE.router())
    return router
