"""Upstream and domain errors become localized messages here, and only here."""

from __future__ import annotations

import logging
import math
from typing import Any

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, InlineKeyboardMarkup, Message
from sqlalchemy.exc import OperationalError

from bot.i18n import Localizer
from bot.render import validation_text
from services.common.errors import (
    AuthFailed,
    BadResponse,
    Forbidden,
    NotFound,
    RateLimited,
    Unavailable,
    UpstreamError,
    ValidationFailed,
)
from services.errors import DomainError
from storage.db import is_busy

router = Router(name=__name__)
logger = logging.getLogger(__name__)


def error_text(exc: BaseException, l10n: Localizer) -> str:
    if isinstance(exc, DomainError):
        return l10n(exc.key)
    if isinstance(exc, ValidationFailed) and exc.field_errors:
        return validation_text(l10n, exc.field_errors)
    if isinstance(exc, RateLimited):
        return l10n("error-rate-limited", seconds=math.ceil(exc.retry_after or 5))
    if isinstance(exc, AuthFailed):
        return l10n("ypay-key-refused" if exc.service == "yandex_pay" else "error-auth")
    if isinstance(exc, Forbidden | ValidationFailed):
        return l10n("error-forbidden", reason=exc.message or "—")
    if isinstance(exc, NotFound):
        return l10n("error-not-found")
    if isinstance(exc, BadResponse):
        return l10n("error-bad-response")
    if isinstance(exc, Unavailable | UpstreamError):
        return l10n("ypay-unavailable" if exc.service == "yandex_pay" else "error-unavailable")
    return l10n("error-unknown")


async def _reply(event: ErrorEvent, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    update = event.update
    message: Message | None = update.message
    if update.callback_query is not None:
        query: CallbackQuery = update.callback_query
        message = query.message if isinstance(query.message, Message) else None
    if message is not None:
        await message.answer(text, reply_markup=markup)


@router.errors(ExceptionTypeFilter(UpstreamError, DomainError))
async def upstream_error(event: ErrorEvent, l10n: Localizer, **_: Any) -> None:
    logger.warning("upstream/domain error on update %s: %r", event.update.update_id, event.exception)
    await _reply(event, error_text(event.exception, l10n))


@router.errors(ExceptionTypeFilter(OperationalError))
async def database_busy(event: ErrorEvent, **data: Any) -> None:
    """Another process held the database past the busy timeout: say so plainly, ask to retry."""
    if not is_busy(event.exception):
        await unexpected_error(event, **data)
        return
    logger.warning("update %s: the database stayed busy; the user is asked to retry", event.update.update_id)
    l10n: Localizer | None = data.get("l10n")
    if l10n is not None:
        await _reply(event, l10n("error-busy"))


@router.errors()
async def unexpected_error(event: ErrorEvent, **data: Any) -> None:
    logger.exception("unhandled error on update %s", event.update.update_id, exc_info=event.exception)
    l10n: Localizer | None = data.get("l10n")
    if l10n is not None:
        await _reply(event, l10n("error-unknown"))
