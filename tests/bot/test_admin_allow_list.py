"""The operator's allow-list of sellers (issue 16): the admin screen (add, remove, on/off, whom to
ask) and what it does to logins, to logged-in sellers and (nothing) to customers."""

from __future__ import annotations

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.callbacks import AllowAction, AllowCb, PickCb, SummaryAction, SummaryCb
from bot.i18n import Translator
from services.seller_access import EntryKind, normalize, split_entries
from tests.bot.conftest import ADMIN, BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary, onboard
from tests.bot.mocked import Chatter, Sent, button, joined

SELLER = 2002
DEMO_INN = "123456789"  # the BTS fake's demo account (login demo / demo123)

# What the operator and the seller read, per language (native phrasing from locales/*/allow.ftl).
SAYS = {
    "uz": {
        "open": "Ruxsat etilgan sotuvchilar",
        "off": "Oʻchirilgan: har kim sotuvchi sifatida kira oladi",
        "on": "Yoqilgan: faqat roʻyxatdagi sotuvchilar kira oladi",
        "empty": "Roʻyxat boʻsh.",
        "ask_inn": "STIRni yuboring (9 ta raqam)",
        "none_valid": "Bu yerda toʻgʻri STIR yoʻq",
        "added": "✅ 2 ta yozuv qoʻshildi.",
        "invalid": "Notoʻgʻri, oʻtkazib yuborildi: 12345",
        "entries": "2 ta yozuv:",
        "inn_line": "STIR 111111111",
        "left_out": "BTSga kirgan barcha sotuvchilar roʻyxatda bor.",
        "removed": "Roʻyxatdan olib tashlandi.",
        "contact": "Ruxsati yoʻq sotuvchilarga shu kontakt koʻrsatiladi: @bts_help",
        "refused": "Bu yerda faqat bot roʻyxatidagi sotuvchilar kira oladi",
        "ask_admin": "Ruxsat olish uchun bot administratoriga murojaat qiling",
        "ask_contact": "Ruxsat olish uchun murojaat qiling: @bts_help",
        "ask_username": "<b>loginingizni</b>",
        "logged_in": "sifatida kirdingiz",
    },
    "ru": {
        "open": "Допущенные продавцы",
        "off": "Выключен: войти как продавец может любой",
        "on": "Включён: входить и работать как продавец могут только те, кто в списке",
        "empty": "Список пуст.",
        "ask_inn": "Пришлите ИНН (9 цифр)",
        "none_valid": "Здесь нет правильного ИНН",
        "added": "✅ Добавлено 2 записи.",
        "invalid": "Пропущено, неверный формат: 12345",
        "entries": "2 записи:",
        "inn_line": "ИНН 111111111",
        "left_out": "Все продавцы, вошедшие в BTS, есть в списке.",
        "removed": "Убрано из списка.",
        "contact": "Продавцам без доступа бот советует обращаться: @bts_help",
        "refused": "Войти как продавец здесь могут только продавцы из списка этого бота",
        "ask_admin": "За доступом обращайтесь к администратору бота",
        "ask_contact": "За доступом обращайтесь: @bts_help",
        "ask_username": "логин",
        "logged_in": "Вы вошли",
    },
    "en": {
        "open": "Sellers allow-list",
        "off": "Off: anyone can log in as a seller",
        "on": "On: only sellers on the list can log in",
        "empty": "The list is empty.",
        "ask_inn": "Send the INN (9 digits)",
        "none_valid": "No valid INN here",
        "added": "✅ 2 entries added.",
        "invalid": "Not valid, skipped: 12345",
        "entries": "2 entries:",
        "inn_line": "INN 111111111",
        "left_out": "Every logged-in seller is on the list.",
        "removed": "Removed from the list.",
        "contact": "Sellers without access are told to ask: @bts_help",
        "refused": "Only the sellers on this bot's list can log in here",
        "ask_admin": "To get access, ask the administrator of this bot",
        "ask_contact": "To get access, ask: @bts_help",
        "ask_username": "username",
        "logged_in": "Logged in as",
    },
}
LANGS = sorted(SAYS)


