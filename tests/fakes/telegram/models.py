"""What the Telegram stand-in keeps: users, files, and per chat the transcript a test reads.

A ``ChatLog`` is the live record of one private chat: every message in order in both directions
(``ChatMessage``), edits applied in place with a counter and the earlier versions kept, deletions
marked, callback answers and chat actions. ``ChatMessage.to_api()`` is the Telegram ``Message``
object as the Bot API returns it; ``to_json()`` is the richer transcript row the control API serves.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]


@dataclass
class FakeUser:
    id: int
    first_name: str = "Test"
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    phone_number: str | None = None
    is_premium: bool = False

    def to_api(self) -> Json:
        user: Json = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        if self.is_premium:
            user["is_premium"] = True
        return user

    def chat_api(self) -> Json:
        chat: Json = {"id": self.id, "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        chat["type"] = "private"
        return chat


@dataclass
class StoredFile:
    """A file Telegram holds: the bot's uploads and what test users send."""

    file_id: str
    file_unique_id: str
    kind: str  # "document" | "photo" | "sticker"
    content: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.content)

    def file_api(self) -> Json:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }

    def document_api(self) -> Json:
        doc: Json = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            doc["file_name"] = self.file_name
        if self.mime_type:
            doc["mime_type"] = self.mime_type
        doc["file_size"] = self.size
        return doc

    def photo_api(self) -> list[Json]:
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": self.size,
                "width": self.width or 0,
                "height": self.height or 0,
            }
        ]


