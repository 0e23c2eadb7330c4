"""STEP: shared by several routers (no router here)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Localizer
from bot.keyboards.places import location_keyboard, regions_keyboard
from bot.states import Branches
from services.branches import BranchDirectory

STEP = "br"


async def show_branches_menu(
    message: Message, state: FSMContext, l10n: Localizer, branches: BranchDirectory, user_id: int
) -> None:
    await branches.ensure_fresh(user_id)
    await state.set_state(Branches.search)
    await message.answer(l10n("branches-intro"), reply_markup=location_keyboard(l10n))
    if not branches.regions():
        await message.answer(l10n("branches-empty"))
        return
    await message.answer(
        l10n("place-pick-region"), reply_markup=regions_keyboard(l10n, branches, STEP, back=False)
    )
