"""Pickers of a city or a branch: by region, by typed name, by shared location.

The values in callback data are short: ``r<id>`` a region, ``c<id>`` a city, ``b<id>`` a branch,
``R`` back to the region list. Paging uses ``PageCb``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import PageCb, PageKind, PickCb
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, nav_row
from services.branches import BranchDirectory, BranchInfo, City, PlaceHit

PAGE = 10


def _paged(
    builder: InlineKeyboardBuilder,
    l10n: Localizer,
    step: str,
    kind: PageKind,
    key: str,
    page: int,
    total: int,
) -> None:
    pages = max(1, (total + PAGE - 1) // PAGE)
    if pages <= 1:
        return
    row: list[InlineKeyboardButton] = []
    if page > 0:
        row.append(
            InlineKeyboardButton(
                text=l10n("btn-prev"),
                callback_data=PageCb(step=step, kind=kind, key=key, page=page - 1).pack(),
            )
        )
    row.append(
        InlineKeyboardButton(
            text=f"{page + 1}/{pages}", callback_data=PageCb(step=step, kind=kind, key=key, page=page).pack()
        )
    )
    if page + 1 < pages:
        row.append(
            InlineKeyboardButton(
                text=l10n("btn-next"),
                callback_data=PageCb(step=step, kind=kind, key=key, page=page + 1).pack(),
            )
        )
    builder.row(*row)


def regions_keyboard(
    l10n: Localizer, directory: BranchDirectory, step: str, *, back: bool = True
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for region in directory.regions(l10n.lang):
        builder.button(text=region.label(l10n.lang), callback_data=PickCb(step=step, value=f"r{region.id}"))
    adjust_to_fit(builder, uniform=True)
    builder.row(*nav_row(l10n, step, back=back))
    return builder.as_markup()


def cities_keyboard(
    l10n: Localizer, directory: BranchDirectory, step: str, region_id: int, page: int = 0
) -> InlineKeyboardMarkup:
    cities = directory.cities(region_id, l10n.lang)
    builder = InlineKeyboardBuilder()
    for city in cities[page * PAGE : (page + 1) * PAGE]:
        builder.button(text=city.label(l10n.lang), callback_data=PickCb(step=step, value=f"c{city.id}"))
    adjust_to_fit(builder, uniform=True)
    _paged(builder, l10n, step, PageKind.CITIES, str(region_id), page, len(cities))
    builder.row(
        InlineKeyboardButton(text=l10n("btn-regions"), callback_data=PickCb(step=step, value="R").pack())
    )
    builder.row(*nav_row(l10n, step))
    return builder.as_markup()


def city_matches_keyboard(l10n: Localizer, step: str, cities: Sequence[City]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for city in cities:
        builder.button(text=city.label(l10n.lang), callback_data=PickCb(step=step, value=f"c{city.id}"))
    builder.adjust(1)
    builder.row(
        InlineKeyboardButton(text=l10n("btn-regions"), callback_data=PickCb(step=step, value="R").pack())
    )
    builder.row(*nav_row(l10n, step))
    return builder.as_markup()


def place_label(l10n: Localizer, directory: BranchDirectory, hit: PlaceHit) -> str:
    """A found city with its region ("Chilonzor tumani, Toshkent shahri"), or a region."""
    if hit.kind == "region":
        region = directory.region(hit.id)
        return region.label(l10n.lang) if region else "?"
    city = directory.city(hit.id)
    if city is None:
        return "?"
    region = directory.region(city.region_id) if city.region_id is not None else None
    text = city.label(l10n.lang)
    if region is not None and not region.label(l10n.lang).startswith(text):
        text = f"{text}, {region.label(l10n.lang)}"
    return text[:60]


def place_matches_keyboard(
    l10n: Localizer, directory: BranchDirectory, step: str, hits: Sequence[PlaceHit]
) -> InlineKeyboardMarkup:
    """Found cities (``c<id>``: chosen) and regions (``r<id>``: their cities follow)."""
    builder = InlineKeyboardBuilder()
    for hit in hits:
        value = f"c{hit.id}" if hit.kind == "city" else f"r{hit.id}"
        builder.button(text=place_label(l10n, directory, hit), callback_data=PickCb(step=step, value=value))
    builder.adjust(1)
    builder.row(
        InlineKeyboardButton(text=l10n("btn-regions"), callback_data=PickCb(step=step, value="R").pack())
    )
    builder.row(*nav_row(l10n, step))
    return builder.as_markup()


def branch_label(l10n: Localizer, branch: BranchInfo, km: float | None = None) -> str:
    text = branch.name
    city = branch.city_label(l10n.lang)
    if city and city.casefold() not in text.casefold():
        text = f"{text}, {city}"
    if km is not None:
        text = f"{text} · {l10n.km(km)}"
    return text[:60]


def branches_keyboard(
    l10n: Localizer,
    step: str,
    branches: Sequence[BranchInfo],
    *,
    page: int = 0,
    page_key: str = "",
    distances: Sequence[float] | None = None,
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    shown = branches if distances is not None else branches[page * PAGE : (page + 1) * PAGE]
    for i, branch in enumerate(shown):
        km = distances[i] if distances is not None else None
        builder.button(
            text=branch_label(l10n, branch, km), callback_data=PickCb(step=step, value=f"b{branch.id}")
        )
    builder.adjust(1)
    if distances is None:
        _paged(builder, l10n, step, PageKind.BRANCHES, page_key, page, len(branches))
    builder.row(*nav_row(l10n, step))
    return builder.as_markup()


def location_keyboard(l10n: Localizer) -> ReplyKeyboardMarkup:
    return _request_button(l10n("btn-send-location"), location=True)


def contact_keyboard(l10n: Localizer) -> ReplyKeyboardMarkup:
    return _request_button(l10n("btn-share-contact"), location=False)


@functools.cache
def _request_button(text: str, *, location: bool) -> ReplyKeyboardMarkup:
    """One button asking for the location or the contact; built once per language (a step asks
    on every visit; nothing changes a markup once built)."""
    if location:
        button = KeyboardButton(text=text, request_location=True)
    else:
        button = KeyboardButton(text=text, request_contact=True)
    return ReplyKeyboardMarkup(keyboard=[[button]], resize_keyboard=True, one_time_keyboard=True)
