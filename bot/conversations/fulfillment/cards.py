"""Texts and keyboards of the fulfillment screens (no handlers, no services called)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.conversations.fulfillment.callbacks import FfCb
from bot.i18n import Localizer
from bot.render import clip, q
from bot.reply import Reply
from services.fulfillment.catalog import ReceivingView
from services.fulfillment.orders import OrderLine
from services.fulfillment.status import fulfillment_status
from services.wms.models import Product, Purveyor
from storage.fulfillment_schemas import FulfillmentOrderRecord, OrderState


def button(text: str, **data: Any) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text[:64], callback_data=FfCb(**data).pack())


def hub_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    rows = [
        [
            button(l10n("ff-btn-products"), action="products"),
            button(l10n("ff-btn-purveyors"), action="purveyors"),
        ],
        [
            button(l10n("ff-btn-receivings"), action="receivings"),
            button(l10n("ff-btn-orders"), action="orders"),
        ],
        [button(l10n("ff-btn-new-order"), action="new_order")],
        [button(l10n("ff-btn-sync"), action="sync"), button(l10n("ff-btn-disconnect"), action="disconnect")],
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def connect_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(l10n("ff-btn-connect"), action="connect")]])


def pager(
    l10n: Localizer, action: str, page: int, has_more: bool, extra: Sequence[InlineKeyboardButton] = ()
) -> list[list[InlineKeyboardButton]]:
    row: list[InlineKeyboardButton] = []
    if page > 0:
        row.append(button("◀️", action=action, page=page - 1))
    if has_more:
        row.append(button("▶️", action=action, page=page + 1))
    rows = [row] if row else []
    if extra:
        rows.append(list(extra))
    rows.append([button(l10n("ff-btn-hub"), action="hub")])
    return rows


def _d(value: Decimal | None) -> str:
    return "—" if value is None else format(value.normalize(), "f")


def product_label(product: Product) -> str:
    """A product on a button: its name and code."""
    return f"{product.name or '—'} · {product.code or product.id}"


def purveyor_label(purveyor: Purveyor) -> str:
    """A supplier on a button or in a draft: its name, else its code."""
    return purveyor.name or purveyor.code or str(purveyor.id)


def _names(item: Product | Purveyor) -> dict[str, str]:
    """The names every catalog card starts with."""
    return {"name": q(item.name or "—"), "full_name": q(item.full_name or "—"), "code": q(item.code or "—")}


def product_card(l10n: Localizer, product: Product) -> str:
    packaging, shelf, tech = product.packaging, product.shelf_life, product.technical
    return clip(
        l10n(
            "ff-product-card",
            **_names(product),
            gtin=q(product.gtin or "—"),
            article=q(product.article or "—"),
            group=q(product.group or "—"),
            unit=q(product.unit or "—"),
            packaging=q(packaging.base_packaging if packaging and packaging.base_packaging else "—"),
            shelf_life=_d(shelf.shelf_life_stock if shelf else None),
            storage_days=str(
                shelf.storage_period_days if shelf and shelf.storage_period_days is not None else "—"
            ),
            temperature=q(shelf.temperature_mode if shelf and shelf.temperature_mode else "—"),
            weight=_d(tech.weight if tech else None),
            net_weight=_d(tech.net_weight if tech else None),
            volume=_d(tech.volume if tech else None),
            is_set=l10n("ff-yes" if tech and tech.is_set else "ff-no"),
        )
    )


def purveyor_card(l10n: Localizer, purveyor: Purveyor) -> str:
    tax, contract = purveyor.tax_info, purveyor.contract_bank_detail
    return clip(
        l10n(
            "ff-purveyor-card",
            **_names(purveyor),
            inn=q(tax.inn if tax and tax.inn else "—"),
            contact=q(contract.contact_info if contract and contract.contact_info else "—"),
            address=q(contract.main_delivery_address if contract and contract.main_delivery_address else "—"),
        )
    )


def receiving_line(l10n: Localizer, view: ReceivingView) -> str:
    goods = view.goods
    return l10n(
        "ff-receiving-line",
        number=q(goods.number or view.wms_id),
        date=goods.date.strftime("%d.%m.%Y") if goods.date else "—",
        counterparty=q(goods.counterparty or "—"),
        nomenclature=q(goods.nomenclature or "—"),
        quantity=goods.quantity if goods.quantity is not None else "—",
        sum=l10n.money(goods.total_amount),
        state=l10n(view.state.key),
    )


def order_status_text(l10n: Localizer, order: FulfillmentOrderRecord) -> str:
    if order.state is not OrderState.CREATED:
        return l10n(f"ff-order-state-{order.state.value}")
    return l10n(fulfillment_status(order.fulfillment_status).key)


def lines_text(l10n: Localizer, lines: Sequence[OrderLine]) -> str:
    """An order's products, a line each, with the final price of each."""
    return "\n".join(
        l10n(
            "ff-line",
            n=n,
            name=q(line.name),
            quantity=line.quantity,
            price=l10n.money(line.price),
            discount=l10n.money(line.discount),
            final=l10n.money(line.final_price),
        )
        for n, line in enumerate(lines, 1)
    )


def order_text(l10n: Localizer, order: FulfillmentOrderRecord) -> str:
    lines = lines_text(l10n, [OrderLine.model_validate(item) for item in order.items])
    return clip(
        l10n(
            "ff-order-card",
            id=order.id,
            status=order_status_text(l10n, order),
            name=q(order.customer.full_name),
            phone=q(order.customer.phone),
            region=q(order.region or "—"),
            city=q(order.city or "—"),
            address=q(order.customer.address),
            when=l10n.datetime(order.scheduled_at),
            lines=lines,
            sum=l10n.money(order.total),
            wms_id=str(order.wms_id or "—"),
        )
    )


def order_keyboard(l10n: Localizer, order: FulfillmentOrderRecord) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if order.state is OrderState.CREATED:
        builder.row(button(l10n("ff-btn-refresh"), action="order_refresh", item=order.id))
        builder.row(button(l10n("ff-btn-pay"), action="order_pay", item=order.id))
    builder.row(button(l10n("ff-btn-orders"), action="orders"), button(l10n("ff-btn-hub"), action="hub"))
    return builder.as_markup()


async def order_card(
    reply: Reply, l10n: Localizer, order: FulfillmentOrderRecord, *, fresh: bool = False
) -> None:
    text = order_text(l10n, order)
    if fresh:
        text = f"{l10n('ff-order-created', id=order.id)}\n\n{text}"
    await reply(text, order_keyboard(l10n, order))
