"""Seller login as a conversation: username → password (deleted at once) → INN → a real get-token
call. The password never enters the FSM data: ``AccountService`` holds it in memory between the
two messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from aiogram.fsm.context import FSMContext
from pydantic import BaseModel

from bot.conversation import Conversation, Goto, Invalid, Step, Turn, question
from bot.keyboards.common import main_menu
from bot.render import error_text
from bot.reply import Reply
from bot.states import Login
from bot.text import quote
from services.accounts import AccountService
from services.bts import BtsAuthError
from services.parsing import ascii_int
from services.seller_access import SellerRefused
from services.users import UserService

USERNAME_LIMIT = 128
INN_DIGITS = 9


class LoginDraft(BaseModel):
    username: str | None = None


LoginTurn = Turn[LoginDraft]


def _accounts_of(deps: Mapping[str, Any]) -> AccountService:
    return cast(AccountService, deps["accounts"])


def _accounts(turn: Turn[Any]) -> AccountService:
    return _accounts_of(turn.deps)


def set_username(turn: LoginTurn, text: str, draft: LoginDraft) -> LoginDraft:
    username = text.strip()
    if not username or len(username) > USERNAME_LIMIT or "\x00" in username:
        raise Invalid("login-username-invalid")
    return LoginDraft(username=username)


async def set_password(turn: LoginTurn, text: str, draft: LoginDraft) -> LoginDraft:
    await turn.reply.delete_typed()  # the message holding the password goes before anything else
    if not text.strip():
        raise Invalid("login-ask-password")
    await _accounts(turn).hold_password(turn.user_id, text)
    return draft


async def set_inn(turn: LoginTurn, text: str, draft: LoginDraft) -> Goto[LoginDraft] | None:
    inn = text.strip().replace(" ", "")
    if len(inn) != INN_DIGITS or ascii_int(inn) is None:
        raise Invalid("login-inn-invalid")
    accounts = _accounts(turn)
    password = await accounts.held_password(turn.user_id)
    if not draft.username:
        return Goto("username", draft)
    if not password:  # the bot restarted between the two messages: the password was never stored
        return Goto("password", draft)
    l10n, reply = turn.l10n, turn.reply
    progress = await reply(l10n("login-checking"))
    try:
        async with reply.typing():
            await accounts.login(turn.user_id, draft.username, password, inn)
    except SellerRefused as refused:  # not on the operator's allow-list: BTS was not asked
        await accounts.drop_password(turn.user_id)
        await turn.conv.finish(turn)
        await reply.update(progress, error_text(refused, l10n))
        return None
    except BtsAuthError as exc:
        if "inn" in (exc.message or "").lower():
            await reply.update(progress, l10n("login-wrong-inn"), turn.nav())
            return None
        await accounts.drop_password(turn.user_id)
        await turn.conv.move(turn, "username", LoginDraft())
        await reply.update(progress, l10n("login-wrong"), turn.nav())
        return None
    await accounts.drop_password(turn.user_id)
    await turn.conv.finish(turn)
    profile = await cast(UserService, turn.deps["users"]).load(turn.user_id)
    await reply.update(progress, l10n("login-ok", username=quote(draft.username), inn=inn))
    await reply(l10n("menu-title"), main_menu(l10n, seller=profile.is_seller))
    return None


async def cancel(turn: LoginTurn) -> None:
    await _accounts(turn).drop_password(turn.user_id)
    await turn.conv.finish(turn)
    profile = await cast(UserService, turn.deps["users"]).load(turn.user_id)
    await turn.reply(turn.l10n("cancelled"), main_menu(turn.l10n, seller=profile.is_seller))


LOGIN: Conversation[LoginDraft] = Conversation(
    "login",
    LoginDraft,
    (
        Step(Login.username, question("login-ask-username"), text=set_username),
        Step(Login.password, question("login-ask-password"), text=set_password),
        Step(Login.inn, question("login-ask-inn"), text=set_inn),
    ),
    on_cancel=cancel,
    key="login",
    owns_data=False,
    expected="expected-text",
    opening="menu-login",
)


async def start_login(
    reply: Reply, state: FSMContext, deps: Mapping[str, Any], *, why: str | None = None
) -> None:
    """Ask for the username (from the menu, /start as a seller, or a seller-only feature, which
    says ``why`` first), unless the operator's allow-list refuses this user whatever they type."""
    refused = await _accounts_of(deps).login_refusal(reply.user_id)
    if refused is not None:
        await reply(error_text(refused, reply.l10n))
        return
    if why is not None:
        await reply(reply.l10n(why))
    await LOGIN.begin(reply, state, deps, LoginDraft())
