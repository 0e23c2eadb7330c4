"""Last router: whatever nobody else handled gets an answer that helps."""

from __future__ import annotations

import re

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Localizer
from bot.keyboards.common import main_menu
from bot.screens.tracking import looks_like_barcodes, open_tracking
from services.users import UserProfile

# Only digits, a few too many or too few for a barcode (11–12): most likely a typo in one.
ALMOST_A_BARCODE = re.compile(r"\d{8,16}")


async def stale_button(
    query: CallbackQuery,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    callback_answer: CallbackAnswer,
) -> None:
    """A button whose flow is over (or forged data): say so and offer the menu; in the middle of
    another flow the toast alone (the menu would replace the step's own keyboard)."""
    callback_answer.text = l10n("stale-button")
    if isinstance(query.message, Message) and await state.get_state() is None:
        await query.message.answer(
            l10n("stale-button"), reply_markup=main_menu(l10n, seller=profile.is_seller)
        )


async def unknown_text(message: Message, l10n: Localizer, profile: UserProfile, **data: object) -> None:
    text = message.text or ""
    if looks_like_barcodes(text):
        await open_tracking(message, text, l10n, data)
        return
    if ALMOST_A_BARCODE.fullmatch(text.replace(" ", "").replace("-", "")):
        await message.answer(l10n("track-invalid"))  # a mistyped barcode: say what one looks like
        return
    await message.answer(l10n("unknown-input"), reply_markup=main_menu(l10n, seller=profile.is_seller))


async def unknown_media(message: Message, l10n: Localizer, profile: UserProfile) -> None:
    await message.answer(l10n("unknown-media"), reply_markup=main_menu(l10n, seller=profile.is_seller))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(stale_button)
    router.message.register(unknown_text, F.text, flags={"fallback": True})
    router.message.register(unknown_media)
    return router
