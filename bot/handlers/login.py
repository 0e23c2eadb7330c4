"""Seller login: username → password (deleted at once) → INN → a real get-token call."""

from __future__ import annotations

import contextlib
import logging
import re

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.chat_action import ChatActionSender

from bot.callbacks import Nav, NavCb
from bot.filters import MenuButton
from bot.i18n import Localizer
from bot.keyboards.common import main_menu, nav_keyboard
from bot.screens.login import begin_login
from bot.states import Login
from services.accounts import AccountService
from services.bts import BtsAuthError
from services.users import UserService

logger = logging.getLogger(__name__)

INN_RE = re.compile(r"^\d{9}$")


async def login_from_menu(message: Message, state: FSMContext, l10n: Localizer) -> None:
    await begin_login(message, state, l10n)


async def got_username(message: Message, state: FSMContext, l10n: Localizer) -> None:
    username = (message.text or "").strip()
    if not username or len(username) > 128:
        await message.answer(
            l10n("login-username-invalid"), reply_markup=nav_keyboard(l10n, "login", back=False)
        )
        return
    await state.update_data(login_username=username)
    await state.set_state(Login.password)
    await message.answer(l10n("login-ask-password"), reply_markup=nav_keyboard(l10n, "login"))


async def got_password(
    message: Message, state: FSMContext, l10n: Localizer, accounts: AccountService
) -> None:
    password = message.text or ""
    # Delete the message holding the password before anything else.
    with contextlib.suppress(TelegramBadRequest):
        await message.delete()
    if not password.strip():
        await message.answer(l10n("login-ask-password"), reply_markup=nav_keyboard(l10n, "login"))
        return
    if message.from_user is not None:
        accounts.hold_password(message.from_user.id, password)  # in memory only, never in the FSM
    await state.set_state(Login.inn)
    await message.answer(l10n("login-ask-inn"), reply_markup=nav_keyboard(l10n, "login"))


async def got_inn(
    message: Message, state: FSMContext, l10n: Localizer, accounts: AccountService, users: UserService
) -> None:
    inn = (message.text or "").strip().replace(" ", "")
    if not INN_RE.match(inn):
        await message.answer(l10n("login-inn-invalid"), reply_markup=nav_keyboard(l10n, "login"))
        return
    data = await state.get_data()
    if message.from_user is None:
        return
    username, password = data.get("login_username"), accounts.held_password(message.from_user.id)
    if not username:
        await begin_login(message, state, l10n)
        return
    if not password:  # the bot restarted between the two messages: the password was never stored
        await state.set_state(Login.password)
        await message.answer(l10n("login-ask-password"), reply_markup=nav_keyboard(l10n, "login"))
        return
    progress = await message.answer(l10n("login-checking"))
    try:
        async with ChatActionSender.typing(bot=message.bot, chat_id=message.chat.id):  # type: ignore[arg-type]
            await accounts.login(message.from_user.id, username, password, inn)
    except BtsAuthError as exc:
        if "inn" in (exc.message or "").lower():
            await progress.edit_text(l10n("login-wrong-inn"), reply_markup=nav_keyboard(l10n, "login"))
            return
        accounts.drop_password(message.from_user.id)
        await state.update_data({"login_username": None})
        await state.set_state(Login.username)
        await progress.edit_text(l10n("login-wrong"), reply_markup=nav_keyboard(l10n, "login", back=False))
        return
    accounts.drop_password(message.from_user.id)
    await state.update_data({"login_username": None})
    await state.set_state(None)
    profile = await users.load(message.from_user.id)
    await progress.edit_text(l10n("login-ok", username=username, inn=inn))
    await message.answer(l10n("menu-title"), reply_markup=main_menu(l10n, seller=profile.is_seller))


async def login_expects_text(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("expected-text"))


async def login_nav(
    query: CallbackQuery,
    callback_data: NavCb,
    state: FSMContext,
    l10n: Localizer,
    users: UserService,
    accounts: AccountService,
) -> None:
    if not isinstance(query.message, Message) or query.from_user is None:
        return
    current = await state.get_state()
    if callback_data.action is Nav.BACK and current == Login.inn.state:
        await state.set_state(Login.password)
        await query.message.answer(l10n("login-ask-password"), reply_markup=nav_keyboard(l10n, "login"))
        return
    if callback_data.action is Nav.BACK and current == Login.password.state:
        await begin_login(query.message, state, l10n)
        return
    accounts.drop_password(query.from_user.id)
    await state.update_data({"login_username": None})
    await state.set_state(None)
    profile = await users.load(query.from_user.id)
    await query.message.answer(l10n("cancelled"), reply_markup=main_menu(l10n, seller=profile.is_seller))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(login_from_menu, MenuButton("menu-login"))
    router.message.register(got_username, Login.username, F.text)
    router.message.register(got_password, Login.password, F.text)
    router.message.register(got_inn, Login.inn, F.text)
    router.message.register(login_expects_text, StateFilter(Login.username, Login.password, Login.inn))
    router.callback_query.register(
        login_nav, NavCb.filter(F.step == "login"), StateFilter(Login.username, Login.password, Login.inn)
    )
    return router
