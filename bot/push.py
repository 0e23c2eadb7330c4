"""Pushes over Telegram: the aiogram transport and the Fluent renderer behind ``OutboxSender``.

The services define what a push is and how fast it may go (``services.notifications``); this
module is the only place that knows it travels through an aiogram ``Bot``:

- :class:`AiogramPushTransport` sends one message and turns aiogram's errors into the services'
  (``TelegramRetryAfter`` → ``PushRetryAfter``, ``TelegramForbiddenError`` and "chat not found" →
  ``PushBlocked``, other refusals → permanent ``PushFailed``, network and server trouble →
  ``PushFailed`` to retry);
- :func:`make_renderer` renders outbox rows with the translator in the chat's language; several
  rows of one chat (a merged push) become one message, one paragraph per row, cut at Telegram's
  4096 characters on a paragraph boundary;
- the poller and the sender are wired once, in ``bot.worker.create_workers``.

Message ids the locales must define: ``push-status`` (``barcode``, ``status``, ``status_name``,
``location``), ``push-stalled`` (``barcode``, ``status``, ``status_name``, ``days``) and
``push-relogin`` (``username``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from html import escape
from typing import Any, Protocol

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from services import statuses
from services.notifications import (
    Buttons,
    PushBlocked,
    PushFailed,
    PushRetryAfter,
    RenderedPush,
    Renderer,
)

__all__ = [
    "AiogramPushTransport",
    "LocalizerLike",
    "TranslatorLike",
    "default_status_name",
    "make_renderer",
]

logger = logging.getLogger(__name__)

TELEGRAM_LIMIT = 4096
# 400 answers that mean the chat cannot be written to at all (as good as blocked).
_GONE = ("chat not found", "user not found", "peer_id_invalid", "bot can't initiate conversation")


class AiogramPushTransport:
    """``PushTransport`` over an aiogram ``Bot`` (its default parse mode applies: HTML)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, text: str, *, buttons: Buttons | None = None) -> None:
        try:
            await self._bot.send_message(
                chat_id,
                text,
                reply_markup=_markup(buttons),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except TelegramRetryAfter as exc:
            raise PushRetryAfter(exc.retry_after) from exc
        except TelegramForbiddenError as exc:
            raise PushBlocked(exc.message) from exc
        except TelegramBadRequest as exc:
            if any(marker in exc.message.lower() for marker in _GONE):
                raise PushBlocked(exc.message) from exc
            raise PushFailed(exc.message, permanent=True) from exc
        except (TelegramNetworkError, TelegramServerError) as exc:
            raise PushFailed(f"{type(exc).__name__}: {exc.message}") from exc
        except TelegramAPIError as exc:
            raise PushFailed(f"{type(exc).__name__}: {exc.message}") from exc


def _markup(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=button.text, url=button.url, callback_data=button.callback_data)
                for button in row
            ]
            for row in buttons
        ]
    )


class LocalizerLike(Protocol):
    """``bot.i18n.Localizer``: ``l10n("key", name=value)``."""

    def __call__(self, key: str, /, **args: Any) -> str: ...


class TranslatorLike(Protocol):
    """``bot.i18n.Translator``: a localizer per language (``None``: the default language)."""

    def get(self, lang: str | None) -> LocalizerLike: ...


LangOf = Callable[[int], Awaitable[str | None]]
StatusName = Callable[[LocalizerLike, int, bool], str]
ButtonsFor = Callable[[LocalizerLike, str, Sequence[Mapping[str, Any]]], Buttons | None]


def _fluent_args(
    l10n: LocalizerLike, params: Mapping[str, Any], status_name: StatusName | None
) -> dict[str, Any]:
    """Outbox params as Fluent arguments: texts escaped for HTML, the status named, flags left out."""
    args: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, bool) or value is None:
            continue
        args[name] = escape(value, quote=False) if isinstance(value, str) else value
    status = params.get("status")
    if isinstance(status, int) and not isinstance(status, bool) and "status_name" not in args:
        namer = status_name or default_status_name
        args["status_name"] = escape(namer(l10n, status, bool(params.get("international"))), quote=False)
    return args


def _part(l10n: LocalizerLike, key: str, params: Mapping[str, Any], status_name: StatusName | None) -> str:
    """One push; a rejected order's reasons (``reasons``) follow its status line."""
    text = l10n(key, **_fluent_args(l10n, params, status_name))
    reasons = params.get("reasons")
    if isinstance(reasons, str) and reasons:
        text = f"{text}\n{l10n('rejected-reasons', reasons=escape(reasons, quote=False))}"
    return text


def default_status_name(l10n: LocalizerLike, code: int, international: bool) -> str:
    """The status's name from the one status table (``status-local-6`` and so on)."""
    info = statuses.international_status(code) if international else statuses.local_status(code)
    return l10n(info.key)


def _join(parts: Sequence[str], separator: str, limit: int) -> str:
    """Paragraphs joined, keeping whole ones under ``limit`` (a cut is marked with an ellipsis)."""
    text = ""
    for index, part in enumerate(parts):
        candidate = part if index == 0 else f"{text}{separator}{part}"
        if len(candidate) > limit - 2:
            if index == 0:
                return part[: limit - 2] + "\n…"
            return f"{text}\n…"
        text = candidate
    return text


def make_renderer(
    translator: TranslatorLike,
    lang_of: LangOf,
    *,
    status_name: StatusName | None = None,
    buttons: ButtonsFor | None = None,
    separator: str = "\n\n",
    limit: int = TELEGRAM_LIMIT,
) -> Renderer:
    """A ``Renderer`` for ``OutboxSender``.

    ``lang_of(chat_id)`` gives the chat's saved language (``None``: the default); ``status_name``
    names a status code in that language (default: the ``services.statuses`` key);
    ``buttons`` may add an inline keyboard to a push.
    """

    async def render(
        chat_id: int, message_key: str, params_list: Sequence[Mapping[str, Any]]
    ) -> str | RenderedPush:
        l10n = translator.get(await lang_of(chat_id))
        parts = [_part(l10n, message_key, params, status_name) for params in params_list]
        text = _join(parts, separator, limit)
        keyboard = buttons(l10n, message_key, params_list) if buttons is not None else None
        return RenderedPush(text, keyboard) if keyboard else text

    return render
