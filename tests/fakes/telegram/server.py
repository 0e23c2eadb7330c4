"""A local Telegram Bot API stand-in that a real aiogram ``Bot`` talks to over HTTP.

Point a bot at it with ``AiohttpSession(api=TelegramAPIServer.from_base(fake.url))``: aiogram then
POSTs forms (urlencoded, or multipart when files go along) to ``{url}/bot{token}/{method}`` and
downloads files from ``{url}/file/bot{token}/{file_path}``; both layouts are served here. JSON
bodies and GET query strings are accepted too, as Telegram does.

Telegram behaviour mirrored:

* answers ``{"ok": true, "result": ...}`` and errors ``{"ok": false, "error_code", "description"}``
  with Telegram's wording (400 "Bad Request: ...", 403 "Forbidden: ...", 404 for unknown methods,
  401 for a wrong token, 409 for competing getUpdates, 429 with ``parameters.retry_after``);
* private chats, one per test user, with per-chat message ids shared by both directions;
* HTML parse mode validated and measured after parsing (``html.py``); 4096 / 1024 limits;
  callback_data 1..64 bytes; "message is not modified"; edits without ``reply_markup`` drop the
  inline keyboard, as Telegram does;
* flood limits (``ratelimit.py``): 30 sends/s overall, 1 send/s per chat, on by default;
* long polling with ``offset``/``timeout``/``limit``/``allowed_updates``; a webhook, when set,
  gets the updates POSTed instead (127.0.0.1 only), with the secret token header and the
  "method in the webhook reply" shortcut.

Only private chats exist; Markdown parse modes are accepted but not parsed (the text is kept as
sent). The control side (acting as a user, reading transcripts, waiting for the bot) is both Python
methods on ``TelegramFake`` and JSON over HTTP under ``/_control/``; see ``setup_routes``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import logging
import mimetypes
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from tests.fakes.base import FakeServer, Handler, fault_middleware
from tests.fakes.telegram.html import EntityParseError, parse_html, strip_text, utf16_len
from tests.fakes.telegram.media import image_size, tiny_png
from tests.fakes.telegram.models import (
    CallbackQueryRecord,
    ChatActionRecord,
    ChatLog,
    ChatMessage,
    FakeUser,
    Json,
    StoredFile,
    UserAction,
)
from tests.fakes.telegram.ratelimit import RateLimiter, RateLimits

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_UPLOAD = 50 * 1024 * 1024
MAX_PHOTO = 10 * 1024 * 1024
MAX_DOWNLOAD = 20 * 1024 * 1024

SENDING_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "sendLocation", "sendVenue", "copyMessage", "forwardMessage"}
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_BOT_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_COMMAND_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
BLOCKED = "Forbidden: bot was blocked by the user"


class TelegramApiError(Exception):
    """An error answer of the Bot API (raised by handlers, and by ``TelegramFake.call``)."""

    def __init__(self, code: int, description: str, parameters: Json | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> Json:
        body: Json = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class ControlError(ValueError):
    """A test asked for something a Telegram user could not do (press a missing button, ...)."""


def bad_request(reason: str) -> TelegramApiError:
    return TelegramApiError(400, f"Bad Request: {reason}")


@dataclass(slots=True)
class Upload:
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass(slots=True)
class ApiCall:
    """One Bot API request as the fake saw it (file contents left out)."""

    method: str
    params: dict[str, Any]
    error_code: int | None = None
    description: str | None = None
    at: float = field(default_factory=time.monotonic)  # when it arrived (for rate measurements)


@dataclass(slots=True)
class RateLimitHit:
    method: str
    chat_id: int
    retry_after: int


@dataclass(slots=True)
class InlineQueryRecord:
    id: str
    user_id: int
    query: str
    answered: bool = False
    results: list[Json] | None = None
    cache_time: int | None = None


class Params:
    """The parameters of one call, from a form, a JSON body or a query string."""

    def __init__(self, data: dict[str, Any], uploads: dict[str, Upload] | None = None) -> None:
        self.data = data
        self.uploads = uploads or {}

    def raw(self, name: str) -> Any:
        return self.data.get(name)

    def has(self, name: str) -> bool:
        value = self.data.get(name)
        return value is not None and value != ""

    def get_str(self, name: str, *, required: bool = False) -> str | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, str):
            return value
        return json.dumps(value) if isinstance(value, (dict, list)) else str(value)

    def get_int(self, name: str, *, required: bool = False) -> int | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_float(self, name: str, *, required: bool = False) -> float | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool:
        value = self.data.get(name)
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1") if value is not None else False

    def get_json(self, name: str) -> Any:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def input_file(self, name: str) -> Upload | str | None:
        """An uploaded file (``attach://key`` or a file part named ``name``) or a file_id string."""
        if name in self.uploads:
            return self.uploads[name]
        value = self.get_str(name)
        if value is None:
            return None
        if value.startswith("attach://"):
            key = value[len("attach://") :]
            if key not in self.uploads:
                raise bad_request(f'file "{key}" must be uploaded as a part of the request')
            return self.uploads[key]
        return value

    def loggable(self) -> dict[str, Any]:
        out = dict(self.data)
        for key, upload in self.uploads.items():
            out[key] = f"<file {upload.filename!r} {len(upload.content)} bytes>"
        return out


def _update_chat(update: Json) -> Any:
    """The chat (or, without one, the user) an update belongs to: its deliveries keep their order."""
    for kind, payload in update.items():
        if kind == "update_id" or not isinstance(payload, dict):
            continue
        for holder in (payload, payload.get("message") or {}):
            chat = holder.get("chat")
            if isinstance(chat, dict) and "id" in chat:
                return chat["id"]
        sender = payload.get("from") or payload.get("user")
        if isinstance(sender, dict) and "id" in sender:
            return sender["id"]
    return update["update_id"]


class TelegramFake(FakeServer):
    """The Bot API for one bot, plus a control side that plays the users."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        bot_username: str = "test_bot",
        bot_first_name: str = "Test Bot",
        rate_limits: RateLimits | None = None,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], float] = time.time,
        default_language: str | None = "en",
        first_update_id: int = 1000,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        super().__init__(host, port)
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.limiter = RateLimiter(
            rate_limits if rate_limits is not None else RateLimits(), clock or time.monotonic
        )
        self.wall_clock = wall_clock
        self.default_language = default_language

        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, ChatLog] = {}
        self.files: dict[str, StoredFile] = {}
        self.calls: list[ApiCall] = []
        self.rate_limit_hits: list[RateLimitHit] = []
        self.commands: dict[tuple[str, str], list[Json]] = {}  # (scope JSON, language_code) -> commands
        self.bot_texts: dict[tuple[str, str], str] = {}  # ("description"|"short_description"|"name", lang)
        self.default_menu_button: Json = {"type": "default"}
        self.inline_queries: dict[str, InlineQueryRecord] = {}
        self.allowed_updates: list[str] | None = None
        self.dropped_updates = 0
        self.get_updates_calls = 0

        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_max_connections = 40
        self.webhook_allowed_updates: list[str] | None = None
        self.webhook_last_error: tuple[int, str] | None = None
        self.webhook_retry_delay = 0.05
        self.webhook_deliveries = 0
        # A load balancer in front of several web processes: base URLs tried in turn (see
        # ``_webhook_target``); deliveries in parallel (``_deliver_concurrently``); each attempt.
        self.webhook_targets: list[str] = []
        self.webhook_concurrent = False
        self.webhook_timeout = 10.0
        self.webhook_attempts: list[tuple[int, str, str | None]] = []
        self._next_target = 0

        self._updates: deque[Json] = deque()
        self._next_update_id = first_update_id
        self._callback_queries: dict[str, CallbackQueryRecord] = {}
        self._ids = itertools.count(1)
        self._version = 0
        self._waiters: set[asyncio.Future[None]] = set()
        self._active_poll: object | None = None
        self._closing = False
        self._webhook_task: asyncio.Task[None] | None = None
        self._methods: dict[str, tuple[str, Callable[[Params], Awaitable[Any]]]] = {}
        self._register_methods()

    # ------------------------------------------------------------------ server plumbing

    def route_key(self, request: web.Request) -> str:
        if request.path.startswith("/file/"):
            return "file"
        method = request.match_info.get("method")
        if method:
            return method
        return request.path.strip("/")

    def make_app(self) -> web.Application:
        faults = fault_middleware(self.route_key, self.faults)

        @web.middleware
        async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
            self.requests.append((request.method, self.route_key(request)))
            return await handler(request)

        @web.middleware
        async def api_faults(request: web.Request, handler: Handler) -> web.StreamResponse:
            if request.path.startswith("/_control/"):
                return await handler(request)  # faults are for the bot's side only
            return await faults(request, handler)

        app = web.Application(middlewares=[record, api_faults], client_max_size=MAX_UPLOAD + 1024 * 1024)
        self.setup_routes(app)
        return app

    def setup_routes(self, app: web.Application) -> None:
        """The Bot API, file downloads, and the control API (JSON in, ``{"ok", "result"|"error"}`` out;
        400 when a user could not do that, e.g. press a button that is not there):

        GET  /_control/state                      bot, change version, chats, pending updates, 429 count
        GET  /_control/changes?since=V&timeout=S  long poll: returns {"version"} once it passes V
        POST /_control/users                      {id?, first_name?, last_name?, username?, language_code?,
                                                   phone_number?}
        POST /_control/updates                    a raw update (update_id assigned here)
        POST /_control/inline_query               {user_id, query}
        GET  /_control/commands                   what setMyCommands stored, per scope and language
        GET|POST /_control/rate_limits            {enabled?, per_chat?, overall?, window?}
        GET  /_control/files/{file_id}            the file's bytes
        GET  /_control/chats                      the users
        GET  /_control/chats/{id}/transcript      ChatLog.to_json()
        GET  /_control/chats/{id}/wait?text=&since=&timeout=   a bot message containing text, or 408
        POST /_control/chats/{id}/text            {text, entities?, reply_to_message_id?}
        POST /_control/chats/{id}/contact         {phone_number?, first_name?, last_name?, user_id?}
        POST /_control/chats/{id}/location        {latitude, longitude}
        POST /_control/chats/{id}/photo           {content_base64? | file_id?, caption?}
        POST /_control/chats/{id}/document        {content_base64? | file_id?, file_name?, mime_type?,
                                                   caption?}
        POST /_control/chats/{id}/sticker         {file_id?, emoji?}
        POST /_control/chats/{id}/press           {data? | text?, message_id?}
        POST /_control/chats/{id}/reply_button    {text, phone_number?, latitude?, longitude?}
        POST /_control/chats/{id}/block           {blocked: true|false}

        User actions answer ``UserAction.to_json()``: update_id, update, mark (pass as ``since``).
        """
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        chat = "/_control/chats/{chat_id:-?\\d+}"
        control = [
            ("GET", "/_control/state", self._c_state),
            ("GET", "/_control/changes", self._c_changes),
            ("POST", "/_control/users", self._c_add_user),
            ("POST", "/_control/updates", self._c_raw_update),
            ("POST", "/_control/inline_query", self._c_inline_query),
            ("GET", "/_control/commands", self._c_commands),
            ("GET", "/_control/rate_limits", self._c_rate_limits),
            ("POST", "/_control/rate_limits", self._c_rate_limits),
            ("GET", "/_control/files/{file_id}", self._c_file),
            ("GET", "/_control/chats", self._c_chats),
            ("GET", f"{chat}/transcript", self._c_transcript),
            ("GET", f"{chat}/wait", self._c_wait),
            ("POST", f"{chat}/text", self._c_text),
            ("POST", f"{chat}/contact", self._c_contact),
            ("POST", f"{chat}/location", self._c_location),
            ("POST", f"{chat}/photo", self._c_photo),
            ("POST", f"{chat}/document", self._c_document),
            ("POST", f"{chat}/sticker", self._c_sticker),
            ("POST", f"{chat}/press", self._c_press),
            ("POST", f"{chat}/reply_button", self._c_reply_button),
            ("POST", f"{chat}/block", self._c_block),
        ]
        for verb, path, handler in control:
            app.router.add_route(verb, path, handler)

    async def start(self) -> str:
        self._closing = False
        return await super().start()

    async def stop(self) -> None:
        self._closing = True
        self._bump()  # long polls and waiters return now instead of at their timeout
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        await super().stop()

    # ------------------------------------------------------------------ change notification

    @property
    def version(self) -> int:
        return self._version

    def mark(self) -> int:
        """The change counter now; ``wait_for(..., since=mark)`` sees only later bot messages."""
        return self._version

    def _bump(self) -> None:
        self._version += 1
        waiters, self._waiters = self._waiters, set()
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    async def _wait_change(self, at_most: float | None) -> None:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(fut)
        try:
            await asyncio.wait({fut}, timeout=at_most)
        finally:
            self._waiters.discard(fut)
            if not fut.done():
                fut.cancel()

    # The wait helpers take ``timeout`` because the brief's API (and tests' readability) asks for it.
    async def wait_until(self, condition: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Re-evaluate ``condition`` on every change until it is truthy; TimeoutError after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = condition()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                raise TimeoutError(f"condition not met within {timeout}s")
            await self._wait_change(remaining)

    async def wait_for(
        self,
        chat_id: int,
        predicate: Callable[[ChatMessage], bool] | None = None,
        timeout: float = 5.0,
        *,
        since: int | None = None,
    ) -> ChatMessage:
        """The first visible bot message in the chat (created or changed after ``since``) that
        satisfies ``predicate``, waiting for it to appear or be edited into shape."""

        def find() -> ChatMessage | None:
            chat = self.chats.get(chat_id)
            if chat is None:
                return None
            for msg in chat.messages:
                if not msg.from_bot or msg.deleted or (since is not None and msg.version <= since):
                    continue
                if predicate is None or predicate(msg):
                    return msg
            return None

        try:
            return await self.wait_until(find, timeout)
        except TimeoutError:
            chat = self.chats.get(chat_id)
            seen = "\n".join(f"  {m.message_id}: {m.content!r}" for m in chat.bot_messages) if chat else ""
            raise TimeoutError(
                f"no bot message in chat {chat_id} matched within {timeout}s; "
                f"bot messages:\n{seen or '  (none)'}"
            ) from None

    async def wait_for_text(
        self,
        chat_id: int,
        substring: str,
        timeout: float = 5.0,
        *,
        since: int | None = None,
    ) -> ChatMessage:
        """The first visible bot message whose text or caption contains ``substring``."""
        return await self.wait_for(chat_id, lambda m: substring in m.content, timeout, since=since)

    async def wait_for_callback_answer(
        self,
        callback_query_id: str,
        timeout: float = 5.0,
    ) -> CallbackQueryRecord:
        record = self._callback_queries.get(callback_query_id)
        if record is None:
            raise ControlError(f"unknown callback query {callback_query_id}")
        answered = await self.wait_until(lambda: record if record.answered else None, timeout)
        return answered

    # ------------------------------------------------------------------ bot identity and files

    @property
    def bot_user(self) -> Json:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _me(self) -> Json:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _store_file(
        self,
        kind: str,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
        extension: str | None = None,
        file_id: str | None = None,
    ) -> StoredFile:
        n = next(self._ids)
        prefix = {"document": "BQACAgIAAxkBAA", "photo": "AgACAgIAAxkBAA", "sticker": "CAACAgIAAxkBAA"}[kind]
        if extension is None and file_name and "." in file_name:
            extension = file_name.rsplit(".", 1)[1]
        folder = {"document": "documents", "photo": "photos", "sticker": "stickers"}[kind]
        stored = StoredFile(
            file_id=file_id or f"{prefix}{n:05d}{secrets.token_urlsafe(9)}",
            file_unique_id=f"AgAD{n:05d}{secrets.token_hex(3)}",
            kind=kind,
            content=content,
            file_path=f"{folder}/file_{n}" + (f".{extension}" if extension else ""),
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_content(self, file_id: str) -> bytes:
        """The bytes behind a file_id (what the bot uploaded, or a test user sent)."""
        try:
            return self.files[file_id].content
        except KeyError:
            raise ControlError(f"unknown file_id {file_id!r}") from None

    # ------------------------------------------------------------------ users and chats

    def add_user(
        self,
        user_id: int | None = None,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "",
        phone_number: str | None = None,
    ) -> FakeUser:
        """Register a test user and their private chat with the bot (ids are auto-assigned from 10001)."""
        if user_id is None:
            user_id = max([10000, *self.users]) + 1
        if user_id in self.users:
            raise ControlError(f"user {user_id} exists")
        user = FakeUser(
            id=user_id,
            first_name=first_name or f"User{user_id}",
            last_name=last_name,
            username=username,
            language_code=self.default_language if language_code == "" else language_code,
            phone_number=phone_number,
        )
        self.users[user_id] = user
        self.chats[user_id] = ChatLog(user=user)
        self._bump()
        return user

    def transcript(self, chat_id: int) -> ChatLog:
        """The live record of a chat: messages (both directions), callback answers, chat actions."""
        try:
            return self.chats[chat_id]
        except KeyError:
            raise ControlError(f"no chat {chat_id}") from None

    def _user_chat(self, chat_id: int) -> ChatLog:
        chat = self.chats.get(chat_id) or self.chats[self.add_user(chat_id).id]
        if chat.blocked is not None:
            raise ControlError(f"user {chat_id} has blocked the bot; call unblock_bot first")
        return chat

    def _resolve_chat(self, params: Params, name: str = "chat_id") -> ChatLog:
        raw = params.raw(name)
        if raw is None or raw == "":
            raise bad_request(f"{name} is empty")
        if isinstance(raw, str) and raw.startswith("@"):
            for candidate in self.chats.values():
                if candidate.user.username and f"@{candidate.user.username}".lower() == raw.lower():
                    return candidate
            raise bad_request("chat not found")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _writable_chat(self, params: Params, name: str = "chat_id") -> ChatLog:
        chat = self._resolve_chat(params, name)
        if chat.blocked is not None:
            raise TelegramApiError(403, chat.blocked)
        return chat

    def block_bot(self, chat_id: int, description: str = BLOCKED) -> UserAction:
        """The user blocks the bot: sends to the chat get 403 ``description``; a my_chat_member update."""
        chat = self.transcript(chat_id)
        chat.blocked = description
        return self._member_update(chat, "member", "kicked")

    def unblock_bot(self, chat_id: int) -> UserAction:
        chat = self.transcript(chat_id)
        chat.blocked = None
        return self._member_update(chat, "kicked", "member")

    def _member_update(self, chat: ChatLog, old: str, new: str) -> UserAction:
        def member(status: str) -> Json:
            body: Json = {"status": status, "user": self.bot_user}
            if status == "kicked":
                body["until_date"] = 0
            return body

        payload = {
            "chat": chat.user.chat_api(),
            "from": chat.user.to_api(),
            "date": self._now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        update_id, update = self._enqueue("my_chat_member", payload)
        return UserAction(update_id, update, self._version)

    def _now(self) -> int:
        return int(self.wall_clock())

    # ------------------------------------------------------------------ updates

    @property
    def pending_updates(self) -> list[Json]:
        return list(self._updates)

    def _type_allowed(self, kind: str) -> bool:
        allowed = self.webhook_allowed_updates if self.webhook_url else self.allowed_updates
        if not allowed:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in allowed

    def _enqueue(self, kind: str, payload: Json) -> tuple[int | None, Json | None]:
        # Telegram does not create updates of types the bot opted out of
        if not self._type_allowed(kind):
            self.dropped_updates += 1
            self._bump()
            return None, None
        update_id = self._next_update_id
        self._next_update_id += 1
        update: Json = {"update_id": update_id, kind: payload}
        self._updates.append(update)
        self._bump()
        return update_id, update

    def enqueue_update(self, update: Json) -> int:
        """Queue a raw update (its ``update_id`` is assigned here)."""
        kinds = [k for k in update if k != "update_id"]
        if len(kinds) != 1:
            raise ControlError("an update has exactly one field besides update_id")
        update_id, _ = self._enqueue(kinds[0], update[kinds[0]])
        return -1 if update_id is None else update_id

    def _confirm(self, offset: int) -> None:
        before = len(self._updates)
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        elif offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
        if len(self._updates) != before:
            self._bump()

    # ------------------------------------------------------------------ acting as a user

    def _add_message(self, chat: ChatLog, *, from_bot: bool, **content: Any) -> ChatMessage:
        self._version += 1
        msg = ChatMessage(
            message_id=chat.next_message_id(),
            chat=chat.user.chat_api(),
            sender=self.bot_user if from_bot else chat.user.to_api(),
            from_bot=from_bot,
            date=self._now(),
            version=self._version,
            **content,
        )
        chat.messages.append(msg)
        self._bump()
        return msg

    def _user_message(self, chat_id: int, **content: Any) -> UserAction:
        chat = self._user_chat(chat_id)
        reply_to_id = content.pop("reply_to_message_id", None)
        if reply_to_id is not None:
            target = chat.message(reply_to_id)
            if target is None or target.deleted:
                raise ControlError(f"no message {reply_to_id} in chat {chat_id}")
            content["reply_to"] = target
            content["reply_to_message_id"] = reply_to_id
        msg = self._add_message(chat, from_bot=False, **content)
        update_id, update = self._enqueue("message", msg.to_api())
        return UserAction(update_id, update, self._version, message=msg)

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        entities: list[Json] | None = None,
        reply_to_message_id: int | None = None,
    ) -> UserAction:
        """The user types ``text``; ``/commands`` get bot_command entities as Telegram adds them."""
        if not text:
            raise ControlError("a user cannot send an empty message")
        if entities is None:
            entities = [
                {
                    "type": "bot_command",
                    "offset": utf16_len(text[: m.start()]),
                    "length": utf16_len(m.group()),
                }
                for m in _COMMAND.finditer(text)
            ]
        return self._user_message(
            chat_id, text=text, entities=entities, reply_to_message_id=reply_to_message_id
        )

    def send_contact(
        self,
        chat_id: int,
        phone_number: str | None = None,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        contact_user_id: int | None = None,
    ) -> UserAction:
        """The user shares a contact; by default their own (as a request_contact button does)."""
        chat = self._user_chat(chat_id)
        user = chat.user
        phone = phone_number or user.phone_number
        if not phone:
            raise ControlError(f"user {chat_id} has no phone_number; pass one")
        own = contact_user_id is None and first_name is None
        contact: Json = {"phone_number": phone, "first_name": first_name or user.first_name}
        last = last_name if last_name is not None else (user.last_name if own else None)
        if last:
            contact["last_name"] = last
        if own or contact_user_id is not None:
            contact["user_id"] = contact_user_id if contact_user_id is not None else user.id
        return self._user_message(chat_id, contact=contact)

    def send_location(self, chat_id: int, latitude: float, longitude: float) -> UserAction:
        return self._user_message(chat_id, location={"latitude": latitude, "longitude": longitude})

    def send_photo(
        self,
        chat_id: int,
        content: bytes | None = None,
        *,
        file_id: str | None = None,
        caption: str | None = None,
    ) -> UserAction:
        """The user sends a photo: new bytes, a known file_id, or (neither) a tiny generated PNG."""
        stored = self._user_file("photo", content, file_id)
        extra: Json = {"caption": caption} if caption else {}
        return self._user_message(chat_id, photo=stored.photo_api(), file=stored, **extra)

    def send_document(
        self,
        chat_id: int,
        content: bytes | None = None,
        *,
        file_name: str = "document.pdf",
        mime_type: str | None = None,
        file_id: str | None = None,
        caption: str | None = None,
    ) -> UserAction:
        stored = self._user_file("document", content, file_id, file_name=file_name, mime_type=mime_type)
        extra: Json = {"caption": caption} if caption else {}
        return self._user_message(chat_id, document=stored.document_api(), file=stored, **extra)

    def send_sticker(self, chat_id: int, file_id: str | None = None, *, emoji: str = "👍") -> UserAction:
        stored = self._user_file("sticker", None, file_id)
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": stored.size,
        }
        return self._user_message(chat_id, sticker=sticker, file=stored)

    def _user_file(
        self,
        kind: str,
        content: bytes | None,
        file_id: str | None,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        if file_id is not None and file_id in self.files:
            return self.files[file_id]
        if content is None:
            content = tiny_png() if kind in ("photo", "sticker") else b"%PDF-1.4\n% test document\n"
        if kind == "photo":
            size = image_size(content)
            width, height, ext = size if size else (1280, 960, "jpg")
            return self._store_file(
                "photo", content, width=width, height=height, extension=ext, file_id=file_id
            )
        if kind == "sticker":
            return self._store_file("sticker", content, extension="webp", file_id=file_id)
        mime = mime_type or mimetypes.guess_type(file_name or "")[0] or "application/octet-stream"
        return self._store_file("document", content, file_name=file_name, mime_type=mime, file_id=file_id)

    def press_button(
        self,
        chat_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        message_id: int | None = None,
    ) -> UserAction:
        """The user taps an inline button, found by callback_data or by its text, on ``message_id``
        (default: the latest bot message that has such a button). Creates a callback_query update."""
        if (data is None) == (text is None):
            raise ControlError("give exactly one of data= or text=")
        chat = self._user_chat(chat_id)
        if message_id is not None:
            msg = chat.message(message_id)
            if msg is None or msg.deleted:
                raise ControlError(f"no message {message_id} in chat {chat_id}")
            candidates = [msg]
        else:
            candidates = list(reversed(chat.bot_messages))
        wanted = f"callback_data={data!r}" if data is not None else f"text={text!r}"
        for msg in candidates:
            for button in (b for row in msg.inline_keyboard for b in row):
                if (data is not None and button.get("callback_data") == data) or (
                    text is not None and button.get("text") == text
                ):
                    if "callback_data" not in button:
                        raise ControlError(f"button {button['text']!r} is not a callback button: {button}")
                    return self._callback_query(chat, msg, str(button["callback_data"]))
        where = f"message {message_id}" if message_id is not None else "any bot message"
        raise ControlError(f"no inline button with {wanted} on {where} in chat {chat_id}")

    def _callback_query(self, chat: ChatLog, msg: ChatMessage, data: str) -> UserAction:
        query_id = str(4_000_000_000_000_000_000 + next(self._ids))
        record = CallbackQueryRecord(id=query_id, message_id=msg.message_id, data=data, version=self._version)
        chat.callback_queries.append(record)
        self._callback_queries[query_id] = record
        payload = {
            "id": query_id,
            "from": chat.user.to_api(),
            "message": msg.to_api(),
            "chat_instance": str(-(chat.chat_id * 7919 + 17)),
            "data": data,
        }
        update_id, update = self._enqueue("callback_query", payload)
        return UserAction(update_id, update, self._version, callback_query_id=query_id)

    def press_reply_button(
        self,
        chat_id: int,
        text: str,
        *,
        phone_number: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> UserAction:
        """The user taps a button of the reply keyboard shown in the chat. A request_contact
        button shares the user's contact, a request_location one the given location."""
        chat = self._user_chat(chat_id)
        keyboard = chat.reply_keyboard
        if keyboard is None:
            raise ControlError(f"no reply keyboard is shown in chat {chat_id}")
        button = next((b for row in keyboard["keyboard"] for b in row if b.get("text") == text), None)
        if button is None:
            shown = [b.get("text") for row in keyboard["keyboard"] for b in row]
            raise ControlError(f"no reply button {text!r} in chat {chat_id}; shown: {shown}")
        if button.get("request_contact"):
            return self.send_contact(chat_id, phone_number)
        if button.get("request_location"):
            if latitude is None or longitude is None:
                raise ControlError("a request_location button needs latitude= and longitude=")
            return self.send_location(chat_id, latitude, longitude)
        return self.send_text(chat_id, text)

    def send_inline_query(self, user_id: int, query: str) -> UserAction:
        chat = self._user_chat(user_id)
        query_id = str(5_000_000_000_000_000_000 + next(self._ids))
        self.inline_queries[query_id] = InlineQueryRecord(id=query_id, user_id=user_id, query=query)
        payload = {
            "id": query_id,
            "from": chat.user.to_api(),
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
        update_id, update = self._enqueue("inline_query", payload)
        return UserAction(update_id, update, self._version, inline_query_id=query_id)

    # ------------------------------------------------------------------ settings for tests

    def set_rate_limits(
        self,
        *,
        enabled: bool | None = None,
        per_chat: int | None = None,
        overall: int | None = None,
        window: float | None = None,
    ) -> RateLimits:
        limits = self.limiter.limits
        if enabled is not None:
            limits.enabled = enabled
        if per_chat is not None:
            limits.per_chat = per_chat
        if overall is not None:
            limits.overall = overall
        if window is not None:
            limits.window = window
        self.limiter.reset()
        return limits

    @property
    def rate_limited_count(self) -> int:
        return len(self.rate_limit_hits)

    def my_commands(self, language_code: str = "", scope: Json | None = None) -> list[Json] | None:
        """What setMyCommands stored for that scope and language (None if never set)."""
        return self.commands.get((_scope_key(scope or {"type": "default"}), language_code))

    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    # ------------------------------------------------------------------ Bot API entry points

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _api_response(TelegramApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        if method.lower() not in self._methods:
            return _api_response(TelegramApiError(404, "Not Found: method not found"))
        try:
            params = await _read_params(request)
        except TelegramApiError as error:
            return _api_response(error)
        try:
            result = await self._call(method, params)
        except TelegramApiError as error:
            return _api_response(error)
        return web.json_response({"ok": True, "result": result})

    async def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Run a Bot API method directly (no HTTP); raises TelegramApiError as the API would answer."""
        if method.lower() not in self._methods:
            raise TelegramApiError(404, "Not Found: method not found")
        return await self._call(method, Params(dict(params or {})))

    async def _call(self, method: str, params: Params) -> Any:
        name, handler = self._methods[method.lower()]
        call = ApiCall(method=name, params=params.loggable())
        self.calls.append(call)
        try:
            return await handler(params)
        except TelegramApiError as error:
            call.error_code = error.code
            call.description = error.description
            raise

    def _register_methods(self) -> None:
        table: dict[str, Callable[[Params], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "logOut": self._ok,
            "close": self._ok,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "getChat": self._get_chat,
            "getFile": self._get_file,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._bot_text_setter("description"),
            "getMyDescription": self._bot_text_getter("description"),
            "setMyShortDescription": self._bot_text_setter("short_description"),
            "getMyShortDescription": self._bot_text_getter("short_description"),
            "setMyName": self._bot_text_setter("name"),
            "getMyName": self._bot_text_getter("name"),
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
        }
        self._methods = {name.lower(): (name, handler) for name, handler in table.items()}

    async def _ok(self, p: Params) -> bool:
        return True

    async def _get_me(self, p: Params) -> Json:
        return self._me()

    # ----- getUpdates and webhooks

    async def _get_updates(self, p: Params) -> list[Json]:
        if self.webhook_url:
            raise TelegramApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                "the webhook first",
            )
        self.get_updates_calls += 1
        offset = p.get_int("offset")
        limit = min(max(p.get_int("limit") or 100, 1), 100)
        timeout = max(p.get_float("timeout") or 0.0, 0.0)
        allowed = p.get_json("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise bad_request("can't parse allowed_updates JSON object")
            self.allowed_updates = [str(kind) for kind in allowed] or None
        if offset:
            self._confirm(offset)
        me = object()
        self._active_poll = me  # a competing poll (the older one) gets 409 when it wakes
        self._bump()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._active_poll is not me:
                raise TelegramApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot "
                    "instance is running",
                )
            remaining = deadline - loop.time()
            if self._updates or remaining <= 0 or self._closing:
                self._active_poll = None
                return list(itertools.islice(self._updates, limit))
            await self._wait_change(remaining)

    async def _set_webhook(self, p: Params) -> bool:
        url = p.get_str("url") or ""
        if url:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise bad_request("bad webhook: Webhook URL is invalid")
            if parts.hostname not in ("127.0.0.1", "localhost"):
                # no machine here reaches the internet; a real deployment would be https on 443/80/88/8443
                raise bad_request("bad webhook: Failed to resolve host: Name or service not known")
        secret = p.get_str("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("bad webhook: Secret token contains unallowed characters")
        if p.get_bool("drop_pending_updates"):
            self._updates.clear()
        allowed = p.get_json("allowed_updates")
        self.webhook_allowed_updates = (
            [str(a) for a in allowed] if isinstance(allowed, list) and allowed else None
        )
        self.webhook_secret = secret
        self.webhook_max_connections = p.get_int("max_connections") or 40
        self.webhook_last_error = None
        self._set_webhook_url(url)
        return True

    async def _delete_webhook(self, p: Params) -> bool:
        if p.get_bool("drop_pending_updates"):
            self._updates.clear()
        self._set_webhook_url("")
        return True

    def _set_webhook_url(self, url: str) -> None:
        if self._webhook_task is not None and url != self.webhook_url:
            self._webhook_task.cancel()
            self._webhook_task = None
        self.webhook_url = url
        if url and self._webhook_task is None:
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhook())
        self._bump()

    async def _get_webhook_info(self, p: Params) -> Json:
        info: Json = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook_url:
            info["max_connections"] = self.webhook_max_connections
            if self.webhook_allowed_updates:
                info["allowed_updates"] = self.webhook_allowed_updates
            if self.webhook_last_error is not None:
                info["last_error_date"], info["last_error_message"] = self.webhook_last_error
        return info

    def _webhook_target(self) -> str:
        """Where the next delivery goes: the registered URL, or (a load balancer in front of
        several web processes) its path on the next of ``webhook_targets``, round robin."""
        if not self.webhook_targets:
            return self.webhook_url
        base = self.webhook_targets[self._next_target % len(self.webhook_targets)]
        self._next_target += 1
        parts = urlsplit(self.webhook_url)
        return base.rstrip("/") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    async def _post_update(self, session: aiohttp.ClientSession, update: Json) -> bytes | None:
        """One delivery attempt: the reply body on 2xx, ``None`` when it must be delivered again."""
        headers = {}
        if self.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook_secret
        target = self._webhook_target()
        error: str | None = None
        reply = b""
        try:
            async with session.post(target, json=update, headers=headers) as resp:
                reply = await resp.read()
                if not 200 <= resp.status < 300:
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {type(exc).__name__}"
        self.webhook_attempts.append((update["update_id"], target, error))
        if error is not None:
            log.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
            self.webhook_last_error = (self._now(), error)
            self._bump()
            return None
        return reply

    async def _deliver_webhook(self) -> None:
        """POST queued updates to the webhook, retrying on failure: one at a time, in order; or,
        with ``webhook_concurrent``, up to ``max_connections`` at once with one update of a chat
        in flight at a time (a chat's next update goes out once the previous one was answered)."""
        timeout = aiohttp.ClientTimeout(total=self.webhook_timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            if self.webhook_concurrent:
                await self._deliver_concurrently(session)
                return
            while self.webhook_url and not self._closing:
                if not self._updates:
                    await self._wait_change(None)
                    continue
                update = self._updates[0]
                reply = await self._post_update(session, update)
                if reply is None:
                    await asyncio.sleep(self.webhook_retry_delay)
                    continue
                self.webhook_deliveries += 1
                if self._updates and self._updates[0] is update:
                    self._updates.popleft()
                    self._bump()
                await self._webhook_reply(reply)

    async def _deliver_concurrently(self, session: aiohttp.ClientSession) -> None:
        busy_chats: set[Any] = set()
        in_flight: set[int] = set()
        tasks: set[asyncio.Task[None]] = set()

        async def deliver(update: Json, chat: Any) -> None:
            try:
                while self.webhook_url and not self._closing:
                    reply = await self._post_update(session, update)
                    if reply is not None:
                        self.webhook_deliveries += 1
                        with contextlib.suppress(ValueError):
                            self._updates.remove(update)
                        await self._webhook_reply(reply)
                        return
                    await asyncio.sleep(self.webhook_retry_delay)
            finally:
                busy_chats.discard(chat)
                in_flight.discard(update["update_id"])
                self._bump()

        try:
            while self.webhook_url and not self._closing:
                started = False
                for update in list(self._updates):
                    if len(in_flight) >= self.webhook_max_connections:
                        break
                    chat = _update_chat(update)
                    if update["update_id"] in in_flight or chat in busy_chats:
                        continue
                    busy_chats.add(chat)
                    in_flight.add(update["update_id"])
                    task = asyncio.create_task(deliver(update, chat))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                    started = True
                if not started:
                    await self._wait_change(None)
        finally:
            for task in list(tasks):
                task.cancel()

    async def _webhook_reply(self, body: bytes) -> None:
        """A webhook may answer with a method call in its body; Telegram runs it, ignoring the result."""
        if not body:
            return
        try:
            data = json.loads(body)
        except ValueError:
            return
        if isinstance(data, dict) and isinstance(data.get("method"), str):
            params = {k: v for k, v in data.items() if k != "method"}
            with contextlib.suppress(TelegramApiError):
                await self.call(data["method"], params)

    # ----- text, markup and files

    def _format(
        self,
        text: str | None,
        parse_mode: str | None,
        entities: Any,
        *,
        limit: int,
        too_long: str,
        empty: str | None,
    ) -> tuple[str, list[Json]]:
        """Parse ``text`` in ``parse_mode`` and apply Telegram's length limit after parsing."""
        text = text or ""
        if entities is not None:
            if not isinstance(entities, list):
                raise bad_request("can't parse entities JSON object")
            plain, parsed = text, list(entities)
        elif parse_mode:
            mode = parse_mode.lower()
            if mode == "html":
                try:
                    plain, parsed = parse_html(text)
                except EntityParseError as error:
                    raise bad_request(f"can't parse entities: {error}") from None
            elif mode in ("markdown", "markdownv2"):
                plain, parsed = text, []
            else:
                raise bad_request("unsupported parse_mode")
        else:
            plain, parsed = text, []
        plain, parsed = strip_text(plain, parsed)
        if not plain and empty is not None:
            raise bad_request(empty)
        if len(plain) > limit:  # Telegram counts characters (code points), not UTF-16 units
            raise bad_request(too_long)
        return plain, parsed

    def _text(self, p: Params) -> tuple[str, list[Json]]:
        if not p.has("text"):
            raise bad_request("message text is empty")
        return self._format(
            p.get_str("text"),
            p.get_str("parse_mode"),
            p.get_json("entities"),
            limit=MAX_TEXT,
            too_long="message is too long",
            empty="message text is empty",
        )

    def _caption(self, p: Params) -> tuple[str | None, list[Json], str | None]:
        if not p.has("caption"):
            return None, [], None
        source = p.get_str("caption")
        plain, entities = self._format(
            source,
            p.get_str("parse_mode"),
            p.get_json("caption_entities"),
            limit=MAX_CAPTION,
            too_long="message caption is too long",
            empty=None,
        )
        return plain or None, entities, source

    def _markup(self, p: Params, *, inline_only: bool = False) -> Json | None:
        raw = p.raw("reply_markup")
        if raw is None or raw == "":
            return None
        obj = p.get_json("reply_markup") if isinstance(raw, str) else raw
        if not isinstance(obj, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in obj:
            rows = obj["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "inline_keyboard" must be an Array'
                )
            for row in rows:
                for button in row:
                    _check_inline_button(button)
            rows = [row for row in rows if row]
            return {"inline_keyboard": rows} if rows else None
        if inline_only:
            raise bad_request("inline keyboard expected")
        if "keyboard" in obj:
            rows = obj["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request('can\'t parse keyboard button: Field "keyboard" must be an Array')
            normal = []
            for row in rows:
                out_row = []
                for button in row:
                    button = {"text": button} if isinstance(button, str) else button
                    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
                    if not button["text"]:
                        raise bad_request("keyboard button text is empty")
                    out_row.append(button)
                if out_row:
                    normal.append(out_row)
            if not normal:
                raise bad_request("keyboard must be non-empty")
            return {**obj, "keyboard": normal}
        if obj.get("remove_keyboard") or obj.get("force_reply"):
            return obj
        raise bad_request("can't parse reply keyboard markup JSON object")

    def _reply_to(self, chat: ChatLog, p: Params) -> ChatMessage | None:
        parameters = p.get_json("reply_parameters")
        if isinstance(parameters, dict):
            message_id = parameters.get("message_id")
            allow = bool(parameters.get("allow_sending_without_reply"))
        else:
            message_id = p.get_int("reply_to_message_id")
            allow = p.get_bool("allow_sending_without_reply")
        if message_id is None:
            return None
        target = chat.message(int(message_id))
        if target is None or target.deleted:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return target

    def _input_file(self, p: Params, name: str, kind: str) -> StoredFile:
        value = p.input_file(name)
        if value is None:
            raise bad_request(f"there is no {name} in the request")
        if isinstance(value, str):
            stored = self.files.get(value)
            if stored is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            if stored.kind != kind:
                raise bad_request("type of file mismatch")
            return stored
        if not value.content:
            raise bad_request("file must be non-empty")
        if len(value.content) > MAX_UPLOAD:
            raise TelegramApiError(413, "Request Entity Too Large")
        if kind == "photo":
            size = image_size(value.content)
            if size is None:
                raise bad_request("IMAGE_PROCESS_FAILED")
            width, height, ext = size
            if len(value.content) > MAX_PHOTO:
                raise bad_request("file is too big")
            if width + height > 10000 or max(width, height) > 20 * max(min(width, height), 1):
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            return self._store_file("photo", value.content, width=width, height=height, extension=ext)
        file_name = value.filename or name
        mime = mimetypes.guess_type(file_name)[0]
        if mime is None and value.content_type and value.content_type != "application/octet-stream":
            mime = value.content_type
        return self._store_file(
            "document", value.content, file_name=file_name, mime_type=mime or "application/octet-stream"
        )

    # ----- sending

    def _check_rate(self, method: str, chat_id: int) -> None:
        retry_after = self.limiter.check(chat_id)
        if retry_after is not None:
            self.rate_limit_hits.append(RateLimitHit(method, chat_id, retry_after))
            self._bump()
            raise TelegramApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )

    def _deliver(
        self, method: str, chat: ChatLog, p: Params, content: Json, markup: Json | None
    ) -> ChatMessage:
        """Rate-limit, then record a bot message in the chat (validation has been done)."""
        reply_to = self._reply_to(chat, p)
        self._check_rate(method, chat.chat_id)
        self.limiter.record(chat.chat_id)
        if reply_to is not None:
            content["reply_to"] = reply_to
            content["reply_to_message_id"] = reply_to.message_id
        msg = self._add_message(chat, from_bot=True, reply_markup=markup, **content)
        if markup is not None:
            if "keyboard" in markup:
                chat.reply_keyboard = markup
            elif markup.get("remove_keyboard"):
                chat.reply_keyboard = None
        return msg

    async def _send_message(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        text, entities = self._text(p)
        markup = self._markup(p)
        content = {
            "text": text,
            "entities": entities,
            "source_text": p.get_str("text"),
            "parse_mode": p.get_str("parse_mode"),
        }
        return self._deliver("sendMessage", chat, p, content, markup).to_api()

    async def _send_document(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        caption, caption_entities, source = self._caption(p)
        markup = self._markup(p)
        stored = self._input_file(p, "document", "document")
        content = {
            "document": stored.document_api(),
            "file": stored,
            "caption": caption,
            "caption_entities": caption_entities,
            "source_caption": source,
            "parse_mode": p.get_str("parse_mode"),
        }
        return self._deliver("sendDocument", chat, p, content, markup).to_api()

    async def _send_photo(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        caption, caption_entities, source = self._caption(p)
        markup = self._markup(p)
        stored = self._input_file(p, "photo", "photo")
        content = {
            "photo": stored.photo_api(),
            "file": stored,
            "caption": caption,
            "caption_entities": caption_entities,
            "source_caption": source,
            "parse_mode": p.get_str("parse_mode"),
        }
        return self._deliver("sendPhoto", chat, p, content, markup).to_api()

    def _location(self, p: Params) -> Json:
        latitude = p.get_float("latitude", required=True)
        longitude = p.get_float("longitude", required=True)
        assert latitude is not None and longitude is not None
        if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
            raise bad_request("wrong location specified")
        return {"latitude": latitude, "longitude": longitude}

    async def _send_location(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        location = self._location(p)
        markup = self._markup(p)
        return self._deliver("sendLocation", chat, p, {"location": location}, markup).to_api()

    async def _send_venue(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        location = self._location(p)
        venue: Json = {
            "location": location,
            "title": p.get_str("title", required=True),
            "address": p.get_str("address", required=True),
        }
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if p.has(key):
                venue[key] = p.get_str(key)
        markup = self._markup(p)
        return self._deliver("sendVenue", chat, p, {"venue": venue}, markup).to_api()

    def _source_message(self, p: Params, missing: str) -> ChatMessage:
        source_chat = self._resolve_chat(p, "from_chat_id")
        message_id = p.get_int("message_id", required=True)
        assert message_id is not None
        msg = source_chat.message(message_id)
        if msg is None or msg.deleted:
            raise bad_request(missing)
        return msg

    @staticmethod
    def _content_of(msg: ChatMessage) -> Json:
        return {
            "text": msg.text,
            "entities": list(msg.entities),
            "source_text": msg.source_text,
            "caption": msg.caption,
            "caption_entities": list(msg.caption_entities),
            "source_caption": msg.source_caption,
            "file": msg.file,
            "document": msg.document,
            "photo": msg.photo,
            "sticker": msg.sticker,
            "location": msg.location,
            "venue": msg.venue,
            "contact": msg.contact,
        }

    async def _copy_message(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        source = self._source_message(p, "message to copy not found")
        content = self._content_of(source)
        if p.has("caption"):
            if source.text is not None:
                raise bad_request(
                    "there is no caption in the message to copy"
                )  # text messages take no caption
            content["caption"], content["caption_entities"], content["source_caption"] = self._caption(p)
        markup = self._markup(p)
        msg = self._deliver("copyMessage", chat, p, content, markup)
        return {"message_id": msg.message_id}

    async def _forward_message(self, p: Params) -> Json:
        chat = self._writable_chat(p)
        source = self._source_message(p, "message to forward not found")
        content = self._content_of(source)
        content["forward_origin"] = {"type": "user", "sender_user": source.sender, "date": source.date}
        return self._deliver("forwardMessage", chat, p, content, None).to_api()

    async def _send_chat_action(self, p: Params) -> bool:
        chat = self._writable_chat(p)
        action = p.get_str("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.chat_actions.append(ChatActionRecord(action=action, date=self._now(), version=self._version + 1))
        self._bump()
        return True

    # ----- editing and deleting

    def _editable(self, p: Params) -> tuple[ChatLog, ChatMessage]:
        if p.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")  # inline messages are not modelled
        chat = self._writable_chat(p)
        message_id = p.get_int("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        msg = chat.message(message_id)
        if msg is None or msg.deleted:
            raise bad_request("message to edit not found")
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        return chat, msg

    @staticmethod
    def _inline_markup(msg: ChatMessage) -> Json | None:
        markup = msg.reply_markup
        return markup if markup is not None and "inline_keyboard" in markup else None

    def _apply_edit(self, msg: ChatMessage, changes: Json) -> Json:
        msg.history.append(msg.snapshot())
        for key, value in changes.items():
            setattr(msg, key, value)
        msg.edit_count += 1
        msg.edit_date = self._now()
        self._version += 1
        msg.version = self._version
        self._bump()
        return msg.to_api()

    @staticmethod
    def _not_modified() -> TelegramApiError:
        return bad_request(
            "message is not modified: specified new message content and reply markup are exactly the same "
            "as a current content and reply markup of the message"
        )

    async def _edit_message_text(self, p: Params) -> Json:
        _, msg = self._editable(p)
        text, entities = self._text(p)
        if msg.text is None:
            raise bad_request("there is no text in the message to edit")
        markup = self._markup(p, inline_only=True)
        if text == msg.text and entities == msg.entities and markup == self._inline_markup(msg):
            raise self._not_modified()
        changes = {
            "text": text,
            "entities": entities,
            "source_text": p.get_str("text"),
            "reply_markup": markup,
        }
        if markup is None and self._inline_markup(msg) is None:
            changes["reply_markup"] = msg.reply_markup  # a reply keyboard is not the message's to drop
        return self._apply_edit(msg, changes)

    async def _edit_message_caption(self, p: Params) -> Json:
        _, msg = self._editable(p)
        if msg.document is None and msg.photo is None:
            raise bad_request("there is no caption in the message to edit")
        caption, caption_entities, source = self._caption(p)
        markup = self._markup(p, inline_only=True)
        if (
            caption == msg.caption
            and caption_entities == msg.caption_entities
            and markup == self._inline_markup(msg)
        ):
            raise self._not_modified()
        changes = {
            "caption": caption,
            "caption_entities": caption_entities,
            "source_caption": source,
            "reply_markup": markup,
        }
        return self._apply_edit(msg, changes)

    async def _edit_message_reply_markup(self, p: Params) -> Json:
        _, msg = self._editable(p)
        markup = self._markup(p, inline_only=True)
        if markup == self._inline_markup(msg):
            raise self._not_modified()
        return self._apply_edit(msg, {"reply_markup": markup})

    async def _delete_message(self, p: Params) -> bool:
        chat = self._resolve_chat(p)
        message_id = p.get_int("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        msg = chat.message(message_id)
        if msg is None or msg.deleted:
            raise bad_request("message to delete not found")
        self._mark_deleted(msg)
        return True

    def _mark_deleted(self, msg: ChatMessage) -> None:
        msg.deleted = True
        self._version += 1
        msg.version = self._version
        self._bump()

    async def _delete_messages(self, p: Params) -> bool:
        chat = self._resolve_chat(p)
        ids = p.get_json("message_ids")
        if not isinstance(ids, list) or not ids or len(ids) > 100:
            raise bad_request("message_ids is empty" if not ids else "too many messages to delete")
        for message_id in ids:
            msg = chat.message(int(message_id))
            if msg is not None and not msg.deleted:
                self._mark_deleted(msg)
        return True

    # ----- answers

    async def _answer_callback_query(self, p: Params) -> bool:
        query_id = p.get_str("callback_query_id", required=True)
        record = self._callback_queries.get(query_id or "")
        if record is None or record.answered:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        text = p.get_str("text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        record.answered = True
        record.text = text
        record.show_alert = p.get_bool("show_alert")
        record.url = p.get_str("url")
        record.cache_time = p.get_int("cache_time")
        self._version += 1
        record.version = self._version
        self._bump()
        return True

    async def _answer_inline_query(self, p: Params) -> bool:
        query_id = p.get_str("inline_query_id", required=True)
        record = self.inline_queries.get(query_id or "")
        if record is None or record.answered:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        results = p.get_json("results")
        if not isinstance(results, list) or len(results) > 50:
            raise bad_request("can't parse inline query results JSON object")
        for result in results:
            if not isinstance(result, dict) or not result.get("type") or not result.get("id"):
                raise bad_request('can\'t parse InlineQueryResult: field "type" and "id" must be present')
        record.answered = True
        record.results = results
        record.cache_time = p.get_int("cache_time")
        self._bump()
        return True

    # ----- chats and files

    async def _get_chat(self, p: Params) -> Json:
        chat = self._resolve_chat(p)
        info = chat.user.chat_api()
        info.update(
            {
                "accent_color_id": chat.chat_id % 7,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": True,
                    "limited_gifts": True,
                    "unique_gifts": True,
                    "premium_subscription": True,
                    "gifts_from_channels": True,
                },
            }
        )
        return info

    async def _get_file(self, p: Params) -> Json:
        file_id = p.get_str("file_id", required=True)
        stored = self.files.get(file_id or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if stored.size > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return stored.file_api()

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        if request.match_info["token"] == self.token:
            for stored in self.files.values():
                if stored.file_path == path:
                    return web.Response(body=stored.content, content_type="application/octet-stream")
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    # ----- commands, descriptions, menu button

    def _scope(self, p: Params) -> Json:
        scope = p.get_json("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _COMMAND_SCOPES:
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope["type"] in ("chat", "chat_administrators", "chat_member") and "chat_id" not in scope:
            raise bad_request("chat_id is empty")
        return scope

    @staticmethod
    def _language(p: Params) -> str:
        language = p.get_str("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return language

    async def _set_my_commands(self, p: Params) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request('parameter "commands" is required')
        if len(commands) > 100:
            raise bad_request("too many commands")
        clean = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name = str(command.get("command", ""))
            description = str(command.get("description", ""))
            if not _BOT_COMMAND_NAME.match(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": name, "description": description})
        self.commands[(_scope_key(self._scope(p)), self._language(p))] = clean
        self._bump()
        return True

    async def _get_my_commands(self, p: Params) -> list[Json]:
        return list(self.commands.get((_scope_key(self._scope(p)), self._language(p)), []))

    async def _delete_my_commands(self, p: Params) -> bool:
        self.commands.pop((_scope_key(self._scope(p)), self._language(p)), None)
        self._bump()
        return True

    def _bot_text_setter(self, field: str) -> Callable[[Params], Awaitable[bool]]:
        limits = {"description": 512, "short_description": 120, "name": 64}

        async def setter(p: Params) -> bool:
            value = p.get_str(field) or ""
            if len(value) > limits[field]:
                raise bad_request(f"{field} is too long")
            language = self._language(p)
            if value:
                self.bot_texts[(field, language)] = value
            else:
                self.bot_texts.pop((field, language), None)
            self._bump()
            return True

        return setter

    def _bot_text_getter(self, field: str) -> Callable[[Params], Awaitable[Json]]:
        async def getter(p: Params) -> Json:
            language = self._language(p)
            value = self.bot_texts.get((field, language)) or self.bot_texts.get((field, ""))
            if value is None:
                value = self.bot_first_name if field == "name" else ""
            return {field: value}

        return getter

    async def _set_chat_menu_button(self, p: Params) -> bool:
        button = p.get_json("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in ("default", "commands", "web_app"):
            raise bad_request("can't parse MenuButton JSON object")
        if p.has("chat_id"):
            self._resolve_chat(p).menu_button = button
        else:
            self.default_menu_button = button
        self._bump()
        return True

    async def _get_chat_menu_button(self, p: Params) -> Json:
        if p.has("chat_id"):
            chat = self._resolve_chat(p)
            if chat.menu_button is not None:
                return chat.menu_button
        return self.default_menu_button

    # ------------------------------------------------------------------ control over HTTP

    async def _c_state(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "bot": self._me(),
                "version": self._version,
                "chats": sorted(self.chats),
                "pending_updates": len(self._updates),
                "rate_limited": self.rate_limited_count,
                "webhook_url": self.webhook_url,
                "allowed_updates": self.allowed_updates,
            }
        )

    async def _c_changes(self, request: web.Request) -> web.Response:
        """Long poll for a web page: returns when the change counter passes ``since``."""
        since = int(request.query.get("since", "-1"))
        timeout = float(request.query.get("timeout", "25"))
        with contextlib.suppress(TimeoutError):
            await self.wait_until(lambda: self._version > since, timeout)
        return web.json_response({"version": self._version})

    async def _c_chats(self, request: web.Request) -> web.Response:
        return web.json_response([chat.user.to_api() for chat in self.chats.values()])

    async def _c_add_user(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.add_user(
                body.get("id"),
                first_name=body.get("first_name"),
                last_name=body.get("last_name"),
                username=body.get("username"),
                language_code=body.get("language_code", ""),
                phone_number=body.get("phone_number"),
            ).to_api()
        )

    async def _c_raw_update(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(lambda: {"update_id": self.enqueue_update(body)})

    async def _c_inline_query(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_inline_query(int(body["user_id"]), str(body.get("query", ""))).to_json()
        )

    async def _c_commands(self, request: web.Request) -> web.Response:
        return web.json_response(
            [
                {"scope": json.loads(scope), "language_code": lang, "commands": commands}
                for (scope, lang), commands in self.commands.items()
            ]
        )

    async def _c_rate_limits(self, request: web.Request) -> web.Response:
        if request.method == "POST":
            body = await _control_body(request)
            self.set_rate_limits(
                enabled=body.get("enabled"),
                per_chat=body.get("per_chat"),
                overall=body.get("overall"),
                window=body.get("window"),
            )
        limits = self.limiter.limits
        return web.json_response(
            {
                "enabled": limits.enabled,
                "per_chat": limits.per_chat,
                "overall": limits.overall,
                "window": limits.window,
                "rate_limited": self.rate_limited_count,
            }
        )

    async def _c_file(self, request: web.Request) -> web.Response:
        stored = self.files.get(request.match_info["file_id"])
        if stored is None:
            return web.json_response({"ok": False, "error": "unknown file_id"}, status=404)
        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")

    async def _c_transcript(self, request: web.Request) -> web.Response:
        return await _control(lambda: self.transcript(_chat_id(request)).to_json())

    async def _c_wait(self, request: web.Request) -> web.Response:
        query = request.query
        text = query.get("text", "")
        since = int(query["since"]) if "since" in query else None
        try:
            msg = await self.wait_for_text(
                _chat_id(request), text, float(query.get("timeout", "5")), since=since
            )
        except TimeoutError as error:
            return web.json_response({"ok": False, "error": str(error)}, status=408)
        return web.json_response({"ok": True, "message": msg.to_json()})

    async def _c_text(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_text(
                _chat_id(request),
                str(body.get("text", "")),
                entities=body.get("entities"),
                reply_to_message_id=body.get("reply_to_message_id"),
            ).to_json()
        )

    async def _c_contact(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_contact(
                _chat_id(request),
                body.get("phone_number"),
                first_name=body.get("first_name"),
                last_name=body.get("last_name"),
                contact_user_id=body.get("user_id"),
            ).to_json()
        )

    async def _c_location(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_location(
                _chat_id(request), float(body["latitude"]), float(body["longitude"])
            ).to_json()
        )

    async def _c_photo(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_photo(
                _chat_id(request),
                _b64(body.get("content_base64")),
                file_id=body.get("file_id"),
                caption=body.get("caption"),
            ).to_json()
        )

    async def _c_document(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_document(
                _chat_id(request),
                _b64(body.get("content_base64")),
                file_name=body.get("file_name") or "document.pdf",
                mime_type=body.get("mime_type"),
                file_id=body.get("file_id"),
                caption=body.get("caption"),
            ).to_json()
        )

    async def _c_sticker(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.send_sticker(
                _chat_id(request), body.get("file_id"), emoji=body.get("emoji", "👍")
            ).to_json()
        )

    async def _c_press(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.press_button(
                _chat_id(request),
                data=body.get("data"),
                text=body.get("text"),
                message_id=body.get("message_id"),
            ).to_json()
        )

    async def _c_reply_button(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        return await _control(
            lambda: self.press_reply_button(
                _chat_id(request),
                str(body.get("text", "")),
                phone_number=body.get("phone_number"),
                latitude=body.get("latitude"),
                longitude=body.get("longitude"),
            ).to_json()
        )

    async def _c_block(self, request: web.Request) -> web.Response:
        body = await _control_body(request)
        chat_id = _chat_id(request)
        if body.get("blocked", True):
            return await _control(lambda: self.block_bot(chat_id).to_json())
        return await _control(lambda: self.unblock_bot(chat_id).to_json())


# ---------------------------------------------------------------------- helpers


def _scope_key(scope: Json) -> str:
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str) or not button["text"]:
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    actions = [key for key in _INLINE_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = str(button["url"])
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "tg") or (parts.scheme != "tg" and not parts.hostname):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _api_response(error: TelegramApiError) -> web.Response:
    return web.json_response(error.to_json(), status=error.code)


async def _read_params(request: web.Request) -> Params:
    data: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON encoded request body") from None
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON encoded request body")
            data.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    uploads[key] = Upload(value.filename, value.content_type, value.file.read())
                elif isinstance(value, (bytes, bytearray)):
                    data[key] = bytes(value).decode("utf-8", errors="replace")
                else:
                    data[key] = value
    return Params(data, uploads)


def _chat_id(request: web.Request) -> int:
    return int(request.match_info["chat_id"])


def _b64(value: Any) -> bytes | None:
    return base64.b64decode(value) if value else None


async def _control_body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(
            text=json.dumps({"ok": False, "error": "JSON body expected"}), content_type="application/json"
        ) from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(
            text=json.dumps({"ok": False, "error": "JSON object expected"}), content_type="application/json"
        )
    return body


async def _control(action: Callable[[], Any]) -> web.Response:
    try:
        result = action()
    except (ControlError, KeyError, TypeError, ValueError) as error:
        return web.json_response({"ok": False, "error": str(error)}, status=400)
    return web.json_response({"ok": True, "result": result})
