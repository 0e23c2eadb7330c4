"""Fulfillment (BTS warehouse, WMS) in the chat: ``/fulfillment`` and Settings → Fulfillment open the
hub; the WMS account (connect, disconnect), lists and cards (products, suppliers, deliveries,
orders), and the conversations of ``bot.conversations.fulfillment`` on the house engine (their
generic routers, plus the summary's confirm and change)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, User
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import SummaryAction, SummaryCb
from bot.conversation import Conversation, Turn
from bot.conversations.fulfillment import engine
from bot.conversations.fulfillment import flows as _flows
from bot.conversations.fulfillment.callbacks import FfCb, FfNav
from bot.conversations.fulfillment.cards import (
    button,
    connect_keyboard,
    hub_keyboard,
    order_card,
    order_status_text,
    pager,
    product_card,
    purveyor_card,
    receiving_line,
)
from bot.i18n import Localizer
from bot.links import telegram_deep_link
from bot.render import clip, q, validation_text
from bot.reply import Reply
from services.common.errors import (
    AuthFailed,
    OutcomeUnknown,
    RateLimited,
    UpstreamError,
    ValidationFailed,
)
from services.errors import DomainError
from services.fulfillment.accounts import InvalidWmsLogin, WmsAccountService, normalize_login
from services.fulfillment.catalog import CatalogService
from services.fulfillment.errors import OrderCreateUnsure
from services.fulfillment.orders import FulfillmentOrderService
from services.fulfillment.sync import WmsSync

logger = logging.getLogger(__name__)
_ROUTES: list[tuple[str, Any, tuple[Any, ...]]] = []


H = TypeVar("H", bound=Callable[..., Awaitable[None]])


def _on(kind: str, *filters: Any) -> Callable[[H], H]:
    """Collects a handler for :func:`create_router` (each dispatcher gets a router of its own)."""

    def register(handler: H) -> H:
        _ROUTES.append((kind, handler, filters))
        return handler

    return register


PAGE = 8
CONNECT_LOGIN = "ff:cn:login"
CONNECT_PASSWORD = "ff:cn:password"
SEARCH = "ff:search:"
_ = _flows  # the flows register themselves on import


class RawState(Filter):
    """The conversation state starts with ``prefix``."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    async def __call__(self, event: Any, raw_state: str | None = None, **_: Any) -> bool:
        return raw_state is not None and raw_state.startswith(self.prefix)


def upstream_text(l10n: Localizer, exc: BaseException) -> str:
    """A WMS failure in the user's words (the conversation goes on)."""
    if isinstance(exc, DomainError):
        return l10n(exc.key)
    if isinstance(exc, ValidationFailed) and exc.field_errors:
        return validation_text(l10n, exc.field_errors)
    if isinstance(exc, ValidationFailed):
        return l10n("ff-error-refused", reason=q(exc.message or "—"))
    if isinstance(exc, AuthFailed):
        return l10n("ff-error-auth")
    if isinstance(exc, RateLimited):
        return l10n("error-rate-limited", seconds=int(exc.retry_after or 5))
    return l10n("ff-error-unavailable")


def _message(event: Message | CallbackQuery) -> Message | None:
    if isinstance(event, Message):
        return event
    return event.message if isinstance(event.message, Message) else None


# --- the hub and the account ----------------------------------------------------------------------


async def show_hub(message: Message, user: User, l10n: Localizer, wms_accounts: WmsAccountService) -> None:
    account = await wms_accounts.find(user.id)
    if account is None:
        await message.answer(l10n("ff-hub-not-connected"), reply_markup=connect_keyboard(l10n))
        return
    await message.answer(l10n("ff-hub", login=q(account.login)), reply_markup=hub_keyboard(l10n))


