"""settings_keyboard: shared by several routers (no router here)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Section, SettingsAction, SettingsCb
from bot.i18n import Localizer
from services.users import UserProfile


def settings_keyboard(l10n: Localizer, profile: UserProfile) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("settings-language"), callback_data=SettingsCb(section=Section.LANGUAGE))
    builder.button(text=l10n("settings-notifications"), callback_data=SettingsCb(section=Section.NOTIFY))
    if profile.is_seller:
        builder.button(
            text=l10n("settings-senders"),
            callback_data=SettingsCb(section=Section.BOOK, action=SettingsAction.SENDERS),
        )
        builder.button(
            text=l10n("settings-recipients"),
            callback_data=SettingsCb(section=Section.BOOK, action=SettingsAction.RECIPIENTS),
        )
        builder.button(text=l10n("settings-yandex-pay"), callback_data=SettingsCb(section=Section.YANDEX_PAY))
        builder.button(text=l10n("settings-logout"), callback_data=SettingsCb(section=Section.LOGOUT))
    builder.adjust(1)
    return builder.as_markup()


async def show_settings(message: Message, l10n: Localizer, profile: UserProfile) -> None:
    await message.answer(l10n("settings-title"), reply_markup=settings_keyboard(l10n, profile))
