"""Upstream and domain errors become localized messages here, and only here."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, InlineKeyboardMarkup, Message

from bot.i18n import Localizer
from bot.render import error_text
from services.common.errors import UpstreamError
from services.errors import DomainError

logger = logging.getLogger(__name__)


async def _reply(event: ErrorEvent, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    update = event.update
    message: Message | None = update.message
    if update.callback_query is not None:
        query: CallbackQuery = update.callback_query
        message = query.message if isinstance(query.message, Message) else None
    if message is not None:
        await message.answer(text, reply_markup=markup)


async def upstream_error(event: ErrorEvent, l10n: Localizer, **_: Any) -> None:
    logger.warning("upstream/domain error on update %s: %r", event.update.update_id, event.exception)
    await _reply(event, error_text(event.exception, l10n))


async def unexpected_error(event: ErrorEvent, **data: Any) -> None:
    logger.exception("unhandled error on update %s", event.update.update_id, exc_info=event.exception)
    l10n: Localizer | None = data.get("l10n")
    if l10n is not None:
        await _reply(event, l10n("error-unknown"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(upstream_error, ExceptionTypeFilter(UpstreamError, DomainError))
    router.errors.register(unexpected_error)
    return router