@_on("message", Command("fulfillment"))
async def fulfillment_command(
    message: Message, state: FSMContext, l10n: Localizer, wms_accounts: WmsAccountService
) -> None:
    if message.from_user is None:
        return
    if engine.flow_of_state(await state.get_state()) is not None:
        await state.set_state(None)
    await show_hub(message, message.from_user, l10n, wms_accounts)


@_on("callback_query", FfCb.filter(F.action == "hub"))
async def hub_pressed(query: CallbackQuery, l10n: Localizer, wms_accounts: WmsAccountService) -> None:
    message = _message(query)
    if message is not None:
        await show_hub(message, query.from_user, l10n, wms_accounts)


@_on("callback_query", FfCb.filter(F.action == "connect"))
async def connect_pressed(query: CallbackQuery, state: FSMContext, l10n: Localizer) -> None:
    message = _message(query)
    if message is None:
        return
    await state.set_state(CONNECT_LOGIN)
    await message.answer(l10n("ff-connect-ask-login"), reply_markup=_cancel_keyboard(l10n, "cn"))


def _cancel_keyboard(l10n: Localizer, step: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=l10n("btn-cancel"), callback_data=FfNav(flow="cn", step=step, action="cancel").pack()
                )
            ]
        ]
    )


@_on("message", RawState(CONNECT_LOGIN), F.text)
async def connect_login(message: Message, state: FSMContext, l10n: Localizer) -> None:
    try:
        login = normalize_login(message.text or "")
    except InvalidWmsLogin:
        await message.answer(l10n("ff-connect-login-invalid"), reply_markup=_cancel_keyboard(l10n, "cn"))
        return
    await state.update_data({"ff_login": login})
    await state.set_state(CONNECT_PASSWORD)
    await message.answer(l10n("ff-connect-ask-password"), reply_markup=_cancel_keyboard(l10n, "cn"))


@_on("message", RawState(CONNECT_PASSWORD), F.text)
async def connect_password(
    message: Message,
    state: FSMContext,
    l10n: Localizer,
    wms_accounts: WmsAccountService,
    ff_sync: WmsSync,
) -> None:
    password = message.text or ""
    with contextlib.suppress(TelegramBadRequest):
        await message.delete()  # the password leaves the chat before anything else
    login = (await state.get_data()).get("ff_login")
    if message.from_user is None or not login:
        await state.set_state(CONNECT_LOGIN)
        await message.answer(l10n("ff-connect-ask-login"), reply_markup=_cancel_keyboard(l10n, "cn"))
        return
    try:
        account = await wms_accounts.connect(message.from_user.id, login, password)
    except AuthFailed:
        await state.set_state(CONNECT_LOGIN)
        await message.answer(l10n("ff-connect-wrong"), reply_markup=_cancel_keyboard(l10n, "cn"))
        return
    except UpstreamError as exc:
        await message.answer(upstream_text(l10n, exc), reply_markup=_cancel_keyboard(l10n, "cn"))
        return
    await state.set_state(None)
    await state.update_data({"ff_login": None})
    stats = await ff_sync.sync_account(account)
    await message.answer(
        l10n("ff-connected", login=q(account.login), products=stats.by_kind.get("product", 0))
    )
    await show_hub(message, message.from_user, l10n, wms_accounts)


@_on("callback_query", FfNav.filter(F.flow == "cn"))
async def connect_cancel(
    query: CallbackQuery, state: FSMContext, l10n: Localizer, callback_answer: CallbackAnswer
) -> None:
    message = _message(query)
    current = await state.get_state()
    if message is None or current not in (CONNECT_LOGIN, CONNECT_PASSWORD):
        callback_answer.text = l10n("ff-stale")
        return
    await state.set_state(None)
    await state.update_data({"ff_login": None})
    await message.answer(l10n("cancelled"))