async def open_allow_list(admin: Chatter, lang: str) -> list[Sent]:
    await onboard(admin, lang, "c")
    menu = await admin.send("/admin")
    return await admin.press(button(menu, SAYS[lang]["open"]))


async def in_state(harness: BotHarness, user_id: int) -> str | None:
    key = StorageKey(bot_id=harness.bot.id, chat_id=user_id, user_id=user_id)
    return await harness.storage.get_state(key)


@pytest.mark.parametrize("lang", LANGS)
async def test_admin_adds_removes_switches_and_sets_whom_to_ask(admin_harness: BotHarness, lang: str) -> None:
    says = SAYS[lang]
    access = admin_harness.services.seller_access
    admin = admin_harness.user(ADMIN)
    screen = joined(await open_allow_list(admin, lang))
    assert says["off"] in screen and says["empty"] in screen

    await admin.press(AllowCb(action=AllowAction.ADD))
    asked = await admin.press(PickCb(step="kind", value=EntryKind.INN.value))
    assert says["ask_inn"] in joined(asked)
    refused = await admin.send("12345")  # nothing valid: the step asks again, nothing stored
    assert says["none_valid"] in joined(refused)
    assert (await access.current()).entries == ()
    added = joined(await admin.send("111111111, 12345\n222 222 222"))
    assert says["added"] in added and says["invalid"] in added
    assert says["entries"] in added and says["inn_line"] in added and "222222222" in added
    assert says["left_out"] in added  # nobody is logged in yet

    switched = joined(await admin.press(AllowCb(action=AllowAction.ON)))
    assert says["on"] in switched
    assert (await access.current()).active

    await admin.press(AllowCb(action=AllowAction.REMOVE))
    entry = next(e for e in (await access.current()).entries if e.value == "222222222")
    dropped = await admin.press(AllowCb(action=AllowAction.DROP, item=entry.id))
    assert says["removed"] in joined(dropped)  # the toast
    assert [e.value for e in (await access.current()).entries] == ["111111111"]
    # A second tap on the same (now stale) button removes nothing more.
    await admin.press_stale(AllowCb(action=AllowAction.DROP, item=entry.id))
    assert [e.value for e in (await access.current()).entries] == ["111111111"]

    await admin.press(AllowCb(action=AllowAction.CONTACT))
    saved = joined(await admin.send("@bts_help"))
    assert says["contact"] in saved
    switched_off = joined(await admin.press(AllowCb(action=AllowAction.OFF)))
    assert says["off"] in switched_off
    assert not (await access.current()).active
    assert await in_state(admin_harness, ADMIN) is None  # no conversation left open


async def test_nobody_else_reaches_the_allow_list(admin_harness: BotHarness) -> None:
    someone = admin_harness.user(3003, language_code="en")
    await onboard(someone, "en", "c")
    answer = await someone.press_stale(AllowCb(action=AllowAction.ON))
    assert "allow-list" not in joined(answer)
    assert not (await admin_harness.services.seller_access.current()).enabled


@pytest.mark.parametrize("lang", LANGS)
async def test_login_refused_when_not_listed_then_admitted_once_added(
    admin_harness: BotHarness, lang: str
) -> None:
    says = SAYS[lang]
    access = admin_harness.services.seller_access
    await access.add(EntryKind.INN, "111111111", ADMIN)
    await access.set_enabled(True, ADMIN)

    seller = admin_harness.user(SELLER)
    tokens_before = len(admin_harness.fake.issued_tokens)
    refused = joined(await login(seller, lang))  # demo / demo123 / INN 123456789
    assert says["refused"] in refused and says["ask_admin"] in refused
    assert f"<code>{SELLER}</code>" in refused  # the id to send to the operator
    assert len(admin_harness.fake.issued_tokens) == tokens_before  # BTS never saw the password
    assert await admin_harness.services.accounts.find(SELLER) is None
    assert await in_state(admin_harness, SELLER) is None  # the login conversation is over

    await access.set_contact("@bts_help", ADMIN)
    await seller.send("/start")
    asked = await seller.send(Translator().get(lang)("menu-login"))
    assert says["ask_username"] in joined(asked)  # the list names INNs: the INN step decides
    await seller.send("demo")
    await seller.send("demo123")
    again = joined(await seller.send(DEMO_INN))
    assert says["ask_contact"] in again

    await access.add(EntryKind.INN, DEMO_INN, ADMIN)
    await seller.send(Translator().get(lang)("menu-login"))
    await seller.send("demo")
    await seller.send("demo123")
    admitted = joined(await seller.send(DEMO_INN))
    assert says["logged_in"] in admitted
    assert await admin_harness.services.accounts.find(SELLER) is not None


