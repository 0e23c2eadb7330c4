"""begin_login: shared by several routers (no router here)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Localizer
from bot.keyboards.common import nav_keyboard
from bot.states import Login


async def begin_login(message: Message, state: FSMContext, l10n: Localizer) -> None:
    await state.set_state(Login.username)
    await message.answer(l10n("login-ask-username"), reply_markup=nav_keyboard(l10n, "login", back=False))
