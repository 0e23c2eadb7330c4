"""Settings: language, the address book (senders and recipients), notifications, logout."""

from __future__ import annotations

import contextlib

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Section, SettingsAction, SettingsCb
from bot.i18n import Localizer
from bot.keyboards.common import language_keyboard, main_menu, nav_keyboard
from bot.render import q
from bot.screens.settings import show_settings
from bot.states import SettingsFlow
from services.accounts import AccountService
from services.contacts import ContactService
from services.orders import ContactKind
from services.preferences import ChatPreferencesRecord, PreferenceService
from services.users import UserProfile, UserService

KINDS = {"s": ContactKind.SENDER, "r": ContactKind.RECIPIENT}


async def settings_language(query: CallbackQuery, l10n: Localizer) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(l10n("start-choose-language"), reply_markup=language_keyboard())


async def settings_logout(
    query: CallbackQuery,
    callback_data: SettingsCb,
    state: FSMContext,
    l10n: Localizer,
    accounts: AccountService,
    users: UserService,
) -> None:
    if not isinstance(query.message, Message):
        return
    if callback_data.action != "yes":
        builder = InlineKeyboardBuilder()
        builder.button(
            text=l10n("btn-yes"), callback_data=SettingsCb(section=Section.LOGOUT, action=SettingsAction.YES)
        )
        builder.button(text=l10n("btn-no"), callback_data=SettingsCb(section=Section.BACK))
        await query.message.answer(l10n("settings-logout-confirm"), reply_markup=builder.as_markup())
        return
    await state.clear()
    removed = await accounts.logout(query.from_user.id)
    profile = await users.load(query.from_user.id)
    await query.message.answer(
        l10n("logout-done" if removed else "logout-not-logged"),
        reply_markup=main_menu(l10n, seller=profile.is_seller),
    )


async def settings_back(query: CallbackQuery, l10n: Localizer, profile: UserProfile) -> None:
    if isinstance(query.message, Message):
        await show_settings(query.message, l10n, profile)


def _book_keyboard(l10n: Localizer, kind: str, contacts: list) -> InlineKeyboardMarkup:  # type: ignore[type-arg]
    builder = InlineKeyboardBuilder()
    for contact in contacts:
        builder.button(
            text=f"{contact.name} · {contact.phone}"[:60],
            callback_data=SettingsCb(section=Section.CONTACT, action=kind, item=contact.id),
        )
    builder.button(text=l10n("btn-back"), callback_data=SettingsCb(section=Section.BACK))
    builder.adjust(1)
    return builder.as_markup()


async def settings_book(
    query: CallbackQuery, callback_data: SettingsCb, l10n: Localizer, contacts: ContactService
) -> None:
    if not isinstance(query.message, Message) or callback_data.action not in KINDS:
        return
    items = await contacts.list(query.from_user.id, KINDS[callback_data.action])
    key = (
        "settings-senders-list"
        if callback_data.action is SettingsAction.SENDERS
        else "settings-recipients-list"
    )
    text = l10n(key, count=len(items)) if items else l10n("settings-book-empty")
    await query.message.answer(text, reply_markup=_book_keyboard(l10n, callback_data.action, items))


async def settings_contact(
    query: CallbackQuery,
    callback_data: SettingsCb,
    state: FSMContext,
    l10n: Localizer,
    contacts: ContactService,
) -> None:
    if not isinstance(query.message, Message):
        return
    user_id = query.from_user.id
    contact = await contacts.get(user_id, callback_data.item)
    if contact is None:
        await query.message.answer(l10n("settings-contact-gone"))
        return
    kind = "s" if contact.kind is ContactKind.SENDER else "r"
    if callback_data.action is SettingsAction.DELETE:
        await contacts.delete(user_id, contact.id)
        await query.message.answer(l10n("settings-contact-deleted", name=q(contact.name)))
        return
    if callback_data.action is SettingsAction.DEFAULT:
        await contacts.make_default(user_id, contact.id)
        await query.message.answer(l10n("settings-contact-default", name=q(contact.name)))
        return
    if callback_data.action is SettingsAction.RENAME:
        await state.set_state(SettingsFlow.rename)
        await state.update_data(rename_contact=contact.id)
        await query.message.answer(
            l10n("settings-contact-rename", name=q(contact.name)),
            reply_markup=nav_keyboard(l10n, "rename", back=False),
        )
        return
    builder = InlineKeyboardBuilder()
    for action, label in (("ren", "btn-rename"), ("def", "btn-make-default"), ("del", "btn-delete")):
        builder.button(
            text=l10n(label),
            callback_data=SettingsCb(section=Section.CONTACT, action=action, item=contact.id),
        )
    builder.button(text=l10n("btn-back"), callback_data=SettingsCb(section=Section.BOOK, action=kind))
    builder.adjust(1)
    details = ", ".join(p for p in (contact.city_name, contact.address) if p) or "—"
    await query.message.answer(
        l10n("settings-contact-card", name=q(contact.name), phone=q(contact.phone), details=q(details)),
        reply_markup=builder.as_markup(),
    )


