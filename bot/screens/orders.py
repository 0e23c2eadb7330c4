"""The My orders list (filters, search, the labels of a selection): shared by several routers (no
router here)."""

from __future__ import annotations

import hashlib

from aiogram.fsm.context import FSMContext
from aiogram.types import (
    InlineKeyboardMarkup,
    Message,
)

from bot.callbacks import OrderFilter, OrderLabelsCb
from bot.i18n import Localizer
from bot.keyboards.orders import orders_keyboard
from bot.render import q
from services.errors import NotLoggedIn
from services.orders import PAGE_SIZE, OrderFilterKind, OrderService
from services.users import UserProfile

FILTER_KIND = {
    OrderFilter.ALL: OrderFilterKind.ALL,
    OrderFilter.ACTIVE: OrderFilterKind.ACTIVE,
    OrderFilter.DELIVERED: OrderFilterKind.DELIVERED,
    OrderFilter.CANCELLED: OrderFilterKind.CANCELLED,
}


QUERY = "orders_query"


def query_tag(query: str | None) -> str:
    """A short tag of a search, carried by the list's "Labels" button (the search itself may not
    fit in callback data); "" without a search."""
    return hashlib.blake2s(query.encode(), digest_size=4).hexdigest() if query else ""


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
    # A filtered or searched list offers the labels of all its orders in one PDF.
    selected = result.total > 0 and (kind is not OrderFilter.ALL or bool(query))
    labels = OrderLabelsCb(kind=kind, query=query_tag(query)) if selected else None
    return title, orders_keyboard(l10n, result.items, kind, page, result.total, PAGE_SIZE, labels)


async def show_orders(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, orders: OrderService
) -> None:
    if not profile.is_seller:
        raise NotLoggedIn  # answered by the errors router (or with the allow-list's refusal)
    await state.update_data({QUERY: None})
    text, markup = await render_list(l10n, orders, profile.id, OrderFilter.ALL, 0, None)
    await message.answer(text, reply_markup=markup)
