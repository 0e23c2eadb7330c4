"""A spreadsheet import's progress message (its text, its buttons, the live edits) and the resume
of confirmed imports after a restart. No router: the bulk handlers and the composition root
(``bot.app``, at start-up) both use it."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import BusyCb
from bot.i18n import Localizer, Translator
from services.bulk import BulkService, Progress
from services.users import UserService

logger = logging.getLogger(__name__)

EDIT_EVERY = 1.0  # seconds between progress edits (Telegram's per-chat limit)


def progress_text(l10n: Localizer, progress: Progress) -> str:
    if not progress.done:
        return l10n("bulk-progress", done=progress.created, total=progress.total)
    lines = [l10n("bulk-done", created=progress.created, total=progress.total)]
    if progress.failed:
        lines.append(l10n("bulk-done-failed", count=progress.failed))
    if progress.unsure:
        lines.append(l10n("bulk-done-unsure", count=progress.unsure))
    return "\n".join(lines)


def done_keyboard(l10n: Localizer, progress: Progress) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    if progress.created:
        builder.button(text=l10n("bulk-btn-labels"), callback_data=BusyCb(action="lbl", n=progress.import_id))
    if progress.failed or progress.unsure:
        builder.button(
            text=l10n("bulk-btn-problems"), callback_data=BusyCb(action="bad", n=progress.import_id)
        )
    builder.adjust(1)
    return builder.as_markup() if progress.created or progress.failed or progress.unsure else None


def progress_reporter(
    bot: Bot, l10n: Localizer, chat_id: int, message_id: int
) -> Callable[[Progress], Awaitable[None]]:
    """Edits the progress message: at most once a second while running, always at the end."""
    last = 0.0

    async def report(progress: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if not progress.done and now - last < EDIT_EVERY:
            return
        last = now
        with contextlib.suppress(TelegramBadRequest):  # "message is not modified"
            await bot.edit_message_text(
                progress_text(l10n, progress),
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=done_keyboard(l10n, progress) if progress.done else None,
            )

    return report


async def resume_imports(bot: Bot, bulk: BulkService, users: UserService, translator: Translator) -> int:
    """After a restart: go on with every confirmed import (already created lines are skipped)."""
    running = await bulk.running_imports()
    for record in running:
        profile = await users.load(record.owner_id)
        l10n = translator.get(profile.language or translator.default)
        report = None
        message_id = record.progress_message_id
        if record.chat_id is not None and message_id is None:  # stopped before it was shown
            with contextlib.suppress(TelegramAPIError):
                sent = await bot.send_message(
                    record.chat_id, progress_text(l10n, await bulk.progress(record.id))
                )
                message_id = sent.message_id
                await bulk.set_progress_message(record.id, record.chat_id, message_id)
        if record.chat_id is not None and message_id is not None:
            report = progress_reporter(bot, l10n, record.chat_id, message_id)
        logger.info("bulk import %d: resuming after a restart", record.id)
        bulk.launch(record.id, report)
    return len(running)