async def settings_rename(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, contacts: ContactService
) -> None:
    name = " ".join((message.text or "").split())
    if not 2 <= len(name) <= 100:
        await message.answer(l10n("invalid-name"), reply_markup=nav_keyboard(l10n, "rename", back=False))
        return
    contact_id = (await state.get_data()).get("rename_contact")
    await state.set_state(None)
    renamed = await contacts.rename(profile.id, int(contact_id or 0), name)
    key = "settings-contact-renamed" if renamed else "settings-contact-gone"
    await message.answer(l10n(key, name=q(name)), reply_markup=main_menu(l10n, seller=profile.is_seller))


async def settings_rename_expects_text(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("invalid-name"), reply_markup=nav_keyboard(l10n, "rename", back=False))


def _notify_keyboard(l10n: Localizer, prefs: ChatPreferencesRecord) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    on, off = "✅", "▫️"
    builder.button(
        text=f"{on if prefs.notify else off} {l10n('notify-all')}",
        callback_data=SettingsCb(section=Section.NOTIFY, action=SettingsAction.MUTE),
    )
    builder.button(
        text=f"{on if prefs.final_only else off} {l10n('notify-final-only')}",
        callback_data=SettingsCb(section=Section.NOTIFY, action=SettingsAction.FINAL),
    )
    quiet = (
        l10n("notify-quiet", start=f"{prefs.quiet_from:02d}:00", end=f"{prefs.quiet_to:02d}:00")
        if prefs.quiet_from is not None and prefs.quiet_to is not None
        else l10n("notify-quiet-off")
    )
    builder.button(
        text=f"🌙 {quiet}", callback_data=SettingsCb(section=Section.NOTIFY, action=SettingsAction.QUIET)
    )
    stalled = (
        l10n("notify-stalled", days=prefs.stalled_days) if prefs.stalled_days else l10n("notify-stalled-off")
    )
    builder.button(
        text=f"⏳ {stalled}", callback_data=SettingsCb(section=Section.NOTIFY, action=SettingsAction.STALLED)
    )
    builder.button(text=l10n("btn-back"), callback_data=SettingsCb(section=Section.BACK))
    builder.adjust(1)
    return builder.as_markup()


async def settings_notify(
    query: CallbackQuery, callback_data: SettingsCb, l10n: Localizer, preferences: PreferenceService
) -> None:
    if not isinstance(query.message, Message):
        return
    chat_id = query.message.chat.id
    prefs = await preferences.get(chat_id)
    if callback_data.action is SettingsAction.MUTE:
        prefs = await preferences.update(chat_id, notify=not prefs.notify)
    elif callback_data.action is SettingsAction.FINAL:
        prefs = await preferences.update(chat_id, final_only=not prefs.final_only)
    elif callback_data.action is SettingsAction.QUIET:
        prefs = await preferences.cycle_quiet_hours(chat_id)
    elif callback_data.action is SettingsAction.STALLED:
        prefs = await preferences.cycle_stalled_days(chat_id)
    markup = _notify_keyboard(l10n, prefs)
    if callback_data.action:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=markup)
        return
    await query.message.answer(l10n("notify-title"), reply_markup=markup)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(settings_language, SettingsCb.filter(F.section == Section.LANGUAGE))
    router.callback_query.register(settings_logout, SettingsCb.filter(F.section == Section.LOGOUT))
    router.callback_query.register(settings_back, SettingsCb.filter(F.section == Section.BACK))
    router.callback_query.register(settings_book, SettingsCb.filter(F.section == Section.BOOK))
    router.callback_query.register(settings_contact, SettingsCb.filter(F.section == Section.CONTACT))
    router.message.register(settings_rename, SettingsFlow.rename, F.text)
    router.message.register(settings_rename_expects_text, SettingsFlow.rename)
    router.callback_query.register(settings_notify, SettingsCb.filter(F.section == Section.NOTIFY))
    return router
