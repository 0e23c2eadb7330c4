"""Before any request to Telegram, write the conversation state the answer depends on.

The FSM storage coalesces a handler's changes in memory (``storage.fsm``); this request
middleware makes them durable before the user can see the answer, so a crash right after a reply
never loses the step that reply asked about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot


@runtime_checkable
class Flushable(Protocol):
    async def flush(self) -> None: ...


class FlushBeforeSend(BaseRequestMiddleware):
    def __init__(self, storage: Flushable) -> None:
        self.storage = storage

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        await self.storage.flush()
        return await make_request(bot, method)
