"""Filters shared by the routers."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.i18n import LANGUAGES, Translator
from services.settings import Settings


class IsAdmin(Filter):
    """The user is one of ``ADMIN_IDS`` (the operator's menus)."""

    async def __call__(self, event: TelegramObject, settings: Settings) -> bool:
        user = getattr(event, "from_user", None)
        return user is not None and user.id in settings.admin_ids


class MenuButton(Filter):
    """A reply-keyboard button of the main menu, in whatever language the keyboard was drawn."""

    _texts: dict[str, frozenset[str]] = {}
    _joined: dict[tuple[str, ...], frozenset[str]] = {}
    _all: frozenset[str] = frozenset()

    def __init__(self, key: str) -> None:
        self.key = key

    @classmethod
    def prepare(cls, translator: Translator, keys: tuple[str, ...]) -> None:
        cls._texts = {key: frozenset(translator.get(lang)(key) for lang in LANGUAGES) for key in keys}
        cls._joined = {}
        cls._all = frozenset(text for texts in cls._texts.values() for text in texts)

    @classmethod
    def texts(cls, keys: tuple[str, ...]) -> frozenset[str]:
        """The texts of these buttons in every language (joined once per ``prepare``)."""
        joined = cls._joined.get(keys)
        if joined is None:
            joined = frozenset(text for key in keys for text in cls._texts.get(key, frozenset()))
            cls._joined[keys] = joined
        return joined

    @classmethod
    def any_text(cls) -> frozenset[str]:
        """Every menu text in every language (a new set after each ``prepare``)."""
        return cls._all

    def accepts_text(self, text: str | None) -> bool:
        return text is not None and text in self._texts.get(self.key, frozenset())

    def accepts(self, event: Any) -> bool:
        return self.accepts_text(getattr(event, "text", None))

    async def __call__(self, message: Message, **_: Any) -> bool:
        return self.accepts(message)


class StatePrefix(Filter):
    """The raw FSM state starts with ``prefix`` (a family of states not declared as a group)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    async def __call__(self, event: Any, raw_state: str | None = None, **_: Any) -> bool:
        return raw_state is not None and raw_state.startswith(self.prefix)


def streamline_filters(router: Router) -> int:
    """Run the plain filters of ``router`` and its sub-routers inline (what they accept is
    unchanged). Returns how many were changed.

    - aiogram calls a filter that is not a coroutine function (a ``State`` given as a filter, an
      ``F`` magic filter, a plain function) through ``asyncio.to_thread``: a thread hop of tens
      of µs for a check that takes one, on every update that reaches the handler. Filters never
      block (they look at the update and the handler data).
    - A ``SomeCb.filter(rule)`` unpacks the button's data (a pydantic model) each time it is
      tried: several handlers of one kind of button (Back, Cancel, Menu) unpacked one press
      several times. A data string is now unpacked once (unpacked data are values: no handler
      changes them)."""
    changed = 0
    for each in router.chain_tail:
        for observer in each.observers.values():
            for handler in observer.handlers:
                for event_filter in handler.filters or ():
                    if isinstance(event_filter.callback, CallbackQueryFilter):
                        event_filter.callback = _unpacking_once(event_filter.callback)
                        changed += 1
                    elif not event_filter.awaitable:
                        event_filter.callback = _inline(event_filter.callback)
                        event_filter.awaitable = True
                        changed += 1
    return changed


@functools.lru_cache(maxsize=1024)
def _unpacked(kind: type[CallbackData], data: str) -> CallbackData | None:
    try:
        return kind.unpack(data)
    except (TypeError, ValueError):
        return None


def _unpacking_once(check: CallbackQueryFilter) -> Callable[..., Awaitable[Any]]:
    """What ``CallbackQueryFilter.__call__`` answers, over data unpacked once per string."""
    kind, rule = check.callback_data, check.rule

    async def run(query: Any, *args: Any, **kwargs: Any) -> Any:
        data = getattr(query, "data", None)
        if not isinstance(query, CallbackQuery) or not data:
            return False
        unpacked = _unpacked(kind, data)
        if unpacked is None or (rule is not None and not rule.resolve(unpacked)):
            return False
        return {"callback_data": unpacked}

    return run


def _inline(check: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    async def run(*args: Any, **kwargs: Any) -> Any:
        return check(*args, **kwargs)

    return run
