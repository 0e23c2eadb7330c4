"""Telegram's refusals, as aiogram sees them: 400s with Telegram's wording, 403, 429 + retry_after."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods import SendMessage
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from tests.fakes.telegram import FakeClock, RateLimits, TelegramFake, tiny_png
from tests.fakes.telegram.fixtures import make_bot


def _keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="x", callback_data=data)]])


async def test_text_length_is_measured_after_html_parsing(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    telegram_fake.add_user(1)
    ok = await telegram_bot.send_message(1, "<b>" + "a" * 4096 + "</b>")  # tags do not count
    assert ok.text == "a" * 4096
    await telegram_bot.send_message(1, "&lt;" * 4096)  # an entity is one character
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.send_message(1, "<i>" + "a" * 4097 + "</i>")
    assert caught.value.message == "Bad Request: message is too long"
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await telegram_bot.send_message(1, "a" * 4097, parse_mode=None)


async def test_caption_limit(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    doc = BufferedInputFile(b"x", filename="x.txt")
    await telegram_bot.send_document(1, doc, caption="<b>" + "c" * 1024 + "</b>")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message caption is too long"):
        await telegram_bot.send_document(1, doc, caption="c" * 1025)


async def test_empty_text_and_bad_html(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.send_message(1, "")
    assert caught.value.message == "Bad Request: message text is empty"
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await telegram_bot.send_message(1, "<b>  </b>")
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.send_message(1, "price < 100")
    assert caught.value.message == (
        'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 6'
    )
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Can't find end tag"):
        await telegram_bot.send_message(1, "<b>open")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "br"'):
        await telegram_bot.send_message(1, "line<br>line")
    # without parse mode the same text is fine
    sent = await telegram_bot.send_message(1, "price < 100", parse_mode=None)
    assert sent.text == "price < 100"
    assert [m.content for m in telegram_fake.transcript(1).messages] == ["price < 100"]


async def test_callback_data_over_64_bytes(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    await telegram_bot.send_message(1, "ok", reply_markup=_keyboard("d" * 64))
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.send_message(1, "bad", reply_markup=_keyboard("d" * 65))
    assert caught.value.message == "Bad Request: BUTTON_DATA_INVALID"
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await telegram_bot.send_message(1, "bad", reply_markup=_keyboard("ш" * 33))  # 66 bytes
    text_only = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="t")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await telegram_bot.send_message(1, "bad", reply_markup=text_only)


async def test_not_modified_and_missing_messages(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    sent = await telegram_bot.send_message(1, "<b>v1</b>", reply_markup=_keyboard("k"))
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.edit_message_text(
            text="<b>v1</b>", chat_id=1, message_id=sent.message_id, reply_markup=_keyboard("k")
        )
    assert caught.value.message.startswith("Bad Request: message is not modified: ")
    # same text in another format is a change, and so is dropping the keyboard
    await telegram_bot.edit_message_text(text="v1", chat_id=1, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await telegram_bot.edit_message_reply_markup(chat_id=1, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.edit_message_text(text="x", chat_id=1, message_id=999)
    assert caught.value.message == "Bad Request: message to edit not found"
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.delete_message(1, 999)
    assert caught.value.message == "Bad Request: message to delete not found"

    assert await telegram_bot.delete_message(1, sent.message_id) is True
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await telegram_bot.delete_message(1, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await telegram_bot.edit_message_text(text="v3", chat_id=1, message_id=sent.message_id)
    row = telegram_fake.transcript(1).messages[0]
    assert row.deleted and row.edit_count == 1 and row.text == "v1"
    assert telegram_fake.transcript(1).bot_messages == []


async def test_user_messages_cannot_be_edited_and_chat_must_exist(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    action = telegram_fake.send_text(1, "mine")  # an unknown user is registered on first contact
    assert action.message is not None
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await telegram_bot.edit_message_text(text="x", chat_id=1, message_id=action.message.message_id)
    with pytest.raises(TelegramBadRequest) as caught:
        await telegram_bot.send_message(777, "hello")
    assert caught.value.message == "Bad Request: chat not found"


async def test_blocked_user_is_403(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    sent = await telegram_bot.send_message(1, "before")
    blocked = telegram_fake.block_bot(1)
    assert blocked.update is not None
    assert blocked.update["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    with pytest.raises(TelegramForbiddenError) as caught:
        await telegram_bot.send_message(1, "after")
    assert caught.value.message == "Forbidden: bot was blocked by the user"
    with pytest.raises(TelegramForbiddenError):
        await telegram_bot.edit_message_text(text="edited", chat_id=1, message_id=sent.message_id)
    with pytest.raises(TelegramForbiddenError):
        await telegram_bot.send_chat_action(1, "typing")
    telegram_fake.unblock_bot(1)
    await telegram_bot.send_message(1, "again")
    assert telegram_fake.transcript(1).bot_texts() == ["before", "again"]


async def test_unknown_method_and_wrong_token(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    class Nope(SendMessage):
        __api_method__ = "sendNothing"

    with pytest.raises(TelegramNotFound) as caught:
        await telegram_bot(Nope(chat_id=1, text="x"))
    assert caught.value.message == "Not Found: method not found"
    other = make_bot(telegram_fake, token="999:WRONG")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await other.get_me()
    finally:
        await other.session.close()


async def test_photo_must_be_an_image(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await telegram_bot.send_photo(1, BufferedInputFile(b"not an image", filename="x.png"))
    sent = await telegram_bot.send_photo(1, BufferedInputFile(tiny_png(4, 3), filename="x.png"))
    assert sent.photo is not None and (sent.photo[-1].width, sent.photo[-1].height) == (4, 3)


# ---------------------------------------------------------------- flood limits


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def limited(clock: FakeClock) -> AsyncIterator[tuple[TelegramFake, Bot]]:
    fake = TelegramFake(rate_limits=RateLimits(), clock=clock)
    await fake.start()
    bot = make_bot(fake)
    try:
        yield fake, bot
    finally:
        await bot.session.close()
        await fake.stop()


async def test_per_chat_limit_raises_retry_after(limited: tuple[TelegramFake, Bot], clock: FakeClock) -> None:
    fake, bot = limited
    fake.add_user(1)
    fake.add_user(2)
    first = await bot.send_message(1, "one")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(1, "two")
    assert caught.value.retry_after == 1
    assert caught.value.message.endswith("Original description: Too Many Requests: retry after 1")
    await bot.send_message(2, "other chat is fine")
    # edits, callback answers and chat actions do not count
    await bot.edit_message_text(text="one, edited", chat_id=1, message_id=first.message_id)
    await bot.send_chat_action(1, "typing")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_photo(1, BufferedInputFile(tiny_png(), filename="p.png"))
    clock.advance(1.0)
    await bot.send_message(1, "two")
    assert fake.rate_limited_count == 2
    assert [(h.method, h.chat_id, h.retry_after) for h in fake.rate_limit_hits] == [
        ("sendMessage", 1, 1),
        ("sendPhoto", 1, 1),
    ]
    assert fake.transcript(1).bot_texts() == ["one, edited", "two"]
    assert [a.action for a in fake.transcript(1).chat_actions] == ["typing"]


async def test_overall_limit_of_30_per_second(limited: tuple[TelegramFake, Bot], clock: FakeClock) -> None:
    fake, bot = limited
    for chat_id in range(1, 32):
        fake.add_user(chat_id)
    for chat_id in range(1, 31):
        await bot.send_message(chat_id, "hi")
        clock.advance(0.02)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_location(31, 41.3, 69.2)
    assert caught.value.retry_after == 1
    clock.advance(0.42)  # the first send (t=0) leaves the one-second window
    await bot.send_location(31, 41.3, 69.2)
    assert fake.rate_limited_count == 1


async def test_limits_switchable_at_runtime(limited: tuple[TelegramFake, Bot]) -> None:
    fake, bot = limited
    fake.add_user(1)
    fake.set_rate_limits(per_chat=3)  # a documented burst allowance
    for _ in range(3):
        await bot.send_message(1, "burst")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(1, "one too many")
    fake.set_rate_limits(enabled=False)
    for _ in range(5):
        await bot.send_message(1, "unlimited")
    assert fake.rate_limited_count == 1


async def test_limited_fixture_uses_telegram_defaults(telegram_fake_limited: TelegramFake) -> None:
    limits = telegram_fake_limited.limiter.limits
    assert (limits.enabled, limits.per_chat, limits.overall, limits.window) == (True, 1, 30, 1.0)


@pytest.mark.parametrize("telegram_fake", [RateLimits(per_chat=2)], indirect=True)
async def test_fixture_takes_limits_as_param(telegram_fake: TelegramFake) -> None:
    assert telegram_fake.limiter.limits.enabled and telegram_fake.limiter.limits.per_chat == 2