async def test_a_list_of_telegram_ids_refuses_others_before_the_first_question(
    admin_harness: BotHarness,
) -> None:
    access = admin_harness.services.seller_access
    await access.add(EntryKind.TELEGRAM, "5005", ADMIN)
    await access.set_enabled(True, ADMIN)

    stranger = admin_harness.user(SELLER)
    refused = joined(await onboard(stranger, "en", "s"))
    assert SAYS["en"]["refused"] in refused and "Enter your BTS API" not in refused
    assert await in_state(admin_harness, SELLER) is None

    listed = admin_harness.user(5005)
    assert SAYS["en"]["logged_in"] in joined(await login(listed, "en"))


async def test_a_logged_in_seller_left_out_is_refused_keeps_the_login_and_customers_go_on(
    admin_harness: BotHarness,
) -> None:
    seller = admin_harness.user(SELLER)
    await login(seller, "en")
    summary = await new_order_to_summary(seller)
    await finish_after_branch(seller, first_branch(summary))
    await seller.press(SummaryCb(action=SummaryAction.CONFIRM))
    listed = await seller.send("📋 My orders")
    card = await seller.press(next(d for s in listed for _, d in s.buttons() if d and d.startswith("or:o:")))
    refresh = next(d for s in card for _, d in s.buttons() if d and d.startswith("or:r:"))
    order = next(iter(admin_harness.fake.orders.values()))
    customer = admin_harness.user(3003)
    await onboard(customer, "en", "c")

    access = admin_harness.services.seller_access
    await access.add(EntryKind.INN, "111111111", ADMIN)
    await access.set_enabled(True, ADMIN)

    refused = joined(await seller.send("➕ New order"))
    assert "Your BTS account demo (INN 123456789) is not on this bot's list" in refused
    assert "To get access, ask the administrator of this bot" in refused
    assert await in_state(admin_harness, SELLER) is None  # no new-order question was asked
    assert "is not on this bot's list" in joined(await seller.send("📋 My orders"))
    assert "is not on this bot's list" in joined(await seller.send("/tools"))
    # A button of an order card shown before: the service refuses it too (nothing reaches BTS).
    assert "is not on this bot's list" in joined(await seller.press(refresh))
    # The login stays: the operator's mistake is undone without anyone typing a password again.
    assert await admin_harness.services.accounts.find(SELLER) is not None

    # Customers (and the refused seller, as anyone) still track parcels.
    tracked = joined(await customer.send(f"/start track_{order.barcode}"))
    assert order.barcode in tracked and "not on this bot's list" not in tracked
    assert order.barcode in joined(await seller.send(order.barcode))

    await access.set_enabled(False, ADMIN)
    reopened = joined(await seller.send("➕ New order"))
    assert "not on this bot's list" not in reopened
    assert await in_state(admin_harness, SELLER) is not None  # the new order's first question


async def test_an_entry_by_bts_login_admits_whatever_the_case() -> None:
    assert split_entries(EntryKind.LOGIN, "Shop_UZ  other, third\nfourth") == [
        "Shop_UZ",
        "other",
        "third",
        "fourth",
    ]
    assert normalize(EntryKind.LOGIN, "Shop_UZ") == "shop_uz"
    assert split_entries(EntryKind.INN, "123 456 789, 12") == ["123 456 789", "12"]
    assert normalize(EntryKind.INN, "123 456 789") == "123456789"
    assert normalize(EntryKind.INN, "12345678") is None
    assert normalize(EntryKind.INN, "١٢٣٤٥٦٧٨٩") is None  # digits, but not ASCII ones
    assert normalize(EntryKind.TELEGRAM, "0") is None
    assert normalize(EntryKind.TELEGRAM, "007") == "7"
