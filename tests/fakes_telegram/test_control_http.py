"""The control API over HTTP (for a web chat page): same actions as the Python methods, as JSON."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.fakes.base import Fault
from tests.fakes.telegram import TelegramFake, tiny_png


@pytest.fixture
async def http(telegram_fake: TelegramFake) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(base_url=telegram_fake.url) as session:
        yield session


async def test_user_actions_and_transcript_over_http(
    telegram_fake: TelegramFake, telegram_bot: Bot, http: aiohttp.ClientSession
) -> None:
    async with http.post(
        "/_control/users", json={"id": 700, "first_name": "Dilnoza", "language_code": "ru"}
    ) as r:
        assert r.status == 200
        assert (await r.json())["result"]["language_code"] == "ru"

    async with http.post("/_control/chats/700/text", json={"text": "/start ref_9"}) as r:
        sent = (await r.json())["result"]
    assert sent["update"]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]

    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="OK", callback_data="ok")]])
    bot_message = await telegram_bot.send_message(700, "Hello <b>Dilnoza</b>", reply_markup=markup)

    async with http.get(
        "/_control/chats/700/wait", params={"text": "Hello", "since": str(sent["mark"])}
    ) as r:
        waited = await r.json()
    assert waited["message"]["message_id"] == bot_message.message_id
    assert waited["message"]["text"] == "Hello Dilnoza"

    async with http.post("/_control/chats/700/press", json={"data": "ok"}) as r:
        pressed = (await r.json())["result"]
    assert pressed["update"]["callback_query"]["data"] == "ok"
    async with http.post("/_control/chats/700/press", json={"data": "missing"}) as r:
        assert r.status == 400
        assert "no inline button" in (await r.json())["error"]

    photo = base64.b64encode(tiny_png()).decode()
    async with http.post("/_control/chats/700/photo", json={"content_base64": photo, "caption": "look"}) as r:
        assert r.status == 200
    async with http.post("/_control/chats/700/location", json={"latitude": 41.3, "longitude": 69.2}) as r:
        assert r.status == 200
    async with http.post("/_control/chats/700/contact", json={"phone_number": "+998901112233"}) as r:
        assert (await r.json())["result"]["message"]["contact"]["phone_number"] == "+998901112233"

    async with http.get("/_control/chats/700/transcript") as r:
        transcript = await r.json()
    rows = transcript["result"]["messages"]
    assert [(row["from_bot"], row["text"] or row["caption"]) for row in rows] == [
        (False, "/start ref_9"),
        (True, "Hello Dilnoza"),
        (False, "look"),
        (False, None),
        (False, None),
    ]
    assert rows[1]["reply_markup"] == {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    assert rows[3]["location"] == {"latitude": 41.3, "longitude": 69.2}
    assert transcript["result"]["callback_queries"][0]["answered"] is False


async def test_block_files_limits_and_state_over_http(
    telegram_fake: TelegramFake, telegram_bot: Bot, http: aiohttp.ClientSession
) -> None:
    telegram_fake.add_user(701)
    async with http.post("/_control/chats/701/block", json={"blocked": True}) as r:
        assert r.status == 200
    assert telegram_fake.transcript(701).blocked is not None
    async with http.post("/_control/chats/701/text", json={"text": "hi"}) as r:
        assert r.status == 400  # a user who blocked the bot cannot write to it
    async with http.post("/_control/chats/701/block", json={"blocked": False}) as r:
        assert r.status == 200

    async with http.post(
        "/_control/chats/701/document", json={"content_base64": "aGVsbG8=", "file_name": "a.txt"}
    ) as r:
        file_id = (await r.json())["result"]["message"]["document"]["file_id"]
    async with http.get(f"/_control/files/{file_id}") as r:
        assert await r.read() == b"hello"

    async with http.post("/_control/rate_limits", json={"enabled": True, "per_chat": 2}) as r:
        limits = await r.json()
    assert (limits["enabled"], limits["per_chat"], limits["overall"]) == (True, 2, 30)
    assert telegram_fake.limiter.limits.per_chat == 2

    await telegram_bot.set_my_commands([], language_code="uz")
    async with http.get("/_control/commands") as r:
        assert await r.json() == [{"scope": {"type": "default"}, "language_code": "uz", "commands": []}]

    async with http.get("/_control/state") as r:
        state = await r.json()
    assert state["chats"] == [701]
    assert state["bot"]["username"] == "test_bot"


async def test_changes_long_poll_wakes_on_bot_message(
    telegram_fake: TelegramFake, telegram_bot: Bot, http: aiohttp.ClientSession
) -> None:
    telegram_fake.add_user(702)
    version = telegram_fake.version

    async def poll() -> int:
        async with http.get("/_control/changes", params={"since": str(version), "timeout": "30"}) as r:
            return int((await r.json())["version"])

    waiting = asyncio.create_task(poll())
    await asyncio.sleep(0)
    await telegram_bot.send_message(702, "news")
    assert await asyncio.wait_for(waiting, 5) > version


async def test_faults_hit_the_bot_side_only(
    telegram_fake: TelegramFake, telegram_bot: Bot, http: aiohttp.ClientSession
) -> None:
    from aiogram.exceptions import TelegramServerError

    telegram_fake.faults.add(
        "*",
        Fault(status=502, body={"ok": False, "error_code": 502, "description": "Bad Gateway"}),
        times=None,
    )
    telegram_fake.add_user(703)
    async with http.post("/_control/chats/703/text", json={"text": "control still works"}) as r:
        assert r.status == 200
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await telegram_bot.send_message(703, "x")
    assert ("POST", "sendMessage") in telegram_fake.requests
