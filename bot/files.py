"""Files a user sent, read back from Telegram (a spreadsheet, a photo of a label); no router."""

from __future__ import annotations

import io

from aiogram import Bot
from aiogram.types import Message

from services.scan import decode_photo


async def download(bot: Bot, file_id: str) -> bytes:
    out = io.BytesIO()
    await bot.download(file_id, destination=out)
    return out.getvalue()


MAX_IMAGE_BYTES = 10 * 1024 * 1024  # a larger picture is refused rather than downloaded


def image_document(message: Message) -> bool:
    """A picture sent as a file (uncompressed), not as a photo."""
    document = message.document
    return document is not None and (document.mime_type or "").startswith("image/")


async def photo_barcodes(bot: Bot, message: Message) -> list[str] | None:
    """The barcodes in the message's photo (its largest size) or image file, as the bot takes
    them from text (``services.scan``); ``None`` when the picture is too big to read."""
    if message.photo:
        file = message.photo[-1]  # the largest size Telegram made
        file_id, size = file.file_id, file.file_size or 0
    else:
        assert message.document is not None
        file_id, size = message.document.file_id, message.document.file_size or 0
    if size > MAX_IMAGE_BYTES:
        return None
    return await decode_photo(await download(bot, file_id))