@_on("callback_query", FfCb.filter(F.action == "disconnect"))
async def disconnect(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, wms_accounts: WmsAccountService
) -> None:
    message = _message(query)
    if message is None:
        return
    if callback_data.item != 1:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [button(l10n("btn-yes"), action="disconnect", item=1), button(l10n("btn-no"), action="hub")]
            ]
        )
        await message.answer(l10n("ff-disconnect-confirm"), reply_markup=keyboard)
        return
    removed = await wms_accounts.disconnect(query.from_user.id)
    await message.answer(
        l10n("ff-disconnected" if removed else "ff-hub-not-connected"), reply_markup=connect_keyboard(l10n)
    )


@_on("callback_query", FfCb.filter(F.action == "sync"))
async def sync_now(
    query: CallbackQuery, l10n: Localizer, wms_accounts: WmsAccountService, ff_sync: WmsSync
) -> None:
    message = _message(query)
    if message is None:
        return
    account = await wms_accounts.require(query.from_user.id)
    stats = await ff_sync.sync_account(account)
    if stats.failed:
        await message.answer(l10n("ff-error-unavailable"))
        return
    await message.answer(l10n("ff-synced", count=stats.stored), reply_markup=hub_keyboard(l10n))


# --- lists and cards ------------------------------------------------------------------------------


async def _products(
    message: Message, user_id: int, l10n: Localizer, catalog: CatalogService, page: int, query: str | None
) -> None:
    found = await catalog.products(user_id, query, offset=page * PAGE, limit=PAGE)
    rows = [[button(f"{p.name or '—'} · {p.code or p.id}", action="product", item=p.id)] for p in found.items]
    extra = [
        button(l10n("ff-btn-search"), action="product_search"),
        button(l10n("ff-btn-new-product"), action="new_product"),
    ]
    rows += pager(l10n, "products", page, found.has_more and query is None, extra)
    key = "ff-products-found" if query else "ff-products"
    text = l10n(key, count=found.total, query=q(query or "")) if found.total else l10n("ff-products-empty")
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def _purveyors(
    message: Message, user_id: int, l10n: Localizer, catalog: CatalogService, page: int, query: str | None
) -> None:
    found = await catalog.purveyors(user_id, query, offset=page * PAGE, limit=PAGE)
    rows = [[button(p.name or p.code or str(p.id), action="purveyor", item=p.id)] for p in found.items]
    extra = [
        button(l10n("ff-btn-search"), action="purveyor_search"),
        button(l10n("ff-btn-new-purveyor"), action="new_purveyor"),
    ]
    rows += pager(l10n, "purveyors", page, found.has_more and query is None, extra)
    key = "ff-purveyors-found" if query else "ff-purveyors"
    text = l10n(key, count=found.total, query=q(query or "")) if found.total else l10n("ff-purveyors-empty")
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


@_on("callback_query", FfCb.filter(F.action.in_({"products", "purveyors"})))
async def list_pressed(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    message = _message(query)
    if message is None:
        return
    show = _products if callback_data.action == "products" else _purveyors
    await show(message, query.from_user.id, l10n, ff_catalog, max(callback_data.page, 0), None)


@_on("callback_query", FfCb.filter(F.action.in_({"product_search", "purveyor_search"})))
async def search_pressed(
    query: CallbackQuery, callback_data: FfCb, state: FSMContext, l10n: Localizer
) -> None:
    message = _message(query)
    if message is None:
        return
    kind = callback_data.action.removesuffix("_search")
    await state.set_state(SEARCH + kind)
    await message.answer(l10n(f"ff-ask-search-{kind}"))


@_on("message", RawState(SEARCH), F.text)
async def search_typed(
    message: Message, state: FSMContext, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    if message.from_user is None:
        return
    kind = (await state.get_state() or "").removeprefix(SEARCH)
    await state.set_state(None)
    text = (message.text or "").strip()[:64]
    show = _products if kind == "product" else _purveyors
    await show(message, message.from_user.id, l10n, ff_catalog, 0, text or None)


@_on("callback_query", FfCb.filter(F.action == "product"))
async def product_pressed(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    message = _message(query)
    if message is None:
        return
    product = await ff_catalog.product(query.from_user.id, callback_data.item)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[button(l10n("ff-btn-products"), action="products")]])
    if product is None:
        await message.answer(l10n("ff-product-gone"), reply_markup=keyboard)
        return
    await message.answer(product_card(l10n, product), reply_markup=keyboard)


@_on("callback_query", FfCb.filter(F.action == "purveyor"))
async def purveyor_pressed(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    message = _message(query)
    if message is None:
        return
    purveyor = await ff_catalog.purveyor(query.from_user.id, callback_data.item)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[button(l10n("ff-btn-purveyors"), action="purveyors")]])
    if purveyor is None:
        await message.answer(l10n("ff-purveyor-gone"), reply_markup=keyboard)
        return
    await message.answer(purveyor_card(l10n, purveyor), reply_markup=keyboard)