@dataclass
class ChatMessage:
    """One row of a transcript: a message in either direction, as it is now."""

    message_id: int
    chat: Json
    sender: Json
    from_bot: bool
    date: int
    version: int  # the fake's change counter when this row last changed
    text: str | None = None  # plain text as Telegram shows it (after HTML parsing)
    entities: list[Json] = field(default_factory=list)
    source_text: str | None = None  # the text as the bot sent it (with tags)
    caption: str | None = None
    caption_entities: list[Json] = field(default_factory=list)
    source_caption: str | None = None
    parse_mode: str | None = None
    reply_markup: Json | None = None  # any markup the bot sent: inline, reply keyboard, remove, force
    file: StoredFile | None = None
    document: Json | None = None
    photo: list[Json] | None = None
    sticker: Json | None = None
    location: Json | None = None
    venue: Json | None = None
    contact: Json | None = None
    reply_to_message_id: int | None = None
    forward_origin: Json | None = None
    edit_count: int = 0
    edit_date: int | None = None
    history: list[Json] = field(default_factory=list)  # earlier versions, oldest first
    deleted: bool = False
    reply_to: ChatMessage | None = field(default=None, repr=False)
    # When the fake accepted it (``time.monotonic``, the same clock in every process here).
    accepted_at: float = field(default_factory=time.monotonic, repr=False)

    @property
    def chat_id(self) -> int:
        return int(self.chat["id"])

    @property
    def content(self) -> str:
        """Text or caption, whichever the message has ("" for neither)."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def inline_keyboard(self) -> list[list[Json]]:
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            return list(self.reply_markup["inline_keyboard"])
        return []

    @property
    def buttons(self) -> list[Json]:
        """Inline buttons, or reply-keyboard buttons, flattened row by row."""
        if self.reply_markup is None:
            return []
        rows = self.reply_markup.get("inline_keyboard") or self.reply_markup.get("keyboard") or []
        return [button for row in rows for button in row]

    @property
    def button_texts(self) -> list[str]:
        return [str(button["text"]) for button in self.buttons]

    @property
    def callback_data(self) -> list[str]:
        return [str(b["callback_data"]) for b in self.buttons if "callback_data" in b]

    def snapshot(self) -> Json:
        return {
            "text": self.text,
            "source_text": self.source_text,
            "entities": list(self.entities),
            "caption": self.caption,
            "source_caption": self.source_caption,
            "reply_markup": self.reply_markup,
        }

    def to_api(self, *, with_reply: bool = True) -> Json:
        msg: Json = {"message_id": self.message_id, "from": self.sender, "chat": self.chat, "date": self.date}
        if self.forward_origin is not None:
            msg["forward_origin"] = self.forward_origin
        if with_reply and self.reply_to is not None:
            msg["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        if self.edit_date is not None:
            msg["edit_date"] = self.edit_date
        if self.text is not None:
            msg["text"] = self.text
            if self.entities:
                msg["entities"] = self.entities
        for key in ("document", "photo", "sticker", "location", "venue", "contact"):
            value = getattr(self, key)
            if value is not None:
                msg[key] = value
        if self.venue is not None:
            msg["location"] = self.venue["location"]
        if self.caption:
            msg["caption"] = self.caption
            if self.caption_entities:
                msg["caption_entities"] = self.caption_entities
        # Telegram echoes only inline keyboards in Message objects
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            msg["reply_markup"] = self.reply_markup
        return msg

    def to_json(self) -> Json:
        row: Json = {
            "message_id": self.message_id,
            "from_bot": self.from_bot,
            "date": self.date,
            "version": self.version,
            "text": self.text,
            "source_text": self.source_text,
            "entities": self.entities,
            "caption": self.caption,
            "source_caption": self.source_caption,
            "reply_markup": self.reply_markup,
            "document": self.document,
            "photo": self.photo,
            "sticker": self.sticker,
            "location": self.location,
            "venue": self.venue,
            "contact": self.contact,
            "reply_to_message_id": self.reply_to_message_id,
            "forward_origin": self.forward_origin,
            "edit_count": self.edit_count,
            "history": self.history,
            "deleted": self.deleted,
        }
        if self.file is not None and self.file.size <= 1_000_000:
            row["file_base64"] = base64.b64encode(self.file.content).decode("ascii")
        return row


@dataclass
class CallbackQueryRecord:
    id: str
    message_id: int
    data: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int | None = None
    version: int = 0

    def to_json(self) -> Json:
        return {
            "id": self.id,
            "message_id": self.message_id,
            "data": self.data,
            "answered": self.answered,
            "text": self.text,
            "show_alert": self.show_alert,
            "url": self.url,
            "cache_time": self.cache_time,
        }


@dataclass
class ChatActionRecord:
    action: str
    date: int
    version: int

    def to_json(self) -> Json:
        return {"action": self.action, "date": self.date}


@dataclass
class ChatLog:
    """A private chat with one test user: the transcript and the chat's state."""

    user: FakeUser
    messages: list[ChatMessage] = field(default_factory=list)
    callback_queries: list[CallbackQueryRecord] = field(default_factory=list)
    chat_actions: list[ChatActionRecord] = field(default_factory=list)
    blocked: str | None = None  # the 403 description while the user has blocked the bot
    reply_keyboard: Json | None = None  # the reply keyboard the user currently sees
    menu_button: Json | None = None
    last_message_id: int = 0

    @property
    def chat_id(self) -> int:
        return self.user.id

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id

    def message(self, message_id: int) -> ChatMessage | None:
        for msg in self.messages:
            if msg.message_id == message_id:
                return msg
        return None

    @property
    def bot_messages(self) -> list[ChatMessage]:
        """The bot's messages that are not deleted, in order."""
        return [m for m in self.messages if m.from_bot and not m.deleted]

    @property
    def user_messages(self) -> list[ChatMessage]:
        return [m for m in self.messages if not m.from_bot and not m.deleted]

    @property
    def last_bot_message(self) -> ChatMessage | None:
        bot_messages = self.bot_messages
        return bot_messages[-1] if bot_messages else None

    def bot_texts(self) -> list[str]:
        """Text or caption of every visible bot message, in order."""
        return [m.content for m in self.bot_messages]

    @property
    def callback_answers(self) -> list[CallbackQueryRecord]:
        return [q for q in self.callback_queries if q.answered]

    def to_json(self) -> Json:
        return {
            "chat_id": self.chat_id,
            "user": self.user.to_api(),
            "blocked": self.blocked is not None,
            "reply_keyboard": self.reply_keyboard,
            "menu_button": self.menu_button,
            "messages": [m.to_json() for m in self.messages],
            "callback_queries": [q.to_json() for q in self.callback_queries],
            "chat_actions": [a.to_json() for a in self.chat_actions],
        }


@dataclass
class UserAction:
    """What a control call produced: the update queued for the bot, and where to wait from.

    Pass ``mark`` as ``since=`` to ``wait_for`` to only see bot messages created or changed after it.
    ``update_id``/``update`` are None when the bot's allowed_updates exclude that kind (Telegram
    then creates no update at all).
    """

    update_id: int | None
    update: Json | None
    mark: int
    message: ChatMessage | None = None
    callback_query_id: str | None = None
    inline_query_id: str | None = None

    def to_json(self) -> Json:
        return {
            "update_id": self.update_id,
            "update": self.update,
            "mark": self.mark,
            "message": self.message.to_json() if self.message is not None else None,
            "callback_query_id": self.callback_query_id,
            "inline_query_id": self.inline_query_id,
        }
