"""City and branch steps (the new order, the price): pick by region, by typed name or by location.

The city steps are the shared picker (``bot.conversations.city_picker``) over the sender's or the
receiver's city; the branch and address steps are the new order's own."""

from __future__ import annotations

from aiogram.fsm.state import State
from aiogram.types import Location

from bot.conversation import Goto, Step
from bot.conversations import city_picker
from bot.conversations.city_picker import CityPicker
from bot.conversations.new_order.deps import OrderTurn, branches
from bot.keyboards.common import choice_keyboard
from bot.keyboards.places import branches_keyboard, location_keyboard
from bot.text import quote
from services.branches import City
from services.drafts import OrderDraft, Who
from services.parsing import tagged_id

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


def _chosen(turn: OrderTurn, draft: OrderDraft) -> tuple[int | None, str | None]:
    party = draft.party(_who(turn))
    return party.city_id, party.city_name


def _choose(turn: OrderTurn, draft: OrderDraft, city: City) -> OrderDraft:
    return draft.with_city(_who(turn), city, name=city.label(turn.l10n.lang))


# The city steps of the new order and the price: the sender's or the receiver's city.
CITY = CityPicker(_chosen, _choose)
ask_city = CITY.ask
search_city = CITY.search
pick_city = CITY.pick
city_near = CITY.near
page = city_picker.page


def city_step(
    state: State,
    key: str,
    *,
    back: bool = True,
    changeable: bool = False,
    fields: tuple[str, ...] = (),
    then: tuple[str, ...] = (),
) -> Step[OrderDraft]:
    """A city step of the new order or the price: regions, a typed name or a shared location."""
    return Step(
        state,
        ask_city(key, back=back),
        text=search_city,
        pick=pick_city,
        page=page,
        location=city_near,
        changeable=changeable,
        fields=fields,
        then=then,
        keyboard=location_keyboard,  # the step's reply keyboard: send my location
    )


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
    if await CITY.conflict(turn, draft, directory.locate(location.latitude, location.longitude), keep="keep"):
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
    if await CITY.conflict(turn, draft, where, keep="keep"):
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
