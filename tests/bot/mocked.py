"""An in-process Telegram for dispatcher tests: a Bot whose session records every call.

Like aiogram's own ``tests/mocked_bot.py`` but answering by itself: sending methods return a
plausible ``Message`` with increasing ids, everything else ``True``. Tests feed real ``Update``
objects to the real dispatcher and read what the bot "sent" from ``bot.calls``.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    SendDocument,
    SendLocation,
    SendMessage,
    SendPhoto,
    SendVenue,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    CallbackQuery,
    Chat,
    Contact,
    Document,
    File,
    InlineKeyboardMarkup,
    Location,
    Message,
    PhotoSize,
    Update,
    User,
)

from tests.fakes.telegram.html import EntityParseError, parse_html, utf16_len

BOT_USER = User(id=42, is_bot=True, first_name="BTS bot", username="bts_test_bot")


@dataclass
class Sent:
    method: str
    chat_id: int | None
    text: str | None
    markup: Any
    raw: TelegramMethod[Any]
    message_id: int | None = None

    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback_data) of every inline button; reply buttons with data None."""
        out: list[tuple[str, str | None]] = []
        if isinstance(self.markup, InlineKeyboardMarkup):
            for row in self.markup.inline_keyboard:
                out.extend((b.text, b.callback_data or b.url) for b in row)
        elif self.markup is not None and hasattr(self.markup, "keyboard"):
            for row in self.markup.keyboard:
                out.extend((b.text, None) for b in row)
        return out


class LimitExceeded(AssertionError):
    """The bot sent something the real Telegram would refuse."""


def _check_limits(method: TelegramMethod[Any], text: str | None, markup: Any) -> None:
    """What Telegram refuses: text over 4096 UTF-16 units after entity parsing (a caption over
    1024), HTML it cannot parse, an empty message, callback data over 64 bytes."""
    limit = 1024 if getattr(method, "caption", None) else 4096
    if text is not None:
        plain = text
        if getattr(method, "parse_mode", "HTML") is not None:
            try:
                plain, _ = parse_html(text)
            except EntityParseError as exc:
                raise LimitExceeded(f"{type(method).__name__}: can't parse entities: {exc}") from exc
        if utf16_len(plain) > limit:
            raise LimitExceeded(f"{type(method).__name__}: text of {utf16_len(plain)} UTF-16 units")
        if isinstance(method, SendMessage | EditMessageText) and not plain.strip():
            raise LimitExceeded("message text is empty")
    if isinstance(markup, InlineKeyboardMarkup):
        for row in markup.inline_keyboard:
            for b in row:
                if b.callback_data is not None and len(b.callback_data.encode()) > 64:
                    raise LimitExceeded(f"callback data over 64 bytes: {b.callback_data!r}")
                if not b.text:
                    raise LimitExceeded("a button without text")


