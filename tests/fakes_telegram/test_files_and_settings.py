"""Files the bot uploads, commands and other bot settings, and the smaller sending methods."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BufferedInputFile,
    MenuButtonCommands,
)

from tests.fakes.telegram import TelegramApiError, TelegramFake, tiny_png


async def test_document_upload_is_stored_and_downloadable(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    telegram_fake.add_user(1)
    content = b"order_id;weight\n1;2.500\n" * 100
    sent = await telegram_bot.send_document(
        1, BufferedInputFile(content, filename="orders.csv"), caption="Your <b>orders</b>"
    )
    assert sent.document is not None
    assert sent.document.file_name == "orders.csv"
    assert sent.document.mime_type == "text/csv"
    assert sent.document.file_size == len(content)
    assert sent.caption == "Your orders"

    row = telegram_fake.transcript(1).last_bot_message
    assert row is not None and row.file is not None
    assert row.file.content == content
    assert telegram_fake.file_content(sent.document.file_id) == content

    file = await telegram_bot.get_file(sent.document.file_id)
    assert file.file_path is not None and file.file_size == len(content)
    downloaded = await telegram_bot.download(sent.document.file_id)
    assert downloaded is not None and downloaded.read() == content

    again = await telegram_bot.send_document(1, sent.document.file_id)  # re-send by file_id
    assert again.document is not None and again.document.file_id == sent.document.file_id
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await telegram_bot.send_document(1, "no-such-file-id")
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await telegram_bot.get_file("no-such-file-id")


async def test_photo_and_user_files(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    png = tiny_png(8, 5)
    telegram_fake.add_user(1)
    sent = await telegram_bot.send_photo(1, BufferedInputFile(png, filename="qr.png"), caption="QR")
    assert sent.photo is not None
    downloaded = await telegram_bot.download(sent.photo[-1].file_id)
    assert downloaded is not None and downloaded.read() == png
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await telegram_bot.send_document(1, sent.photo[-1].file_id)

    # what a user sends can be fetched by the bot too
    action = telegram_fake.send_document(1, b"%PDF-1.4 invoice", file_name="invoice.pdf", caption="mine")
    assert action.update is not None
    document = action.update["message"]["document"]
    assert document["mime_type"] == "application/pdf"
    fetched = await telegram_bot.download(document["file_id"])
    assert fetched is not None and fetched.read() == b"%PDF-1.4 invoice"
    photo = telegram_fake.send_photo(1)
    assert photo.update is not None and photo.update["message"]["photo"][0]["width"] == 2


async def test_set_my_commands_per_language_and_scope(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    uz = [
        BotCommand(command="start", description="Boshlash"),
        BotCommand(command="help", description="Yordam"),
    ]
    ru = [BotCommand(command="start", description="Начать")]
    assert await telegram_bot.set_my_commands(uz)
    assert await telegram_bot.set_my_commands(ru, language_code="ru")
    assert await telegram_bot.set_my_commands(ru, scope=BotCommandScopeAllPrivateChats(), language_code="ru")
    await telegram_bot.set_my_commands(uz[:1], scope=BotCommandScopeChat(chat_id=1))

    assert telegram_fake.my_commands() == [
        {"command": "start", "description": "Boshlash"},
        {"command": "help", "description": "Yordam"},
    ]
    assert telegram_fake.my_commands("ru") == [{"command": "start", "description": "Начать"}]
    assert telegram_fake.my_commands("ru", {"type": "all_private_chats"}) is not None
    assert telegram_fake.my_commands("en") is None
    assert telegram_fake.my_commands(scope={"type": "chat", "chat_id": 1}) == [
        {"command": "start", "description": "Boshlash"}
    ]

    got = await telegram_bot.get_my_commands(language_code="ru")
    assert [(c.command, c.description) for c in got] == [("start", "Начать")]
    assert await telegram_bot.get_my_commands(language_code="en") == []
    await telegram_bot.delete_my_commands(language_code="ru")
    assert telegram_fake.my_commands("ru") is None

    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await telegram_bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])


async def test_bot_settings_and_chat_info(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1, first_name="Ali", username="ali_uz")
    me = await telegram_bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "test_bot", True)
    await telegram_bot.set_chat_menu_button(chat_id=1, menu_button=MenuButtonCommands())
    assert telegram_fake.transcript(1).menu_button == {"type": "commands"}
    assert (await telegram_bot.get_chat_menu_button(chat_id=1)).type == "commands"
    await telegram_bot.set_my_description("Yuk jo'natish", language_code="uz")
    assert (await telegram_bot.get_my_description(language_code="uz")).description == "Yuk jo'natish"
    chat = await telegram_bot.get_chat(1)
    assert (chat.id, chat.type, chat.first_name, chat.username) == (1, "private", "Ali", "ali_uz")
    by_username = await telegram_bot.get_chat("@ali_uz")
    assert by_username.id == 1
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await telegram_bot.get_chat(2)
    assert await telegram_bot.log_out() is True


async def test_location_venue_copy_forward_and_actions(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    telegram_fake.add_user(1)
    telegram_fake.add_user(2)
    loc = await telegram_bot.send_location(1, 41.3, 69.25)
    assert loc.location is not None and loc.location.latitude == pytest.approx(41.3)
    venue = await telegram_bot.send_venue(1, 41.31, 69.28, title="BTS Chilonzor", address="Bunyodkor 1")
    assert venue.venue is not None and venue.venue.title == "BTS Chilonzor"
    assert venue.location is not None  # Telegram sends the location alongside the venue

    original = await telegram_bot.send_message(1, "<b>track</b> 123")
    copied = await telegram_bot.copy_message(chat_id=2, from_chat_id=1, message_id=original.message_id)
    forwarded = await telegram_bot.forward_message(chat_id=2, from_chat_id=1, message_id=original.message_id)
    assert forwarded.forward_origin is not None
    log2 = telegram_fake.transcript(2)
    assert log2.message(copied.message_id) is not None
    assert [m.text for m in log2.bot_messages] == ["track 123", "track 123"]
    assert log2.bot_messages[1].forward_origin is not None

    await telegram_bot.send_chat_action(1, "upload_document")
    with pytest.raises(TelegramApiError, match="wrong parameter action"):
        await telegram_fake.call("sendChatAction", {"chat_id": 1, "action": "dancing"})
    assert [a.action for a in telegram_fake.transcript(1).chat_actions] == ["upload_document"]

    reply = await telegram_bot.send_message(1, "reply", reply_to_message_id=original.message_id)
    assert reply.reply_to_message is not None and reply.reply_to_message.message_id == original.message_id
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await telegram_bot.send_message(1, "reply", reply_to_message_id=999)


async def test_callback_answers_are_checked(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    telegram_fake.add_user(1)
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Go", callback_data="go")]])
    await telegram_bot.send_message(1, "pick", reply_markup=markup)
    press = telegram_fake.press_button(1, data="go")
    assert press.callback_query_id is not None
    assert await telegram_bot.answer_callback_query(press.callback_query_id, text="Done")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await telegram_bot.answer_callback_query(press.callback_query_id)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await telegram_bot.answer_callback_query("12345")
    answers = telegram_fake.transcript(1).callback_answers
    assert [(a.data, a.text, a.show_alert) for a in answers] == [("go", "Done", False)]


async def test_inline_query_answer_is_stored(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    from aiogram.types import InlineQueryResultArticle, InputTextMessageContent

    action = telegram_fake.send_inline_query(1, "BTS123")
    assert action.inline_query_id is not None
    result = InlineQueryResultArticle(
        id="1", title="Track", input_message_content=InputTextMessageContent(message_text="BTS123")
    )
    assert await telegram_bot.answer_inline_query(action.inline_query_id, [result], cache_time=1)
    stored = telegram_fake.inline_queries[action.inline_query_id]
    assert stored.results is not None and stored.results[0]["title"] == "Track"
