"""Inline mode: ``@bot <barcode>`` in any chat offers the parcel's tracking card (status, history
link, a "Notify me" deep link) and, for the seller's own order, its payment card. Only the
seller's own orders show private details (receiver, city, cash on delivery)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from aiogram.types.inline_query_result_union import InlineQueryResultUnion

from bot.i18n import Localizer
from bot.place_names import city_text
from bot.render import q, status_name
from services.barcodes import extract_barcodes, start_payload
from services.branches import BranchDirectory
from services.errors import NotYourOrder
from services.orders import OrderService, OrderView
from services.payments import PaymentService
from services.tracking import ParcelStatus, TrackingService

CACHE_SECONDS = 10  # statuses change: a short cache, personal (answers differ per user)


def _notify_link(username: str, barcode: str) -> str:
    return f"https://t.me/{username}?start={start_payload(barcode)}"


def _card(
    l10n: Localizer, parcel: ParcelStatus, own: OrderView | None, directory: BranchDirectory | None = None
) -> str:
    name = status_name(
        l10n, parcel.status_code, international=parcel.international, fallback=parcel.status_text
    )
    lines = [l10n("inline-card-title", barcode=q(parcel.barcode)), l10n("track-status", status=q(name))]
    if own is not None:
        lines.append(
            l10n(
                "inline-card-receiver",
                name=q(own.receiver_name or "—"),
                city=q(city_text(l10n, directory, own.receiver_place.city_id, own.receiver_city)),
            )
        )
        if own.cod_amount:
            lines.append(l10n("inline-card-cod", amount=l10n.money(own.cod_amount)))
    url = parcel.tracking_url or (own.tracking_url if own else None)
    if url:
        lines.append(l10n("track-link", url=q(url)))
    return "\n".join(lines)


async def _own_order(orders: OrderService, user_id: int, parcel: ParcelStatus) -> OrderView | None:
    if parcel.order_id is None:
        return None
    try:
        return await orders.get(user_id, parcel.order_id)
    except NotYourOrder:
        return None


def _unknown_article(l10n: Localizer, barcode: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=f"u{barcode}",
        title=l10n("inline-unknown-title", barcode=barcode),
        description=l10n("inline-unknown-description"),
        input_message_content=InputTextMessageContent(message_text=l10n("track-unknown", barcode=q(barcode))),
    )


def _tracking_article(
    l10n: Localizer,
    username: str,
    barcode: str,
    parcel: ParcelStatus,
    own: OrderView | None,
    directory: BranchDirectory | None = None,
) -> InlineQueryResultArticle:
    """The tracking card, with a "Notify me" deep link when the number is a barcode."""
    name = status_name(
        l10n, parcel.status_code, international=parcel.international, fallback=parcel.status_text
    )
    try:
        notify = _notify_link(username, barcode)
    except ValueError:  # a parcel number that is no barcode: no deep link for it
        markup = None
    else:
        markup = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=l10n("btn-follow"), url=notify)]]
        )
    return InlineQueryResultArticle(
        id=f"t{barcode}",
        title=l10n("inline-card-title", barcode=barcode),
        description=name,
        input_message_content=InputTextMessageContent(message_text=_card(l10n, parcel, own, directory)),
        reply_markup=markup,
    )


async def _payment_article(
    l10n: Localizer, payments: PaymentService, user_id: int, barcode: str, own: OrderView
) -> InlineQueryResultArticle | None:
    """The payment card of the seller's own order, when it has an open payment link."""
    open_links = [p for p in await payments.payments_for_order(user_id, own.id) if p.is_open and p.url]
    if not open_links:
        return None
    link = open_links[0]
    return InlineQueryResultArticle(
        id=f"p{link.id}",
        title=l10n("inline-pay-title", amount=l10n.money(link.amount)),
        description=l10n("inline-pay-description", barcode=barcode),
        input_message_content=InputTextMessageContent(
            message_text=l10n("inline-pay-card", barcode=q(barcode), amount=l10n.money(link.amount))
        ),
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=l10n("btn-payment-link"), url=link.url or "")]]
        ),
    )


async def inline_parcel(
    query: InlineQuery,
    bot: Bot,
    l10n: Localizer,
    tracking: TrackingService,
    orders: OrderService,
    payments: PaymentService,
    branches: BranchDirectory,
) -> None:
    me = await bot.me()
    found = extract_barcodes(query.query)
    hint = InlineQueryResultsButton(text=l10n("inline-open-bot"), start_parameter="inline")
    if not found:
        await query.answer([], cache_time=CACHE_SECONDS, is_personal=True, button=hint)
        return
    barcode = found[0]
    parcel = await tracking.track(barcode)
    if not parcel.found:
        unknown = _unknown_article(l10n, barcode)
        await query.answer([unknown], cache_time=CACHE_SECONDS, is_personal=True, button=hint)
        return
    own = await _own_order(orders, query.from_user.id, parcel)
    results: list[InlineQueryResultUnion] = [
        _tracking_article(l10n, me.username or "", barcode, parcel, own, branches)
    ]
    if own is not None and (pay := await _payment_article(l10n, payments, query.from_user.id, barcode, own)):
        results.append(pay)
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=hint)


def create_router() -> Router:
    router = Router(name=__name__)
    router.inline_query.register(inline_parcel)
    return router