@_on("callback_query", FfCb.filter(F.action == "receivings"))
async def receivings_pressed(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_catalog: CatalogService
) -> None:
    message = _message(query)
    if message is None:
        return
    page = max(callback_data.page, 0)
    found = await ff_catalog.receivings(query.from_user.id, offset=page * PAGE, limit=PAGE)
    lines = [receiving_line(l10n, view) for view in found.items]
    text = (
        l10n("ff-receivings", count=found.total) + "\n\n" + "\n\n".join(lines)
        if lines
        else l10n("ff-receivings-empty")
    )
    rows = pager(
        l10n,
        "receivings",
        page,
        found.has_more,
        [button(l10n("ff-btn-new-receiving"), action="new_receiving")],
    )
    await message.answer(clip(text), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


@_on("callback_query", FfCb.filter(F.action == "orders"))
async def orders_pressed(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_orders: FulfillmentOrderService
) -> None:
    message = _message(query)
    if message is None:
        return
    page = max(callback_data.page, 0)
    found = await ff_orders.list(query.from_user.id, offset=page * PAGE, limit=PAGE)
    rows = [
        [
            button(
                f"№{o.id} · {o.customer.full_name} · {order_status_text(l10n, o)}", action="order", item=o.id
            )
        ]
        for o in found.items
    ]
    rows += pager(
        l10n, "orders", page, found.has_more, [button(l10n("ff-btn-new-order"), action="new_order")]
    )
    text = l10n("ff-orders", count=found.total) if found.total else l10n("ff-orders-empty")
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


@_on("callback_query", FfCb.filter(F.action.in_({"order", "order_refresh"})))
async def order_pressed(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_orders: FulfillmentOrderService
) -> None:
    message = _message(query)
    if message is None:
        return
    if callback_data.action == "order_refresh":
        try:
            order = await ff_orders.refresh(query.from_user.id, callback_data.item)
        except UpstreamError as exc:
            await message.answer(upstream_text(l10n, exc))
            order = await ff_orders.get(query.from_user.id, callback_data.item)
    else:
        order = await ff_orders.get(query.from_user.id, callback_data.item)
    await order_card(message, l10n, order)


@_on("callback_query", FfCb.filter(F.action == "order_pay"))
async def order_pay(
    query: CallbackQuery, callback_data: FfCb, l10n: Localizer, ff_orders: FulfillmentOrderService
) -> None:
    message = _message(query)
    if message is None or message.bot is None:
        return
    me = await message.bot.me()
    try:
        link = await ff_orders.payment_link(
            query.from_user.id,
            callback_data.item,
            deep_link=telegram_deep_link(me.username or ""),
            purpose=l10n("ff-pay-purpose", id=callback_data.item),
            # The card's message and the order name the request: one link per card.
            idempotency_key=f"ff:{message.chat.id}:{message.message_id}:{callback_data.item}",
        )
    except (UpstreamError, DomainError) as exc:
        await message.answer(upstream_text(l10n, exc))
        return
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=l10n("ff-btn-open-pay"), url=link.url)]]
    )
    await message.answer(
        l10n("ff-pay-link", id=callback_data.item, amount=l10n.money(link.amount), url=q(link.url)),
        reply_markup=keyboard,
    )


