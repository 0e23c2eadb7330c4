"""Asking Yandex about payments: unfinished ones often, paid ones slowly until a refund is seen.

``poll_pending`` asks about unfinished payments with a per-payment backoff (10 s, 20 s, ...
capped at 5 min; kept in memory, a restart simply starts it again) and closes a link that
expired unpaid as ``EXPIRED``. A paid payment (CAPTURED, CONFIRMED, PARTIALLY_REFUNDED) stays
watched for ``refund_watch`` (30 days) after it was made, every ``watch_min`` growing to
``watch_max``, so a refund made in Yandex's console reaches the seller even when no webhook
arrives (``REFUNDED``, or ``PARTIALLY_REFUNDED`` with the amount from ``operations[]``).
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.errors import UpstreamError
from services.payments.machine import StatusMachine
from services.payments.merchants import Merchants
from services.payments.status import (
    EXPIRED,
    PENDING,
    POLLED_STATUSES,
    WATCHED_STATUSES,
    local_status,
    refunded_amount,
)
from services.payments.views import PaymentChange
from services.yandex_pay.errors import YandexPayNotFound
from storage.crypto import SecretBox
from storage.schemas import PaymentRecord
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

# A create still on its way may answer 404 to a poller for this long.
CREATE_SETTLE = timedelta(minutes=2)


@dataclass(slots=True)
class _Backoff:
    delay: float
    next_at: datetime


@dataclass(frozen=True, slots=True)
class PollTiming:
    min_delay: float = 10.0
    max_delay: float = 300.0
    concurrency: int = 4
    expiry_grace: timedelta = timedelta(minutes=10)
    authorized_grace: timedelta = timedelta(days=1)
    refund_watch: timedelta = timedelta(days=30)
    watch_min: float = 900.0
    watch_max: float = 43_200.0


class PaymentPoller:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        merchants: Merchants,
        machine: StatusMachine,
        timing: PollTiming,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._merchants = merchants
        self._machine = machine
        self.timing = timing
        self._backoff: dict[int, _Backoff] = {}

    async def poll_pending(self, now: datetime) -> list[PaymentChange]:
        """Check the payments that are due (per-payment backoff); the changes stored."""
        t = self.timing
        async with self._sf() as session:
            uow = UnitOfWork(session, self._box)
            payments = await uow.payments.list_to_poll(
                POLLED_STATUSES, expires_after=now - max(t.expiry_grace, t.authorized_grace)
            )
            watched = await uow.payments.list_to_watch(WATCHED_STATUSES, created_after=now - t.refund_watch)
        for payment in watched:
            if payment.id not in self._backoff:
                # First sight (or after a restart): spread the slow checks instead of all at once.
                first = random.uniform(0.0, t.watch_min)
                self._backoff[payment.id] = _Backoff(t.watch_min, now + timedelta(seconds=first))
        due = [p for p in [*payments, *watched] if self.is_due(p.id, now)]
        if not due:
            return []
        gate = asyncio.Semaphore(max(1, t.concurrency))

        async def one(payment: PaymentRecord) -> PaymentChange | None:
            async with gate:
                try:
                    return await self._poll_one(payment, now)
                except Exception:
                    logger.exception("yandex pay: polling payment %s failed", payment.id)
                    self.grow(payment.id, now)
                    return None

        results = await asyncio.gather(*(one(p) for p in due))
        return [change for change in results if change is not None]

    def next_check_at(self, payment_id: int) -> datetime | None:
        """When the payment is due again (``None``: now, or never seen)."""
        state = self._backoff.get(payment_id)
        return None if state is None else state.next_at

    def is_due(self, payment_id: int, now: datetime) -> bool:
        state = self._backoff.get(payment_id)
        return state is None or now >= state.next_at

    def _limits(self, status: str) -> tuple[float, float]:
        t = self.timing
        return (t.watch_min, t.watch_max) if status in WATCHED_STATUSES else (t.min_delay, t.max_delay)

    def grow(self, payment_id: int, now: datetime, status: str = PENDING) -> None:
        low, high = self._limits(status)
        state = self._backoff.get(payment_id)
        delay = low if state is None else min(max(state.delay * 2, low), high)
        self._backoff[payment_id] = _Backoff(delay, now + timedelta(seconds=delay))

    def reset(self, payment_id: int, now: datetime, status: str = PENDING) -> None:
        low, _ = self._limits(status)
        self._backoff[payment_id] = _Backoff(low, now + timedelta(seconds=low))

    def after_change(self, payment_id: int, change: PaymentChange | None, now: datetime) -> None:
        """A webhook moved the payment: poll on at the pace of its new status (or stop)."""
        if change is None:
            return
        if change.status in POLLED_STATUSES or change.status in WATCHED_STATUSES:
            self.reset(payment_id, now, change.status)
        else:
            self._backoff.pop(payment_id, None)

    async def _poll_one(self, payment: PaymentRecord, now: datetime) -> PaymentChange | None:
        if (
            payment.status == PENDING
            and payment.expires_at is not None
            and now >= payment.expires_at + self.timing.expiry_grace
        ):
            # Checked in vain for the whole grace period: close it without Yandex's word.
            self._backoff.pop(payment.id, None)
            return await self._machine.apply(
                payment.id, EXPIRED, source="poll", event_key=f"poll:{EXPIRED}", now=now
            )
        return await self.check(payment, now)

    async def check(self, payment: PaymentRecord, now: datetime) -> PaymentChange | None:
        """One ``GET /v1/orders/{id}`` and what it changes; the backoff moves on either way."""
        client = await self._merchants.client(payment.owner_id, payment.sandbox)
        if client is None:
            logger.warning("yandex pay: payment %s has no merchant to ask with", payment.id)
            self.grow(payment.id, now, payment.status)
            return None
        try:
            info = await client.get_order(payment.yandex_order_id)
        except YandexPayNotFound:
            settled = now - payment.created_at > CREATE_SETTLE
            if payment.payment_url is None and payment.status == PENDING and settled:
                # The unconfirmed create never reached Yandex: nothing to wait for.
                self._backoff.pop(payment.id, None)
                await self._machine.close_unsent(payment.id)
                logger.info("yandex pay: %s was never created", payment.yandex_order_id)
                return None
            logger.warning("yandex pay: %s not found upstream", payment.yandex_order_id)
            self.grow(payment.id, now, payment.status)
            return None
        except UpstreamError as exc:
            logger.warning(
                "yandex pay: checking %s failed: %s", payment.yandex_order_id, exc.__class__.__name__
            )
            self.grow(payment.id, now, payment.status)
            return None
        status = info.payment_status
        if status is None:
            self.grow(payment.id, now, payment.status)
            return None
        expired = payment.expires_at is not None and now >= payment.expires_at
        new = local_status(status.value, expired=expired)
        if payment.payment_url is None and info.payment_url:
            async with unit_of_work(self._sf, self._box) as uow:
                await uow.payments.update(payment.yandex_order_id, payment_url=info.payment_url, now=now)
        change = await self._machine.apply(
            payment.id,
            new,
            source="poll",
            event_key=f"poll:{new}",
            event_type="POLL",
            payload={"paymentStatus": status.value, "reason": info.order.reason},
            refunded=refunded_amount(info),
            now=now,
        )
        current = change.status if change is not None else payment.status
        if current in POLLED_STATUSES or current in WATCHED_STATUSES:
            if change is not None:
                self.reset(payment.id, now, current)
            else:
                self.grow(payment.id, now, current)
        else:
            self._backoff.pop(payment.id, None)
        return change


__all__ = ["CREATE_SETTLE", "PaymentPoller", "PollTiming"]
