"""The parcel's steps: weight, pieces, package, contents, volume, items, cash on delivery (with its
goods, registered on the way when new), photo, waybill and comment."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import PickCb
from bot.conversation import Goto, Invalid
from bot.conversations.new_order.deps import OrderTurn, orders
from bot.i18n import Localizer
from bot.keyboards.common import nav_row
from bot.text import quote
from services.catalog import PACKAGE_TYPES, POST_TYPES
from services.drafts import CodGood, DraftItem, OrderDraft
from services.parsing import (
    MAX_ITEMS,
    ascii_int,
    parse_cod_amount,
    parse_comment,
    parse_good_name,
    parse_good_price,
    parse_item,
    parse_pieces,
    parse_spic,
    parse_volume,
    parse_weight,
    tagged_id,
)

PENDING_GOOD = "mxik_new"
GOODS = "mxik_goods"


def set_weight(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.model_copy(update={"weight": parse_weight(text)})


def set_pieces(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.model_copy(update={"pieces": parse_pieces(text)})


def set_volume(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.model_copy(update={"volume": parse_volume(text)})


def set_cod_amount(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.model_copy(update={"cod_amount": parse_cod_amount(text)})


def set_comment(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.model_copy(update={"comment": parse_comment(text)})


def package_options(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n(p.key), str(p.id)) for p in PACKAGE_TYPES]


def content_options(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n(p.key), str(p.id)) for p in POST_TYPES]


def pick_package(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    chosen = ascii_int(value)
    if chosen not in {p.id for p in PACKAGE_TYPES}:
        turn.reply.stale()
        return None
    return draft.model_copy(update={"package_id": chosen})


def pick_content(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    chosen = ascii_int(value)
    if chosen not in {p.id for p in POST_TYPES}:
        turn.reply.stale()
        return None
    return draft.model_copy(update={"post_type_id": chosen})


def pick_flag(field: str) -> Callable[[OrderTurn, str, OrderDraft], OrderDraft | None]:
    """A yes/no step filling the boolean ``field`` of the draft."""

    def pick(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
        if value not in ("0", "1"):
            turn.reply.stale()
            return None
        return draft.model_copy(update={field: value == "1"})

    return pick


def pick_cod(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    if value not in ("0", "1"):
        turn.reply.stale()
        return None
    return draft.with_cod(value == "1")


# --- items -------------------------------------------------------------------------------------------


def items_keyboard(l10n: Localizer, draft: OrderDraft) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if draft.items:
        builder.button(text=l10n("btn-done"), callback_data=PickCb(step="items", value="done"))
        builder.button(text=l10n("btn-clear-items"), callback_data=PickCb(step="items", value="clear"))
        builder.adjust(2)
    builder.row(*nav_row(l10n, "items", skip=not draft.items))
    return builder.as_markup()


async def ask_items(turn: OrderTurn, draft: OrderDraft) -> None:
    await turn.reply(turn.l10n("order-ask-items", count=len(draft.items)), items_keyboard(turn.l10n, draft))


async def add_item(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    if len(draft.items) >= MAX_ITEMS:
        raise Invalid("invalid-items-too-many")
    item = parse_item(text)
    draft = draft.model_copy(
        update={
            "items": [
                *draft.items,
                DraftItem(name=item.name, code=item.code, count=item.count, cost=item.cost),
            ]
        }
    )
    await turn.save(draft)
    price = turn.l10n.money(item.cost) if item.cost is not None else "none"
    text = turn.l10n(
        "order-item-added", name=quote(item.name), qty=item.count, price=price, count=len(draft.items)
    )
    await turn.reply(text, items_keyboard(turn.l10n, draft))


async def pick_items(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    if value == "clear":
        draft = draft.model_copy(update={"items": []})
        await turn.save(draft)
        await ask_items(turn, draft)
        return None
    if value == "done":
        return draft
    turn.reply.stale()
    return None


# --- goods paid on delivery --------------------------------------------------------------------------


GOODS_QUERY = "mxik_query"
GOODS_PAGE = "mxik_page"
GOODS_PER_PAGE = 8
MAX_GOOD_AMOUNT = 999


async def ask_cod_goods(turn: OrderTurn, draft: OrderDraft, *, edit: bool = False) -> None:
    """The seller's registered goods, every page of them, a page at a time; typing searches them.
    A chosen good shows its count with − and + beside it; a tap redraws the picker in place (``edit``)."""
    data = await turn.data()
    query = data.get(GOODS_QUERY) or None
    async with turn.reply.typing():
        goods = await orders(turn).mxik_goods(turn.user_id, query)
    pages = max(1, -(-len(goods) // GOODS_PER_PAGE))
    page = min(max(int(data.get(GOODS_PAGE) or 0), 0), pages - 1)
    shown = goods[page * GOODS_PER_PAGE : (page + 1) * GOODS_PER_PAGE]
    known = {
        str(g.mxik_id): {"id": g.mxik_id, "name": g.name, "price": str(g.price)} for g in draft.cod_goods
    }
    known |= {str(g.id): {"id": g.id, "name": g.name, "price": str(g.good_price or 0)} for g in shown}
    await turn.remember(**{GOODS: list(known.values())})
    chosen = {g.mxik_id: g for g in draft.cod_goods}
    l10n = turn.l10n
    builder = InlineKeyboardBuilder()
    for good in shown:
        mine = chosen.get(good.id)
        if mine is None:
            builder.row(
                InlineKeyboardButton(
                    text=f"{good.name} · {l10n.money(good.good_price)}"[:60],
                    callback_data=PickCb(step="cod_goods", value=f"g{good.id}").pack(),
                )
            )
            continue
        builder.row(
            InlineKeyboardButton(
                text=f"✅ {good.name} × {mine.amount}"[:60],
                callback_data=PickCb(step="cod_goods", value=f"g{good.id}").pack(),
            )
        )
        builder.row(
            InlineKeyboardButton(
                text="➖", callback_data=PickCb(step="cod_goods", value=f"m{good.id}").pack()
            ),
            InlineKeyboardButton(
                text="➕", callback_data=PickCb(step="cod_goods", value=f"p{good.id}").pack()
            ),
        )
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(
                InlineKeyboardButton(
                    text=l10n("btn-prev"), callback_data=PickCb(step="cod_goods", value=f"P{page}").pack()
                )
            )
        nav.append(
            InlineKeyboardButton(
                text=f"{page + 1}/{pages}",
                callback_data=PickCb(step="cod_goods", value=f"P{page + 1}").pack(),
            )
        )
        if page + 1 < pages:
            nav.append(
                InlineKeyboardButton(
                    text=l10n("btn-next"), callback_data=PickCb(step="cod_goods", value=f"P{page + 2}").pack()
                )
            )
        builder.row(*nav)
    builder.row(
        InlineKeyboardButton(
            text=l10n("btn-register-good"), callback_data=PickCb(step="cod_goods", value="new").pack()
        )
    )
    if chosen:
        builder.row(
            InlineKeyboardButton(
                text=l10n("btn-done"), callback_data=PickCb(step="cod_goods", value="done").pack()
            )
        )
    builder.row(*nav_row(l10n, "cod_goods"))
    if query and not goods:
        text = l10n("mxik-search-empty", query=quote(query))
    elif query:
        text = l10n("mxik-search-found", query=quote(query))
    else:
        text = l10n("order-ask-cod-goods" if goods else "order-ask-cod-goods-empty")
    if edit:
        await turn.reply.edit(text, builder.as_markup())
    else:
        await turn.reply(text, builder.as_markup())


async def search_goods(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    """Typed text at the goods step searches them (name or MXIK code)."""
    await turn.remember(**{GOODS_QUERY: text.strip()[:64], GOODS_PAGE: 0})
    await ask_cod_goods(turn, draft)


async def pick_good(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | Goto[OrderDraft] | None:
    if value == "new":
        return Goto("mxik_spic", draft)
    if value == "done":
        if draft.cod_goods:
            await turn.remember(**{GOODS_QUERY: None, GOODS_PAGE: 0})
            return draft
        await turn.reply(turn.l10n("order-cod-goods-required"))
        return None
    if (page := tagged_id(value, "P")) is not None:  # pages are 1-based on the button
        await turn.remember(**{GOODS_PAGE: page - 1})
        await ask_cod_goods(turn, draft)
        return None
    known = {g["id"]: g for g in (await turn.data()).get(GOODS) or []}
    for tag, step in (("p", 1), ("m", -1)):
        good_id = tagged_id(value, tag)
        if good_id is not None:
            amounts = {g.mxik_id: g.amount for g in draft.cod_goods}
            if good_id not in amounts:
                turn.reply.stale()
                return None
            amount = min(max(amounts[good_id] + step, 1), MAX_GOOD_AMOUNT)
            draft = draft.with_good_amount(good_id, amount)
            await turn.save(draft)
            await ask_cod_goods(turn, draft)
            return None
    good_id = tagged_id(value, "g")
    if good_id is None or good_id not in known:
        turn.reply.stale()
        return None
    good = known[good_id]
    draft = draft.toggle_good(CodGood(mxik_id=good_id, name=good["name"], price=Decimal(good["price"])))
    await turn.save(draft)
    await ask_cod_goods(turn, draft, edit=True)
    return None


async def set_good_spic(turn: OrderTurn, text: str, draft: OrderDraft) -> Goto[OrderDraft]:
    await turn.remember(**{PENDING_GOOD: {"spic": parse_spic(text)}})
    return Goto("mxik_name", draft)


async def set_good_name(turn: OrderTurn, text: str, draft: OrderDraft) -> Goto[OrderDraft]:
    pending = dict((await turn.data()).get(PENDING_GOOD) or {})
    await turn.remember(**{PENDING_GOOD: pending | {"name": parse_good_name(text)}})
    return Goto("mxik_price", draft)


async def set_good_price(turn: OrderTurn, text: str, draft: OrderDraft) -> Goto[OrderDraft]:
    price = parse_good_price(text)
    pending = (await turn.data()).get(PENDING_GOOD) or {}
    if "spic" not in pending or "name" not in pending:
        return Goto("mxik_spic", draft)
    async with turn.reply.typing():
        good = await orders(turn).register_mxik_good(turn.user_id, pending["spic"], pending["name"], price)
    added = CodGood(mxik_id=good.id, name=good.name, price=good.good_price or price)
    await turn.remember(**{PENDING_GOOD: None})
    await turn.reply(turn.l10n("order-mxik-registered", name=quote(good.name)))
    return Goto("cod_goods", draft.model_copy(update={"cod_goods": [*draft.cod_goods, added]}))
