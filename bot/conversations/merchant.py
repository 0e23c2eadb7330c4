"""Yandex Pay set-up as a conversation: merchant id → environment → API key (deleted at once,
checked with Yandex, stored encrypted)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, cast

from aiogram.fsm.context import FSMContext
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import BaseModel

from bot.callbacks import OrderAction, OrderCb
from bot.conversation import Conversation, Goto, Invalid, Step, Turn, choose, question
from bot.i18n import Localizer
from bot.keyboards.common import main_menu
from bot.reply import Reply
from bot.states import MerchantSetup
from bot.text import quote
from services.payments import PaymentService
from services.users import UserProfile

UUID_LENGTH = 36


class MerchantDraft(BaseModel):
    merchant_id: str | None = None
    sandbox: bool = False
    then_order: int = 0  # set up from an order's 💳 Payment link: that order's link comes next


MerchantTurn = Turn[MerchantDraft]


def _profile(turn: Turn[Any]) -> UserProfile:
    return cast(UserProfile, turn.deps["profile"])


def parse_merchant_id(text: str) -> str:
    """A Yandex Pay merchant id is a UUID (``5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01``): anything else
    would be saved, "work" with a sandbox key, and then every webhook would be ignored as coming
    from another merchant. Returned in the canonical lower-case form."""
    merchant_id = text.strip()
    try:
        parsed = uuid.UUID(merchant_id)
    except ValueError:
        raise Invalid("ypay-merchant-invalid") from None
    if len(merchant_id) != UUID_LENGTH:  # braces, "urn:uuid:" or no hyphens: not as the console shows it
        raise Invalid("ypay-merchant-invalid")
    return str(parsed)


def set_merchant_id(turn: MerchantTurn, text: str, draft: MerchantDraft) -> MerchantDraft:
    return draft.model_copy(update={"merchant_id": parse_merchant_id(text)})


def environments(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n("ypay-sandbox"), "sandbox"), (l10n("ypay-production"), "production")]


def pick_environment(turn: MerchantTurn, value: str, draft: MerchantDraft) -> MerchantDraft | None:
    if value not in ("sandbox", "production"):
        turn.reply.stale()
        return None
    return draft.model_copy(update={"sandbox": value == "sandbox"})


async def ask_key(turn: MerchantTurn, draft: MerchantDraft) -> None:
    key = "ypay-ask-key-sandbox" if draft.sandbox else "ypay-ask-key"
    await turn.reply(turn.l10n(key), turn.nav())


async def set_key(turn: MerchantTurn, text: str, draft: MerchantDraft) -> Goto[MerchantDraft] | None:
    await turn.reply.delete_typed()  # the key must not stay in the chat
    api_key = text.strip()
    if not draft.merchant_id:
        return Goto("ypay_merchant", draft)
    if not api_key:
        raise Invalid("ypay-ask-key")
    profile = _profile(turn)
    async with turn.reply.typing():
        await cast(PaymentService, turn.deps["payments"]).save_merchant(
            profile.id, draft.merchant_id, api_key, draft.sandbox
        )
    await turn.conv.finish(turn)
    text = turn.l10n("ypay-saved", merchant=quote(draft.merchant_id))
    await turn.reply(text, main_menu(turn.l10n, seller=profile.is_seller))
    if draft.then_order:  # the seller came here for a payment link: one tap to it
        builder = InlineKeyboardBuilder()
        builder.button(
            text=turn.l10n("btn-payment-link"),
            callback_data=OrderCb(action=OrderAction.PAY, order_id=draft.then_order),
        )
        await turn.reply(turn.l10n("ypay-go-on-to-link"), builder.as_markup())
    return None


async def cancel(turn: MerchantTurn) -> None:
    await turn.conv.finish(turn)
    await turn.reply(turn.l10n("cancelled"), main_menu(turn.l10n, seller=_profile(turn).is_seller))


MERCHANT: Conversation[MerchantDraft] = Conversation(
    "merchant",
    MerchantDraft,
    (
        Step(MerchantSetup.ypay_merchant, question("ypay-ask-merchant"), text=set_merchant_id),
        Step(MerchantSetup.ypay_env, choose("ypay-ask-env", environments), pick=pick_environment),
        Step(MerchantSetup.ypay_key, ask_key, text=set_key),
    ),
    on_cancel=cancel,
    key="ypay",
    owns_data=False,
    expected="expected-text",
    opening="btn-setup-yandex",
)


async def start_merchant_setup(
    reply: Reply, state: FSMContext, deps: Mapping[str, Any], *, then_order: int = 0
) -> None:
    await MERCHANT.begin(reply, state, deps, MerchantDraft(then_order=then_order))
