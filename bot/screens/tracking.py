"""Showing a parcel's status: used by /start track_<barcode>, the Track button and bare barcodes."""

from __future__ import annotations

from collections.abc import Mapping

from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import TrackAction, TrackCb
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit
from bot.render import clip, q, status_name, timeline_lines
from services.barcodes import extract_barcodes
from services.tracking import ParcelStatus, TrackingService

MAX_BARCODES = 10


def looks_like_barcodes(text: str) -> bool:
    return bool(extract_barcodes(text))


def render_parcel(l10n: Localizer, parcel: ParcelStatus) -> str:
    if not parcel.found:
        return l10n("track-unknown", barcode=q(parcel.barcode))
    lines = [l10n("track-title", barcode=q(parcel.barcode))]
    lines.append(
        l10n(
            "track-status",
            status=q(
                status_name(
                    l10n, parcel.status_code, international=parcel.international, fallback=parcel.status_text
                )
            ),
        )
    )
    if parcel.stale:
        lines.append(l10n("track-stale"))
    if parcel.events:
        lines.append("")
        lines.append(l10n("track-history"))
        lines.extend(timeline_lines(l10n, parcel.events))
    if parcel.tracking_url:
        lines.append("")
        lines.append(l10n("track-link", url=q(parcel.tracking_url)))
    return clip("\n".join(lines))


def parcel_keyboard(l10n: Localizer, parcel: ParcelStatus, following: bool) -> InlineKeyboardMarkup | None:
    if not parcel.found or parcel.order_id is None:
        return None
    builder = InlineKeyboardBuilder()
    builder.button(
        text=l10n("btn-refresh"), callback_data=TrackCb(action=TrackAction.REFRESH, barcode=parcel.barcode)
    )
    if following:
        builder.button(
            text=l10n("btn-unfollow"),
            callback_data=TrackCb(action=TrackAction.UNFOLLOW, barcode=parcel.barcode),
        )
    else:
        builder.button(
            text=l10n("btn-follow"), callback_data=TrackCb(action=TrackAction.FOLLOW, barcode=parcel.barcode)
        )
    adjust_to_fit(builder)
    return builder.as_markup()


async def open_tracking(message: Message, text: str, l10n: Localizer, data: Mapping[str, object]) -> None:
    """Answer every barcode in ``text`` (or explain what a barcode looks like)."""
    tracking = data.get("tracking")
    assert isinstance(tracking, TrackingService)
    barcodes = extract_barcodes(text)[:MAX_BARCODES]
    if not barcodes:
        await message.answer(l10n("track-invalid"))
        return
    for barcode in barcodes:
        parcel = await tracking.track(barcode)
        following = parcel.order_id is not None and await tracking.is_following(
            message.chat.id, parcel.order_id
        )
        await message.answer(
            render_parcel(l10n, parcel),
            reply_markup=parcel_keyboard(l10n, parcel, following),
            disable_web_page_preview=True,
        )


async def show_parcels(message: Message, l10n: Localizer, tracking: TrackingService) -> None:
    parcels = await tracking.followed(message.chat.id)
    if not parcels:
        await message.answer(l10n("parcels-empty"))
        return
    lines = [l10n("parcels-title", count=len(parcels))]
    builder = InlineKeyboardBuilder()
    for parcel in parcels[:30]:
        name = status_name(l10n, parcel.status_code, international=parcel.international)
        lines.append(f"• <code>{q(parcel.barcode or '—')}</code> — {q(name)}")
        if parcel.barcode:
            builder.button(
                text=f"🔄 {parcel.barcode}",
                callback_data=TrackCb(action=TrackAction.REFRESH, barcode=parcel.barcode),
            )
            builder.button(
                text=l10n("btn-unfollow"),
                callback_data=TrackCb(action=TrackAction.UNFOLLOW, barcode=parcel.barcode),
            )
    adjust_to_fit(builder, uniform=True)  # a parcel's two buttons stay side by side or both alone
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())
