"""Tracking for everyone (no login): parcel cards, follow / unfollow, "My parcels"."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import TrackAction, TrackCb
from bot.i18n import Localizer
from bot.render import q
from bot.screens.tracking import parcel_keyboard, render_parcel
from services.errors import NotYourOrder
from services.tracking import TrackingService


async def refresh_parcel(
    query: CallbackQuery, callback_data: TrackCb, bot: Bot, l10n: Localizer, tracking: TrackingService
) -> None:
    if not isinstance(query.message, Message):
        return
    barcode = callback_data.barcode
    async with ChatActionSender.typing(bot=bot, chat_id=query.message.chat.id):
        parcel = await tracking.track(barcode)
    following = parcel.order_id is not None and await tracking.is_following(
        query.message.chat.id, parcel.order_id
    )
    with contextlib.suppress(TelegramBadRequest):  # not modified
        await query.message.edit_text(
            render_parcel(l10n, parcel),
            reply_markup=parcel_keyboard(l10n, parcel, following),
            disable_web_page_preview=True,
        )


async def follow_parcel(
    query: CallbackQuery,
    callback_data: TrackCb,
    l10n: Localizer,
    tracking: TrackingService,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    chat_id = query.message.chat.id
    barcode = callback_data.barcode
    if callback_data.action is TrackAction.FOLLOW:
        if not await tracking.follow(chat_id, barcode):
            raise NotYourOrder
        text = l10n("track-following", barcode=q(barcode))
    else:
        await tracking.unfollow_barcode(chat_id, barcode)
        text = l10n("track-unfollowed", barcode=q(barcode))
    callback_answer.text = text
    following = callback_data.action is TrackAction.FOLLOW
    builder = InlineKeyboardBuilder()
    builder.button(
        text=l10n("btn-refresh"), callback_data=TrackCb(action=TrackAction.REFRESH, barcode=barcode)
    )
    builder.button(
        text=l10n("btn-unfollow" if following else "btn-follow"),
        callback_data=TrackCb(action=TrackAction.UNFOLLOW if following else "f", barcode=barcode),
    )
    with contextlib.suppress(TelegramBadRequest):
        await query.message.edit_reply_markup(reply_markup=builder.as_markup())
    await query.message.answer(text)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(refresh_parcel, TrackCb.filter(F.action == TrackAction.REFRESH))
    router.callback_query.register(
        follow_parcel, TrackCb.filter(F.action.in_({TrackAction.FOLLOW, TrackAction.UNFOLLOW}))
    )
    return router
