"""A main-menu button pressed in the middle of a new order: the order's draft stays, and before
the button's own answer the seller is told how to come back (``/resume``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.conversations.new_order.entry import note_detour
from bot.filters import MenuButton
from bot.keyboards.common import MENU_KEYS

# "New order" offers the draft itself; "Help" answers without leaving the step.
DETOUR_KEYS = tuple(key for key in MENU_KEYS if key not in ("menu-new-order", "menu-help"))


class DetourMiddleware(BaseMiddleware):
    """Inner middleware (messages), after ``ReplyMiddleware``: it needs ``reply``."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        raw_state = data.get("raw_state")
        if isinstance(event, Message) and raw_state and event.text in MenuButton.texts(DETOUR_KEYS):
            seller = bool(getattr(data.get("profile"), "is_seller", False))
            await note_detour(data["reply"], data["state"], raw_state, seller=seller)
        return await handler(event, data)
