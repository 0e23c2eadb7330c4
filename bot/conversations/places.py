"""City and branch steps (the new order, the price): pick by region, by typed name or by location."""

from __future__ import annotations

from aiogram.types import Location

from bot.callbacks import PageCb, PageKind
from bot.conversation import Ask, Goto
from bot.conversations.new_order.deps import OrderTurn, branches
from bot.keyboards.common import choice_keyboard
from bot.keyboards.places import (
    branches_keyboard,
    cities_keyboard,
    city_matches_keyboard,
    place_matches_keyboard,
    regions_keyboard,
)
from bot.text import quote
from services.branches import City, Located
from services.drafts import OrderDraft, Who
from services.parsing import ascii_int, tagged_id

# Whose city (or address) a step sets.
WHO: dict[str, Who] = {
    "sender_city": "sender",
    "sender_address": "sender",
    "p_from": "sender",
    "receiver_city": "receiver",
    "receiver_address": "receiver",
    "p_to": "receiver",
}


def _who(turn: OrderTurn) -> Who:
    return WHO[turn.step.name]


def ask_city(key: str, *, back: bool = True) -> Ask[OrderDraft]:
    """The city question (it carries the step's location button), then the regions."""

    async def ask(turn: OrderTurn, draft: OrderDraft) -> None:
        directory = branches(turn)
        await directory.ensure_fresh(turn.user_id)
        await turn.reply(turn.l10n(key))
        markup = regions_keyboard(turn.l10n, directory, turn.step.name, back=back)
        await turn.reply(turn.l10n("place-pick-region"), markup)

    return ask


