"""Keyboards used by every flow: language, role, main menu, Back/Cancel/Skip rows, and the
rule that decides how many buttons share a row (:func:`fit_columns`, :func:`fit_rows`)."""

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

LANGUAGE_NAMES = {"uz": "🇺🇿 Oʻzbekcha", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}

# How much text one row of inline buttons shows on a phone without cutting a label (UTF-16 code
# units, the way Telegram counts; an emoji counts 2, about as wide as it is drawn). Telegram
# gives the buttons of a row equal widths, so a row of n buttons fits when its longest label
# is at most ROW_WIDTH / n: two labels of 15, three of 10.
ROW_WIDTH = 30


def label_width(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit_columns(labels: Sequence[str], most: int = 2, width: int = ROW_WIDTH) -> int:
    """Columns for a list of like buttons (regions, filters): the most, up to ``most``, in
    which the longest label still fits, then evened out over the rows (four tabs that fit three
    to a row go two and two, not three and one)."""
    longest = max((label_width(label) for label in labels), default=0)
    columns = max(1, most)
    while columns > 1 and columns * longest > width:
        columns -= 1
    rows = -(-len(labels) // columns) if labels else 1
    return max(1, -(-len(labels) // rows)) if labels else columns


def fit_rows(labels: Sequence[str], most: int = 2, width: int = ROW_WIDTH) -> list[int]:
    """Row sizes for a menu of actions (``builder.adjust(*sizes)``): buttons in their order, a
    row taking the next one while all its labels still fit; a long label gets a row of its own."""
    sizes: list[int] = []
    longest = count = 0
    for label in labels:
        size = label_width(label)
        if count and (count + 1 > most or (count + 1) * max(longest, size) > width):
            sizes.append(count)
            longest = count = 0
        longest, count = max(longest, size), count + 1
    if count:
        sizes.append(count)
    return sizes or [1]


def adjust_to_fit(builder: InlineKeyboardBuilder, most: int = 2, *, uniform: bool = False) -> None:
    """Lay out the buttons added so far (``uniform``: the same number in every row)."""
    labels = [button.text for button in builder.buttons]
    if uniform:
        builder.adjust(fit_columns(labels, most))
    else:
        builder.adjust(*fit_rows(labels, most))


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
    adjust_to_fit(builder, 3, uniform=True)
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
    """Buttons (text, value) answering ``step`` (at most ``columns`` in a row, fewer when the
    labels are long), then the navigation row."""
    builder = InlineKeyboardBuilder()
    for text, value in choices:
        builder.button(text=text, callback_data=PickCb(step=step, value=value))
    adjust_to_fit(builder, columns, uniform=True)
    builder.row(*nav_row(l10n, step, back=back, skip=skip))
    return builder.as_markup()


def menu_button_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("btn-menu"), callback_data=NavCb(action=Nav.MENU, step="any"))
    return builder.as_markup()
