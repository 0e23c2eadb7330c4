"""getUpdates long polling and webhook delivery as Telegram does them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from aiohttp import web

from tests.fakes.telegram import TelegramApiError, TelegramFake


async def test_queued_updates_return_at_once_and_offset_confirms(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    first = telegram_fake.send_text(1, "one")
    second = telegram_fake.send_text(1, "two")
    assert first.update_id is not None and second.update_id == first.update_id + 1

    updates = await telegram_bot.get_updates(timeout=30)  # would hang 30 s if it did not return at once
    assert [u.message.text for u in updates if u.message] == ["one", "two"]
    again = await telegram_bot.get_updates(timeout=0)
    assert len(again) == 2  # not confirmed yet
    only_second = await telegram_bot.get_updates(offset=first.update_id + 1, timeout=0)
    assert [u.update_id for u in only_second] == [second.update_id]
    assert await telegram_bot.get_updates(offset=second.update_id + 1, timeout=0) == []
    assert telegram_fake.pending_updates == []


async def test_long_poll_is_woken_by_a_new_update(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    poll = asyncio.create_task(telegram_bot.get_updates(timeout=30))
    await telegram_fake.wait_until(lambda: telegram_fake.get_updates_calls == 1)
    assert not poll.done()
    telegram_fake.send_text(1, "wake up")
    updates = await asyncio.wait_for(poll, 5)
    assert [u.message.text for u in updates if u.message] == ["wake up"]


async def test_long_poll_times_out_empty(telegram_fake: TelegramFake) -> None:
    # Telegram's timeout is whole seconds; the stand-in also takes fractions to keep tests short
    assert await telegram_fake.call("getUpdates", {"timeout": "0.05"}) == []
    assert telegram_fake.get_updates_calls == 1


async def test_competing_polls_get_409(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    older = asyncio.create_task(telegram_bot.get_updates(timeout=30))
    await telegram_fake.wait_until(lambda: telegram_fake.get_updates_calls == 1)
    assert await telegram_bot.get_updates(timeout=0) == []
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(older, 5)


async def test_limit_and_negative_offset(telegram_fake: TelegramFake) -> None:
    for n in range(5):
        telegram_fake.send_text(1, f"m{n}")
    two = await telegram_fake.call("getUpdates", {"limit": 2})
    assert [u["message"]["text"] for u in two] == ["m0", "m1"]
    last = await telegram_fake.call("getUpdates", {"offset": -1})
    assert [u["message"]["text"] for u in last] == ["m4"]
    assert len(telegram_fake.pending_updates) == 1


async def test_allowed_updates_persist_and_filter_new_updates(telegram_fake: TelegramFake) -> None:
    await telegram_fake.call("getUpdates", {"allowed_updates": json.dumps(["callback_query"])})
    telegram_fake.send_text(1, "dropped")
    assert telegram_fake.pending_updates == []
    assert telegram_fake.dropped_updates == 1
    await telegram_fake.call("getUpdates", {})  # no allowed_updates: the previous setting stays
    telegram_fake.send_text(1, "still dropped")
    assert telegram_fake.dropped_updates == 2


# ---------------------------------------------------------------- webhook


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, list[tuple[dict[str, object], str | None]], list[int]]]:
    """A local webhook endpoint that records updates; the first answers in ``fail`` are 500s."""
    received: list[tuple[dict[str, object], str | None]] = []
    fail: list[int] = [0]

    async def handle(request: web.Request) -> web.Response:
        if fail[0] > 0:
            fail[0] -= 1
            return web.Response(status=500)
        update = await request.json()
        received.append((update, request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        message = update.get("message")
        if message and message.get("text") == "reply inline":
            # a webhook may answer with a method call in its body
            return web.json_response(
                {
                    "method": "sendMessage",
                    "chat_id": message["chat"]["id"],
                    "text": "<b>hi</b>",
                    "parse_mode": "HTML",
                }
            )
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/hook", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/hook", received, fail
    finally:
        await runner.cleanup()


async def test_webhook_delivery_with_secret_and_reply_method(
    telegram_fake: TelegramFake,
    telegram_bot: Bot,
    receiver: tuple[str, list[tuple[dict[str, object], str | None]], list[int]],
) -> None:
    url, received, fail = receiver
    telegram_fake.add_user(1)
    fail[0] = 1  # the first delivery fails and is retried
    assert await telegram_bot.set_webhook(url, secret_token="s3cret")
    info = await telegram_bot.get_webhook_info()
    assert info.url == url

    telegram_fake.send_text(1, "hello")
    action = telegram_fake.send_text(1, "reply inline")
    await telegram_fake.wait_until(lambda: len(received) == 2)
    assert [(u["message"]["text"], secret) for u, secret in received] == [  # type: ignore[index]
        ("hello", "s3cret"),
        ("reply inline", "s3cret"),
    ]
    reply = await telegram_fake.wait_for_text(1, "hi", since=action.mark)
    assert reply.text == "hi"
    info = await telegram_bot.get_webhook_info()
    assert info.last_error_message is not None and "500" in info.last_error_message

    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await telegram_bot.get_updates()
    await telegram_bot.delete_webhook()
    assert telegram_fake.webhook_url == ""
    telegram_fake.send_text(1, "polled")
    assert [u.message.text for u in await telegram_bot.get_updates() if u.message] == ["polled"]


async def test_webhook_must_be_local(telegram_fake: TelegramFake) -> None:
    with pytest.raises(TelegramApiError, match="bad webhook"):
        await telegram_fake.call("setWebhook", {"url": "https://example.com/hook"})