# --- the conversations (``bot.conversations.fulfillment``) -------------------------------------------


NEW = {"new_product": "pr", "new_purveyor": "pv", "new_receiving": "rc", "new_order": "or"}


@_on("callback_query", FfCb.filter(F.action.in_(set(NEW))))
async def flow_start(
    query: CallbackQuery,
    callback_data: FfCb,
    state: FSMContext,
    reply: Reply,
    l10n: Localizer,
    wms_accounts: WmsAccountService,
    **data: Any,
) -> None:
    message = _message(query)
    if message is None:
        return
    if await wms_accounts.find(query.from_user.id) is None:
        await message.answer(l10n("ff-hub-not-connected"), reply_markup=connect_keyboard(l10n))
        return
    flow = engine.FLOWS[NEW[callback_data.action]]
    conv = engine.CONVERSATIONS[flow.name]
    reply.expect(None)  # the title takes the main menu away (each step shows its own keyboard)
    await reply(l10n(flow.title))
    deps = {**data, "wms_accounts": wms_accounts, "l10n": l10n}
    await conv.start(conv.turn(reply, state, deps, conv.steps[0]), engine.FfDraft())


async def press_summary(
    query: CallbackQuery,
    callback_data: SummaryCb,
    state: FSMContext,
    reply: Reply,
    raw_state: str | None,
    **data: Any,
) -> None:
    flow = engine.flow_of_state(raw_state)
    if flow is None or reply.message is None:
        reply.stale()
        return
    conv = engine.CONVERSATIONS[flow.name]
    turn = conv.turn(reply, state, {**data, "raw_state": raw_state}, conv.by_name[engine.SUMMARY])
    draft = await turn.draft()
    if callback_data.action is SummaryAction.CHANGE and callback_data.field in conv.by_name:
        await conv.change(turn, callback_data.field, draft)
    elif callback_data.action is SummaryAction.CONFIRM:
        await _finish(reply.message, turn, conv, flow, draft)
    else:
        reply.stale()


async def _finish(
    message: Message,
    turn: Turn[engine.FfDraft],
    conv: Conversation[engine.FfDraft],
    flow: engine.Flow,
    draft: engine.FfDraft,
) -> None:
    """Send what the summary shows, once; failures keep the draft and return to the summary."""
    await turn.state.set_state(engine.SENDING)  # a second press of confirm is now stale
    ctx = engine.ctx_of(turn, draft)
    try:
        await flow.finish(message, ctx)
    except (OrderCreateUnsure, OutcomeUnknown):
        await turn.state.set_state(None)
        await turn.state.set_data({})
        key = "ff-order-unsure" if flow.name == "or" else "ff-create-unsure"
        await turn.reply(turn.l10n(key), turn.menu())
        return
    except (UpstreamError, DomainError) as exc:
        logger.info("fulfillment %s: create refused or failed: %r", flow.name, exc)
        await message.answer("⚠️ " + upstream_text(turn.l10n, exc))
        await conv.go(turn, engine.SUMMARY, draft)
        return
    await turn.state.set_state(None)
    await turn.state.set_data({})
    await turn.reply(turn.l10n("menu-title"), turn.menu())


@_on("message", RawState(engine.SENDING))
async def while_sending(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("ff-use-buttons"))


def create_router() -> Router:
    router = Router(name=__name__)
    for kind, handler, filters in _ROUTES:
        getattr(router, kind).register(handler, *filters)
    router.callback_query.register(press_summary, SummaryCb.filter(), StateFilter(*engine.summary_states()))
    for conv in engine.CONVERSATIONS.values():
        router.include_router(conv.router())
    return router
