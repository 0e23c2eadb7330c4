"""A photo of a label (or of a screen) is read for its barcodes and tracked as if typed.

Only outside a flow (``StateFilter(None)``): a photo sent in the middle of a conversation still
goes to that conversation's step (or its "please type" answer)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.types import Message
from aiogram.utils.chat_action import ChatActionSender

from bot.files import image_document, photo_barcodes
from bot.i18n import Localizer
from bot.screens.tracking import open_tracking


async def read_barcode_photo(message: Message, bot: Bot, l10n: Localizer, **data: object) -> None:
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        barcodes = await photo_barcodes(bot, message)
    if barcodes is None:
        await message.answer(l10n("scan-too-big"))
        return
    if not barcodes:
        await message.answer(l10n("scan-nothing"))
        return
    await open_tracking(message, "\n".join(barcodes), l10n, data)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(read_barcode_photo, StateFilter(None), F.photo | F.func(image_document))
    return router
