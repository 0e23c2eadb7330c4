"""start_price: shared by several routers (no router here)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Localizer
from bot.keyboards.places import location_keyboard, regions_keyboard
from bot.states import Price
from services.branches import BranchDirectory
from services.users import UserProfile


async def start_price(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, branches: BranchDirectory
) -> None:
    if not profile.is_seller:
        await message.answer(l10n("login-required"))
        return
    await branches.ensure_fresh(profile.id)
    await state.set_state(Price.sender_city)
    await state.update_data(price={})
    await ask_price_city(message, l10n, branches, "p_from", "price-ask-from")


async def ask_price_city(
    message: Message, l10n: Localizer, branches: BranchDirectory, step: str, key: str
) -> None:
    await message.answer(l10n(key), reply_markup=location_keyboard(l10n))
    await message.answer(
        l10n("place-pick-region"), reply_markup=regions_keyboard(l10n, branches, step, back=step != "p_from")
    )
