"""Keyboards of the order list and the order card."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import (
    BusyCb,
    CancelOrderCb,
    OrderAction,
    OrderCb,
    OrderFilter,
    OrderLabelsCb,
    OrdersCb,
    SearchAction,
    SearchCb,
)
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, fit_columns
from bot.render import order_line
from services.orders import OrderView
from services.payment_rules import closed_for_payment

CURRENT = "•"
FILTER_KEYS = {
    OrderFilter.ALL: "filter-all",
    OrderFilter.ACTIVE: "filter-active",
    OrderFilter.DELIVERED: "filter-delivered",
    OrderFilter.CANCELLED: "filter-cancelled",
}


def orders_keyboard(
    l10n: Localizer,
    orders: tuple[OrderView, ...],
    current: OrderFilter,
    page: int,
    total: int,
    page_size: int,
    labels: OrderLabelsCb | None = None,
) -> InlineKeyboardMarkup:
    """The filters, a page of orders, paging, "Labels (one PDF)" of the whole selection when
    ``labels`` is given, and Search."""
    builder = InlineKeyboardBuilder()
    # The current tab is marked "•" (no space: "•Bekor qilingan" still fits half a row); as many
    # tabs in a row as fit whichever is marked, so the rows don't jump on a switch.
    tabs = [
        InlineKeyboardButton(
            text=(CURRENT if f is current else "") + l10n(key), callback_data=OrdersCb(kind=f, page=0).pack()
        )
        for f, key in FILTER_KEYS.items()
    ]
    columns = fit_columns([CURRENT + l10n(key) for key in FILTER_KEYS.values()], most=len(tabs))
    for start in range(0, len(tabs), columns):
        builder.row(*tabs[start : start + columns])
    for order in orders:
        builder.row(
            InlineKeyboardButton(
                text=order_line(l10n, order),
                callback_data=OrderCb(action=OrderAction.OPEN, order_id=order.id).pack(),
            )
        )
    pages = max(1, (total + page_size - 1) // page_size)
    nav: list[InlineKeyboardButton] = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(
                text=l10n("btn-prev"), callback_data=OrdersCb(kind=current, page=page - 1).pack()
            )
        )
    if pages > 1:
        nav.append(
            InlineKeyboardButton(
                text=f"{page + 1}/{pages}", callback_data=OrdersCb(kind=current, page=page).pack()
            )
        )
    if page + 1 < pages:
        nav.append(
            InlineKeyboardButton(
                text=l10n("btn-next"), callback_data=OrdersCb(kind=current, page=page + 1).pack()
            )
        )
    if nav:
        builder.row(*nav)
    if labels is not None:
        builder.row(InlineKeyboardButton(text=l10n("orders-btn-labels"), callback_data=labels.pack()))
    builder.row(
        InlineKeyboardButton(
            text=l10n("btn-search"), callback_data=SearchCb(action=SearchAction.START).pack()
        )
    )
    return builder.as_markup()


def card_keyboard(l10n: Localizer, order: OrderView, *, payments: bool = True) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()

    def add(key: str, action: OrderAction) -> None:
        builder.button(text=l10n(key), callback_data=OrderCb(action=action, order_id=order.id))

    if order.pending:
        add("btn-refresh", OrderAction.OPEN)
        builder.adjust(1)
        return builder.as_markup()
    if order.awaiting_barcode:  # nothing to track, label or share before BTS's barcode is added
        builder.button(text=l10n("btn-add-barcode"), callback_data=intl_barcode_cb(order.id))
        add("btn-history", OrderAction.HISTORY)
        builder.adjust(1)
        builder.row(_back_to_list(l10n))
        return builder.as_markup()
    add("btn-refresh", OrderAction.REFRESH)
    add("btn-history", OrderAction.HISTORY)
    if order.can_change:
        add("btn-edit", OrderAction.EDIT)
        add("btn-cancel-order", OrderAction.CANCEL)
    add("btn-label", OrderAction.LABEL)
    add("btn-share", OrderAction.SHARE)
    add("btn-repeat", OrderAction.REPEAT)
    if payments and closed_for_payment(order) is None:  # no link for a cancelled or delivered order
        add("btn-payment-link", OrderAction.PAY)
    adjust_to_fit(builder)
    builder.row(_back_to_list(l10n))
    return builder.as_markup()


def _back_to_list(l10n: Localizer) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=l10n("btn-back-to-list"), callback_data=OrdersCb(kind=OrderFilter.ALL, page=0).pack()
    )


def intl_barcode_cb(order_id: int) -> BusyCb:
    """ "Add the BTS barcode" of an international parcel (``bot/handlers/busy_intl.py``)."""
    return BusyCb(action="ibc", n=order_id)


def add_barcode_keyboard(l10n: Localizer, order_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("btn-add-barcode"), callback_data=intl_barcode_cb(order_id))
    return builder.as_markup()


def cancel_confirm_keyboard(l10n: Localizer, order_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=l10n("btn-yes-cancel-order"), callback_data=CancelOrderCb(order_id=order_id, confirm=True)
    )
    builder.button(text=l10n("btn-keep-order"), callback_data=CancelOrderCb(order_id=order_id, confirm=False))
    builder.adjust(1)
    return builder.as_markup()
