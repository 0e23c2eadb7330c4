"""Keyboards used by every flow: language, role, main menu, Back/Cancel/Skip rows."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder, ReplyKeyboardBuilder

from bot.callbacks import LangCb, Nav, NavCb, PickCb, Role, RoleCb
from bot.i18n import Localizer

LANGUAGE_NAMES = {"uz": "🇺🇿 O'zbekcha", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}

SELLER_MENU: tuple[tuple[str, ...], ...] = (
    ("menu-new-order", "menu-my-orders"),
    ("menu-price", "menu-branches"),
    ("menu-track", "menu-settings"),
    ("menu-tools", "menu-help"),
)
CUSTOMER_MENU: tuple[tuple[str, ...], ...] = (
    ("menu-track", "menu-my-parcels"),
    ("menu-branches", "menu-settings"),
    ("menu-login", "menu-help"),
)
MENU_KEYS: tuple[str, ...] = tuple(
    sorted({key for rows in (SELLER_MENU, CUSTOMER_MENU) for row in rows for key in row})
)


def language_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=LangCb(code=code))
    builder.adjust(3)
    return builder.as_markup()


def role_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("role-seller"), callback_data=RoleCb(role=Role.SELLER))
    builder.button(text=l10n("role-customer"), callback_data=RoleCb(role=Role.CUSTOMER))
    builder.adjust(1)
    return builder.as_markup()


def main_menu(l10n: Localizer, *, seller: bool) -> ReplyKeyboardMarkup:
    builder = ReplyKeyboardBuilder()
    for row in SELLER_MENU if seller else CUSTOMER_MENU:
        builder.row(*(KeyboardButton(text=l10n(key)) for key in row))
    return builder.as_markup(resize_keyboard=True, is_persistent=True)


def nav_row(
    l10n: Localizer, step: str, *, back: bool = True, skip: bool = False
) -> list[InlineKeyboardButton]:
    row: list[InlineKeyboardButton] = []
    if back:
        row.append(
            InlineKeyboardButton(
                text=l10n("btn-back"), callback_data=NavCb(action=Nav.BACK, step=step).pack()
            )
        )
    if skip:
        row.append(
            InlineKeyboardButton(
                text=l10n("btn-skip"), callback_data=NavCb(action=Nav.SKIP, step=step).pack()
            )
        )
    row.append(
        InlineKeyboardButton(
            text=l10n("btn-cancel"), callback_data=NavCb(action=Nav.CANCEL, step=step).pack()
        )
    )
    return row


@lru_cache(maxsize=1024)
def nav_keyboard(
    l10n: Localizer, step: str, *, back: bool = True, skip: bool = False
) -> InlineKeyboardMarkup:
    """Back / Skip / Cancel for ``step`` (built once per language and step: keyboards are
    never changed after they are built)."""
    return InlineKeyboardMarkup(inline_keyboard=[nav_row(l10n, step, back=back, skip=skip)])


def choice_keyboard(
    l10n: Localizer,
    step: str,
    choices: Sequence[tuple[str, str]],
    *,
    columns: int = 1,
    back: bool = True,
    skip: bool = False,
) -> InlineKeyboardMarkup:
    """Buttons (text, value) answering ``step``, then the navigation row."""
    builder = InlineKeyboardBuilder()
    for text, value in choices:
        builder.button(text=text, callback_data=PickCb(step=step, value=value))
    builder.adjust(columns)
    builder.row(*nav_row(l10n, step, back=back, skip=skip))
    return builder.as_markup()


def menu_button_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("btn-menu"), callback_data=NavCb(action=Nav.MENU, step="any"))
    return builder.as_markup()
