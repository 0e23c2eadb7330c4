"""A real aiogram Bot + Dispatcher polls the stand-in; the control API plays the user."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import (
    CallbackQuery,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram.utils.markdown import html_decoration as hd

from tests.fakes.telegram import ControlError, TelegramFake
from tests.fakes.telegram.fixtures import run_polling


def echo_router() -> Router:
    router = Router(name="echo")

    @router.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        await message.answer(f"Welcome! arg=<code>{hd.quote(command.args or '-')}</code>")

    @router.message(Command("phone"))
    async def ask_phone(message: Message) -> None:
        keyboard = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text="Share phone", request_contact=True)]], resize_keyboard=True
        )
        await message.answer("Send your phone", reply_markup=keyboard)

    @router.message(F.contact)
    async def got_contact(message: Message) -> None:
        assert message.contact is not None
        await message.answer(f"Phone: {message.contact.phone_number}", reply_markup=ReplyKeyboardRemove())

    @router.message(F.location)
    async def got_location(message: Message) -> None:
        assert message.location is not None
        await message.answer(f"At {message.location.latitude:.4f},{message.location.longitude:.4f}")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"<b>You said:</b> {hd.quote(message.text or '')}")

    return router


def button_router() -> Router:
    router = Router(name="buttons")

    @router.message(Command("menu"))
    async def menu(message: Message) -> None:
        builder = InlineKeyboardBuilder()
        builder.button(text="Yes", callback_data="answer:yes")
        builder.button(text="No", callback_data="answer:no")
        builder.button(text="Site", url="https://example.com")
        await message.answer("Choose", reply_markup=builder.as_markup())

    @router.callback_query(F.data.startswith("answer:"))
    async def chosen(query: CallbackQuery) -> None:
        assert query.data is not None and isinstance(query.message, Message)
        choice = query.data.split(":", 1)[1]
        await query.answer(f"You chose {choice}", show_alert=choice == "no")
        await query.message.edit_text(f"Chosen: <i>{choice}</i>")

    return router


def make_dispatcher() -> Dispatcher:
    dp = Dispatcher()
    dp.include_routers(button_router(), echo_router())  # commands first, the echo catch-all last
    return dp


async def test_echo_and_inline_button_over_polling(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    fake = telegram_fake
    fake.add_user(501, first_name="Ali", language_code="uz")
    async with run_polling(make_dispatcher(), telegram_bot, fake):
        sent = fake.send_text(501, "/start promo_1")
        assert sent.update is not None
        assert sent.update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        welcome = await fake.wait_for_text(501, "Welcome", since=sent.mark)
        assert welcome.text == "Welcome! arg=promo_1"
        assert welcome.source_text == "Welcome! arg=<code>promo_1</code>"
        assert welcome.entities == [{"type": "code", "offset": 13, "length": 7}]

        said = fake.send_text(501, "a < b & c")
        echoed = await fake.wait_for_text(501, "You said", since=said.mark)
        assert echoed.text == "You said: a < b & c"  # the bot quoted it, so Telegram accepted it

        menu = fake.send_text(501, "/menu")
        choose = await fake.wait_for_text(501, "Choose", since=menu.mark)
        assert choose.button_texts == ["Yes", "No", "Site"]
        assert choose.callback_data == ["answer:yes", "answer:no"]

        press = fake.press_button(501, text="No", message_id=choose.message_id)
        edited = await fake.wait_for(501, lambda m: m.content.startswith("Chosen"), since=press.mark)
        answer = await fake.wait_for_callback_answer(press.callback_query_id or "")

    assert edited.message_id == choose.message_id
    assert edited.text == "Chosen: no"
    assert edited.edit_count == 1
    assert edited.history[0]["text"] == "Choose"
    assert edited.reply_markup is None  # editMessageText without markup drops the inline keyboard
    assert answer.text == "You chose no"
    assert answer.show_alert is True

    log = fake.transcript(501)
    assert [(m.from_bot, m.content) for m in log.messages] == [
        (False, "/start promo_1"),
        (True, "Welcome! arg=promo_1"),
        (False, "a < b & c"),
        (True, "You said: a < b & c"),
        (False, "/menu"),
        (True, "Chosen: no"),
    ]
    assert [m.message_id for m in log.messages] == [1, 2, 3, 4, 5, 6]
    assert fake.calls_to("sendMessage")[0].params["parse_mode"] == "HTML"


async def test_reply_keyboard_contact_and_location(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    fake = telegram_fake
    fake.add_user(502, phone_number="998901234567")
    async with run_polling(make_dispatcher(), telegram_bot, fake):
        action = fake.send_text(502, "/phone")
        await fake.wait_for_text(502, "Send your phone", since=action.mark)
        keyboard = fake.transcript(502).reply_keyboard
        assert keyboard is not None and keyboard["keyboard"][0][0]["request_contact"] is True

        with pytest.raises(ControlError):
            fake.press_reply_button(502, "Not there")
        shared = fake.press_reply_button(502, "Share phone")
        assert shared.message is not None and shared.message.contact == {
            "phone_number": "998901234567",
            "first_name": "User502",
            "user_id": 502,
        }
        reply = await fake.wait_for_text(502, "Phone:", since=shared.mark)
        assert reply.text == "Phone: 998901234567"
        assert fake.transcript(502).reply_keyboard is None  # ReplyKeyboardRemove hid it

        located = fake.send_location(502, 41.311081, 69.240562)
        where = await fake.wait_for_text(502, "At ", since=located.mark)
        assert where.text == "At 41.3111,69.2406"


async def test_press_button_refuses_what_a_user_could_not_press(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    fake = telegram_fake
    fake.add_user(503)
    async with run_polling(make_dispatcher(), telegram_bot, fake):
        action = fake.send_text(503, "/menu")
        choose = await fake.wait_for_text(503, "Choose", since=action.mark)
    with pytest.raises(ControlError, match="no inline button"):
        fake.press_button(503, data="answer:maybe")
    with pytest.raises(ControlError, match="not a callback button"):
        fake.press_button(503, text="Site")
    user_message = fake.transcript(503).messages[0]
    with pytest.raises(ControlError, match="no inline button"):
        fake.press_button(503, data="answer:yes", message_id=user_message.message_id)
    pressed = fake.press_button(503, data="answer:yes")  # latest bot message with that button
    assert pressed.update is not None
    assert pressed.update["callback_query"]["message"]["message_id"] == choose.message_id


async def test_allowed_updates_follow_the_dispatcher(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    fake = telegram_fake
    fake.add_user(504)
    dp = Dispatcher()
    dp.include_router(echo_router())  # message handlers only
    async with run_polling(dp, telegram_bot, fake):
        assert fake.allowed_updates == ["message"]
        fake.send_inline_query(504, "ignored")  # not allowed: Telegram does not create it
        assert fake.dropped_updates == 1
        action = fake.send_text(504, "hi")
        await fake.wait_for_text(504, "You said", since=action.mark)


async def test_wait_for_times_out_with_the_transcript(telegram_fake: TelegramFake) -> None:
    telegram_fake.add_user(505)
    with pytest.raises(TimeoutError, match="no bot message in chat 505"):
        await telegram_fake.wait_for_text(505, "never", timeout=0.05)
