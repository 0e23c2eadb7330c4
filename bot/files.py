"""Files a user sent, read back from Telegram (a spreadsheet, a photo of a label); no router."""

from __future__ import annotations

import io

from aiogram import Bot


async def download(bot: Bot, file_id: str) -> bytes:
    out = io.BytesIO()
    await bot.download(file_id, destination=out)
    return out.getvalue()
