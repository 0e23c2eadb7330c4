"""/start, language, role, /help, /cancel, /language, /logout: these work in any state."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import LangCb, Nav, NavCb, Role, RoleCb
from bot.conversations.login import start_login
from bot.filters import MenuButton
from bot.i18n import Localizer, Translator
from bot.keyboards.common import language_keyboard, main_menu, role_keyboard
from bot.reply import Reply
from bot.screens.payments import show_payment_return
from bot.screens.tracking import open_tracking
from bot.states import Onboarding
from services.accounts import AccountService
from services.payments import PaymentService
from services.payments import parse_start_payload as parse_payment_payload
from services.users import CUSTOMER, UserProfile, UserService


async def show_menu(
    message: Message, l10n: Localizer, profile: UserProfile | None, key: str = "menu-title"
) -> None:
    seller = bool(profile and profile.is_seller)
    await message.answer(l10n(key), reply_markup=main_menu(l10n, seller=seller))


async def start_tracking(
    message: Message, command: CommandObject, state: FSMContext, l10n: Localizer, **data: object
) -> None:
    await state.set_state(None)
    await open_tracking(message, (command.args or "").removeprefix("track_"), l10n, data)


async def start_payment_return(
    message: Message, command: CommandObject, state: FSMContext, l10n: Localizer, payments: PaymentService
) -> None:
    parsed = parse_payment_payload(command.args or "")
    if parsed is None:
        await message.answer(l10n("payment-not-found"))
        return
    await show_payment_return(message, parsed[0], parsed[1], l10n, payments)


async def start(message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    await state.set_state(None)
    if profile.language is None:
        await state.set_state(Onboarding.language)
        await message.answer(l10n("start-choose-language"), reply_markup=language_keyboard())
        return
    if not profile.roles:
        await state.set_state(Onboarding.role)
        await message.answer(l10n("start-choose-role"), reply_markup=role_keyboard(l10n))
        return
    await show_menu(message, l10n, profile)


async def ask_language(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("start-choose-language"), reply_markup=language_keyboard())


async def set_language(
    query: CallbackQuery,
    callback_data: LangCb,
    state: FSMContext,
    bot: Bot,
    users: UserService,
    translator: Translator,
) -> None:
    if callback_data.code not in ("uz", "ru", "en") or query.message is None or query.from_user is None:
        return
    profile = await users.set_language(query.from_user.id, callback_data.code)
    l10n = translator.get(callback_data.code)
    message = query.message
    if isinstance(message, Message):
        await message.edit_text(l10n("language-set"))
    if not profile.roles:
        await state.set_state(Onboarding.role)
        await bot.send_message(
            query.from_user.id, l10n("start-choose-role"), reply_markup=role_keyboard(l10n)
        )
        return
    if await state.get_state() == Onboarding.language.state:
        await state.set_state(None)
    await bot.send_message(
        query.from_user.id, l10n("menu-title"), reply_markup=main_menu(l10n, seller=profile.is_seller)
    )


async def choose_role(
    query: CallbackQuery,
    callback_data: RoleCb,
    state: FSMContext,
    l10n: Localizer,
    users: UserService,
    accounts: AccountService,
    reply: Reply,
    **deps: Any,
) -> None:
    if query.from_user is None or not isinstance(query.message, Message):
        return
    user_id = query.from_user.id
    await state.set_state(None)
    if callback_data.role is Role.SELLER:
        if await accounts.find(user_id) is not None:
            profile = await users.load(user_id)
            await show_menu(query.message, l10n, profile)
            return
        await query.message.answer(l10n("welcome-seller"))
        await start_login(reply, state, {**deps, "users": users, "accounts": accounts})
        return
    profile = await users.add_role(user_id, CUSTOMER)
    await query.message.answer(
        l10n("welcome-customer"), reply_markup=main_menu(l10n, seller=profile.is_seller)
    )


async def show_help(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("help-text"))


async def cancel(message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    had_state = await state.get_state() is not None
    await state.clear()
    await show_menu(message, l10n, profile, "cancelled" if had_state else "nothing-to-cancel")


async def menu_from_button(
    query: CallbackQuery, state: FSMContext, l10n: Localizer, profile: UserProfile
) -> None:
    await state.set_state(None)
    if isinstance(query.message, Message):
        await show_menu(query.message, l10n, profile)


async def logout(
    message: Message, state: FSMContext, l10n: Localizer, accounts: AccountService, users: UserService
) -> None:
    if message.from_user is None:
        return
    await state.clear()
    removed = await accounts.logout(message.from_user.id)
    profile = await users.load(message.from_user.id)
    await show_menu(message, l10n, profile, "logout-done" if removed else "logout-not-logged")


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_tracking, CommandStart(deep_link=True, magic=F.args.startswith("track_")))
    router.message.register(
        start_payment_return, CommandStart(deep_link=True, magic=F.args.regexp(r"^(paid|fail)_"))
    )
    router.message.register(start, CommandStart())
    router.message.register(ask_language, Command("language"))
    router.callback_query.register(set_language, LangCb.filter())
    router.callback_query.register(choose_role, RoleCb.filter())
    router.message.register(show_help, MenuButton("menu-help"))
    router.message.register(show_help, Command("help"))
    router.message.register(cancel, Command("cancel"))
    router.callback_query.register(menu_from_button, NavCb.filter(F.action == Nav.MENU))
    router.message.register(logout, Command("logout"))
    return router
