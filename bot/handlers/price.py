"""Price on its own: from → to (the same city pickers), weight, and the four ways side by side."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Nav, NavCb, PageCb, PickCb
from bot.conversations.new_order.entry import start_new_order
from bot.i18n import Localizer
from bot.keyboards.common import main_menu, nav_keyboard
from bot.keyboards.places import (
    cities_keyboard,
    city_matches_keyboard,
    place_matches_keyboard,
    regions_keyboard,
)
from bot.render import q
from bot.reply import Reply
from bot.screens.price import ask_price_city
from bot.states import Price
from services.branches import BranchDirectory
from services.drafts import OrderDraft, Party
from services.orders import OrderService
from services.parsing import InvalidInput, parse_weight
from services.users import UserProfile

STEP_OF = {
    Price.sender_city.state: "p_from",
    Price.receiver_city.state: "p_to",
    Price.weight.state: "p_weight",
}


async def _chosen(
    message: Message, state: FSMContext, l10n: Localizer, branches: BranchDirectory, city_id: int
) -> None:
    city = branches.city(city_id)
    if city is None:
        await message.answer(l10n("stale-step"))
        return
    current = await state.get_state()
    data = dict((await state.get_data()).get("price") or {})
    if current == Price.sender_city.state:
        data["from"] = city.id
        await state.update_data(price=data)
        await state.set_state(Price.receiver_city)
        await ask_price_city(message, l10n, branches, "p_to", "price-ask-to")
        return
    data["to"] = city.id
    await state.update_data(price=data)
    await state.set_state(Price.weight)
    await message.answer(l10n("order-ask-weight"), reply_markup=ReplyKeyboardRemove())
    await message.answer(l10n("price-weight-hint"), reply_markup=nav_keyboard(l10n, "p_weight"))


async def price_pick(
    query: CallbackQuery,
    callback_data: PickCb,
    state: FSMContext,
    l10n: Localizer,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    if STEP_OF.get(await state.get_state() or "") != callback_data.step:
        callback_answer.text = l10n("stale-step")
        return
    value = callback_data.value
    if value == "R":
        await query.message.edit_reply_markup(
            reply_markup=regions_keyboard(l10n, branches, callback_data.step)
        )
    elif value.startswith("r") and value[1:].isdigit():
        if not branches.cities(int(value[1:])):
            callback_answer.text, callback_answer.show_alert = l10n("place-region-empty"), True
            return
        await query.message.edit_reply_markup(
            reply_markup=cities_keyboard(l10n, branches, callback_data.step, int(value[1:]))
        )
    elif value.startswith("c") and value[1:].isdigit():
        await _chosen(query.message, state, l10n, branches, int(value[1:]))


async def price_page(
    query: CallbackQuery, callback_data: PageCb, l10n: Localizer, branches: BranchDirectory
) -> None:
    if isinstance(query.message, Message) and callback_data.key.isdigit():
        await query.message.edit_reply_markup(
            reply_markup=cities_keyboard(
                l10n, branches, callback_data.step, int(callback_data.key), callback_data.page
            )
        )


async def price_city_text(
    message: Message, state: FSMContext, l10n: Localizer, branches: BranchDirectory
) -> None:
    step = STEP_OF[await state.get_state() or ""]
    found = branches.search_places(message.text or "")
    if not found:
        await message.answer(
            l10n("place-not-found", query=q(message.text)),
            reply_markup=regions_keyboard(l10n, branches, step),
        )
        return
    await message.answer(
        l10n("place-matches"), reply_markup=place_matches_keyboard(l10n, branches, step, found)
    )


async def price_city_location(
    message: Message, state: FSMContext, l10n: Localizer, branches: BranchDirectory
) -> None:
    assert message.location is not None
    step = STEP_OF[await state.get_state() or ""]
    where = branches.locate(message.location.latitude, message.location.longitude)
    if where.city is not None:
        await message.answer(l10n("place-located", place=q(where.label(l10n.lang) or "")))
        await _chosen(message, state, l10n, branches, where.city.id)
        return
    nearest = branches.nearest(message.location.latitude, message.location.longitude)
    cities = []
    for branch, _ in nearest:
        city = branches.city(branch.city_id) if branch.city_id is not None else None
        if city is not None and city not in cities:
            cities.append(city)
    if not cities:
        await message.answer(l10n("place-none-near"))
        return
    await message.answer(l10n("place-nearest"), reply_markup=city_matches_keyboard(l10n, step, cities))


async def price_weight(
    message: Message,
    state: FSMContext,
    bot: Bot,
    l10n: Localizer,
    profile: UserProfile,
    orders: OrderService,
    branches: BranchDirectory,
) -> None:
    try:
        weight = parse_weight(message.text or "")
    except InvalidInput:
        await message.answer(l10n("invalid-weight"), reply_markup=nav_keyboard(l10n, "p_weight"))
        return
    data = dict((await state.get_data()).get("price") or {})
    source, target = branches.city(int(data.get("from", 0))), branches.city(int(data.get("to", 0)))
    if source is None or target is None:
        await state.set_state(None)
        await message.answer(l10n("stale-step"))
        return
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        matrix = await orders.price_matrix(profile.id, source.id, target.id, weight)
    data["weight"] = str(weight)
    await state.update_data(price=data)
    await state.set_state(None)
    lines = [
        l10n(
            "price-title",
            source=q(source.label(l10n.lang)),
            target=q(target.label(l10n.lang)),
            weight=l10n.weight(weight),
        ),
        "",
    ]
    builder = InlineKeyboardBuilder()
    for (s, r), amount in sorted(matrix.items(), key=lambda kv: kv[1]):
        label = l10n(f"price-way-{s}{r}")
        lines.append(f"{label}: <b>{l10n.money(amount)}</b>")
        builder.button(
            text=l10n("btn-create-with", way=label), callback_data=PickCb(step="p_make", value=f"{s}{r}")
        )
    builder.adjust(1)
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())
    await message.answer(l10n("menu-title"), reply_markup=main_menu(l10n, seller=profile.is_seller))


async def price_expects(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("order-expected-text"))


async def price_to_order(
    query: CallbackQuery,
    callback_data: PickCb,
    state: FSMContext,
    l10n: Localizer,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
    reply: Reply,
    **deps: Any,
) -> None:
    data = dict((await state.get_data()).get("price") or {})
    value = callback_data.value
    source, target = branches.city(int(data.get("from", 0))), branches.city(int(data.get("to", 0)))
    if source is None or target is None or "weight" not in data or len(value) != 2 or not value.isdigit():
        callback_answer.text = l10n("stale-step")
        return
    lang = l10n.lang
    draft = OrderDraft(
        sender=Party(city_id=source.id, city_name=source.label(lang), region_id=source.region_id),
        receiver=Party(city_id=target.id, city_name=target.label(lang), region_id=target.region_id),
        sender_delivery=min(int(value[0]), 1),
        receiver_delivery=min(int(value[1]), 1),
        sender_remote=value[0] == "2",
        receiver_remote=value[1] == "2",
        weight=Decimal(str(data["weight"])),
    )
    prefilled = ["sender_city", "sender_delivery", "receiver_city", "receiver_delivery", "weight"]
    await start_new_order(reply, state, {**deps, "branches": branches}, draft, prefilled=prefilled)


async def price_nav(
    query: CallbackQuery,
    callback_data: NavCb,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    current = await state.get_state()
    if current not in STEP_OF or STEP_OF[current] != callback_data.step:
        callback_answer.text = l10n("stale-step")
        return
    if callback_data.action is Nav.BACK and current == Price.receiver_city.state:
        await state.set_state(Price.sender_city)
        await ask_price_city(query.message, l10n, branches, "p_from", "price-ask-from")
        return
    if callback_data.action is Nav.BACK and current == Price.weight.state:
        await state.set_state(Price.receiver_city)
        await ask_price_city(query.message, l10n, branches, "p_to", "price-ask-to")
        return
    await state.set_state(None)
    await query.message.answer(l10n("cancelled"), reply_markup=main_menu(l10n, seller=profile.is_seller))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(
        price_pick,
        PickCb.filter(F.step.in_({"p_from", "p_to"})),
        StateFilter(Price.sender_city, Price.receiver_city),
    )
    router.callback_query.register(
        price_page,
        PageCb.filter(F.step.in_({"p_from", "p_to"})),
        StateFilter(Price.sender_city, Price.receiver_city),
    )
    router.message.register(price_city_text, StateFilter(Price.sender_city, Price.receiver_city), F.text)
    router.message.register(
        price_city_location, StateFilter(Price.sender_city, Price.receiver_city), F.location
    )
    router.message.register(price_weight, Price.weight, F.text)
    router.message.register(price_expects, StateFilter(Price))
    router.callback_query.register(price_to_order, PickCb.filter(F.step == "p_make"))
    router.callback_query.register(price_nav, NavCb.filter(F.step.in_({"p_from", "p_to", "p_weight"})))
    return router
