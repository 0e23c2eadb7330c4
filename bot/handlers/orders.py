"""My orders: list with filters and search (and the labels of what it lists, in one PDF), the order
card and its actions, edit and cancel."""

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

from bot.callbacks import CancelOrderCb, OrderAction, OrderCb, OrderFilter, OrderLabelsCb, OrdersCb, SearchCb
from bot.conversations.new_order.entry import open_edit, open_summary
from bot.i18n import Localizer
from bot.keyboards.common import nav_keyboard
from bot.keyboards.orders import cancel_confirm_keyboard, card_keyboard
from bot.links import track_link
from bot.render import (
    clip,
    label_caption,
    order_card_text,
    q,
    refund_due_lines,
    status_name,
    timeline_lines,
)
from bot.reply import Reply
from bot.screens.labels import send_label_sheet
from bot.screens.orders import FILTER_KIND, QUERY, query_tag, render_list
from bot.states import OrderSearch
from services.branches import BranchDirectory
from services.labels import LabelService
from services.orders import OrderService
from services.payments import PaymentService, money_held


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


async def selection_labels(
    query: CallbackQuery, callback_data: OrderLabelsCb, state: FSMContext, reply: Reply, labels: LabelService
) -> None:
    """ "Labels (one PDF)" under a filtered or searched list: the labels of every order it lists,
    in the list's order."""
    raw = (await state.get_data()).get(QUERY)
    search = raw if isinstance(raw, str) else None
    if callback_data.query != query_tag(search):
        reply.stale()  # the list of an earlier search
        return
    kind = FILTER_KIND[callback_data.kind]
    ids = await labels.selection(reply.user_id, kind, query=search)
    await send_label_sheet(reply, labels, reply.user_id, ids, "search" if search else kind.value)


async def start_search(query: CallbackQuery, state: FSMContext, l10n: Localizer) -> None:
    if not isinstance(query.message, Message):
        return
    await state.set_state(OrderSearch.query)
    await query.message.answer(
        l10n("orders-search-ask"), reply_markup=nav_keyboard(l10n, "search", back=False)
    )


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


async def search_expects_text(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("orders-search-invalid"), reply_markup=nav_keyboard(l10n, "search", back=False))


async def open_card(
    query: CallbackQuery,
    callback_data: OrderCb,
    bot: Bot,
    l10n: Localizer,
    orders: OrderService,
    payments: PaymentService,
    branches: BranchDirectory,
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
    paid = await payments.payments_for_order(query.from_user.id, order.id)
    text, markup = order_card_text(l10n, order, paid, branches), card_keyboard(l10n, order)
    if callback_data.action is OrderAction.REFRESH:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_text(text, reply_markup=markup, disable_web_page_preview=True)
        return
    await query.message.answer(text, reply_markup=markup, disable_web_page_preview=True)


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
        caption=label_caption(l10n, order),
    )


async def share_tracking(
    query: CallbackQuery, callback_data: OrderCb, bot: Bot, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    me = await bot.me()
    link = track_link(me.username or "", order.barcode)
    markup = (
        InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=l10n("btn-track-parcel"), url=link)]]
        )
        if link
        else None
    )
    await query.message.answer(
        l10n("share-card", barcode=q(order.barcode or "—"), link=q(link or "—")),
        reply_markup=markup,
        disable_web_page_preview=True,
    )
    await query.message.answer(l10n("share-hint"))


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


async def edit_order(
    query: CallbackQuery, callback_data: OrderCb, state: FSMContext, reply: Reply, orders: OrderService
) -> None:
    order = await orders.get(query.from_user.id, callback_data.order_id)
    if not order.can_change:
        await reply(reply.l10n("order-edit-refused"))
        return
    draft = await orders.draft_of(query.from_user.id, callback_data.order_id, fresh=False)
    await open_edit(reply, state, order.id, draft)


async def ask_cancel(
    query: CallbackQuery,
    callback_data: OrderCb,
    l10n: Localizer,
    orders: OrderService,
    payments: PaymentService,
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    if not order.can_change:
        await query.message.answer(l10n("order-cancel-refused"))
        return
    text = l10n("order-cancel-confirm", barcode=q(order.barcode or "—"))
    held = money_held(await payments.payments_for_order(query.from_user.id, order.id))
    if held > 0:  # a paid order: cancelling it at BTS gives no money back
        text = f"{l10n('order-cancel-paid-warning', amount=l10n.money(held))}\n\n{text}"
    await query.message.answer(text, reply_markup=cancel_confirm_keyboard(l10n, order.id))


async def do_cancel(
    query: CallbackQuery,
    callback_data: CancelOrderCb,
    bot: Bot,
    l10n: Localizer,
    orders: OrderService,
    payments: PaymentService,
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
        when = l10n.datetime(reason.date)  # Tashkent time
        lines.append(
            l10n("cancel-reason", when=when, who=q(reason.employee or "—"), why=q(reason.description or "—"))
        )
    paid = await payments.payments_for_order(query.from_user.id, order.id)
    lines.extend(refund_due_lines(l10n, order, paid))
    await query.message.edit_text(clip("\n".join(lines)))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(list_page, OrdersCb.filter())
    router.callback_query.register(selection_labels, OrderLabelsCb.filter())
    router.callback_query.register(start_search, SearchCb.filter())
    router.message.register(do_search, OrderSearch.query, F.text)
    router.message.register(search_expects_text, OrderSearch.query)
    router.callback_query.register(
        open_card, OrderCb.filter(F.action.in_({OrderAction.OPEN, OrderAction.REFRESH}))
    )
    router.callback_query.register(show_history, OrderCb.filter(F.action == OrderAction.HISTORY))
    router.callback_query.register(send_label, OrderCb.filter(F.action == OrderAction.LABEL))
    router.callback_query.register(share_tracking, OrderCb.filter(F.action == OrderAction.SHARE))
    router.callback_query.register(repeat_order, OrderCb.filter(F.action == OrderAction.REPEAT))
    router.callback_query.register(edit_order, OrderCb.filter(F.action == OrderAction.EDIT))
    router.callback_query.register(ask_cancel, OrderCb.filter(F.action == OrderAction.CANCEL))
    router.callback_query.register(do_cancel, CancelOrderCb.filter())
    return router
