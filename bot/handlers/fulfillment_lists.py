"""Fulfillment lists and cards: products and suppliers (paged, searchable), deliveries to the
warehouse, fulfillment orders (a card, its refresh from the WMS, a Yandex Pay link for it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.conversations.fulfillment.callbacks import FfCb
from bot.conversations.fulfillment.cards import (
    button,
    order_card,
    order_status_text,
    pager,
    product_card,
    product_label,
    purveyor_card,
    purveyor_label,
    receiving_line,
)
from bot.filters import StatePrefix
from bot.i18n import Localizer
from bot.links import telegram_deep_link
from bot.render import clip, error_text, q
from bot.reply import Reply
from services.common.errors import UpstreamError
from services.errors import DomainError
from services.fulfillment.catalog import CatalogService
from services.fulfillment.orders import FulfillmentOrderService
from storage.schemas import Page

PAGE = 8
SEARCH = "ff:search:"  # + product | purveyor: the next text is a search
PRODUCT, PURVEYOR = "product", "purveyor"


# --- products and suppliers -------------------------------------------------------------------------


async def _catalog_list(
    reply: Reply, l10n: Localizer, catalog: CatalogService, kind: str, page: int, query: str | None
) -> None:
    """A page of the seller's products or suppliers (``kind``), or what ``query`` finds."""
    fetch: Callable[..., Awaitable[Page[Any]]] = catalog.products if kind == PRODUCT else catalog.purveyors
    label: Callable[[Any], str] = product_label if kind == PRODUCT else purveyor_label
    found = await fetch(reply.user_id, query, offset=page * PAGE, limit=PAGE)
    rows = [[button(label(item), action=kind, item=item.id)] for item in found.items]
    extra = [
        button(l10n("ff-btn-search"), action=f"{kind}_search"),
        button(l10n(f"ff-btn-new-{kind}"), action=f"new_{kind}"),
    ]
    rows += pager(l10n, f"{kind}s", page, found.has_more and query is None, extra)
    if not found.total:
        text = l10n(f"ff-{kind}s-empty")
    else:
        text = l10n(f"ff-{kind}s-found" if query else f"ff-{kind}s", count=found.total, query=q(query or ""))
    await reply(text, InlineKeyboardMarkup(inline_keyboard=rows))


async def list_pressed(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    kind = callback_data.action.removesuffix("s")
    await _catalog_list(reply, l10n, ff_catalog, kind, max(callback_data.page, 0), None)


async def search_pressed(
    query: CallbackQuery, callback_data: FfCb, state: FSMContext, reply: Reply, l10n: Localizer
) -> None:
    kind = callback_data.action.removesuffix("_search")
    await state.set_state(SEARCH + kind)
    await reply(l10n(f"ff-ask-search-{kind}"))


async def search_typed(
    message: Message, state: FSMContext, reply: Reply, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    kind = (await state.get_state() or "").removeprefix(SEARCH)
    await state.set_state(None)
    text = (message.text or "").strip()[:64]
    await _catalog_list(reply, l10n, ff_catalog, kind if kind == PRODUCT else PURVEYOR, 0, text or None)


async def card_pressed(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    """A product's or a supplier's card (``action``: product, purveyor)."""
    kind = callback_data.action
    text: str | None = None
    if kind == PRODUCT:
        product = await ff_catalog.product(reply.user_id, callback_data.item)
        text = product_card(l10n, product) if product is not None else None
    else:
        purveyor = await ff_catalog.purveyor(reply.user_id, callback_data.item)
        text = purveyor_card(l10n, purveyor) if purveyor is not None else None
    back = button(l10n(f"ff-btn-{kind}s"), action=f"{kind}s")
    await reply(text or l10n(f"ff-{kind}-gone"), InlineKeyboardMarkup(inline_keyboard=[[back]]))


# --- deliveries to the warehouse ---------------------------------------------------------------------


async def receivings_pressed(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    page = max(callback_data.page, 0)
    found = await ff_catalog.receivings(reply.user_id, offset=page * PAGE, limit=PAGE)
    lines = [receiving_line(l10n, view) for view in found.items]
    text = (
        l10n("ff-receivings", count=found.total) + "\n\n" + "\n\n".join(lines)
        if lines
        else l10n("ff-receivings-empty")
    )
    new = button(l10n("ff-btn-new-receiving"), action="new_receiving")
    rows = pager(l10n, "receivings", page, found.has_more, [new])
    await reply(clip(text), InlineKeyboardMarkup(inline_keyboard=rows))


# --- fulfillment orders ------------------------------------------------------------------------------


async def orders_pressed(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, ff_orders: FulfillmentOrderService
) -> None:
    l10n = reply.l10n
    page = max(callback_data.page, 0)
    found = await ff_orders.list(reply.user_id, offset=page * PAGE, limit=PAGE)
    rows = [
        [
            button(
                f"№{o.id} · {o.customer.full_name} · {order_status_text(l10n, o)}", action="order", item=o.id
            )
        ]
        for o in found.items
    ]
    new = button(l10n("ff-btn-new-order"), action="new_order")
    rows += pager(l10n, "orders", page, found.has_more, [new])
    text = l10n("ff-orders", count=found.total) if found.total else l10n("ff-orders-empty")
    await reply(text, InlineKeyboardMarkup(inline_keyboard=rows))


async def order_pressed(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, ff_orders: FulfillmentOrderService
) -> None:
    """The order's card; ``order_refresh`` asks the WMS first (a failure says so, the card stays)."""
    l10n = reply.l10n
    if callback_data.action == "order_refresh":
        try:
            order = await ff_orders.refresh(reply.user_id, callback_data.item)
        except UpstreamError as exc:
            await reply(error_text(exc, l10n))
            order = await ff_orders.get(reply.user_id, callback_data.item)
    else:
        order = await ff_orders.get(reply.user_id, callback_data.item)
    await order_card(reply, l10n, order)


async def order_pay(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, ff_orders: FulfillmentOrderService
) -> None:
    l10n = reply.l10n
    message = reply.message
    if message is None:
        reply.stale()
        return
    me = await reply.bot.me()
    try:
        link = await ff_orders.payment_link(
            reply.user_id,
            callback_data.item,
            deep_link=telegram_deep_link(me.username or ""),
            purpose=l10n("ff-pay-purpose", id=callback_data.item),
            # The card's message and the order name the request: one link per card.
            idempotency_key=f"ff:{message.chat.id}:{message.message_id}:{callback_data.item}",
        )
    except (UpstreamError, DomainError) as exc:
        await reply(error_text(exc, l10n))
        return
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=l10n("ff-btn-open-pay"), url=link.url)]]
    )
    text = l10n("ff-pay-link", id=callback_data.item, amount=l10n.money(link.amount), url=q(link.url))
    await reply(text, keyboard)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(list_pressed, FfCb.filter(F.action.in_({"products", "purveyors"})))
    router.callback_query.register(
        search_pressed, FfCb.filter(F.action.in_({"product_search", "purveyor_search"}))
    )
    router.message.register(search_typed, StatePrefix(SEARCH), F.text)
    router.callback_query.register(card_pressed, FfCb.filter(F.action.in_({PRODUCT, PURVEYOR})))
    router.callback_query.register(receivings_pressed, FfCb.filter(F.action == "receivings"))
    router.callback_query.register(orders_pressed, FfCb.filter(F.action == "orders"))
    router.callback_query.register(order_pressed, FfCb.filter(F.action.in_({"order", "order_refresh"})))
    router.callback_query.register(order_pay, FfCb.filter(F.action == "order_pay"))
    return router
