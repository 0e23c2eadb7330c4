"""Start, language, role, help, cancel and the fallback answers."""

from __future__ import annotations

from bot.callbacks import LangCb, OrderAction, OrderCb, Role, RoleCb
from tests.bot.conftest import BotHarness
from tests.bot.mocked import button, joined


async def test_first_start_asks_language_then_role(harness: BotHarness) -> None:
    ali = harness.user(language_code="ru")
    sent = await ali.send("/start")
    assert "Tilni tanlang" in joined(sent)
    assert {data for s in sent for _, data in s.buttons()} >= {"lang:uz", "lang:ru", "lang:en"}

    sent = await ali.press(LangCb(code="en"))
    assert "Language: English." in joined(sent)
    assert "How will you use the bot?" in joined(sent)

    sent = await ali.press(button(sent, "I track a parcel"))
    assert "Send me a parcel barcode" in joined(sent)
    profile = await harness.services.users.load(ali.user.id)
    assert profile.language == "en" and "customer" in profile.roles


async def test_language_is_remembered_and_start_shows_menu(harness: BotHarness) -> None:
    ali = harness.user()
    await ali.send("/start")
    await ali.press(LangCb(code="ru"))
    sent = await ali.press(RoleCb(role=Role("c")))
    sent = await ali.send("/start")
    assert "Главное меню" in joined(sent)
    reply_buttons = [text for s in sent for text, data in s.buttons() if data is None]
    assert "🔎 Отследить" in reply_buttons


async def test_help_and_cancel_work_anywhere(harness: BotHarness) -> None:
    ali = harness.user()
    await ali.send("/start")
    await ali.press(LangCb(code="en"))
    await ali.press(RoleCb(role=Role("s")))  # seller: the login starts
    sent = await ali.send("/help")
    assert "BTS Express bot" in joined(sent)
    sent = await ali.send("/cancel")
    assert "Cancelled" in joined(sent)
    sent = await ali.send("/cancel")
    assert "Nothing to cancel" in joined(sent)


async def test_unknown_text_sticker_and_forged_button_get_helpful_answers(harness: BotHarness) -> None:
    ali = harness.user()
    await ali.send("/start")
    await ali.press(LangCb(code="en"))
    await ali.press(RoleCb(role=Role("c")))
    assert "I did not understand" in joined(await ali.send("hello there"))
    assert "can't use this here" in joined(await ali.send_sticker())
    sent = await ali.press_stale(OrderCb(action=OrderAction.OPEN, order_id=999999))  # forged
    assert "earlier step" in joined(sent) or "not in your list" in joined(sent)
    sent = await ali.press_stale("garbage-data")
    assert "earlier step" in joined(sent)
