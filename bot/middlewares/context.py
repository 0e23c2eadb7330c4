"""Per-update context: the user (from storage, cached) and their ``l10n``.

A logged-in seller the operator's allow-list leaves out is seen as a customer for the update
(``UserProfile.seller_refused``): seller features then answer with the refusal."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.i18n import LANGUAGES, Translator
from services.accounts import AccountService
from services.users import UserService


def guess_language(user: User | None, default: str) -> str:
    """Before the user chooses: Telegram's language if we speak it, else the default (Uzbek)."""
    code = (user.language_code or "").split("-")[0] if user else ""
    return code if code in LANGUAGES else default


class ContextMiddleware(BaseMiddleware):
    """Outer middleware on every update type: puts ``profile`` and ``l10n`` into handler data."""

    def __init__(
        self, users: UserService, translator: Translator, accounts: AccountService | None = None
    ) -> None:
        self.users = users
        self.translator = translator
        self.accounts = accounts

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            data["l10n"] = self.translator.get(self.translator.default)
            data["profile"] = None
            return await handler(event, data)
        profile = await self.users.load(user.id)
        if profile.is_seller and self.accounts is not None and await self.accounts.refusal(user.id):
            profile = profile.refused_seller()  # the allow-list leaves this seller out (for now)
        data["profile"] = profile
        data["l10n"] = self.translator.get(profile.language or guess_language(user, self.translator.default))
        return await handler(event, data)
