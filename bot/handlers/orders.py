"""My orders: list with filters and search, the order card and its actions, edit and cancel."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender

from bot.callbacks import CancelOrderCb, OrderAction, OrderCb, OrderFilter, OrdersCb, SearchCb
from bot.conversations.new_order.entry import open_edit, open_summary
from bot.i18n import Localizer
from bot.keyboards.common import nav_keyboard
from bot.keyboards.orders import cancel_confirm_keyboard, card_keyboard, orders_keyboard
from bot.render import clip, order_card_text, q, status_name, timeline_lines
from bot.reply import Reply
from bot.states import OrderSearch
from services.orders import PAGE_SIZE, OrderFilterKind, OrderService
from services.users import UserProfile

router = Router(name=__name__)

FILTER_KIND = {
    OrderFilter.ALL: OrderFilterKind.ALL,
    OrderFilter.ACTIVE: OrderFilterKind.ACTIVE,
    OrderFilter.DELIVERED: OrderFilterKind.DELIVERED,
    OrderFilter.CANCELLED: OrderFilterKind.CANCELLED,
}
QUERY = "orders_query"


async def render_list(
    l10n: Localizer, orders: OrderService, user_id: int, kind: OrderFilter, page: int, query: str | None
) -> tuple[str, InlineKeyboardMarkup]:
    result = await orders.list_orders(user_id, FILTER_KIND[kind], page=page, query=query)
    if query:
        title = l10n("orders-search-title", query=q(query), total=result.total)
    else:
        title = l10n("orders-title", total=result.total)
    if not result.items:
        title += "\n\n" + l10n("orders-empty")
    return title, orders_keyboard(l10n, result.items, kind, page, result.total, PAGE_SIZE)


async def show_orders(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, orders: OrderService
) -> None:
    if not profile.is_seller:
        await message.answer(l10n("login-required"))
        return
    await state.update_data({QUERY: None})
    text, markup = await render_list(l10n, orders, profile.id, OrderFilter.ALL, 0, None)
    await message.answer(text, reply_markup=markup)


@router.callback_query(OrdersCb.filter())
async def list_page(
    query: CallbackQuery, callback_data: OrdersCb, state: FSMContext, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    search = (await state.get_data()).get(QUERY)
    text, markup = await render_list(
        l10n, orders, query.from_user.id, callback_data.kind, max(0, callback_data.page), search
    )
    with contextlib.suppress(TelegramBadRequest):  # "message is not modified" on a repeated tap
        await query.message.edit_text(text, reply_markup=markup)


@router.callback_query(SearchCb.filter())
async def start_search(query: CallbackQuery, state: FSMContext, l10n: Localizer) -> None:
    if not isinstance(query.message, Message):
        return
    await state.set_state(OrderSearch.query)
    await query.message.answer(
        l10n("orders-search-ask"), reply_markup=nav_keyboard(l10n, "search", back=False)
    )


@router.message(OrderSearch.query, F.text)
async def do_search(message: Message, state: FSMContext, l10n: Localizer, orders: OrderService) -> None:
    text = (message.text or "").strip()
    if not 2 <= len(text) <= 64:
        await message.answer(
            l10n("orders-search-invalid"), reply_markup=nav_keyboard(l10n, "search", back=False)
        )
        return
    await state.set_state(None)
    await state.update_data({QUERY: text})
    body, markup = await render_list(l10n, orders, message.chat.id, OrderFilter.ALL, 0, text)
    await message.answer(body, reply_markup=markup)


@router.message(OrderSearch.query)
async def search_expects_text(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("orders-search-invalid"), reply_markup=nav_keyboard(l10n, "search", back=False))


@router.callback_query(OrderCb.filter(F.action.in_({OrderAction.OPEN, OrderAction.REFRESH})))
async def open_card(
    query: CallbackQuery,
    callback_data: OrderCb,
    bot: Bot,
    l10n: Localizer,
    orders: OrderService,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    if callback_data.action is OrderAction.REFRESH:
        async with ChatActionSender.typing(bot=bot, chat_id=query.message.chat.id):
            order = await orders.refresh(query.from_user.id, callback_data.order_id)
        callback_answer.text = l10n("order-refreshed")
    else:
        order = await orders.get(query.from_user.id, callback_data.order_id)
    text, markup = order_card_text(l10n, order), card_keyboard(l10n, order)
    if callback_data.action is OrderAction.REFRESH:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_text(text, reply_markup=markup, disable_web_page_preview=True)
        return
    await query.message.answer(text, reply_markup=markup, disable_web_page_preview=True)


@router.callback_query(OrderCb.filter(F.action == OrderAction.HISTORY))
async def show_history(
    query: CallbackQuery, callback_data: OrderCb, bot: Bot, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    async with ChatActionSender.typing(bot=bot, chat_id=query.message.chat.id):
        events = await orders.history(query.from_user.id, callback_data.order_id)
    lines = [l10n("history-title", barcode=q(order.barcode or "—"))]
    lines.extend(timeline_lines(l10n, events))
    if not events:
        lines.append(l10n("history-empty"))
    await query.message.answer(clip("\n".join(lines)))


@router.callback_query(OrderCb.filter(F.action == OrderAction.LABEL))
async def send_label(
    query: CallbackQuery, callback_data: OrderCb, bot: Bot, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    async with ChatActionSender.upload_document(bot=bot, chat_id=query.message.chat.id):
        label = await orders.label(query.from_user.id, callback_data.order_id)
    if not label:
        await query.message.answer(l10n("label-missing"))
        return
    await query.message.answer_document(
        BufferedInputFile(label, filename=f"label-{order.barcode or order.id}.pdf"),
        caption=l10n("order-label-caption"),
    )


@router.callback_query(OrderCb.filter(F.action == OrderAction.SHARE))
async def share_tracking(
    query: CallbackQuery, callback_data: OrderCb, bot: Bot, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    me = await bot.me()
    link = f"https://t.me/{me.username}?start=track_{order.barcode}"
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=l10n("btn-track-parcel"), url=link)]]
    )
    await query.message.answer(
        l10n("share-card", barcode=q(order.barcode or "—"), link=q(link)),
        reply_markup=markup,
        disable_web_page_preview=True,
    )
    await query.message.answer(l10n("share-hint"))


@router.callback_query(OrderCb.filter(F.action == OrderAction.REPEAT))
async def repeat_order(
    query: CallbackQuery,
    callback_data: OrderCb,
    state: FSMContext,
    reply: Reply,
    orders: OrderService,
    **deps: Any,
) -> None:
    draft = await orders.draft_of(query.from_user.id, callback_data.order_id, fresh=True)
    await open_summary(reply, state, {**deps, "orders": orders}, draft)


@router.callback_query(OrderCb.filter(F.action == OrderAction.EDIT))
async def edit_order(
    query: CallbackQuery, callback_data: OrderCb, state: FSMContext, reply: Reply, orders: OrderService
) -> None:
    order = await orders.get(query.from_user.id, callback_data.order_id)
    if not order.can_change:
        await reply(reply.l10n("order-edit-refused"))
        return
    draft = await orders.draft_of(query.from_user.id, callback_data.order_id, fresh=False)
    await open_edit(reply, state, order.id, draft)


@router.callback_query(OrderCb.filter(F.action == OrderAction.CANCEL))
async def ask_cancel(
    query: CallbackQuery, callback_data: OrderCb, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    if not order.can_change:
        await query.message.answer(l10n("order-cancel-refused"))
        return
    await query.message.answer(
        l10n("order-cancel-confirm", barcode=q(order.barcode or "—")),
        reply_markup=cancel_confirm_keyboard(l10n, order.id),
    )


@router.callback_query(CancelOrderCb.filter())
async def do_cancel(
    query: CallbackQuery, callback_data: CancelOrderCb, bot: Bot, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    if not callback_data.confirm:
        order = await orders.get(query.from_user.id, callback_data.order_id)
        await query.message.edit_text(l10n("order-cancel-kept", barcode=q(order.barcode or "—")))
        return
    async with ChatActionSender.typing(bot=bot, chat_id=query.message.chat.id):
        order = await orders.cancel(query.from_user.id, callback_data.order_id)
        reasons = await orders.cancellation_reasons(query.from_user.id, callback_data.order_id)
    lines = [
        l10n(
            "order-cancelled-upstream",
            barcode=q(order.barcode or "—"),
            status=q(status_name(l10n, order.status_code, international=order.international)),
        )
    ]
    for reason in reasons:
        when = reason.date.strftime("%d.%m.%Y %H:%M") if reason.date else "—"
        lines.append(
            l10n("cancel-reason", when=when, who=q(reason.employee or "—"), why=q(reason.description or "—"))
        )
    await query.message.edit_text(clip("\n".join(lines)))
