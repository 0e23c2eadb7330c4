"""payment_status_text: shared by several routers (no router here)."""

from __future__ import annotations

from aiogram.types import (
    Message,
)

from bot.i18n import Localizer
from services.payments import PaymentService, PaymentView


def payment_status_text(l10n: Localizer, payment: PaymentView) -> str:
    outcome = payment.outcome
    status = l10n(f"payment-outcome-{outcome.value}") if outcome else l10n("payment-status-pending")
    return l10n("payment-status", amount=l10n.money(payment.amount), status=status)


async def show_payment_return(
    message: Message, kind: str, yandex_order_id: str, l10n: Localizer, payments: PaymentService
) -> None:
    """``/start paid_<id>`` / ``fail_<id>``: Yandex sent the buyer back; ask Yandex, never trust the link."""
    payment = await payments.refresh(yandex_order_id)
    if payment is None:
        await message.answer(l10n("payment-not-found"))
        return
    await message.answer(payment_status_text(l10n, payment))
