"""The aiogram transport and the Fluent renderer, over HTTP through the Telegram stand-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram import Bot

from bot.i18n import Translator
from bot.push import AiogramPushTransport, make_renderer
from services.notifications import (
    PUSH_STATUS,
    OutboxSender,
    PushBlocked,
    PushButton,
    PushFailed,
    PushRetryAfter,
    RenderedPush,
    enqueue_push,
)
from storage.schemas import ChatPreferencesRecord, OutboxState
from storage.uow import unit_of_work
from tests.fakes.telegram.fixtures import make_bot
from tests.fakes.telegram.ratelimit import RateLimits
from tests.fakes.telegram.server import TelegramFake
from tests.pushes.conftest import World
from tests.pushes.helpers import outbox_rows


async def test_a_push_reaches_the_chat(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    user = telegram_fake.add_user()
    transport = AiogramPushTransport(telegram_bot)

    await transport.send(
        user.id, "📦 <b>0123</b> delivered", buttons=[[PushButton("Open", callback_data="ord:1")]]
    )

    [message] = telegram_fake.transcript(user.id).bot_messages
    assert message.text == "📦 0123 delivered"
    assert message.reply_markup == {"inline_keyboard": [[{"text": "Open", "callback_data": "ord:1"}]]}


async def test_telegram_errors_become_push_errors(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    transport = AiogramPushTransport(telegram_bot)
    blocked = telegram_fake.add_user()
    telegram_fake.block_bot(blocked.id)
    with pytest.raises(PushBlocked):
        await transport.send(blocked.id, "hello")
    with pytest.raises(PushBlocked):
        await transport.send(999_999, "nobody")  # chat not found
    fine = telegram_fake.add_user()
    with pytest.raises(PushFailed) as failed:
        await transport.send(fine.id, "<b>broken")
    assert failed.value.permanent


@pytest.mark.parametrize("telegram_fake", [RateLimits()], indirect=True)
async def test_flood_control_becomes_push_retry_after(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    user = telegram_fake.add_user()
    transport = AiogramPushTransport(telegram_bot)
    await transport.send(user.id, "one")
    with pytest.raises(PushRetryAfter) as exc:
        await transport.send(user.id, "two")  # the same chat within a second
    assert exc.value.seconds >= 1


async def test_the_renderer_uses_the_chats_language_and_merges_rows(translator: Translator) -> None:
    languages = {1: "en", 2: "ru"}

    async def lang_of(chat_id: int) -> str | None:
        return languages.get(chat_id)

    render = make_renderer(translator, lang_of)
    rows = [
        {"barcode": "0123", "status": 2, "location": "Toshkent <BTS>", "final": False},
        {"barcode": "0456", "status": 6, "location": "Samarqand", "final": True},
    ]

    english = await render(1, PUSH_STATUS, rows)
    russian = await render(2, PUSH_STATUS, rows[:1])
    uzbek = await render(3, "push-relogin", [{"username": "shop<1>"}])

    assert english.split("\n\n") == [
        "📦 <b>0123</b>: Picked up by the courier, Toshkent &lt;BTS&gt;",
        "📦 <b>0456</b>: Delivered, Samarqand",
    ]
    assert isinstance(russian, str) and russian.startswith("📦 <b>0123</b>: ") and "Toshkent" in russian
    assert russian != english.split("\n\n")[0]  # the status name is Russian
    assert uzbek == "🔑 shop&lt;1&gt; sifatida qayta kiring"


async def test_the_renderer_keeps_a_merged_message_under_telegrams_limit(translator: Translator) -> None:
    async def lang_of(chat_id: int) -> str | None:
        return "en"

    def buttons(l10n: object, key: str, params_list: object) -> list[list[PushButton]]:
        return [[PushButton("Orders", callback_data="orders")]]

    render = make_renderer(translator, lang_of, limit=150, buttons=buttons)
    rows = [{"barcode": f"{n:012d}", "status": 4, "location": "x" * 20} for n in range(10)]

    rendered = await render(1, PUSH_STATUS, rows)

    assert isinstance(rendered, RenderedPush)
    assert len(rendered.text) <= 150 and rendered.text.endswith("\n…")
    assert rendered.text.count("📦") == 2
    assert rendered.buttons == [[PushButton("Orders", callback_data="orders")]]


@pytest.mark.parametrize("telegram_fake", [RateLimits()], indirect=True)
async def test_the_sender_drains_through_telegram_within_its_limits(
    world: World, telegram_fake: TelegramFake, translator: Translator
) -> None:
    chats = [telegram_fake.add_user().id for _ in range(6)]
    telegram_fake.block_bot(chats[-1])
    for chat in chats:
        await world.user(chat)
    async with unit_of_work(world.session_factory, world.box) as uow:
        for chat in chats:
            for n in range(2):
                await enqueue_push(
                    uow.outbox,
                    ChatPreferencesRecord(chat_id=chat),
                    message_key=PUSH_STATUS,
                    params={"barcode": f"{chat}-{n}", "status": 4, "location": "Toshkent"},
                    dedup_key=f"e2e:{chat}:{n}",
                    now=world.clock(),
                )

    async def lang_of(chat_id: int) -> str | None:
        return "en"

    bot = make_bot(telegram_fake)
    try:
        sender = OutboxSender(
            world.session_factory,
            world.box,
            AiogramPushTransport(bot),
            make_renderer(translator, lang_of),
            rate=28.0,
            merge_window=timedelta(0),
            merge_max=1,
            clock=world.clock,
        )
        assert await sender.drain_once() == 10
    finally:
        await bot.session.close()

    assert telegram_fake.rate_limited_count == 0
    for chat in chats[:-1]:
        texts = [m.text for m in telegram_fake.transcript(chat).bot_messages]
        assert texts == [
            f"📦 {chat}-0: At the receiver's branch, Toshkent",
            f"📦 {chat}-1: At the receiver's branch, Toshkent",
        ]
    states = {row.dedup_key: row.state for row in await outbox_rows(world.session_factory)}
    assert states[f"e2e:{chats[-1]}:0"] is OutboxState.DEAD
    async with unit_of_work(world.session_factory, world.box) as uow:
        user = await uow.users.get(chats[-1])
    assert user is not None and user.blocked_bot
