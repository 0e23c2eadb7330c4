"""New order, step by step. Every step has Back and Cancel; the draft lives in FSM storage, so it
survives a restart and a detour through the menu; the summary shows the live price before Confirm.

Steps are declared once (``STEPS``) with the condition under which they apply; moving forward or
back skips steps that don't apply. "Change a field" on the summary jumps to that step and comes
back to the summary after it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Nav, NavCb, PageCb, PickCb, SummaryCb
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard, main_menu, nav_keyboard
from bot.keyboards.places import (
    branches_keyboard,
    cities_keyboard,
    city_matches_keyboard,
    contact_keyboard,
    location_keyboard,
    regions_keyboard,
)
from bot.render import clip, order_result_text, q, summary_text, validation_text
from bot.states import NewOrder
from services.branches import BranchDirectory
from services.catalog import PACKAGE_TYPES, POST_TYPES
from services.common.errors import RateLimited, Unavailable, ValidationFailed
from services.common.phones import InvalidPhone, normalize_phone
from services.drafts import (
    MAX_PIECES,
    MAX_VOLUME,
    MAX_WEIGHT,
    MIN_WEIGHT,
    CodGood,
    DraftItem,
    InvalidNumber,
    OrderDraft,
    Party,
    parse_decimal,
    parse_int,
)
from services.orders import ContactKind, CreateUnsure, OrderService
from services.users import UserProfile

router = Router(name=__name__)
logger = logging.getLogger(__name__)

DRAFT = "draft"
EDITING = "editing"  # came from "Change a field": go back to the summary after the step
SKIP = "prefilled"  # steps whose answer came with the draft (price → order)
EDIT_ID = "edit_order_id"  # set when the draft is an existing order being edited
MAX_ITEMS = 20
SPIC_RE = re.compile(r"^\d{17}$")
NAME_RE = re.compile(r"\w", re.UNICODE)


# --- the step table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    state: State
    applies: Callable[[OrderDraft], bool] = lambda d: True
    skippable: bool = False

    @property
    def name(self) -> str:
        return (self.state.state or "").split(":")[-1]


STEPS: tuple[Step, ...] = (
    Step(NewOrder.sender_pick),
    Step(NewOrder.sender_name),
    Step(NewOrder.sender_phone),
    Step(NewOrder.sender_city),
    Step(NewOrder.sender_delivery),
    Step(NewOrder.sender_address, lambda d: d.sender_delivery == 1),
    Step(NewOrder.receiver_name),
    Step(NewOrder.receiver_phone),
    Step(NewOrder.receiver_phone2, skippable=True),
    Step(NewOrder.receiver_delivery),
    Step(NewOrder.receiver_city),
    Step(NewOrder.receiver_branch, lambda d: d.receiver_delivery == 0),
    Step(NewOrder.receiver_address, lambda d: d.receiver_delivery == 1),
    Step(NewOrder.weight),
    Step(NewOrder.pieces, skippable=True),
    Step(NewOrder.package),
    Step(NewOrder.content),
    Step(NewOrder.volume, skippable=True),
    Step(NewOrder.items, skippable=True),
    Step(NewOrder.cod),
    Step(NewOrder.cod_amount, lambda d: d.cod),
    Step(NewOrder.cod_goods, lambda d: d.cod),
    Step(NewOrder.photo),
    Step(NewOrder.waybill),
    Step(NewOrder.comment, skippable=True),
    Step(NewOrder.summary),
)
BY_NAME: dict[str, Step] = {s.name: s for s in STEPS}
SUB_STEPS = {
    "mxik_spic": "cod_goods",
    "mxik_name": "cod_goods",
    "mxik_price": "cod_goods",
    "unsure": "summary",
}

# Fields the summary lets the seller change, each mapped to the step that asks it.
CHANGEABLE: tuple[str, ...] = (
    "sender_name",
    "sender_phone",
    "sender_city",
    "sender_delivery",
    "sender_address",
    "receiver_name",
    "receiver_phone",
    "receiver_phone2",
    "receiver_delivery",
    "receiver_city",
    "receiver_branch",
    "receiver_address",
    "weight",
    "pieces",
    "package",
    "content",
    "volume",
    "items",
    "cod",
    "photo",
    "waybill",
    "comment",
)
# After these steps, a change goes on to the steps that depend on the answer before the summary.
CONTINUE_WHEN_EDITING = frozenset(
    {"sender_delivery", "receiver_delivery", "receiver_city", "cod", "cod_amount"}
)
# BTS field names (validation errors) → the step that fixes them.
FIELD_STEPS: dict[str, str] = {
    "senderCityId": "sender_city",
    "senderAddress": "sender_address",
    "senderReal": "sender_name",
    "senderPhone": "sender_phone",
    "senderDelivery": "sender_delivery",
    "weight": "weight",
    "packageId": "package",
    "postTypeId": "content",
    "receiver": "receiver_name",
    "receiverAddress": "receiver_address",
    "receiverDelivery": "receiver_delivery",
    "receiverCityId": "receiver_city",
    "receiver_branch_id": "receiver_branch",
    "receiverPhone": "receiver_phone",
    "receiverPhone1": "receiver_phone2",
    "volume": "volume",
    "piece": "pieces",
    "back_money": "cod_amount",
    "bringBackMoney": "cod",
    "options": "cod_goods",
    "additionalInfo": "comment",
}


# --- draft in FSM data --------------------------------------------------------------------------


async def load_draft(state: FSMContext) -> OrderDraft:
    data = await state.get_data()
    raw = data.get(DRAFT)
    return OrderDraft.model_validate(raw) if isinstance(raw, dict) else OrderDraft()


async def save_draft(state: FSMContext, draft: OrderDraft) -> None:
    await state.update_data({DRAFT: draft.dump()})


def has_progress(data: dict[str, Any]) -> bool:
    raw = data.get(DRAFT)
    if not isinstance(raw, dict):
        return False
    draft = OrderDraft.model_validate(raw)
    return bool(draft.sender.name or draft.receiver.name or draft.sender.city_id)


async def current_step(state: FSMContext) -> Step | None:
    name = ((await state.get_state()) or "").split(":")[-1]
    return BY_NAME.get(SUB_STEPS.get(name, name))


async def button_step(state: FSMContext, pressed: str) -> tuple[Step | None, str]:
    """The current step if a button of ``pressed`` belongs to it (else ``None``: a stale button),
    and the raw state name (a sub-step such as ``mxik_spic``)."""
    raw_state = ((await state.get_state()) or "").split(":")[-1]
    step = BY_NAME.get(SUB_STEPS.get(raw_state, raw_state))
    if step is None or pressed not in (step.name, raw_state):
        return None, raw_state
    return step, raw_state


def _neighbour(step: Step, draft: OrderDraft, skip: set[str], direction: int) -> Step:
    index = STEPS.index(step) + direction
    while 0 <= index < len(STEPS):
        candidate = STEPS[index]
        if candidate.applies(draft) and candidate.name not in skip:
            return candidate
        index += direction
    return STEPS[-1] if direction > 0 else STEPS[0]


# --- context passed to every step ------------------------------------------------------------------


@dataclass
class Ctx:
    message: Message
    state: FSMContext
    l10n: Localizer
    orders: OrderService
    branches: BranchDirectory
    user_id: int


async def go(ctx: Ctx, step: Step, draft: OrderDraft) -> None:
    """Make ``step`` current and ask its question."""
    await ctx.state.update_data({DRAFT: draft.dump(), "last_step": step.name})
    await ctx.state.set_state(step.state)
    await ASK[step.name](ctx, draft)


async def advance(ctx: Ctx, step: Step, draft: OrderDraft) -> None:
    data = await ctx.state.get_data()
    if data.get(EDITING) and step.name not in CONTINUE_WHEN_EDITING:
        await ctx.state.update_data({EDITING: False})
        await go(ctx, BY_NAME["summary"], draft)
        return
    skip = set(data.get(SKIP) or [])
    nxt = _neighbour(step, draft, skip, +1)
    if data.get(EDITING) and nxt.name in ("sender_name", "receiver_name", "weight", "photo"):
        nxt = BY_NAME["summary"]
    await go(ctx, nxt, draft)


# --- asking ------------------------------------------------------------------------------------------


async def _ask_text(
    ctx: Ctx, key: str, step: str, *, skip: bool = False, back: bool = True, **args: Any
) -> None:
    await ctx.message.answer(
        ctx.l10n(key, **args), reply_markup=nav_keyboard(ctx.l10n, step, back=back, skip=skip)
    )


async def ask_sender_pick(ctx: Ctx, draft: OrderDraft) -> None:
    saved = await ctx.orders.contacts(ctx.user_id, ContactKind.SENDER)
    if not saved:
        await go(ctx, BY_NAME["sender_name"], draft)
        return
    choices = [(f"{c.name} · {ctx.l10n.phone(c.phone)}", str(i)) for i, (_, c) in enumerate(saved)]
    choices.append((ctx.l10n("btn-new-sender"), "new"))
    await ctx.state.update_data(saved_senders=[c.model_dump(mode="json") for _, c in saved])
    await ctx.message.answer(
        ctx.l10n("order-ask-sender-pick"),
        reply_markup=choice_keyboard(ctx.l10n, "sender_pick", choices, back=False),
    )


async def ask_sender_name(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-sender-name", "sender_name")


async def ask_sender_phone(ctx: Ctx, draft: OrderDraft) -> None:
    await ctx.message.answer(ctx.l10n("order-ask-sender-phone"), reply_markup=contact_keyboard(ctx.l10n))
    await ctx.message.answer(
        ctx.l10n("order-or-type-phone"), reply_markup=nav_keyboard(ctx.l10n, "sender_phone")
    )


async def _ask_city(ctx: Ctx, key: str, step: str) -> None:
    await ctx.branches.ensure_fresh(ctx.user_id)
    await ctx.message.answer(ctx.l10n(key), reply_markup=location_keyboard(ctx.l10n))
    await ctx.message.answer(
        ctx.l10n("place-pick-region"), reply_markup=regions_keyboard(ctx.l10n, ctx.branches, step)
    )


async def ask_sender_city(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_city(ctx, "order-ask-sender-city", "sender_city")


async def ask_sender_delivery(ctx: Ctx, draft: OrderDraft) -> None:
    choices = [(ctx.l10n("delivery-sender-courier"), "1"), (ctx.l10n("delivery-sender-office"), "0")]
    await ctx.message.answer(
        ctx.l10n("order-ask-sender-delivery"),
        reply_markup=choice_keyboard(ctx.l10n, "sender_delivery", choices),
    )


async def ask_sender_address(ctx: Ctx, draft: OrderDraft) -> None:
    # One message: the question, the example and the buttons (the location keyboard may stay:
    # a location sent here is kept with the address).
    text = ctx.l10n("order-ask-sender-address") + "\n" + ctx.l10n("order-address-hint")
    await ctx.message.answer(text, reply_markup=nav_keyboard(ctx.l10n, "sender_address"))


async def ask_receiver_name(ctx: Ctx, draft: OrderDraft) -> None:
    saved = await ctx.orders.contacts(ctx.user_id, ContactKind.RECIPIENT)
    markup: InlineKeyboardMarkup
    if saved:
        await ctx.state.update_data(saved_receivers=[c.model_dump(mode="json") for _, c in saved])
        choices = [(f"📒 {c.name} · {ctx.l10n.phone(c.phone)}", str(i)) for i, (_, c) in enumerate(saved)]
        markup = choice_keyboard(ctx.l10n, "receiver_name", choices)
    else:
        markup = nav_keyboard(ctx.l10n, "receiver_name")
    await ctx.message.answer(ctx.l10n("order-ask-receiver-name"), reply_markup=markup)


async def ask_receiver_phone(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-receiver-phone", "receiver_phone")


async def ask_receiver_phone2(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-receiver-phone2", "receiver_phone2", skip=True)


async def ask_receiver_delivery(ctx: Ctx, draft: OrderDraft) -> None:
    choices = [(ctx.l10n("delivery-receiver-courier"), "1"), (ctx.l10n("delivery-receiver-branch"), "0")]
    await ctx.message.answer(
        ctx.l10n("order-ask-receiver-delivery"),
        reply_markup=choice_keyboard(ctx.l10n, "receiver_delivery", choices),
    )


async def ask_receiver_city(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_city(ctx, "order-ask-receiver-city", "receiver_city")


async def ask_receiver_branch(ctx: Ctx, draft: OrderDraft) -> None:
    city_id = draft.receiver.city_id
    branches = ctx.branches.branches_in_city(city_id) if city_id is not None else []
    if not branches:
        await ctx.message.answer(
            ctx.l10n("order-no-branch-in-city", city=q(ctx.l10n.place(draft.receiver.city_name))),
            reply_markup=choice_keyboard(
                ctx.l10n, "receiver_branch", [(ctx.l10n("delivery-receiver-courier"), "courier")]
            ),
        )
        return
    await ctx.message.answer(ctx.l10n("order-ask-receiver-branch"), reply_markup=location_keyboard(ctx.l10n))
    await ctx.message.answer(
        ctx.l10n("order-branches-in", city=q(ctx.l10n.place(draft.receiver.city_name))),
        reply_markup=branches_keyboard(ctx.l10n, "receiver_branch", branches, page_key=str(city_id)),
    )


async def ask_receiver_address(ctx: Ctx, draft: OrderDraft) -> None:
    # One message: the question, the example and the buttons (the location keyboard may stay:
    # a location sent here is kept with the address).
    text = ctx.l10n("order-ask-receiver-address") + "\n" + ctx.l10n("order-address-hint")
    await ctx.message.answer(text, reply_markup=nav_keyboard(ctx.l10n, "receiver_address"))


async def ask_weight(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-weight", "weight")


async def ask_pieces(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-pieces", "pieces", skip=True)


async def ask_package(ctx: Ctx, draft: OrderDraft) -> None:
    choices = [(ctx.l10n(p.key), str(p.id)) for p in PACKAGE_TYPES]
    await ctx.message.answer(
        ctx.l10n("order-ask-package"), reply_markup=choice_keyboard(ctx.l10n, "package", choices)
    )


async def ask_content(ctx: Ctx, draft: OrderDraft) -> None:
    choices = [(ctx.l10n(p.key), str(p.id)) for p in POST_TYPES]
    await ctx.message.answer(
        ctx.l10n("order-ask-content"), reply_markup=choice_keyboard(ctx.l10n, "content", choices)
    )


async def ask_volume(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-volume", "volume", skip=True)


def _items_keyboard(l10n: Localizer, draft: OrderDraft) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if draft.items:
        builder.button(text=l10n("btn-done"), callback_data=PickCb(step="items", value="done"))
        builder.button(text=l10n("btn-clear-items"), callback_data=PickCb(step="items", value="clear"))
        builder.adjust(2)
    markup = nav_keyboard(l10n, "items", skip=not draft.items)
    builder.row(*markup.inline_keyboard[0])
    return builder.as_markup()


async def ask_items(ctx: Ctx, draft: OrderDraft) -> None:
    await ctx.message.answer(
        ctx.l10n("order-ask-items", count=len(draft.items)), reply_markup=_items_keyboard(ctx.l10n, draft)
    )


async def _yes_no(ctx: Ctx, key: str, step: str) -> None:
    choices = [(ctx.l10n("btn-yes"), "1"), (ctx.l10n("btn-no"), "0")]
    await ctx.message.answer(ctx.l10n(key), reply_markup=choice_keyboard(ctx.l10n, step, choices, columns=2))


async def ask_cod(ctx: Ctx, draft: OrderDraft) -> None:
    await _yes_no(ctx, "order-ask-cod", "cod")


async def ask_cod_amount(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-cod-amount", "cod_amount")


async def ask_cod_goods(ctx: Ctx, draft: OrderDraft) -> None:
    async with ChatActionSender.typing(bot=ctx.message.bot, chat_id=ctx.message.chat.id):  # type: ignore[arg-type]
        goods = await ctx.orders.mxik_goods(ctx.user_id)
    chosen = {g.mxik_id for g in draft.cod_goods}
    await ctx.state.update_data(
        mxik_goods=[{"id": g.id, "name": g.name, "price": str(g.good_price or 0)} for g in goods[:30]]
    )
    builder = InlineKeyboardBuilder()
    for good in goods[:30]:
        mark = "✅ " if good.id in chosen else ""
        builder.button(
            text=f"{mark}{good.name} · {ctx.l10n.money(good.good_price)}"[:60],
            callback_data=PickCb(step="cod_goods", value=f"g{good.id}"),
        )
    builder.button(text=ctx.l10n("btn-register-good"), callback_data=PickCb(step="cod_goods", value="new"))
    if chosen:
        builder.button(text=ctx.l10n("btn-done"), callback_data=PickCb(step="cod_goods", value="done"))
    builder.adjust(1)
    builder.row(*nav_keyboard(ctx.l10n, "cod_goods").inline_keyboard[0])
    key = "order-ask-cod-goods" if goods else "order-ask-cod-goods-empty"
    await ctx.message.answer(ctx.l10n(key), reply_markup=builder.as_markup())


async def ask_photo(ctx: Ctx, draft: OrderDraft) -> None:
    await _yes_no(ctx, "order-ask-photo", "photo")


async def ask_waybill(ctx: Ctx, draft: OrderDraft) -> None:
    await _yes_no(ctx, "order-ask-waybill", "waybill")


async def ask_comment(ctx: Ctx, draft: OrderDraft) -> None:
    await _ask_text(ctx, "order-ask-comment", "comment", skip=True)


def summary_keyboard(l10n: Localizer, *, edit: bool = False) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if edit:
        builder.button(text=l10n("btn-save-changes"), callback_data=SummaryCb(action="save"))
    else:
        builder.button(text=l10n("btn-confirm"), callback_data=SummaryCb(action="ok"))
    builder.button(text=l10n("btn-change"), callback_data=SummaryCb(action="change"))
    builder.button(text=l10n("btn-cancel"), callback_data=NavCb(action=Nav.CANCEL, step="summary"))
    builder.adjust(1)
    return builder.as_markup()


async def ask_summary(ctx: Ctx, draft: OrderDraft) -> None:
    price: Decimal | None = None
    price_error: str | None = None
    try:
        async with ChatActionSender.typing(bot=ctx.message.bot, chat_id=ctx.message.chat.id):  # type: ignore[arg-type]
            price = await ctx.orders.quote(ctx.user_id, draft)
    except ValidationFailed as exc:
        price_error = validation_text(ctx.l10n, exc.field_errors) if exc.field_errors else exc.message
    except Exception as exc:  # the summary is still useful without a price
        from bot.handlers.errors import error_text

        price_error = error_text(exc, ctx.l10n)
    draft = draft.model_copy(update={"quote": price})
    await save_draft(ctx.state, draft)
    edit = bool((await ctx.state.get_data()).get(EDIT_ID))
    title = "summary-edit-title" if edit else "summary-title"
    text = summary_text(ctx.l10n, draft, ctx.branches, price=price, price_error=price_error, title_key=title)
    await ctx.message.answer(clip(text), reply_markup=summary_keyboard(ctx.l10n, edit=edit))


ASK: dict[str, Callable[[Ctx, OrderDraft], Awaitable[None]]] = {
    "sender_pick": ask_sender_pick,
    "sender_name": ask_sender_name,
    "sender_phone": ask_sender_phone,
    "sender_city": ask_sender_city,
    "sender_delivery": ask_sender_delivery,
    "sender_address": ask_sender_address,
    "receiver_name": ask_receiver_name,
    "receiver_phone": ask_receiver_phone,
    "receiver_phone2": ask_receiver_phone2,
    "receiver_delivery": ask_receiver_delivery,
    "receiver_city": ask_receiver_city,
    "receiver_branch": ask_receiver_branch,
    "receiver_address": ask_receiver_address,
    "weight": ask_weight,
    "pieces": ask_pieces,
    "package": ask_package,
    "content": ask_content,
    "volume": ask_volume,
    "items": ask_items,
    "cod": ask_cod,
    "cod_amount": ask_cod_amount,
    "cod_goods": ask_cod_goods,
    "photo": ask_photo,
    "waybill": ask_waybill,
    "comment": ask_comment,
    "summary": ask_summary,
}


# --- parsing typed answers -----------------------------------------------------------------------------


class Invalid(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _name(text: str) -> str:
    value = " ".join(text.split())
    if not 2 <= len(value) <= 100 or not NAME_RE.search(value) or value.isdigit():
        raise Invalid("invalid-name")
    return value


def _phone(text: str) -> str:
    try:
        return normalize_phone(text)
    except InvalidPhone:
        raise Invalid("invalid-phone") from None


def _address(text: str) -> str:
    value = " ".join(text.split())
    if not 3 <= len(value) <= 255:
        raise Invalid("invalid-address")
    return value


def _item(text: str) -> DraftItem:
    parts = [p.strip() for p in re.split(r"[;|\n]", text) if p.strip()]
    if not 1 <= len(parts) <= 4:
        raise Invalid("invalid-item")
    name, code, count, cost = parts[0], None, 1, None
    rest = parts[1:]
    if len(rest) == 3:
        code, rest = rest[0], rest[1:]
    try:
        if rest:
            count = parse_int(rest[0], low=1, high=1000)
        if len(rest) > 1:
            cost = parse_decimal(rest[1], low=Decimal(0), high=Decimal("1000000000"), places=2)
    except InvalidNumber:
        raise Invalid("invalid-item") from None
    if not 1 <= len(name) <= 100:
        raise Invalid("invalid-item")
    return DraftItem(name=name, code=code, count=count, cost=cost)


async def on_text(ctx: Ctx, step_name: str, text: str, draft: OrderDraft) -> OrderDraft | None:
    """Apply typed ``text`` to the draft for ``step_name``; ``None`` when the step answered itself."""
    s, r = draft.sender, draft.receiver
    match step_name:
        case "sender_pick" | "sender_name":
            return draft.model_copy(update={"sender": s.model_copy(update={"name": _name(text)})})
        case "sender_phone":
            return draft.model_copy(update={"sender": s.model_copy(update={"phone": _phone(text)})})
        case "sender_address":
            return draft.model_copy(update={"sender": s.model_copy(update={"address": _address(text)})})
        case "receiver_name":
            return draft.model_copy(update={"receiver": r.model_copy(update={"name": _name(text)})})
        case "receiver_phone":
            return draft.model_copy(update={"receiver": r.model_copy(update={"phone": _phone(text)})})
        case "receiver_phone2":
            phone = _phone(text)
            if phone == r.phone:
                raise Invalid("invalid-phone-same")
            return draft.model_copy(update={"receiver": r.model_copy(update={"phone2": phone})})
        case "receiver_address":
            return draft.model_copy(update={"receiver": r.model_copy(update={"address": _address(text)})})
        case "sender_city" | "receiver_city":
            await _search_city(ctx, step_name, text)
            return None
        case "receiver_branch":
            await _search_branch(ctx, text, draft)
            return None
        case "weight":
            try:
                weight = parse_decimal(text, low=MIN_WEIGHT, high=MAX_WEIGHT, places=3)
            except InvalidNumber:
                raise Invalid("invalid-weight") from None
            return draft.model_copy(update={"weight": weight})
        case "pieces":
            try:
                return draft.model_copy(update={"pieces": parse_int(text, low=1, high=MAX_PIECES)})
            except InvalidNumber:
                raise Invalid("invalid-pieces") from None
        case "volume":
            try:
                volume = parse_decimal(text, low=Decimal("0.0001"), high=MAX_VOLUME, places=4)
            except InvalidNumber:
                raise Invalid("invalid-volume") from None
            return draft.model_copy(update={"volume": volume})
        case "items":
            if len(draft.items) >= MAX_ITEMS:
                raise Invalid("invalid-items-too-many")
            draft = draft.model_copy(update={"items": [*draft.items, _item(text)]})
            await save_draft(ctx.state, draft)
            await ctx.message.answer(
                ctx.l10n("order-item-added", name=q(draft.items[-1].name), count=len(draft.items)),
                reply_markup=_items_keyboard(ctx.l10n, draft),
            )
            return None
        case "cod_amount":
            try:
                amount = parse_decimal(text, low=Decimal(1000), high=Decimal("100000000"), places=2)
            except InvalidNumber:
                raise Invalid("invalid-cod-amount") from None
            return draft.model_copy(update={"cod_amount": amount})
        case "comment":
            value = text.strip()
            if len(value) > 500:
                raise Invalid("invalid-comment")
            return draft.model_copy(update={"comment": value})
        case _:
            raise Invalid("order-use-buttons")


async def _search_city(ctx: Ctx, step: str, text: str) -> None:
    await ctx.branches.ensure_fresh(ctx.user_id)
    found = ctx.branches.search_cities(text)
    if not found:
        await ctx.message.answer(
            ctx.l10n("place-not-found", query=q(text)),
            reply_markup=regions_keyboard(ctx.l10n, ctx.branches, step),
        )
        return
    await ctx.message.answer(
        ctx.l10n("place-matches"), reply_markup=city_matches_keyboard(ctx.l10n, step, found)
    )


async def _search_branch(ctx: Ctx, text: str, draft: OrderDraft) -> None:
    found = ctx.branches.search_branches(text)
    if draft.receiver.city_id is not None:
        in_city = [b for b in found if b.city_id == draft.receiver.city_id]
        found = in_city or found
    if not found:
        await ctx.message.answer(ctx.l10n("place-not-found", query=q(text)))
        return
    await ctx.message.answer(
        ctx.l10n("place-matches"), reply_markup=branches_keyboard(ctx.l10n, "receiver_branch", found)
    )


def _set_city(draft: OrderDraft, step: str, directory: BranchDirectory, city_id: int) -> OrderDraft | None:
    city = directory.city(city_id)
    if city is None:
        return None
    who = "sender" if step == "sender_city" else "receiver"
    party: Party = getattr(draft, who)
    update: dict[str, Any] = {"city_id": city.id, "city_name": city.name, "region_id": city.region_id}
    if who == "receiver" and party.city_id != city.id:
        update |= {"branch_id": None, "branch_name": None}
    return draft.model_copy(update={who: party.model_copy(update=update)})


def _set_branch(draft: OrderDraft, directory: BranchDirectory, branch_id: int) -> OrderDraft | None:
    branch = directory.branch(branch_id)
    if branch is None or branch.city_id is None:
        return None
    receiver = draft.receiver.model_copy(
        update={
            "branch_id": branch.id,
            "branch_name": branch.name,
            "city_id": branch.city_id,
            "city_name": branch.city_name or draft.receiver.city_name,
            "region_id": branch.region_id,
            "address": draft.receiver.address
            if draft.receiver_delivery == 1
            else (branch.address or branch.name),
        }
    )
    return draft.model_copy(update={"receiver": receiver})


# --- entry points -----------------------------------------------------------------------------------------


def _ctx(
    message: Message,
    state: FSMContext,
    l10n: Localizer,
    orders: OrderService,
    branches: BranchDirectory,
    user_id: int,
) -> Ctx:
    return Ctx(message, state, l10n, orders, branches, user_id)


async def start_new_order(
    ctx: Ctx, draft: OrderDraft | None = None, *, prefilled: list[str] | None = None
) -> None:
    await ctx.state.set_data({DRAFT: (draft or OrderDraft()).dump(), EDITING: False, SKIP: prefilled or []})
    await go(ctx, STEPS[0], draft or OrderDraft())


async def open_summary(ctx: Ctx, draft: OrderDraft) -> None:
    await ctx.state.set_data({DRAFT: draft.dump(), EDITING: False, SKIP: []})
    await go(ctx, BY_NAME["summary"], draft)


def fields_keyboard(l10n: Localizer, draft: OrderDraft) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for step_name in CHANGEABLE:
        if BY_NAME[step_name].applies(draft):
            builder.button(
                text=l10n(f"step-{step_name}"), callback_data=SummaryCb(action="field", field=step_name)
            )
    builder.adjust(2)
    builder.row(*nav_keyboard(l10n, "summary", back=False).inline_keyboard[0])
    return builder.as_markup()


async def open_edit(ctx: Ctx, order_id: int, draft: OrderDraft) -> None:
    """Edit an existing order: pick a field, change it, see the new price on the summary, save."""
    await ctx.state.set_data({DRAFT: draft.dump(), EDITING: False, SKIP: [], EDIT_ID: order_id})
    await ctx.state.set_state(NewOrder.summary)
    await ctx.message.answer(
        ctx.l10n("order-edit-choose-field"), reply_markup=fields_keyboard(ctx.l10n, draft)
    )


async def new_order(
    message: Message,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    orders: OrderService,
    branches: BranchDirectory,
) -> None:
    if not profile.is_seller or message.from_user is None:
        from bot.handlers.login import begin_login

        await message.answer(l10n("login-required"))
        await begin_login(message, state, l10n)
        return
    data = await state.get_data()
    if has_progress(data):
        choices = [(l10n("btn-continue-draft"), "continue"), (l10n("btn-start-over"), "over")]
        await message.answer(
            l10n("order-draft-found"), reply_markup=choice_keyboard(l10n, "resume", choices, back=False)
        )
        return
    await start_new_order(_ctx(message, state, l10n, orders, branches, message.from_user.id))


@router.callback_query(PickCb.filter(F.step == "resume"))
async def resume_draft(
    query: CallbackQuery,
    callback_data: PickCb,
    state: FSMContext,
    l10n: Localizer,
    orders: OrderService,
    branches: BranchDirectory,
) -> None:
    if not isinstance(query.message, Message):
        return
    ctx = _ctx(query.message, state, l10n, orders, branches, query.from_user.id)
    data = await state.get_data()
    if callback_data.value == "continue" and has_progress(data):
        draft = await load_draft(state)
        step = BY_NAME.get(str(data.get("last_step") or "")) or _first_missing(draft)
        await go(ctx, step, draft)
        return
    await start_new_order(ctx)


def _first_missing(draft: OrderDraft) -> Step:
    s, r = draft.sender, draft.receiver
    checks = (
        ("sender_name", s.name),
        ("sender_phone", s.phone),
        ("sender_city", s.city_id),
        ("sender_delivery", draft.sender_delivery),
        ("receiver_name", r.name),
        ("receiver_phone", r.phone),
        ("receiver_delivery", draft.receiver_delivery),
        ("receiver_city", r.city_id),
        ("weight", draft.weight),
        ("package", draft.package_id),
        ("content", draft.post_type_id),
    )
    for name, value in checks:
        if value is None:
            return BY_NAME[name]
    return BY_NAME["summary"]


# --- typed input in any step ----------------------------------------------------------------------------


@router.message(StateFilter(NewOrder), F.text)
async def step_text(
    message: Message, state: FSMContext, l10n: Localizer, orders: OrderService, branches: BranchDirectory
) -> None:
    if message.from_user is None:
        return
    ctx = _ctx(message, state, l10n, orders, branches, message.from_user.id)
    raw_state = ((await state.get_state()) or "").split(":")[-1]
    if raw_state in ("mxik_spic", "mxik_name", "mxik_price"):
        await _mxik_text(ctx, raw_state, message.text or "")
        return
    step = await current_step(state)
    if step is None:
        return
    draft = await load_draft(state)
    try:
        updated = await on_text(ctx, step.name, message.text or "", draft)
    except Invalid as exc:
        await message.answer(l10n(exc.key), reply_markup=nav_keyboard(l10n, step.name, skip=step.skippable))
        return
    if step.name == "sender_pick":  # a typed name instead of a saved sender: a new sender
        step = BY_NAME["sender_name"]
    if updated is not None:
        await advance(ctx, step, updated)


@router.message(StateFilter(NewOrder), F.contact)
async def step_contact(
    message: Message, state: FSMContext, l10n: Localizer, orders: OrderService, branches: BranchDirectory
) -> None:
    step = await current_step(state)
    if step is None or message.contact is None or message.from_user is None:
        return
    ctx = _ctx(message, state, l10n, orders, branches, message.from_user.id)
    if step.name not in ("sender_phone", "receiver_phone", "receiver_phone2"):
        await message.answer(l10n("order-use-buttons"))
        return
    draft = await load_draft(state)
    try:
        updated = await on_text(ctx, step.name, message.contact.phone_number, draft)
    except Invalid as exc:
        await message.answer(l10n(exc.key))
        return
    if updated is not None:
        if step.name == "sender_phone" and not updated.sender.name:
            updated = updated.model_copy(
                update={"sender": updated.sender.model_copy(update={"name": message.contact.first_name})}
            )
        await advance(ctx, step, updated)


@router.message(StateFilter(NewOrder), F.location)
async def step_location(
    message: Message, state: FSMContext, l10n: Localizer, orders: OrderService, branches: BranchDirectory
) -> None:
    step = await current_step(state)
    if step is None or message.location is None or message.from_user is None:
        return
    if step.name not in (
        "sender_city",
        "receiver_city",
        "receiver_branch",
        "sender_address",
        "receiver_address",
    ):
        await message.answer(l10n("order-use-buttons"))
        return
    await branches.ensure_fresh(message.from_user.id)
    lat, lon = message.location.latitude, message.location.longitude
    draft = await load_draft(state)
    ctx = _ctx(message, state, l10n, orders, branches, message.from_user.id)
    if step.name in ("sender_address", "receiver_address"):
        who = "sender" if step.name == "sender_address" else "receiver"
        party = getattr(draft, who).model_copy(update={"lat": lat, "lon": lon})
        draft = draft.model_copy(update={who: party})
        await save_draft(state, draft)
        await message.answer(l10n("order-location-saved"))
        return
    nearest = branches.nearest(lat, lon, limit=3)
    if not nearest:
        await message.answer(l10n("place-none-near"))
        return
    if step.name == "receiver_branch":
        await message.answer(
            l10n("place-nearest"),
            reply_markup=branches_keyboard(
                l10n, "receiver_branch", [b for b, _ in nearest], distances=[km for _, km in nearest]
            ),
        )
        return
    seen: set[int] = set()
    cities = []
    for branch, _km in nearest:
        if (
            branch.city_id is not None
            and branch.city_id not in seen
            and (city := branches.city(branch.city_id))
        ):
            seen.add(branch.city_id)
            cities.append(city)
    await message.answer(l10n("place-nearest"), reply_markup=city_matches_keyboard(l10n, step.name, cities))
    await save_draft(ctx.state, draft)


@router.message(StateFilter(NewOrder))
async def step_other(message: Message, state: FSMContext, l10n: Localizer) -> None:
    step = await current_step(state)
    await message.answer(
        l10n("order-expected-text"), reply_markup=nav_keyboard(l10n, step.name if step else "summary")
    )


# --- buttons ---------------------------------------------------------------------------------------


@router.callback_query(PickCb.filter(), StateFilter(NewOrder))
async def step_pick(
    query: CallbackQuery,
    callback_data: PickCb,
    state: FSMContext,
    l10n: Localizer,
    orders: OrderService,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    step, _ = await button_step(state, callback_data.step)
    if step is None:
        callback_answer.text = l10n("stale-step")
        return
    ctx = _ctx(query.message, state, l10n, orders, branches, query.from_user.id)
    draft = await load_draft(state)
    value = callback_data.value
    updated: OrderDraft | None = None
    match step.name:
        case "sender_pick":
            if value == "new":
                await go(ctx, BY_NAME["sender_name"], draft)
                return
            saved = (await state.get_data()).get("saved_senders") or []
            if not value.isdigit() or int(value) >= len(saved):
                callback_answer.text = l10n("stale-step")
                return
            party = Party.model_validate(saved[int(value)])
            skip = set((await state.get_data()).get(SKIP) or [])
            if "sender_city" in skip:  # the city chosen on the price screen wins
                party = party.model_copy(
                    update={
                        "city_id": draft.sender.city_id,
                        "city_name": draft.sender.city_name,
                        "region_id": draft.sender.region_id,
                    }
                )
            updated = draft.model_copy(update={"sender": party})
            # A saved sender has name, phone and city: go on after the city step.
            anchor = "sender_city" if party.city_id is not None else "sender_phone"
            await advance(ctx, BY_NAME[anchor], updated)
            return
        case "receiver_name":
            saved = (await state.get_data()).get("saved_receivers") or []
            if not value.isdigit() or int(value) >= len(saved):
                callback_answer.text = l10n("stale-step")
                return
            party = Party.model_validate(saved[int(value)]).model_copy(
                update={"branch_id": None, "branch_name": None}
            )
            skip = set((await state.get_data()).get(SKIP) or [])
            if "receiver_city" in skip:
                party = party.model_copy(
                    update={
                        "city_id": draft.receiver.city_id,
                        "city_name": draft.receiver.city_name,
                        "region_id": draft.receiver.region_id,
                    }
                )
            await advance(ctx, BY_NAME["receiver_phone2"], draft.model_copy(update={"receiver": party}))
            return
        case "sender_city" | "receiver_city":
            if value == "R":
                await query.message.edit_reply_markup(
                    reply_markup=regions_keyboard(l10n, branches, step.name)
                )
                return
            if value.startswith("r") and value[1:].isdigit():
                region_id = int(value[1:])
                if branches.region(region_id) is None or not branches.cities(region_id):
                    callback_answer.text, callback_answer.show_alert = l10n("place-region-empty"), True
                    return
                await query.message.edit_reply_markup(
                    reply_markup=cities_keyboard(l10n, branches, step.name, region_id)
                )
                return
            if value.startswith("c") and value[1:].isdigit():
                updated = _set_city(draft, step.name, branches, int(value[1:]))
        case "receiver_branch":
            if value == "courier":
                updated = draft.model_copy(update={"receiver_delivery": 1})
                await go(ctx, BY_NAME["receiver_address"], updated)
                return
            if value.startswith("b") and value[1:].isdigit():
                updated = _set_branch(draft, branches, int(value[1:]))
        case "sender_delivery" | "receiver_delivery":
            if value in ("0", "1"):
                updated = draft.model_copy(update={step.name: int(value)})
        case "package":
            if value.isdigit() and int(value) in {p.id for p in PACKAGE_TYPES}:
                updated = draft.model_copy(update={"package_id": int(value)})
        case "content":
            if value.isdigit() and int(value) in {p.id for p in POST_TYPES}:
                updated = draft.model_copy(update={"post_type_id": int(value)})
        case "items":
            if value == "clear":
                updated = draft.model_copy(update={"items": []})
                await save_draft(state, updated)
                await ask_items(ctx, updated)
                return
            if value == "done":
                updated = draft
        case "cod":
            if value in ("0", "1"):
                updated = draft.model_copy(update={"cod": value == "1"})
                if value == "0":
                    updated = updated.model_copy(update={"cod_amount": None, "cod_goods": []})
                    data = await state.get_data()
                    if data.get(EDITING):
                        await state.update_data({EDITING: False})
                        await go(ctx, BY_NAME["summary"], updated)
                        return
        case "cod_goods":
            await _cod_goods_pick(ctx, value, draft)
            return
        case "photo" | "waybill":
            if value in ("0", "1"):
                field = "take_photo" if step.name == "photo" else "return_waybill"
                updated = draft.model_copy(update={field: value == "1"})
    if updated is None:
        callback_answer.text = l10n("stale-step")
        return
    await advance(ctx, step, updated)


async def _cod_goods_pick(ctx: Ctx, value: str, draft: OrderDraft) -> None:
    if value == "new":
        await ctx.state.set_state(NewOrder.mxik_spic)
        await ctx.message.answer(
            ctx.l10n("order-ask-mxik-spic"), reply_markup=nav_keyboard(ctx.l10n, "mxik_spic")
        )
        return
    if value == "done":
        if not draft.cod_goods:
            await ctx.message.answer(ctx.l10n("order-cod-goods-required"))
            return
        await advance(ctx, BY_NAME["cod_goods"], draft)
        return
    if value.startswith("g") and value[1:].isdigit():
        good_id = int(value[1:])
        goods = (await ctx.state.get_data()).get("mxik_goods") or []
        known = {g["id"]: g for g in goods}
        if good_id not in known:
            await ctx.message.answer(ctx.l10n("stale-step"))
            return
        chosen = [g for g in draft.cod_goods if g.mxik_id != good_id]
        if len(chosen) == len(draft.cod_goods):
            g = known[good_id]
            chosen.append(CodGood(mxik_id=good_id, name=g["name"], price=Decimal(g["price"])))
        draft = draft.model_copy(update={"cod_goods": chosen})
        await save_draft(ctx.state, draft)
        await ask_cod_goods(ctx, draft)


async def _mxik_text(ctx: Ctx, sub: str, text: str) -> None:
    data = await ctx.state.get_data()
    pending = dict(data.get("mxik_new") or {})
    if sub == "mxik_spic":
        code = text.strip().replace(" ", "")
        if not SPIC_RE.match(code):
            await ctx.message.answer(
                ctx.l10n("invalid-spic"), reply_markup=nav_keyboard(ctx.l10n, "mxik_spic")
            )
            return
        await ctx.state.update_data(mxik_new={"spic": code})
        await ctx.state.set_state(NewOrder.mxik_name)
        await ctx.message.answer(
            ctx.l10n("order-ask-mxik-name"), reply_markup=nav_keyboard(ctx.l10n, "mxik_name")
        )
        return
    if sub == "mxik_name":
        name = " ".join(text.split())
        if not 2 <= len(name) <= 100:
            await ctx.message.answer(
                ctx.l10n("invalid-name"), reply_markup=nav_keyboard(ctx.l10n, "mxik_name")
            )
            return
        await ctx.state.update_data(mxik_new=pending | {"name": name})
        await ctx.state.set_state(NewOrder.mxik_price)
        await ctx.message.answer(
            ctx.l10n("order-ask-mxik-price"), reply_markup=nav_keyboard(ctx.l10n, "mxik_price")
        )
        return
    try:
        price = parse_decimal(text, low=Decimal(1), high=Decimal("1000000000"), places=2)
    except InvalidNumber:
        await ctx.message.answer(ctx.l10n("invalid-price"), reply_markup=nav_keyboard(ctx.l10n, "mxik_price"))
        return
    async with ChatActionSender.typing(bot=ctx.message.bot, chat_id=ctx.message.chat.id):  # type: ignore[arg-type]
        good = await ctx.orders.register_mxik_good(ctx.user_id, pending["spic"], pending["name"], price)
    draft = await load_draft(ctx.state)
    draft = draft.model_copy(
        update={
            "cod_goods": [
                *draft.cod_goods,
                CodGood(mxik_id=good.id, name=good.name, price=good.good_price or price),
            ]
        }
    )
    await ctx.state.update_data(mxik_new=None)
    await ctx.message.answer(ctx.l10n("order-mxik-registered", name=q(good.name)))
    await go(ctx, BY_NAME["cod_goods"], draft)


@router.callback_query(PageCb.filter(), StateFilter(NewOrder))
async def step_page(
    query: CallbackQuery,
    callback_data: PageCb,
    state: FSMContext,
    l10n: Localizer,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    step = await current_step(state)
    if step is None or callback_data.step != step.name or not isinstance(query.message, Message):
        callback_answer.text = l10n("stale-step")
        return
    if not callback_data.key.isdigit():
        return
    key = int(callback_data.key)
    if callback_data.kind == "c":
        markup = cities_keyboard(l10n, branches, step.name, key, callback_data.page)
    else:
        markup = branches_keyboard(
            l10n, step.name, branches.branches_in_city(key), page=callback_data.page, page_key=str(key)
        )
    await query.message.edit_reply_markup(reply_markup=markup)


@router.callback_query(NavCb.filter(F.action.in_({Nav.BACK, Nav.SKIP, Nav.CANCEL})), StateFilter(NewOrder))
async def step_nav(
    query: CallbackQuery,
    callback_data: NavCb,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    orders: OrderService,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    step, raw_state = await button_step(state, callback_data.step)
    if step is None:
        callback_answer.text = l10n("stale-step")
        return
    ctx = _ctx(query.message, state, l10n, orders, branches, query.from_user.id)
    draft = await load_draft(state)
    if callback_data.action is Nav.CANCEL:
        editing_order = (await state.get_data()).get(EDIT_ID)
        await state.clear()
        key = "order-edit-cancelled" if editing_order else "order-cancelled"
        await query.message.answer(l10n(key), reply_markup=main_menu(l10n, seller=profile.is_seller))
        return
    if raw_state in SUB_STEPS and raw_state != "unsure":
        await go(ctx, BY_NAME["cod_goods"], draft)
        return
    data = await state.get_data()
    if callback_data.action is Nav.SKIP and step.skippable:
        cleared: dict[str, Any] = {}
        if step.name == "receiver_phone2":
            cleared = {"receiver": draft.receiver.model_copy(update={"phone2": None})}
        elif step.name in ("volume", "comment"):
            cleared = {step.name: None}
        elif step.name == "pieces":
            cleared = {"pieces": 1}
        await advance(ctx, step, draft.model_copy(update=cleared))
        return
    if callback_data.action is Nav.BACK:
        if data.get(EDITING):
            await state.update_data({EDITING: False})
            await go(ctx, BY_NAME["summary"], draft)
            return
        await go(ctx, _neighbour(step, draft, set(data.get(SKIP) or []), -1), draft)


@router.callback_query(SummaryCb.filter(), StateFilter(NewOrder.summary, NewOrder.unsure))
async def summary_action(
    query: CallbackQuery,
    callback_data: SummaryCb,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    bot: Bot,
    orders: OrderService,
    branches: BranchDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    ctx = _ctx(query.message, state, l10n, orders, branches, query.from_user.id)
    draft = await load_draft(state)
    match callback_data.action:
        case "ok":
            await _confirm(ctx, bot, draft, profile)
        case "resend":
            await orders.forget_unsure(ctx.user_id, draft.reference)
            await state.set_state(NewOrder.summary)
            await _confirm(ctx, bot, draft, profile)
        case "change":
            await query.message.answer(l10n("order-choose-field"), reply_markup=fields_keyboard(l10n, draft))
        case "save":
            order_id = (await state.get_data()).get(EDIT_ID)
            if not isinstance(order_id, int):
                callback_answer.text = l10n("stale-step")
                return
            await _save_edit(ctx, bot, order_id, draft, profile)
        case "field" if callback_data.field in BY_NAME:
            await state.update_data({EDITING: True})
            await go(ctx, BY_NAME[callback_data.field], draft)
        case _:
            callback_answer.text = l10n("stale-step")


def _fix_buttons(l10n: Localizer, field_errors: dict[str, list[str]]) -> InlineKeyboardMarkup:
    from bot.render import field_label

    builder = InlineKeyboardBuilder()
    for field in field_errors:
        step_name = FIELD_STEPS.get(field)
        if step_name:
            builder.button(
                text=l10n("error-fix-field", field=field_label(l10n, field)),
                callback_data=SummaryCb(action="field", field=step_name),
            )
    builder.adjust(1)
    return builder.as_markup()


async def _save_edit(ctx: Ctx, bot: Bot, order_id: int, draft: OrderDraft, profile: UserProfile) -> None:
    progress = await ctx.message.answer(ctx.l10n("order-saving"))
    try:
        async with ChatActionSender.typing(bot=bot, chat_id=ctx.message.chat.id):
            order = await ctx.orders.edit(ctx.user_id, order_id, draft)
    except ValidationFailed as exc:
        if not exc.field_errors:
            raise
        await progress.edit_text(
            validation_text(ctx.l10n, exc.field_errors), reply_markup=_fix_buttons(ctx.l10n, exc.field_errors)
        )
        return
    await ctx.state.clear()
    from bot.keyboards.orders import card_keyboard
    from bot.render import order_card_text

    await progress.edit_text(ctx.l10n("order-edit-saved"))
    await ctx.message.answer(
        order_card_text(ctx.l10n, order),
        reply_markup=card_keyboard(ctx.l10n, order),
        disable_web_page_preview=True,
    )


async def _confirm(ctx: Ctx, bot: Bot, draft: OrderDraft, profile: UserProfile) -> None:
    progress = await ctx.message.answer(ctx.l10n("order-creating"))
    try:
        async with ChatActionSender.typing(bot=bot, chat_id=ctx.message.chat.id):
            created = await ctx.orders.create(ctx.user_id, draft)
    except CreateUnsure:
        await ctx.state.set_state(NewOrder.unsure)
        builder = InlineKeyboardBuilder()
        builder.button(text=ctx.l10n("btn-resend"), callback_data=SummaryCb(action="resend"))
        builder.button(text=ctx.l10n("btn-menu"), callback_data=NavCb(action=Nav.MENU, step="any"))
        builder.adjust(1)
        await progress.edit_text(ctx.l10n("order-create-unsure"), reply_markup=builder.as_markup())
        return
    except ValidationFailed as exc:
        if not exc.field_errors:
            raise
        await progress.edit_text(
            validation_text(ctx.l10n, exc.field_errors), reply_markup=_fix_buttons(ctx.l10n, exc.field_errors)
        )
        return
    except (Unavailable, RateLimited) as exc:  # not created: the draft stays, Confirm may be pressed again
        from bot.handlers.errors import error_text

        await progress.edit_text(error_text(exc, ctx.l10n), reply_markup=summary_keyboard(ctx.l10n))
        return
    await ctx.state.clear()
    await progress.edit_text(order_result_text(ctx.l10n, created.order), disable_web_page_preview=True)
    if created.label:
        name = f"label-{created.order.barcode or created.order.id}.pdf"
        await ctx.message.answer_document(
            BufferedInputFile(created.label, filename=name), caption=ctx.l10n("order-label-caption")
        )
    await ctx.message.answer(
        ctx.l10n("menu-title"), reply_markup=main_menu(ctx.l10n, seller=profile.is_seller)
    )
