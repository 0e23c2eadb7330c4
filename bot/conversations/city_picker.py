"""Choosing a city, shared by every conversation that asks for one (the new order, the price, the
fulfillment order): by region, by any spelling of a name (Uzbek Latin or Cyrillic, Russian,
English), or by a shared location.

A conversation says where the city lives in its draft (:class:`CityPicker`'s ``chosen`` and
``choose``) and takes the picker's handlers for its step::

    CITY = CityPicker(chosen=..., choose=...)
    Step(S.city, CITY.ask("order-ask-sender-city"), text=CITY.search, pick=CITY.pick, page=page,
         location=CITY.near)

Button values (``bot.keyboards.places``): ``R`` the regions again, ``r<id>`` a region's cities
(Tashkent city and Tashkent region are two regions), ``c<id>`` the city.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, cast

from aiogram.types import Location

from bot.callbacks import PageCb, PageKind
from bot.conversation import Ask, Turn
from bot.conversation.step import D
from bot.keyboards.common import choice_keyboard
from bot.keyboards.places import (
    branches_keyboard,
    cities_keyboard,
    city_matches_keyboard,
    place_matches_keyboard,
    regions_keyboard,
)
from bot.text import quote
from services.branches import BranchDirectory, City, Located
from services.parsing import ascii_int, tagged_id

# The city in the draft: its id and the name to show when the directory no longer has it.
Chosen = Callable[[Turn[D], D], tuple[int | None, str | None]]
# The draft with a new city.
Choose = Callable[[Turn[D], D, City], D]


def branches(turn: Turn[Any]) -> BranchDirectory:
    return cast(BranchDirectory, turn.deps["branches"])


class CityPicker(Generic[D]):
    """The handlers of a city step over a draft of type ``D``."""

    def __init__(self, chosen: Chosen[D], choose: Choose[D]) -> None:
        self.chosen = chosen
        self.choose = choose

    def ask(self, key: str, *, back: bool = True) -> Ask[D]:
        """The city question (it carries the step's location button: ``keyboard=`` on the step),
        then the regions."""

        async def ask(turn: Turn[D], draft: D) -> None:
            directory = branches(turn)
            await directory.ensure_fresh(turn.user_id)
            await turn.reply(turn.l10n(key))
            markup = regions_keyboard(turn.l10n, directory, turn.step.name, back=back)
            await turn.reply(turn.l10n("place-pick-region"), markup)

        return ask

    async def search(self, turn: Turn[D], text: str, draft: D) -> None:
        """Cities and regions by any spelling; a region (Tashkent city, Tashkent region) opens
        its cities when pressed."""
        directory = branches(turn)
        await directory.ensure_fresh(turn.user_id)
        found = directory.search_places(text)
        if not found:
            markup = regions_keyboard(turn.l10n, directory, turn.step.name)
            await turn.reply(turn.l10n("place-not-found", query=quote(text)), markup)
            return
        markup = place_matches_keyboard(turn.l10n, directory, turn.step.name, found)
        await turn.reply(turn.l10n("place-matches"), markup)

    async def pick(self, turn: Turn[D], value: str, draft: D) -> D | None:
        """``R`` the regions again, ``r<id>`` a region's cities, ``c<id>`` the city."""
        directory, step = branches(turn), turn.step.name
        if value == "R":
            await turn.reply.edit(
                turn.l10n("place-pick-region"), regions_keyboard(turn.l10n, directory, step)
            )
            return None
        if (region_id := tagged_id(value, "r")) is not None:
            region = directory.region(region_id)
            if region is None or not directory.cities(region_id):
                turn.reply.toast(turn.l10n("place-region-empty"), alert=True)
                return None
            # Tashkent city lists its districts; a region, its towns and districts.
            key = "place-pick-district" if region.is_capital else "place-pick-city"
            text = turn.l10n(key, region=quote(region.label(turn.l10n.lang)))
            await turn.reply.edit(text, cities_keyboard(turn.l10n, directory, step, region_id))
            return None
        city_id = tagged_id(value, "c")
        city = directory.city(city_id) if city_id is not None else None
        if city is None:
            turn.reply.stale()
            return None
        return self.choose(turn, draft, city)

    async def near(self, turn: Turn[D], location: Location, draft: D) -> D | None:
        """The city the point lies in is taken and named; one that contradicts a city chosen
        before is asked about."""
        directory = branches(turn)
        await directory.ensure_fresh(turn.user_id)
        where = directory.locate(location.latitude, location.longitude)
        if where.city is not None:
            if await self.conflict(turn, draft, where, keep=f"c{self.chosen(turn, draft)[0]}"):
                return None
            await turn.reply(turn.l10n("place-located", place=quote(where.label(turn.l10n.lang) or "")))
            return self.choose(turn, draft, where.city)
        cities: list[City] = []
        for branch, _km in directory.nearest(location.latitude, location.longitude, limit=3):
            city = directory.city(branch.city_id) if branch.city_id is not None else None
            if city is not None and city not in cities:
                cities.append(city)
        if not cities:
            await turn.reply(turn.l10n("place-none-near"))
            return None
        markup = city_matches_keyboard(turn.l10n, turn.step.name, cities)
        await turn.reply(turn.l10n("place-nearest"), markup)
        return None

    async def conflict(self, turn: Turn[D], draft: D, where: Located, keep: str) -> bool:
        """A location in another city than the one chosen: say both and ask which one is meant
        (``keep``: the value that keeps the chosen city). False when there is nothing to ask."""
        city_id, fallback = self.chosen(turn, draft)
        if where.city is None or city_id is None or where.city.id == city_id:
            return False
        city = branches(turn).city(city_id)
        chosen = city.label(turn.l10n.lang) if city is not None else (fallback or "—")
        text = turn.l10n(
            "place-location-conflict", place=quote(where.label(turn.l10n.lang) or ""), city=quote(chosen)
        )
        choices = [(chosen, keep), (where.city.label(turn.l10n.lang), f"c{where.city.id}")]
        await turn.reply(text, choice_keyboard(turn.l10n, turn.step.name, choices))
        return True


async def page(turn: Turn[Any], data: PageCb, draft: Any) -> None:
    """Another page of a region's cities (``c``) or a city's branches (``b``)."""
    key = ascii_int(data.key)
    if key is None or data.page < 0:
        turn.reply.stale()
        return
    directory, step = branches(turn), turn.step.name
    if data.kind is PageKind.CITIES:
        markup = cities_keyboard(turn.l10n, directory, step, key, data.page)
    else:
        found = directory.branches_in_city(key)
        markup = branches_keyboard(turn.l10n, step, found, page=data.page, page_key=str(key))
    await turn.reply.edit_markup(markup)
