"""settings_keyboard: shared by several routers (no router here)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SettingsCb
from bot.i18n import Localizer
from services.users import UserProfile


def settings_keyboard(l10n: Localizer, profile: UserProfile) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("settings-language"), callback_data=SettingsCb(section="lang"))
    builder.button(text=l10n("settings-notifications"), callback_data=SettingsCb(section="notify"))
    if profile.is_seller:
        builder.button(text=l10n("settings-senders"), callback_data=SettingsCb(section="book", action="s"))
        builder.button(text=l10n("settings-recipients"), callback_data=SettingsCb(section="book", action="r"))
        builder.button(text=l10n("settings-yandex-pay"), callback_data=SettingsCb(section="ypay"))
        builder.button(text=l10n("settings-logout"), callback_data=SettingsCb(section="logout"))
    builder.adjust(1)
    return builder.as_markup()


async def show_settings(message: Message, l10n: Localizer, profile: UserProfile) -> None:
    await message.answer(l10n("settings-title"), reply_markup=settings_keyboard(l10n, profile))
