"""A Telegram user played over HTTP, through the stand-in's control API (as the web chat page does).

Every action returns the stand-in's change mark; ``wait(text, since=mark)`` then waits for a bot
message, new or edited after that mark, whose text contains ``text``. ``say`` and ``tap`` do both.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from typing import Any

import aiohttp
from aiogram.filters.callback_data import CallbackData

Json = dict[str, Any]
Data = str | CallbackData  # a button's callback data, built with the bot's CallbackData classes

DEFAULT_WAIT = 20.0


class ControlFailed(AssertionError):
    pass


class ChatDriver:
    def __init__(self, http: aiohttp.ClientSession, base_url: str, chat_id: int) -> None:
        self.http = http
        self.base = f"{base_url}/_control"
        self.chat_id = chat_id

    async def _post(self, action: str, payload: Json) -> Json:
        async with self.http.post(f"{self.base}/chats/{self.chat_id}/{action}", json=payload) as response:
            body: Json = await response.json()
        if response.status != 200 or not body.get("ok"):
            chat = await self.transcript()
            shown = [
                f"  {m['text'] or m['caption']!r} {buttons(m)}"
                for m in chat["messages"][-3:]
                if m["from_bot"] and not m["deleted"]
            ]
            raise ControlFailed(
                f"{action} {payload}: {response.status} {body.get('error')}; last bot messages:\n"
                + "\n".join(shown)
            )
        result: Json = body["result"]
        return result

    # --- what a user does -----------------------------------------------------------------

    async def send(self, text: str) -> int:
        return int((await self._post("text", {"text": text}))["mark"])

    async def press(
        self, data: Data | None = None, *, text: str | None = None, message_id: int | None = None
    ) -> int:
        payload: Json = {"data": _packed(data)} if data is not None else {"text": text}
        if message_id is not None:
            payload["message_id"] = message_id
        return int((await self._post("press", payload))["mark"])

    async def reply_button(self, text: str, **extra: Any) -> int:
        return int((await self._post("reply_button", {"text": text, **extra}))["mark"])

    async def contact(self, phone_number: str | None = None) -> int:
        return int((await self._post("contact", {"phone_number": phone_number}))["mark"])

    async def location(self, latitude: float, longitude: float) -> int:
        return int((await self._post("location", {"latitude": latitude, "longitude": longitude}))["mark"])

    async def document(self, content: bytes, file_name: str, mime_type: str | None = None) -> int:
        payload: Json = {"content_base64": base64.b64encode(content).decode("ascii"), "file_name": file_name}
        if mime_type:
            payload["mime_type"] = mime_type
        return int((await self._post("document", payload))["mark"])

    # --- what a user sees -----------------------------------------------------------------

    async def wait(self, text: str, *, since: int | None = None, timeout: float = DEFAULT_WAIT) -> Json:
        params = {"text": text, "timeout": str(timeout)}
        if since is not None:
            params["since"] = str(since)
        async with self.http.get(f"{self.base}/chats/{self.chat_id}/wait", params=params) as response:
            body: Json = await response.json()
        if response.status != 200:
            raise AssertionError(f"chat {self.chat_id}: {body.get('error')}")
        message: Json = body["message"]
        return message

    async def say(self, text: str, expect: str, *, timeout: float = DEFAULT_WAIT) -> Json:
        return await self.wait(expect, since=await self.send(text), timeout=timeout)

    async def tap(self, data: Data, expect: str, *, timeout: float = DEFAULT_WAIT, **kw: Any) -> Json:
        return await self.wait(expect, since=await self.press(data, **kw), timeout=timeout)

    async def wait_for(
        self,
        predicate: Callable[[Json], bool],
        *,
        since: int | None = None,
        timeout: float = DEFAULT_WAIT,
        what: str = "a matching message",
    ) -> Json:
        """The first visible bot message (new or changed after ``since``) that ``predicate`` accepts."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        version = -1
        while True:
            for message in (await self.transcript())["messages"]:
                if not message["from_bot"] or message["deleted"]:
                    continue
                if since is not None and message["version"] <= since:
                    continue
                if predicate(message):
                    return message
            remaining = deadline - loop.time()
            if remaining <= 0:
                texts = "\n".join(f"  {t!r}" for t in (await self.bot_texts())[-8:])
                raise AssertionError(
                    f"chat {self.chat_id}: no {what} within {timeout} s; last bot messages:\n{texts}"
                )
            async with self.http.get(
                f"{self.base}/changes", params={"since": str(version), "timeout": str(min(remaining, 5.0))}
            ) as response:
                version = int((await response.json())["version"])

    async def wait_button(
        self, data: Data, *, since: int | None = None, timeout: float = DEFAULT_WAIT
    ) -> Json:
        """The bot message (new or changed after ``since``) with an inline button of callback ``data``."""
        packed = _packed(data)
        return await self.wait_for(
            lambda m: packed in [d for _, d in buttons(m)],
            since=since,
            timeout=timeout,
            what=f"button {packed!r}",
        )

    async def transcript(self) -> Json:
        async with self.http.get(f"{self.base}/chats/{self.chat_id}/transcript") as response:
            body: Json = await response.json()
        result: Json = body["result"]
        return result

    async def bot_texts(self) -> list[str]:
        chat = await self.transcript()
        return [
            m["text"] or m["caption"] or "" for m in chat["messages"] if m["from_bot"] and not m["deleted"]
        ]


def buttons(message: Json) -> list[tuple[str, str | None]]:
    """(text, callback_data or url) of the message's inline buttons."""
    markup = message.get("reply_markup") or {}
    return [
        (str(b["text"]), b.get("callback_data") or b.get("url"))
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


def _packed(data: Data) -> str:
    return data.pack() if isinstance(data, CallbackData) else data


def data_starting(message: Json, prefix: str) -> list[str]:
    return [d for _, d in buttons(message) if d and d.startswith(prefix)]
