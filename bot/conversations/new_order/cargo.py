"""The parcel's steps: weight, pieces, package, contents, volume, items, cash on delivery (with its
goods, registered on the way when new, each in its unit), photo, waybill and comment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import PickCb
from bot.conversation import Goto, Invalid
from bot.conversations.new_order.deps import OrderTurn, orders
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, nav_row
from bot.render import unit_label
from bot.text import quote
from services.bts.models import MxikGood
from services.catalog import DEFAULT_UNIT, PACKAGE_TYPES, POST_TYPES, UNITS
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
        adjust_to_fit(builder)
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
GOOD_NAME_SHOWN = 40  # characters of a good's name on its button


@dataclass(frozen=True, slots=True)
class GoodsPage:
    """The page of the seller's goods the picker shows (``page`` counts from 0)."""

    query: str | None
    found: int
    shown: list[MxikGood]
    page: int
    pages: int


async def _goods_page(turn: OrderTurn) -> GoodsPage:
    data = await turn.data()
    query = data.get(GOODS_QUERY) or None
    async with turn.reply.typing():
        goods = await orders(turn).mxik_goods(turn.user_id, query)
    pages = max(1, -(-len(goods) // GOODS_PER_PAGE))
    page = min(max(int(data.get(GOODS_PAGE) or 0), 0), pages - 1)
    shown = goods[page * GOODS_PER_PAGE : (page + 1) * GOODS_PER_PAGE]
    return GoodsPage(query, len(goods), shown, page, pages)


async def _remember_goods(turn: OrderTurn, draft: OrderDraft, shown: list[MxikGood]) -> None:
    """The goods a press may name: those chosen and those shown (a press carries only the id)."""
    known = {
        str(g.mxik_id): {"id": g.mxik_id, "name": g.name, "price": str(g.price), "units": g.units}
        for g in draft.cod_goods
    }
    known |= {
        str(g.id): {"id": g.id, "name": g.name, "price": str(g.good_price or 0), "units": g.units}
        for g in shown
    }
    await turn.remember(**{GOODS: list(known.values())})


def _button(text: str, value: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=PickCb(step="cod_goods", value=value).pack())


def _good_rows(l10n: Localizer, view: GoodsPage, draft: OrderDraft) -> list[list[InlineKeyboardButton]]:
    """A good per row with its price per unit; a chosen one with its count, and − and + under it."""
    chosen = {g.mxik_id: g for g in draft.cod_goods}
    rows: list[list[InlineKeyboardButton]] = []
    for good in view.shown:
        name, unit = good.name[:GOOD_NAME_SHOWN], unit_label(l10n, good.units)
        mine = chosen.get(good.id)
        if mine is None:
            price = l10n.money(good.good_price)
            rows.append([_button(l10n("mxik-good", name=name, price=price, unit=unit), f"g{good.id}")])
            continue
        text = l10n(
            "mxik-good-chosen", name=name, amount=mine.amount, unit=unit_label(l10n, good.units, mine.amount)
        )
        rows.append([_button(text, f"g{good.id}")])
        rows.append([_button("➖", f"m{good.id}"), _button("➕", f"p{good.id}")])
    return rows


def _pager_row(l10n: Localizer, view: GoodsPage) -> list[InlineKeyboardButton]:
    """Previous / page of pages / next (pages are 1-based on the buttons)."""
    row = [_button(f"{view.page + 1}/{view.pages}", f"P{view.page + 1}")]
    if view.page > 0:
        row.insert(0, _button(l10n("btn-prev"), f"P{view.page}"))
    if view.page + 1 < view.pages:
        row.append(_button(l10n("btn-next"), f"P{view.page + 2}"))
    return row


def goods_keyboard(l10n: Localizer, view: GoodsPage, draft: OrderDraft) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for row in _good_rows(l10n, view, draft):
        builder.row(*row)
    if view.pages > 1:
        builder.row(*_pager_row(l10n, view))
    builder.row(_button(l10n("btn-register-good"), "new"))
    if draft.cod_goods:
        builder.row(_button(l10n("btn-done"), "done"))
    builder.row(*nav_row(l10n, "cod_goods"))
    return builder.as_markup()


def goods_text(l10n: Localizer, view: GoodsPage) -> str:
    if view.query and not view.found:
        return l10n("mxik-search-empty", query=quote(view.query))
    if view.query:
        return l10n("mxik-search-found", query=quote(view.query))
    return l10n("order-ask-cod-goods" if view.found else "order-ask-cod-goods-empty")


async def ask_cod_goods(turn: OrderTurn, draft: OrderDraft, *, edit: bool = False) -> None:
    """The seller's registered goods, every page of them, a page at a time; typing searches them.
    A chosen good shows its count with − and + beside it; a press redraws the picker in place
    (``edit``)."""
    view = await _goods_page(turn)
    await _remember_goods(turn, draft, view.shown)
    text, markup = goods_text(turn.l10n, view), goods_keyboard(turn.l10n, view, draft)
    if edit:
        await turn.reply.edit(text, markup)
    else:
        await turn.reply(text, markup)


async def search_goods(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    """Typed text at the goods step searches them (name or MXIK code)."""
    await turn.remember(**{GOODS_QUERY: text.strip()[:64], GOODS_PAGE: 0})
    await ask_cod_goods(turn, draft)


async def _changed_goods(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    """The draft after a press on a good (chosen or not any more) or on its − / +; ``None`` when
    the press names no good the picker showed."""
    for tag, step in (("p", 1), ("m", -1)):
        good_id = tagged_id(value, tag)
        if good_id is not None:
            amounts = {g.mxik_id: g.amount for g in draft.cod_goods}
            if good_id not in amounts:
                return None
            return draft.with_good_amount(good_id, min(max(amounts[good_id] + step, 1), MAX_GOOD_AMOUNT))
    good_id = tagged_id(value, "g")
    known = {g["id"]: g for g in (await turn.data()).get(GOODS) or []}
    if good_id is None or good_id not in known:
        return None
    good = known[good_id]
    return draft.toggle_good(
        CodGood(mxik_id=good_id, name=good["name"], price=Decimal(good["price"]), units=good.get("units"))
    )


async def pick_good(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | Goto[OrderDraft] | None:
    if value == "new":
        return Goto("mxik_spic", draft)
    if value == "done":
        if draft.cod_goods:
            await turn.remember(**{GOODS_QUERY: None, GOODS_PAGE: 0})
            return draft
        await turn.reply(turn.l10n("order-cod-goods-required"))
        return None
    if (page := tagged_id(value, "P")) is not None:
        await turn.remember(**{GOODS_PAGE: page - 1})
    elif (changed := await _changed_goods(turn, value, draft)) is not None:
        draft = changed
        await turn.save(draft)
    else:
        turn.reply.stale()
        return None
    await ask_cod_goods(turn, draft, edit=True)
    return None


# --- registering a new good: its MXIK code, name, unit and price ----------------------------------------


def unit_options(l10n: Localizer) -> list[tuple[str, str]]:
    """The documented units, the default ("dona") first."""
    ordered = sorted(UNITS, key=lambda u: u.wire != DEFAULT_UNIT)
    return [(l10n(u.key, count=1), u.wire) for u in ordered]


async def set_good_spic(turn: OrderTurn, text: str, draft: OrderDraft) -> Goto[OrderDraft]:
    await turn.remember(**{PENDING_GOOD: {"spic": parse_spic(text)}})
    return Goto("mxik_name", draft)


async def _pending(turn: OrderTurn) -> dict[str, str]:
    return dict((await turn.data()).get(PENDING_GOOD) or {})


async def set_good_name(turn: OrderTurn, text: str, draft: OrderDraft) -> Goto[OrderDraft]:
    await turn.remember(**{PENDING_GOOD: await _pending(turn) | {"name": parse_good_name(text)}})
    return Goto("mxik_units", draft)


async def pick_good_units(turn: OrderTurn, value: str, draft: OrderDraft) -> Goto[OrderDraft] | None:
    if value not in {u.wire for u in UNITS}:
        turn.reply.stale()
        return None
    await turn.remember(**{PENDING_GOOD: await _pending(turn) | {"units": value}})
    return Goto("mxik_price", draft)


async def ask_good_price(turn: OrderTurn, draft: OrderDraft) -> None:
    units = (await _pending(turn)).get("units") or DEFAULT_UNIT
    await turn.reply(turn.l10n("order-ask-mxik-price", unit=unit_label(turn.l10n, units)), turn.nav())


async def set_good_price(turn: OrderTurn, text: str, draft: OrderDraft) -> Goto[OrderDraft]:
    """The last answer: the good is registered at BTS (``units`` as chosen) and chosen here."""
    price = parse_good_price(text)
    pending = await _pending(turn)
    if "spic" not in pending or "name" not in pending:
        return Goto("mxik_spic", draft)
    units = pending.get("units") or DEFAULT_UNIT
    async with turn.reply.typing():
        good = await orders(turn).register_mxik_good(
            turn.user_id, pending["spic"], pending["name"], price, units=units
        )
    added = CodGood(
        mxik_id=good.id, name=good.name, price=good.good_price or price, units=good.units or units
    )
    await turn.remember(**{PENDING_GOOD: None})
    await turn.reply(turn.l10n("order-mxik-registered", name=quote(good.name)))
    return Goto("cod_goods", draft.model_copy(update={"cod_goods": [*draft.cod_goods, added]}))
