"""Main-menu buttons. They come before every flow's text handlers, so a menu tap always works:
it leaves the current step (the new-order draft stays in storage) and opens the feature."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import Nav, NavCb
from bot.conversations.login import start_login
from bot.conversations.new_order.entry import offer_new_order, resume_draft
from bot.conversations.price import start_price
from bot.filters import MenuButton
from bot.i18n import Localizer
from bot.keyboards.common import main_menu
from bot.reply import Reply
from bot.screens.branches import show_branches_menu
from bot.screens.orders import show_orders
from bot.screens.settings import show_settings
from bot.screens.tracking import show_parcels
from services.branches import BranchDirectory
from services.orders import OrderService
from services.tracking import TrackingService
from services.users import UserProfile


async def menu_new_order(
    message: Message, state: FSMContext, reply: Reply, profile: UserProfile, **deps: Any
) -> None:
    await state.set_state(None)
    if not profile.is_seller:
        await start_login(reply, state, deps, why="login-required")
        return
    await offer_new_order(reply, state, {**deps, "profile": profile})


async def resume_order(
    message: Message, state: FSMContext, reply: Reply, profile: UserProfile, **deps: Any
) -> None:
    await resume_draft(reply, state, {**deps, "profile": profile})


async def menu_my_orders(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, orders: OrderService
) -> None:
    await state.set_state(None)
    await show_orders(message, state, l10n, profile, orders)


async def menu_price(message: Message, state: FSMContext, reply: Reply, **deps: Any) -> None:
    await state.set_state(None)
    await start_price(reply, state, deps)


async def menu_login(message: Message, state: FSMContext, reply: Reply, **deps: Any) -> None:
    await state.set_state(None)
    await start_login(reply, state, deps)


async def menu_branches(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, branches: BranchDirectory
) -> None:
    await state.set_state(None)
    await show_branches_menu(message, state, l10n, branches, profile.id)


async def menu_settings(message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    await state.set_state(None)
    await show_settings(message, l10n, profile)


async def menu_parcels(
    message: Message, state: FSMContext, l10n: Localizer, tracking: TrackingService
) -> None:
    await state.set_state(None)
    await show_parcels(message, l10n, tracking)


async def menu_track(message: Message, state: FSMContext, l10n: Localizer) -> None:
    await state.set_state(None)
    await message.answer(l10n("track-ask"))


async def cancel_search(
    query: CallbackQuery, state: FSMContext, l10n: Localizer, profile: UserProfile
) -> None:
    await state.set_state(None)
    if isinstance(query.message, Message):
        await query.message.answer(l10n("cancelled"), reply_markup=main_menu(l10n, seller=profile.is_seller))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(menu_new_order, MenuButton("menu-new-order"))
    router.message.register(menu_my_orders, MenuButton("menu-my-orders"))
    router.message.register(menu_price, MenuButton("menu-price"))
    router.message.register(menu_login, MenuButton("menu-login"))
    router.message.register(menu_branches, MenuButton("menu-branches"))
    router.message.register(menu_settings, MenuButton("menu-settings"))
    router.message.register(menu_parcels, MenuButton("menu-my-parcels"))
    router.message.register(menu_track, MenuButton("menu-track"))
    router.message.register(menu_track, Command("track"))
    router.message.register(resume_order, Command("resume"))
    router.callback_query.register(
        cancel_search,
        NavCb.filter((F.action == Nav.CANCEL) & F.step.in_({"search", "rename", "pay", "ypay", "ibarcode"})),
    )
    return router
