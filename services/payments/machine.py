"""Applying a status change: the event, the new status and the pushes, in one transaction.

Every change to paid, failed, expired or refunded enqueues, in the same transaction as the
status change, one outbox message to the seller and one to each chat following the linked BTS
order (``push-payment-paid`` / ``-failed`` / ``-expired`` / ``-refunded``). A refund's push
carries the money given back (``operations[]``), not the price.
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifications import order_push_params
from services.payments.status import (
    NOT_CREATED,
    PARTIALLY_REFUNDED,
    PENDING,
    PaymentOutcome,
    may_move,
    outcome_of,
)
from services.payments.views import PaymentChange, parse_decimal
from storage.crypto import SecretBox
from storage.schemas import PaymentRecord
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

CREATED_EVENT_KEY = "created"


class StatusMachine:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], box: SecretBox) -> None:
        self._sf = session_factory
        self._box = box

    async def apply(
        self,
        payment_id: int,
        new: str,
        *,
        source: str,
        event_key: str | None,
        event_type: str | None = None,
        payload: dict[str, Any] | None = None,
        occurred_at: datetime | None = None,
        refunded: Decimal | None = None,
        now: datetime,
    ) -> PaymentChange | None:
        """Store the event and the new status and enqueue the pushes, in one transaction.

        ``None`` when nothing changed: a replayed event, the same status, or a move backwards.
        A notification is recorded even then (its key recognises Yandex's retries); a poll that
        saw nothing new leaves no trace.
        """
        async with unit_of_work(self._sf, self._box) as uow:
            current = await uow.payments.get(payment_id)
            if current is None:
                return None
            if source != "webhook" and not may_move(current.status, new):
                return None
            if event_key is not None:
                event = await uow.payments.add_event_if_new(
                    payment_id,
                    event_key=event_key[:255],
                    event_type=(event_type or source.upper())[:64],
                    status=new[:32],
                    occurred_at=occurred_at or now,
                    payload=_event_payload(payload, refunded),
                    now=now,
                )
                if event is None:
                    return None
            if not may_move(current.status, new):
                return None
            updated = await uow.payments.set_status_if(
                payment_id, expected=current.status, status=new, now=now
            )
            if updated is None:
                return None
            outcome = outcome_of(new)
            pushed = _outcome_to_push(outcome, current.status)
            notified = await self._enqueue_pushes(uow, updated, pushed, refunded, now) if pushed else ()
        logger.info("yandex pay: payment %s %s -> %s (%s)", payment_id, current.status, new, source)
        return PaymentChange(
            payment_id=updated.id,
            yandex_order_id=updated.yandex_order_id,
            owner_id=updated.owner_id,
            order_id=updated.order_id,
            previous=current.status,
            status=new,
            outcome=outcome,
            source=source,
            notified=notified,
            refunded=refunded,
        )

    async def _enqueue_pushes(
        self,
        uow: UnitOfWork,
        payment: PaymentRecord,
        outcome: PaymentOutcome,
        refunded: Decimal | None,
        now: datetime,
    ) -> tuple[int, ...]:
        """One message to the seller and one to every chat following the linked order."""
        amount = payment.amount
        if payment.status == PARTIALLY_REFUNDED and refunded is not None:
            amount = refunded  # what came back, not the price
        params: dict[str, Any] = {
            "amount": format(amount, "f"),
            "price": format(payment.amount, "f"),
            "currency": payment.currency,
            "payment_id": payment.id,
            "status": payment.status,
        }
        purpose = await purpose_of(uow, payment.id)
        if purpose:
            params["purpose"] = purpose
        recipients: dict[int, str] = {}
        if payment.owner_id is not None:
            recipients[payment.owner_id] = "seller"
        if payment.order_id is not None:
            order = await uow.orders.get(payment.order_id)
            params.update(order_push_params(order))
            for chat in await uow.subscriptions.subscribers(payment.order_id):
                if chat.notify and chat.chat_id not in recipients:
                    recipients[chat.chat_id] = "customer"
        notified: list[int] = []
        for chat_id, audience in recipients.items():
            queued = await uow.outbox.enqueue(
                chat_id=chat_id,
                message_key=outcome.message_key,
                params={**params, "audience": audience},
                dedup_key=f"pay:{payment.id}:{payment.status}:{chat_id}",
                now=now,
            )
            if queued is not None:
                notified.append(chat_id)
        return tuple(notified)

    async def close_unsent(self, payment_id: int) -> None:
        """The create certainly failed: the attempt is closed so that nothing polls it."""
        try:
            async with unit_of_work(self._sf, self._box) as uow:
                await uow.payments.set_status_if(payment_id, expected=PENDING, status=NOT_CREATED)
        except Exception:  # the original error matters more than this bookkeeping
            logger.exception("yandex pay: could not close payment %s after a failed create", payment_id)


def _event_payload(payload: dict[str, Any] | None, refunded: Decimal | None) -> dict[str, Any] | None:
    """What an event stores: the notification's payload and, for a refund, the money given back."""
    record = dict(payload or {})
    if refunded is not None:
        record["refunded"] = format(refunded, "f")
    return record or None


def _outcome_to_push(outcome: PaymentOutcome | None, previous: str) -> PaymentOutcome | None:
    """A new outcome is pushed once; every refund is pushed (each gives money back)."""
    if outcome is None or (outcome == outcome_of(previous) and outcome is not PaymentOutcome.REFUNDED):
        return None
    return outcome


async def purpose_of(uow: UnitOfWork, payment_id: int) -> str | None:
    created = await uow.payments.get_event(payment_id, CREATED_EVENT_KEY)
    value = (created.payload or {}).get("purpose") if created is not None else None
    return value if isinstance(value, str) else None


async def details_of(uow: UnitOfWork, payment_id: int) -> tuple[str | None, Decimal | None, str | None]:
    """(purpose, money refunded so far, the merchant id the link was made under) from its events."""
    purpose: str | None = None
    refunded: Decimal | None = None
    merchant: str | None = None
    for event in await uow.payments.list_events(payment_id):
        payload = event.payload or {}
        if event.event_key == CREATED_EVENT_KEY:
            value = payload.get("purpose")
            purpose = value if isinstance(value, str) else None
            owner = payload.get("merchantId")
            merchant = owner if isinstance(owner, str) else None
        amount = parse_decimal(payload.get("refunded"))
        if amount is not None:
            refunded = amount if refunded is None else max(refunded, amount)
    return purpose, refunded, merchant


__all__ = ["CREATED_EVENT_KEY", "StatusMachine", "details_of", "purpose_of"]
