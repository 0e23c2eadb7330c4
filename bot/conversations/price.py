"""The price on its own: from → to (the new order's city pickers), the pickup date (skippable),
the weight, and the ways side by side, each with a button that starts a new order prefilled
with it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from aiogram.fsm.context import FSMContext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import PickCb
from bot.conversation import Conversation, Step, question
from bot.conversations import pickup, places
from bot.conversations.new_order.deps import OrderTurn, orders, profile
from bot.keyboards.common import main_menu
from bot.reply import Reply
from bot.states import Price
from bot.text import quote
from services.drafts import OrderDraft
from services.errors import NotLoggedIn
from services.parsing import parse_weight

KEY = "price"
MAKE = "p_make"  # the "create an order this way" buttons under the result
# Steps of the new order a price answers (skipped when the order starts from the price).
PREFILLED = ("sender_city", "sender_delivery", "receiver_city", "receiver_delivery", "weight")


def prefilled_steps(draft: OrderDraft) -> tuple[str, ...]:
    """The new order's steps the price answered for ``draft`` (the pickup date when it has one)."""
    return (*PREFILLED, "sender_date") if draft.pickup_date else PREFILLED


async def show_prices(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    """The typed weight: the price of each way (the conversation ends; its draft stays for
    the "create an order" buttons)."""
    weight = parse_weight(text)
    source, target = draft.sender, draft.receiver
    if source.city_id is None or target.city_id is None:
        await turn.conv.go(turn, "p_from", draft)
        return
    l10n = turn.l10n
    async with turn.reply.typing():
        matrix = await orders(turn).price_matrix(
            turn.user_id, source.city_id, target.city_id, weight, sender_date=draft.sender_date
        )
    await turn.save(draft.model_copy(update={"weight": weight}))
    await turn.state.set_state(None)
    title = l10n(
        "price-title",
        source=quote(l10n.place(source.city_name)),
        target=quote(l10n.place(target.city_name)),
        weight=l10n.weight(weight),
    )
    lines = [title, ""]
    if draft.sender_date is not None:
        lines[1:1] = [l10n("price-pickup-date", date=l10n.day(draft.sender_date))]
    builder = InlineKeyboardBuilder()
    for (s, r), amount in sorted(matrix.items(), key=lambda kv: kv[1]):
        label = l10n(f"price-way-{s}{r}")
        lines.append(f"{label}: <b>{l10n.money(amount)}</b>")
        builder.button(
            text=l10n("btn-create-with", way=label), callback_data=PickCb(step=MAKE, value=f"{s}{r}")
        )
    builder.adjust(1)
    await turn.reply("\n".join(lines), builder.as_markup())
    await turn.reply(l10n("menu-title"), main_menu(l10n, seller=profile(turn).is_seller))


async def cancel(turn: OrderTurn) -> None:
    await turn.conv.finish(turn)
    await turn.reply(turn.l10n("cancelled"), main_menu(turn.l10n, seller=profile(turn).is_seller))


PRICE: Conversation[OrderDraft] = Conversation(
    "price",
    OrderDraft,
    (
        places.city_step(Price.p_from, "price-ask-from", back=False),
        places.city_step(Price.p_to, "price-ask-to", back=True),
        Step(
            Price.p_date,
            pickup.ask_pickup_date("price-ask-pickup-date"),
            text=pickup.set_pickup_date,
            pick=pickup.pick_pickup_date,
            skip=lambda d: d.skipped("sender_date"),
        ),
        Step(Price.p_weight, question("order-ask-weight", hint="price-weight-hint"), text=show_prices),
    ),
    on_cancel=cancel,
    key=KEY,
    owns_data=False,
)


async def start_price(reply: Reply, state: FSMContext, deps: Mapping[str, Any]) -> None:
    if not cast(Any, deps["profile"]).is_seller:
        raise NotLoggedIn  # answered by the errors router (or with the allow-list's refusal)
    await PRICE.begin(reply, state, deps, OrderDraft())


async def priced_draft(state: FSMContext, way: str) -> OrderDraft | None:
    """The new order a "create an order this way" button starts (``None``: nothing priced)."""
    raw = (await state.get_data()).get(KEY)
    draft = OrderDraft.model_validate(raw) if isinstance(raw, dict) else None
    if draft is None or draft.weight is None or way not in ("00", "01", "10", "11", "21", "12"):
        return None
    if draft.sender.city_id is None or draft.receiver.city_id is None:
        return None
    return OrderDraft(  # "2": a courier from / to a remote village (the calculator's code)
        sender=draft.sender,
        receiver=draft.receiver,
        sender_delivery=min(int(way[0]), 1),
        receiver_delivery=min(int(way[1]), 1),
        sender_remote=way[0] == "2",
        receiver_remote=way[1] == "2",
        weight=draft.weight,
        sender_date=draft.sender_date if way[0] != "0" else None,  # a courier collects that day
    )
