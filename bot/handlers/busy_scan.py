"""A photo of a label (or of a screen) is read for its barcodes and tracked as if typed.

Only outside a flow (``StateFilter(None)``): a photo sent in the middle of a conversation still
goes to that conversation's step (or its "please type" answer)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.types import Message
from aiogram.utils.chat_action import ChatActionSender

from bot.files import download
from bot.i18n import Localizer
from bot.screens.tracking import open_tracking
from services.scan import decode_photo

MAX_IMAGE_BYTES = 10 * 1024 * 1024


def _image_document(message: Message) -> bool:
    document = message.document
    return document is not None and (document.mime_type or "").startswith("image/")


async def read_barcode_photo(message: Message, bot: Bot, l10n: Localizer, **data: object) -> None:
    if message.photo:
        file = message.photo[-1]  # the largest size Telegram made
        file_id, size = file.file_id, file.file_size or 0
    else:
        assert message.document is not None
        file_id, size = message.document.file_id, message.document.file_size or 0
    if size > MAX_IMAGE_BYTES:
        await message.answer(l10n("scan-too-big"))
        return
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        barcodes = await decode_photo(await download(bot, file_id))
    if not barcodes:
        await message.answer(l10n("scan-nothing"))
        return
    await open_tracking(message, "\n".join(barcodes), l10n, data)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(read_barcode_photo, StateFilter(None), F.photo | F.func(_image_document))
    return router