async def search_city(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    """Cities and regions by any spelling; a region (Tashkent city, Tashkent region) opens its
    cities when pressed."""
    directory = branches(turn)
    await directory.ensure_fresh(turn.user_id)
    found = directory.search_places(text)
    if not found:
        markup = regions_keyboard(turn.l10n, directory, turn.step.name)
        await turn.reply(turn.l10n("place-not-found", query=quote(text)), markup)
        return
    markup = place_matches_keyboard(turn.l10n, directory, turn.step.name, found)
    await turn.reply(turn.l10n("place-matches"), markup)


async def pick_city(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    """``R`` the regions again, ``r<id>`` a region's cities, ``c<id>`` the city."""
    directory, step = branches(turn), turn.step.name
    if value == "R":
        await turn.reply.edit_markup(regions_keyboard(turn.l10n, directory, step))
        return None
    if (region_id := tagged_id(value, "r")) is not None:
        if directory.region(region_id) is None or not directory.cities(region_id):
            turn.reply.toast(turn.l10n("place-region-empty"), alert=True)
            return None
        await turn.reply.edit_markup(cities_keyboard(turn.l10n, directory, step, region_id))
        return None
    city_id = tagged_id(value, "c")
    city = directory.city(city_id) if city_id is not None else None
    if city is None:
        turn.reply.stale()
        return None
    return draft.with_city(_who(turn), city, name=city.label(turn.l10n.lang))


def _city_label(turn: OrderTurn, city_id: int | None, fallback: str | None) -> str:
    city = branches(turn).city(city_id) if city_id is not None else None
    return city.label(turn.l10n.lang) if city is not None else (fallback or "—")


async def _conflict(turn: OrderTurn, draft: OrderDraft, where: Located, keep: str) -> bool:
    """A location in another city than the one chosen: say both and ask which one is meant
    (``keep``: the value that keeps the chosen city). False when there is nothing to ask."""
    party = draft.party(_who(turn))
    if where.city is None or party.city_id is None or where.city.id == party.city_id:
        return False
    chosen = _city_label(turn, party.city_id, party.city_name)
    text = turn.l10n(
        "place-location-conflict", place=quote(where.label(turn.l10n.lang) or ""), city=quote(chosen)
    )
    choices = [(chosen, keep), (where.city.label(turn.l10n.lang), f"c{where.city.id}")]
    await turn.reply(text, choice_keyboard(turn.l10n, turn.step.name, choices))
    return True


async def city_near(turn: OrderTurn, location: Location, draft: OrderDraft) -> OrderDraft | None:
    """The city the point lies in is taken and named; one that contradicts a city chosen
    before is asked about."""
    directory = branches(turn)
    await directory.ensure_fresh(turn.user_id)
    where = directory.locate(location.latitude, location.longitude)
    if where.city is not None:
        if await _conflict(turn, draft, where, keep=f"c{draft.party(_who(turn)).city_id}"):
            return None
        await turn.reply(turn.l10n("place-located", place=quote(where.label(turn.l10n.lang) or "")))
        return draft.with_city(_who(turn), where.city, name=where.city.label(turn.l10n.lang))
    cities: list[City] = []
    for branch, _km in directory.nearest(location.latitude, location.longitude, limit=3):
        city = directory.city(branch.city_id) if branch.city_id is not None else None
        if city is not None and city not in cities:
            cities.append(city)
    if not cities:
        await turn.reply(turn.l10n("place-none-near"))
        return None
    await turn.reply(turn.l10n("place-nearest"), city_matches_keyboard(turn.l10n, turn.step.name, cities))
    return None


async def page(turn: OrderTurn, data: PageCb, draft: OrderDraft) -> None:
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


async def ask_branch(turn: OrderTurn, draft: OrderDraft) -> None:
    directory, city_id = branches(turn), draft.receiver.city_id
    found = directory.branches_in_city(city_id) if city_id is not None else []
    l10n = turn.l10n
    if not found:
        turn.reply.expect(None)  # no branch to find by location: no location button
        courier = [(l10n("delivery-receiver-courier"), "courier")]
        text = l10n("order-no-branch-in-city", city=quote(l10n.place(draft.receiver.city_name)))
        await turn.reply(text, choice_keyboard(l10n, "receiver_branch", courier))
        return
    await turn.reply(l10n("order-ask-receiver-branch"))  # it carries the step's location button
    await turn.reply(
        l10n("order-branches-in", city=quote(l10n.place(draft.receiver.city_name))),
        branches_keyboard(l10n, "receiver_branch", found, page_key=str(city_id)),
    )


async def pick_branch(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | Goto[OrderDraft] | None:
    if value == "courier":
        return Goto("receiver_address", draft.model_copy(update={"receiver_delivery": 1}))
    if value == "keep":  # the chosen city after all: its branches again
        await ask_branch(turn, draft)
        return None
    if (city_id := tagged_id(value, "c")) is not None:  # the city the location is in
        city = branches(turn).city(city_id)
        if city is None:
            turn.reply.stale()
            return None
        moved = draft.with_city("receiver", city, name=city.label(turn.l10n.lang))
        await turn.save(moved)
        await ask_branch(turn, moved)
        return None
    branch_id = tagged_id(value, "b")
    branch = branches(turn).branch(branch_id) if branch_id is not None else None
    updated = draft.with_branch(branch) if branch is not None else None
    if updated is None:
        turn.reply.stale()
    return updated


async def search_branch(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    found = branches(turn).search_branches(text)
    if draft.receiver.city_id is not None:
        found = [b for b in found if b.city_id == draft.receiver.city_id] or found
    if not found:
        await turn.reply(turn.l10n("place-not-found", query=quote(text)))
        return
    await turn.reply(turn.l10n("place-matches"), branches_keyboard(turn.l10n, "receiver_branch", found))


async def branch_near(turn: OrderTurn, location: Location, draft: OrderDraft) -> None:
    directory = branches(turn)
    await directory.ensure_fresh(turn.user_id)
    if await _conflict(turn, draft, directory.locate(location.latitude, location.longitude), keep="keep"):
        return
    nearest = directory.nearest(location.latitude, location.longitude, limit=3)
    if not nearest:
        await turn.reply(turn.l10n("place-none-near"))
        return
    markup = branches_keyboard(
        turn.l10n, "receiver_branch", [b for b, _ in nearest], distances=[km for _, km in nearest]
    )
    await turn.reply(turn.l10n("place-nearest"), markup)


async def address_location(turn: OrderTurn, location: Location, draft: OrderDraft) -> None:
    """A location sent at an address step is kept with the address (for the courier). One in
    another city than the chosen one is asked about: keep the city (the location goes) or move
    to the city the location is in."""
    directory = branches(turn)
    await directory.ensure_fresh(turn.user_id)
    located = draft.with_party(_who(turn), lat=location.latitude, lon=location.longitude)
    where = directory.locate(location.latitude, location.longitude)
    await turn.save(located)
    if await _conflict(turn, draft, where, keep="keep"):
        return
    if where.city is not None:
        await turn.reply(turn.l10n("place-located", place=quote(where.label(turn.l10n.lang) or "")))
    await turn.reply(turn.l10n("order-location-saved"))


async def pick_location_city(turn: OrderTurn, value: str, draft: OrderDraft) -> None:
    """The answer to "which city is meant" at an address step."""
    who = _who(turn)
    if value == "keep":
        await turn.save(draft.with_party(who, lat=None, lon=None))
        await turn.reply(turn.l10n("place-location-dropped"))
        return
    city_id = tagged_id(value, "c")
    city = branches(turn).city(city_id) if city_id is not None else None
    if city is None:
        turn.reply.stale()
        return
    await turn.save(draft.with_city(who, city, name=city.label(turn.l10n.lang)))
    await turn.reply(turn.l10n("order-location-saved"))
