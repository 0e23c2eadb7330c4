"""Fulfillment (BTS warehouse, WMS) in the chat: ``/fulfillment`` and Settings → Fulfillment open
the hub; the WMS account is connected (login, then the password, deleted from the chat at once),
synced and disconnected here. The lists and cards are in ``fulfillment_lists``, the
conversations in ``fulfillment_flows``."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.conversations.fulfillment import engine
from bot.conversations.fulfillment.callbacks import FfCb, FfNav
from bot.conversations.fulfillment.cards import button, connect_keyboard, hub_keyboard
from bot.filters import StatePrefix
from bot.i18n import Localizer
from bot.render import error_text, q
from bot.reply import Reply
from services.common.errors import AuthFailed, UpstreamError
from services.fulfillment.accounts import InvalidWmsLogin, WmsAccountService, normalize_login
from services.fulfillment.sync import WmsSync

CONNECT = "ff:cn:"
CONNECT_LOGIN = CONNECT + "login"
CONNECT_PASSWORD = CONNECT + "password"


async def show_hub(reply: Reply, l10n: Localizer, wms_accounts: WmsAccountService) -> None:
    account = await wms_accounts.find(reply.user_id)
    if account is None:
        await reply(l10n("ff-hub-not-connected"), connect_keyboard(l10n))
        return
    await reply(l10n("ff-hub", login=q(account.login)), hub_keyboard(l10n))


async def fulfillment_command(
    message: Message, state: FSMContext, reply: Reply, l10n: Localizer, wms_accounts: WmsAccountService
) -> None:
    if engine.flow_of_state(await state.get_state()) is not None:
        await state.set_state(None)
    await show_hub(reply, l10n, wms_accounts)


async def hub_pressed(
    query: CallbackQuery, reply: Reply, l10n: Localizer, wms_accounts: WmsAccountService
) -> None:
    await show_hub(reply, l10n, wms_accounts)


# --- connecting the WMS account ---------------------------------------------------------------------


def _cancel_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    cancel = FfNav(flow="cn", step="cn", action="cancel").pack()
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=l10n("btn-cancel"), callback_data=cancel)]]
    )


async def _ask_login(reply: Reply, state: FSMContext, l10n: Localizer, key: str) -> None:
    await state.set_state(CONNECT_LOGIN)
    await reply(l10n(key), _cancel_keyboard(l10n))


async def connect_pressed(query: CallbackQuery, state: FSMContext, reply: Reply, l10n: Localizer) -> None:
    await _ask_login(reply, state, l10n, "ff-connect-ask-login")


async def connect_login(message: Message, state: FSMContext, reply: Reply, l10n: Localizer) -> None:
    try:
        login = normalize_login(message.text or "")
    except InvalidWmsLogin:
        await reply(l10n("ff-connect-login-invalid"), _cancel_keyboard(l10n))
        return
    await state.update_data({"ff_login": login})
    await state.set_state(CONNECT_PASSWORD)
    await reply(l10n("ff-connect-ask-password"), _cancel_keyboard(l10n))


async def connect_password(
    message: Message,
    state: FSMContext,
    reply: Reply,
    l10n: Localizer,
    wms_accounts: WmsAccountService,
    ff_sync: WmsSync,
) -> None:
    password = message.text or ""
    await reply.delete_typed()  # the password leaves the chat before anything else
    login = (await state.get_data()).get("ff_login")
    if not login:
        await _ask_login(reply, state, l10n, "ff-connect-ask-login")
        return
    try:
        account = await wms_accounts.connect(reply.user_id, login, password)
    except AuthFailed:
        await _ask_login(reply, state, l10n, "ff-connect-wrong")
        return
    except UpstreamError as exc:
        await reply(error_text(exc, l10n), _cancel_keyboard(l10n))
        return
    await state.set_state(None)
    await state.update_data({"ff_login": None})
    stats = await ff_sync.sync_account(account)
    await reply(l10n("ff-connected", login=q(account.login), products=stats.by_kind.get("product", 0)))
    await show_hub(reply, l10n, wms_accounts)


async def connect_cancel(query: CallbackQuery, state: FSMContext, reply: Reply, l10n: Localizer) -> None:
    if reply.message is None or (await state.get_state() or "") not in (CONNECT_LOGIN, CONNECT_PASSWORD):
        reply.toast(l10n("ff-stale"))
        return
    await state.set_state(None)
    await state.update_data({"ff_login": None})
    await reply(l10n("cancelled"))


# --- the account: sync now, disconnect --------------------------------------------------------------


async def disconnect(
    query: CallbackQuery, callback_data: FfCb, reply: Reply, l10n: Localizer, wms_accounts: WmsAccountService
) -> None:
    if callback_data.item != 1:
        yes_no = [button(l10n("btn-yes"), action="disconnect", item=1), button(l10n("btn-no"), action="hub")]
        await reply(l10n("ff-disconnect-confirm"), InlineKeyboardMarkup(inline_keyboard=[yes_no]))
        return
    removed = await wms_accounts.disconnect(reply.user_id)
    await reply(l10n("ff-disconnected" if removed else "ff-hub-not-connected"), connect_keyboard(l10n))


async def sync_now(
    query: CallbackQuery, reply: Reply, l10n: Localizer, wms_accounts: WmsAccountService, ff_sync: WmsSync
) -> None:
    account = await wms_accounts.require(reply.user_id)
    stats = await ff_sync.sync_account(account)
    if stats.failed:
        await reply(l10n("ff-error-unavailable"))
        return
    await reply(l10n("ff-synced", count=stats.stored), hub_keyboard(l10n))


def create_router() -> Router:
    """Before the conversations' router: /fulfillment leaves a conversation for the hub."""
    router = Router(name=__name__)
    router.message.register(fulfillment_command, Command("fulfillment"))
    router.callback_query.register(hub_pressed, FfCb.filter(F.action == "hub"))
    router.callback_query.register(connect_pressed, FfCb.filter(F.action == "connect"))
    router.message.register(connect_login, StatePrefix(CONNECT_LOGIN), F.text)
    router.message.register(connect_password, StatePrefix(CONNECT_PASSWORD), F.text)
    router.callback_query.register(connect_cancel, FfNav.filter(F.flow == "cn"))
    router.callback_query.register(disconnect, FfCb.filter(F.action == "disconnect"))
    router.callback_query.register(sync_now, FfCb.filter(F.action == "sync"))
    return router
