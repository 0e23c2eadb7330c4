"""Seller login: the conversation's router (``bot.conversations.login``) and the menu button."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.conversations.login import LOGIN, start_login
from bot.filters import MenuButton
from bot.reply import Reply


async def login_from_menu(message: Message, state: FSMContext, reply: Reply, **deps: Any) -> None:
    await start_login(reply, state, deps)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(login_from_menu, MenuButton("menu-login"))
    router.include_router(LOGIN.router())
    return router