@dataclass
class RecordingSession(BaseSession):
    calls: list[Sent] = field(default_factory=list)
    answered: set[str] = field(default_factory=set)
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content users sent
    # Refuse what Telegram would refuse (the tests); off only where Telegram's own work of parsing
    # and counting is not to be measured (the dispatch benchmark).
    check_limits: bool = True
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    def __post_init__(self) -> None:
        BaseSession.__init__(self)

    async def close(self) -> None:
        return None

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> Any:
        name = type(method).__name__
        chat_id = getattr(method, "chat_id", None)
        text = getattr(method, "text", None) or getattr(method, "caption", None)
        markup = getattr(method, "reply_markup", None)
        sent = Sent(
            name,
            int(chat_id) if isinstance(chat_id, int | str) and str(chat_id).lstrip("-").isdigit() else None,
            text,
            markup,
            method,
        )
        self.calls.append(sent)
        if self.check_limits:
            _check_limits(method, text, markup)
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in self.answered:  # Telegram refuses a second answer
                raise LimitExceeded(f"callback query {method.callback_query_id} answered twice")
            self.answered.add(method.callback_query_id)
        if isinstance(method, SendMessage | SendDocument | SendPhoto | SendLocation | SendVenue):
            sent.message_id = next(self._ids)
            chat = Chat(id=sent.chat_id or 0, type="private")
            extra: dict[str, Any] = {}
            if isinstance(method, SendDocument):
                extra["document"] = Document(file_id="doc", file_unique_id="doc", file_name="file")
            if isinstance(method, SendPhoto):
                extra["photo"] = [PhotoSize(file_id="ph", file_unique_id="ph", width=1, height=1)]
            return Message(
                message_id=sent.message_id,
                date=int(time.time()),
                chat=chat,
                from_user=BOT_USER,
                text=text if isinstance(method, SendMessage) else None,
                reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
                **extra,
            ).as_(bot)
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            sent.message_id = getattr(method, "message_id", None)
            return Message(
                message_id=sent.message_id or 0,
                date=int(time.time()),
                chat=Chat(id=sent.chat_id or 0, type="private"),
                from_user=BOT_USER,
                text=text,
            ).as_(bot)
        if isinstance(method, DeleteMessage):
            sent.message_id = method.message_id
            return True
        if isinstance(method, AnswerCallbackQuery):
            return True
        if isinstance(method, GetFile):
            content = self.files[method.file_id]
            return File(
                file_id=method.file_id,
                file_unique_id=method.file_id,
                file_size=len(content),
                file_path=method.file_id,
            )
        return True

    async def stream_content(self, url: str, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield self.files[url.rsplit("/", 1)[-1]]


class MockedBot(Bot):
    def __init__(self, *, check_limits: bool = True) -> None:
        super().__init__(
            "42:TEST",
            session=RecordingSession(check_limits=check_limits),
            default=DefaultBotProperties(parse_mode="HTML"),
        )
        self._me = BOT_USER

    @property
    def recorder(self) -> RecordingSession:
        assert isinstance(self.session, RecordingSession)
        return self.session


class Chatter:
    """A user talking to the dispatcher: builds real updates and returns what the bot sent back."""

    _update_ids = itertools.count(1)

    def __init__(
        self, dp: Any, bot: MockedBot, user_id: int = 1001, language_code: str = "uz", first_name: str = "Ali"
    ) -> None:
        self.dp = dp
        self.bot = bot
        self.user = User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)
        self.chat = Chat(id=user_id, type="private")
        self._message_ids = itertools.count(1)
        self.shown: dict[int, InlineKeyboardMarkup | None] = {}

    def _message(self, **kwargs: Any) -> Message:
        return Message(
            message_id=next(self._message_ids),
            date=int(time.time()),
            chat=self.chat,
            from_user=self.user,
            **kwargs,
        )

    async def _feed(self, update: Update) -> list[Sent]:
        start = len(self.bot.recorder.calls)
        await self.dp.feed_update(self.bot, update)
        sent = self.bot.recorder.calls[start:]
        self._track(sent)
        return sent

    async def send(self, text: str) -> list[Sent]:
        entities = None
        if text.startswith("/"):
            from aiogram.types import MessageEntity

            command = text.split()[0]
            entities = [MessageEntity(type="bot_command", offset=0, length=len(command))]
        return await self._feed(
            Update(update_id=next(self._update_ids), message=self._message(text=text, entities=entities))
        )

    async def send_contact(self, phone: str, *, own: bool = True) -> list[Sent]:
        contact = Contact(
            phone_number=phone, first_name=self.user.first_name, user_id=self.user.id if own else None
        )
        return await self._feed(
            Update(update_id=next(self._update_ids), message=self._message(contact=contact))
        )

    async def send_location(self, lat: float, lon: float) -> list[Sent]:
        return await self._feed(
            Update(
                update_id=next(self._update_ids),
                message=self._message(location=Location(latitude=lat, longitude=lon)),
            )
        )

    async def send_sticker(self) -> list[Sent]:
        from aiogram.types import Sticker

        sticker = Sticker(
            file_id="st",
            file_unique_id="st",
            type="regular",
            width=1,
            height=1,
            is_animated=False,
            is_video=False,
        )
        return await self._feed(
            Update(update_id=next(self._update_ids), message=self._message(sticker=sticker))
        )

    async def send_photo(self) -> list[Sent]:
        photo = [PhotoSize(file_id="ph", file_unique_id="ph", width=1, height=1)]
        return await self._feed(Update(update_id=next(self._update_ids), message=self._message(photo=photo)))

    async def send_document(self, content: bytes, file_name: str, mime_type: str | None = None) -> list[Sent]:
        file_id = f"doc{len(self.bot.recorder.files)}"
        self.bot.recorder.files[file_id] = content
        document = Document(
            file_id=file_id,
            file_unique_id=file_id,
            file_name=file_name,
            mime_type=mime_type,
            file_size=len(content),
        )
        return await self._feed(
            Update(update_id=next(self._update_ids), message=self._message(document=document))
        )

    async def send_picture(self, content: bytes, width: int = 800, height: int = 600) -> list[Sent]:
        file_id = f"ph{len(self.bot.recorder.files)}"
        self.bot.recorder.files[file_id] = content
        photo = [
            PhotoSize(
                file_id=file_id, file_unique_id=file_id, width=width, height=height, file_size=len(content)
            )
        ]
        return await self._feed(Update(update_id=next(self._update_ids), message=self._message(photo=photo)))

    async def inline(self, query: str) -> list[Sent]:
        from aiogram.types import InlineQuery

        inline = InlineQuery(id=str(next(self._update_ids)), from_user=self.user, query=query, offset="")
        return await self._feed(Update(update_id=next(self._update_ids), inline_query=inline))

    def _track(self, sent: list[Sent]) -> None:
        """Remember the inline keyboards this chat was shown (edits replace, deletes remove)."""
        for call in sent:
            if call.chat_id != self.chat.id or call.message_id is None:
                continue
            if call.method == "DeleteMessage":
                self.shown.pop(call.message_id, None)
            elif call.method == "EditMessageReplyMarkup" or call.method == "EditMessageText":
                self.shown[call.message_id] = (
                    call.markup if isinstance(call.markup, InlineKeyboardMarkup) else None
                )
            elif isinstance(call.markup, InlineKeyboardMarkup):
                self.shown[call.message_id] = call.markup
            elif call.method == "SendMessage":
                self.shown.setdefault(call.message_id, None)

    def saw(self, sent: list[Sent]) -> None:
        """Take in what the bot sent this chat outside an update (a background job's edits)."""
        self._track(sent)

    def shown_on(self, data: str) -> int | None:
        """The newest message of this chat that shows a button with ``data``."""
        for message_id in sorted(self.shown, reverse=True):
            markup = self.shown[message_id]
            if markup is not None and any(
                b.callback_data == data for row in markup.inline_keyboard for b in row
            ):
                return message_id
        return None

    async def click(self, text_part: str) -> list[Sent]:
        """Press the button whose text contains ``text_part`` on the newest message showing one."""
        for message_id in sorted(self.shown, reverse=True):
            markup = self.shown[message_id]
            for row in markup.inline_keyboard if markup is not None else ():
                for b in row:
                    if text_part in b.text and b.callback_data:
                        return await self._press(b.callback_data, message_id)
        raise AssertionError(f"no shown button with {text_part!r}")

    async def press(self, data: str | CallbackData) -> list[Sent]:
        """Press a button the bot showed in this chat (on the newest message showing it)."""
        packed = data.pack() if isinstance(data, CallbackData) else data
        message_id = self.shown_on(packed)
        if message_id is None:
            raise AssertionError(
                f"no message shows a button {packed!r}: press_stale() presses one on purpose"
            )
        return await self._press(packed, message_id)

    async def press_stale(self, data: str | CallbackData, message_id: int = 1) -> list[Sent]:
        """Press a button that is no longer (or never was) shown: an old message, a forged query."""
        packed = data.pack() if isinstance(data, CallbackData) else data
        return await self._press(packed, message_id)

    async def _press(self, data: str, message_id: int) -> list[Sent]:
        message = Message(
            message_id=message_id, date=int(time.time()), chat=self.chat, from_user=BOT_USER, text="…"
        )
        query = CallbackQuery(
            id=str(next(self._update_ids)),
            from_user=self.user,
            chat_instance="ci",
            message=message,
            data=data,
        )
        return await self._feed(Update(update_id=next(self._update_ids), callback_query=query))


def texts(sent: list[Sent]) -> list[str]:
    return [s.text for s in sent if s.text]


def joined(sent: list[Sent]) -> str:
    return "\n".join(texts(sent))


def button(sent: list[Sent], text_part: str) -> str:
    """callback_data of the (last) button whose text contains ``text_part``."""
    found = [data for s in sent for text, data in s.buttons() if text_part in text and data]
    if not found:
        raise AssertionError(f"no button with {text_part!r} in {[b for s in sent for b in s.buttons()]}")
    return found[-1]
