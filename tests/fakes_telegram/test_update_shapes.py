"""Every update the control side makes parses as aiogram's Update, with realistic users and chats."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, Update

from tests.fakes.telegram import TelegramFake, tiny_png


async def test_control_updates_parse_as_aiogram_updates(
    telegram_fake: TelegramFake, telegram_bot: Bot
) -> None:
    fake = telegram_fake
    fake.add_user(
        900,
        first_name="Aziz",
        last_name="K",
        username="aziz",
        language_code="uz",
        phone_number="+998901234567",
    )
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]])
    await telegram_bot.send_message(900, "pick", reply_markup=markup)
    actions = [
        fake.send_text(900, "hello /help@test_bot"),
        fake.send_contact(900),
        fake.send_location(900, 41.0, 69.0),
        fake.send_photo(900, tiny_png(), caption="pic"),
        fake.send_document(900, b"data", file_name="r.xlsx"),
        fake.send_sticker(900),
        fake.press_button(900, data="a"),
        fake.send_inline_query(900, "q"),
        fake.block_bot(900),
    ]
    updates = [Update.model_validate(action.update) for action in actions]
    ids = [u.update_id for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    text = updates[0].message
    assert text is not None and text.from_user is not None and text.entities is not None
    assert (text.from_user.id, text.from_user.is_bot, text.from_user.language_code) == (900, False, "uz")
    assert (text.chat.id, text.chat.type, text.chat.username) == (900, "private", "aziz")
    assert [(e.type, e.offset, e.length) for e in text.entities] == [("bot_command", 6, 14)]
    assert updates[1].message is not None and updates[1].message.contact is not None
    assert updates[1].message.contact.user_id == 900
    assert updates[3].message is not None and updates[3].message.photo is not None
    assert updates[4].message is not None and updates[4].message.document is not None
    assert (
        updates[4].message.document.mime_type
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert updates[5].message is not None and updates[5].message.sticker is not None
    query = updates[6].callback_query
    assert query is not None and query.message is not None and query.data == "a"
    assert query.message.reply_markup is not None
    assert updates[7].inline_query is not None
    assert (
        updates[8].my_chat_member is not None and updates[8].my_chat_member.new_chat_member.status == "kicked"
    )
    # message ids in a private chat are shared by both directions
    assert [m.message_id for m in fake.transcript(900).messages] == [1, 2, 3, 4, 5, 6, 7]


async def test_caption_edits_and_reply_markup_edits(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    doc = await telegram_bot.send_document(1, BufferedInputFile(b"x", filename="x.txt"), caption="old")
    edited = await telegram_bot.edit_message_caption(
        chat_id=1, message_id=doc.message_id, caption="<b>new</b>"
    )
    assert not isinstance(edited, bool) and edited.caption == "new" and edited.edit_date is not None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await telegram_bot.edit_message_caption(chat_id=1, message_id=doc.message_id, caption="<b>new</b>")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await telegram_bot.edit_message_caption(chat_id=1, message_id=doc.message_id, caption="c" * 1025)

    text = await telegram_bot.send_message(1, "text")
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await telegram_bot.edit_message_caption(chat_id=1, message_id=text.message_id, caption="c")
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await telegram_bot.edit_message_text(text="t", chat_id=1, message_id=doc.message_id)

    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="B", callback_data="b")]])
    with_markup = await telegram_bot.edit_message_reply_markup(
        chat_id=1, message_id=text.message_id, reply_markup=markup
    )
    assert not isinstance(with_markup, bool) and with_markup.reply_markup is not None
    assert with_markup.reply_markup.inline_keyboard[0][0].callback_data == "b"
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await telegram_bot.edit_message_reply_markup(chat_id=1, message_id=404, reply_markup=markup)

    row = telegram_fake.transcript(1).message(doc.message_id)
    assert row is not None and row.edit_count == 1 and row.source_caption == "<b>new</b>"
    assert [h["caption"] for h in row.history] == ["old"]


async def test_wait_for_sees_edits_after_the_mark(telegram_fake: TelegramFake, telegram_bot: Bot) -> None:
    telegram_fake.add_user(1)
    sent = await telegram_bot.send_message(1, "Status: pending")
    mark = telegram_fake.mark()
    with pytest.raises(TimeoutError):
        await telegram_fake.wait_for_text(1, "Status", timeout=0.01, since=mark)  # nothing new since the mark
    await telegram_bot.edit_message_text(text="Status: paid", chat_id=1, message_id=sent.message_id)
    seen = await telegram_fake.wait_for_text(1, "Status", since=mark)
    assert seen.text == "Status: paid"
