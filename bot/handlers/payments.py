"""Payment links (Yandex Pay) from an order card, and the seller's merchant settings."""

from __future__ import annotations

import contextlib
from decimal import Decimal
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
from aiogram.utils.chat_action import ChatActionSender
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import OrderAction, OrderCb, PayAction, PayCb, PayMode, Section, SettingsAction, SettingsCb
from bot.conversations.merchant import MERCHANT, start_merchant_setup
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, nav_keyboard
from bot.links import telegram_deep_link, track_link
from bot.render import q
from bot.reply import Reply
from bot.states import PaymentFlow
from services.orders import OrderService
from services.parsing import PAYMENT_AMOUNT, InvalidInput, parse_decimal
from services.payment_rules import collected_on_delivery, ensure_open_for_payment
from services.payments import TTL_CHOICES, PaymentLink, PaymentService

TTL_KEYS = {1800: "ttl-30m", 7200: "ttl-2h", 86400: "ttl-1d", 259200: "ttl-3d"}


def _ttl_keyboard(l10n: Localizer, order_id: int, mode: PayMode) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, seconds in enumerate(TTL_CHOICES):
        builder.button(
            text=l10n(TTL_KEYS.get(seconds, "ttl-1d")),
            callback_data=PayCb(action=PayAction.TTL, order_id=order_id, ttl=index, mode=mode),
        )
    adjust_to_fit(builder, uniform=True)
    return builder.as_markup()


async def payment_start(
    query: CallbackQuery,
    callback_data: OrderCb,
    l10n: Localizer,
    orders: OrderService,
    payments: PaymentService,
) -> None:
    if not isinstance(query.message, Message):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    ensure_open_for_payment(order)
    if await payments.get_merchant(query.from_user.id) is None:
        builder = InlineKeyboardBuilder()
        builder.button(
            text=l10n("btn-setup-yandex"),
            # the order rides along: once set up, the seller goes on to this order's link
            callback_data=SettingsCb(section=Section.YANDEX_PAY, action=SettingsAction.SET, item=order.id),
        )
        await query.message.answer(l10n("payment-merchant-missing"), reply_markup=builder.as_markup())
        return
    builder = InlineKeyboardBuilder()
    builder.button(
        text=l10n("btn-pay-from-order"), callback_data=PayCb(action=PayAction.ORDER, order_id=order.id)
    )
    builder.button(
        text=l10n("btn-pay-manual"), callback_data=PayCb(action=PayAction.MANUAL, order_id=order.id)
    )
    builder.adjust(1)
    text = l10n("payment-choose", barcode=q(order.barcode or "—"))
    cod = collected_on_delivery(order)
    if cod is not None:  # the customer already pays on delivery: say so before a second charge
        # ... to the courier, or at the branch where they collect the parcel
        key = "payment-cod-already-at-branch" if order.receiver_place.at_branch else "payment-cod-already"
        text = f"{l10n(key, amount=l10n.money(cod))}\n\n{text}"
    await query.message.answer(text, reply_markup=builder.as_markup())


