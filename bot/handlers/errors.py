"""Upstream and domain errors become localized messages here, and only here."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, InlineKeyboardMarkup, Message
from sqlalchemy.exc import OperationalError

from bot.i18n import Localizer
from bot.render import error_text
from services.accounts import AccountService
from services.common.errors import UpstreamError
from services.errors import DomainError, NotLoggedIn
from services.users import UserProfile
from storage.db import is_busy

logger = logging.getLogger(__name__)


async def _reply(event: ErrorEvent, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    update = event.update
    message: Message | None = update.message
    if update.callback_query is not None:
        query: CallbackQuery = update.callback_query
        message = query.message if isinstance(query.message, Message) else None
    if message is not None:
        await message.answer(text, reply_markup=markup)


async def upstream_error(event: ErrorEvent, l10n: Localizer, **data: Any) -> None:
    exc = event.exception
    logger.warning("upstream/domain error on update %s: %r", event.update.update_id, exc)
    profile: UserProfile | None = data.get("profile")
    accounts: AccountService | None = data.get("accounts")
    if isinstance(exc, NotLoggedIn) and profile is not None and profile.seller_refused and accounts:
        exc = await accounts.refusal(profile.id) or exc  # "log in first" would mislead: say why
    await _reply(event, error_text(exc, l10n))


async def database_busy(event: ErrorEvent, **data: Any) -> None:
    """Another process held the database past the busy timeout: say so plainly, ask to retry."""
    if not is_busy(event.exception):
        await unexpected_error(event, **data)
        return
    logger.warning("update %s: the database stayed busy; the user is asked to retry", event.update.update_id)
    l10n: Localizer | None = data.get("l10n")
    if l10n is not None:
        await _reply(event, l10n("error-busy"))


async def unexpected_error(event: ErrorEvent, **data: Any) -> None:
    logger.exception("unhandled error on update %s", event.update.update_id, exc_info=event.exception)
    l10n: Localizer | None = data.get("l10n")
    if l10n is not None:
        await _reply(event, l10n("error-unknown"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(upstream_error, ExceptionTypeFilter(UpstreamError, DomainError))
    router.errors.register(database_busy, ExceptionTypeFilter(OperationalError))
    router.errors.register(unexpected_error)
    return router
