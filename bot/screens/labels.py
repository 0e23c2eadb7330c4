"""One label sheet sent as a PDF: shared by My orders, the tools hub and the bulk import (no router)."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import BufferedInputFile

from bot.reply import Reply
from services.labels import LabelService, page_count


async def send_label_sheet(
    reply: Reply, labels: LabelService, user_id: int, ids: Sequence[int], name: str
) -> None:
    """The labels of ``ids`` (the seller's own), in that order, merged into one PDF."""
    if not ids:
        await reply(reply.l10n("labels-none"))
        return
    async with reply.uploading():
        pdf = await labels.sheet(user_id, ids)
    await reply.document(
        BufferedInputFile(pdf, filename=f"labels-{name}.pdf"),
        caption=reply.l10n("labels-caption", count=len(ids), pages=page_count(pdf)),
    )