async def payment_from_order(
    query: CallbackQuery, callback_data: PayCb, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    await orders.get(query.from_user.id, callback_data.order_id)  # refuses someone else's order
    await query.message.answer(
        l10n("payment-choose-ttl"), reply_markup=_ttl_keyboard(l10n, callback_data.order_id, PayMode.ORDER)
    )


async def payment_manual(
    query: CallbackQuery, callback_data: PayCb, state: FSMContext, l10n: Localizer, orders: OrderService
) -> None:
    if not isinstance(query.message, Message):
        return
    await orders.get(query.from_user.id, callback_data.order_id)
    await state.set_state(PaymentFlow.amount)
    await state.update_data(pay_order=callback_data.order_id)
    await query.message.answer(l10n("payment-ask-amount"), reply_markup=nav_keyboard(l10n, "pay", back=False))


async def payment_amount(message: Message, state: FSMContext, l10n: Localizer) -> None:
    try:
        amount = parse_decimal(message.text or "", PAYMENT_AMOUNT, "amount")
    except InvalidInput:
        await message.answer(l10n("invalid-cod-amount"), reply_markup=nav_keyboard(l10n, "pay", back=False))
        return
    await state.update_data(pay_amount=str(amount))
    await state.set_state(PaymentFlow.purpose)
    await message.answer(l10n("payment-ask-purpose"), reply_markup=nav_keyboard(l10n, "pay", back=False))


async def payment_purpose(message: Message, state: FSMContext, l10n: Localizer) -> None:
    purpose = " ".join((message.text or "").split())
    if not 2 <= len(purpose) <= 200:
        await message.answer(
            l10n("payment-purpose-invalid"), reply_markup=nav_keyboard(l10n, "pay", back=False)
        )
        return
    data = await state.get_data()
    await state.update_data(pay_purpose=purpose)
    await state.set_state(None)
    await message.answer(
        l10n("payment-choose-ttl"),
        reply_markup=_ttl_keyboard(l10n, int(data.get("pay_order") or 0), PayMode.MANUAL),
    )


async def payment_expects_text(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("expected-text"), reply_markup=nav_keyboard(l10n, "pay", back=False))


async def payment_create(
    query: CallbackQuery,
    callback_data: PayCb,
    state: FSMContext,
    bot: Bot,
    l10n: Localizer,
    orders: OrderService,
    payments: PaymentService,
) -> None:
    if not isinstance(query.message, Message) or not 0 <= callback_data.ttl < len(TTL_CHOICES):
        return
    order = await orders.get(query.from_user.id, callback_data.order_id)
    amount: Decimal | None = None
    purpose: str | None = None
    if callback_data.mode is PayMode.MANUAL:
        data = await state.get_data()
        if data.get("pay_order") != order.id or not data.get("pay_amount"):
            await query.message.answer(l10n("stale-button"))
            return
        amount, purpose = Decimal(str(data["pay_amount"])), str(data.get("pay_purpose") or "")
    me = await bot.me()
    with contextlib.suppress(TelegramBadRequest):
        await query.message.edit_reply_markup(reply_markup=None)  # one link per tap
    async with ChatActionSender.upload_photo(bot=bot, chat_id=query.message.chat.id):
        link = await payments.create_link(
            query.from_user.id,
            order=order if amount is None else None,
            amount=amount,
            purpose=purpose,
            ttl_seconds=TTL_CHOICES[callback_data.ttl],
            deep_link=telegram_deep_link(me.username or ""),
            # The message of the lifetime buttons and what it asks for name the request: one link.
            idempotency_key=f"{query.message.chat.id}:{query.message.message_id}:{order.id}:{amount}",
        )
    await state.update_data(pay_order=None, pay_amount=None, pay_purpose=None)
    if link.repeated:
        return  # a second tap: the link above is the one
    await send_link(query.message, l10n, link, order.barcode, me.username or "")


def _pay_markup(l10n: Localizer, url: str, track_link: str | None = None) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=l10n("btn-pay"), url=url)]]
    if track_link:
        rows.append([InlineKeyboardButton(text=l10n("btn-track-parcel"), url=track_link)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def send_link(
    message: Message, l10n: Localizer, link: PaymentLink, barcode: str | None, bot_username: str
) -> None:
    expires = l10n.datetime(link.expires_at)
    await message.answer(
        l10n("payment-link-created", amount=l10n.money(link.amount), expires=expires, url=q(link.url)),
        reply_markup=_pay_markup(l10n, link.url),
        disable_web_page_preview=True,
    )
    await message.answer_photo(
        BufferedInputFile(link.qr_png, filename="pay.png"), caption=l10n("payment-qr-caption")
    )
    track = track_link(bot_username, barcode)
    await message.answer(
        l10n(
            "payment-customer-card",
            amount=l10n.money(link.amount),
            barcode=q(barcode or "—"),
            expires=expires,
        ),
        reply_markup=_pay_markup(l10n, link.url, track),
        disable_web_page_preview=True,
    )
    await message.answer(l10n("share-hint"))


# --- merchant settings -------------------------------------------------------------------------


async def merchant_settings(
    query: CallbackQuery,
    callback_data: SettingsCb,
    state: FSMContext,
    l10n: Localizer,
    payments: PaymentService,
    reply: Reply,
    **deps: Any,
) -> None:
    if not isinstance(query.message, Message):
        return
    user_id = query.from_user.id
    if callback_data.action is SettingsAction.SET:
        await start_merchant_setup(
            reply, state, {**deps, "payments": payments}, then_order=callback_data.item
        )
        return
    if callback_data.action is SettingsAction.DELETE:
        await payments.delete_merchant(user_id)
        await query.message.answer(l10n("ypay-removed"))
        return
    merchant = await payments.get_merchant(user_id)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=l10n("btn-setup-yandex"),
        callback_data=SettingsCb(section=Section.YANDEX_PAY, action=SettingsAction.SET),
    )
    if merchant is not None:
        builder.button(
            text=l10n("btn-delete"),
            callback_data=SettingsCb(section=Section.YANDEX_PAY, action=SettingsAction.DELETE),
        )
    builder.button(text=l10n("btn-back"), callback_data=SettingsCb(section=Section.BACK))
    builder.adjust(1)
    if merchant is None:
        text = l10n("ypay-none")
    else:
        env = l10n("ypay-sandbox" if merchant.sandbox else "ypay-production")
        text = l10n("ypay-current", merchant=q(merchant.merchant_id), env=env)
    await query.message.answer(text, reply_markup=builder.as_markup())


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(payment_start, OrderCb.filter(F.action == OrderAction.PAY))
    router.callback_query.register(payment_from_order, PayCb.filter(F.action == PayAction.ORDER))
    router.callback_query.register(payment_manual, PayCb.filter(F.action == PayAction.MANUAL))
    router.message.register(payment_amount, PaymentFlow.amount, F.text)
    router.message.register(payment_purpose, PaymentFlow.purpose, F.text)
    router.message.register(payment_expects_text, PaymentFlow.purpose)
    router.message.register(payment_expects_text, PaymentFlow.amount)
    router.callback_query.register(payment_create, PayCb.filter(F.action == PayAction.TTL))
    router.callback_query.register(merchant_settings, SettingsCb.filter(F.section == Section.YANDEX_PAY))
    router.include_router(MERCHANT.router())
    return router
