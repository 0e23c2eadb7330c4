"""One reply helper per update: every handler answers through ``reply`` (a :class:`Reply`).

It resolves the chat and, for a button press, the message the button sits on, once; it edits or
sends (an edit that Telegram refuses because nothing changed is not an error), shows the chat
action while slow work runs, and answers a press of a stale button. ``ReplyMiddleware`` puts one
into the handler data of every message and callback query as ``reply``.

It also keeps the reply keyboard (the one under the input field) right. Telegram keeps the last
one a message set until another message sets or removes it, and a message carries either inline
buttons or a reply keyboard, never both. A conversation step says which reply keyboard it wants
(:meth:`Reply.expect`: its own, or none); the change rides on the step's next message without
inline buttons, or, when the step's next message has inline buttons, on a short line of its own
sent just before it (the conversation's opening line, else "Got it").
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    CallbackQuery,
    InputFile,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyMarkupUnion,
    TelegramObject,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender

from bot.i18n import Localizer

NOT_MODIFIED = "message is not modified"
UNKNOWN = "unknown"  # the reply keyboard in force is not known (outside a conversation step)
USED = "used"  # the step's one-time keyboard was just used (a shared contact): Telegram hid it
ReplyKeyboard = ReplyKeyboardMarkup | ReplyKeyboardRemove


class Reply:
    """How a handler answers the update it handles."""

    __slots__ = (
        "_answer",
        "_lead",
        "_query",
        "_want",
        "bot",
        "chat_id",
        "l10n",
        "message",
        "shown",
        "user_id",
    )

    def __init__(self, event: Message | CallbackQuery, bot: Bot, l10n: Localizer, answer: Any) -> None:
        self.bot = bot
        self.l10n = l10n
        self._answer: CallbackAnswer | None = answer if isinstance(answer, CallbackAnswer) else None
        if isinstance(event, CallbackQuery):
            self._query: CallbackQuery | None = event
            self.user_id = event.from_user.id
            shown = event.message
            # The message under the button; ``None`` when Telegram no longer gives it (too old).
            self.message: Message | None = shown if isinstance(shown, Message) else None
            self.chat_id = shown.chat.id if shown is not None else event.from_user.id
        else:
            self._query = None
            self.message = event
            self.user_id = event.from_user.id if event.from_user else event.chat.id
            self.chat_id = event.chat.id
        # The reply keyboard in force (``None``: none) as far as this update knows, and the change
        # the next message must make (see :meth:`expect`).
        self.shown: ReplyKeyboardMarkup | str | None = UNKNOWN
        self._want: ReplyKeyboard | None = None
        self._lead: str | None = None

    @property
    def is_button(self) -> bool:
        return self._query is not None

    def expect(self, keyboard: ReplyKeyboardMarkup | None, *, lead: str | None = None) -> None:
        """The next messages must leave ``keyboard`` (``None``: no reply keyboard) in force.

        A keyboard is sent unless it is the one in force (two steps sharing one keyboard: none
        between them); "none" is sent only when another keyboard may be in force. ``lead``: the
        text of the line that carries the change when the next message has inline buttons."""
        if keyboard is not None:
            self._want = None if keyboard is self.shown or keyboard == self.shown else keyboard
        elif self.shown is None:
            self._want = None
        else:
            self._want = ReplyKeyboardRemove(remove_keyboard=True)
        self._lead = lead

    @property
    def changing_keyboard(self) -> bool:
        """A reply keyboard change is waiting for the next message."""
        return self._want is not None

    async def send(self, text: str, markup: ReplyMarkupUnion | None = None, **kwargs: Any) -> Message:
        """A new message in the chat (the answer to a typed message, or after a button)."""
        if self._want is not None:
            if markup is None:
                markup, self._want = self._want, None
            elif _inline(markup):
                want, self._want = self._want, None
                await self._send(self._lead or self.l10n("keyboard-got-it"), want)
            else:  # the message sets a reply keyboard itself
                self._want = None
        return await self._send(text, markup, **kwargs)

    async def _send(self, text: str, markup: ReplyMarkupUnion | None, **kwargs: Any) -> Message:
        sent = await self.bot.send_message(self.chat_id, text, reply_markup=markup, **kwargs)
        if isinstance(markup, ReplyKeyboardMarkup):
            self.shown = markup
        elif isinstance(markup, ReplyKeyboardRemove):
            self.shown = None
        return sent

    async def __call__(self, text: str, markup: ReplyMarkupUnion | None = None, **kwargs: Any) -> Message:
        return await self.send(text, markup, **kwargs)

    async def edit(self, text: str, markup: ReplyMarkupUnion | None = None, **kwargs: Any) -> None:
        """Replace the message under the pressed button (else send a new one); "not modified" is fine."""
        if self.message is None or self._query is None or (markup is not None and not _inline(markup)):
            await self.send(text, markup, **kwargs)
            return
        try:
            await self.message.edit_text(text, reply_markup=markup, **kwargs)  # type: ignore[arg-type]
        except TelegramBadRequest as exc:
            if NOT_MODIFIED not in exc.message:
                raise

    async def edit_markup(self, markup: ReplyMarkupUnion | None) -> None:
        """New buttons under the pressed message (a picker's next page); "not modified" is fine."""
        if self.message is None:
            return
        try:
            await self.message.edit_reply_markup(reply_markup=markup)  # type: ignore[arg-type]
        except TelegramBadRequest as exc:
            if NOT_MODIFIED not in exc.message:
                raise

    async def update(
        self, message: Message, text: str, markup: ReplyMarkupUnion | None = None, **kwargs: Any
    ) -> None:
        """Edit a message the bot sent earlier in this update (``Creating…`` → the result)."""
        try:
            await message.edit_text(text, reply_markup=markup, **kwargs)  # type: ignore[arg-type]
        except TelegramBadRequest as exc:
            if NOT_MODIFIED not in exc.message:
                raise

    async def document(self, file: InputFile, caption: str | None = None) -> Message:
        return await self.bot.send_document(self.chat_id, file, caption=caption)

    async def delete_typed(self) -> None:
        """Delete the user's message (a password); Telegram may refuse (too old): nothing to do."""
        if self._query is None and self.message is not None:
            with suppress(TelegramBadRequest):
                await self.message.delete()

    @asynccontextmanager
    async def typing(self) -> AsyncIterator[None]:
        """The chat shows "typing…" while the block runs (an upstream call)."""
        async with ChatActionSender.typing(bot=self.bot, chat_id=self.chat_id):
            yield

    @asynccontextmanager
    async def uploading(self) -> AsyncIterator[None]:
        """The chat shows "sending a file…" while the block makes one (a label sheet)."""
        async with ChatActionSender.upload_document(bot=self.bot, chat_id=self.chat_id):
            yield

    def toast(self, text: str, *, alert: bool = False) -> None:
        """The small answer to the pressed button (answered once, by ``CallbackAnswerMiddleware``)."""
        if self._answer is not None:
            self._answer.text = text
            self._answer.show_alert = alert

    def stale(self) -> None:
        """The pressed button belongs to a step the conversation has left."""
        self.toast(self.l10n("stale-step"))


def _inline(markup: ReplyMarkupUnion) -> bool:
    return type(markup).__name__ == "InlineKeyboardMarkup"


class ReplyMiddleware(BaseMiddleware):
    """Inner middleware (messages and callback queries): ``reply`` in every handler's data."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message | CallbackQuery):
            data["reply"] = Reply(event, data["bot"], data["l10n"], data.get("callback_answer"))
        return await handler(event, data)
