"""Yandex Pay payments (our order id, the BTS order, amount, status, link, expiry) and their events."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Order, Payment, PaymentEvent
from storage.repositories._sql import insert_for
from storage.schemas import PaymentEventRecord, PaymentRecord
from storage.types import utc_now


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.last_created = False  # whether the last ``create`` inserted (False: the id existed)

    async def create(
        self,
        *,
        yandex_order_id: str,
        amount: Decimal,
        status: str,
        owner_id: int | None = None,
        order_id: int | None = None,
        payment_url: str | None = None,
        expires_at: datetime | None = None,
        sandbox: bool = False,
        currency: str = "UZS",
        now: datetime | None = None,
    ) -> PaymentRecord:
        """Store a payment attempt; creating the same ``yandex_order_id`` again returns the stored one."""
        now = now or utc_now()
        stmt = (
            insert_for(self.session, Payment)
            .values(
                yandex_order_id=yandex_order_id,
                amount=amount,
                status=status,
                owner_id=owner_id,
                order_id=order_id,
                payment_url=payment_url,
                expires_at=expires_at,
                sandbox=sandbox,
                currency=currency,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=[Payment.yandex_order_id])
            .returning(Payment.id)
        )
        inserted = (await self.session.execute(stmt)).first()
        self.last_created = inserted is not None
        payment = await self.get_by_yandex_id(yandex_order_id)
        if payment is None:  # pragma: no cover - inserted or already there
            raise RuntimeError("payment vanished while being created")
        return payment

    async def get(self, payment_id: int) -> PaymentRecord | None:
        row = await self.session.get(Payment, payment_id, populate_existing=True)
        return None if row is None else PaymentRecord.model_validate(row)

    async def get_by_yandex_id(self, yandex_order_id: str) -> PaymentRecord | None:
        row = await self.session.scalar(
            select(Payment)
            .where(Payment.yandex_order_id == yandex_order_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else PaymentRecord.model_validate(row)

    async def list_for_order(self, order_id: int) -> list[PaymentRecord]:
        """Every payment attempt for the order, newest first."""
        rows = await self.session.scalars(
            select(Payment)
            .where(Payment.order_id == order_id)
            .order_by(Payment.created_at.desc(), Payment.id.desc())
            .execution_options(populate_existing=True)
        )
        return [PaymentRecord.model_validate(row) for row in rows]

    async def list_for_owner_between(
        self, owner_id: int, low: datetime, high: datetime, *, limit: int = 10_000
    ) -> list[tuple[PaymentRecord, str | None]]:
        """The owner's payments created in ``[low, high)``, oldest first, each with the barcode of
        its order (``None`` for a payment of a typed amount)."""
        rows = await self.session.execute(
            select(Payment, Order.barcode)
            .outerjoin(Order, Order.id == Payment.order_id)
            .where(Payment.owner_id == owner_id, Payment.created_at >= low, Payment.created_at < high)
            .order_by(Payment.created_at, Payment.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [(PaymentRecord.model_validate(payment), barcode) for payment, barcode in rows]

    async def list_with_status(self, statuses: Collection[str], *, limit: int = 100) -> list[PaymentRecord]:
        """Payments in the given statuses (e.g. the unfinished ones to poll), least recently updated first."""
        rows = await self.session.scalars(
            select(Payment)
            .where(Payment.status.in_(list(statuses)))
            .order_by(Payment.updated_at, Payment.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [PaymentRecord.model_validate(row) for row in rows]

    async def list_to_poll(
        self, statuses: Collection[str], *, expires_after: datetime, limit: int = 200
    ) -> list[PaymentRecord]:
        """Unfinished payments whose link expires after ``expires_after`` (or never), soonest expiry first.

        A poller passes ``now - grace``: links that just expired still come back once, to be
        checked a last time and closed, while long-dead ones no longer crowd the batch.
        """
        rows = await self.session.scalars(
            select(Payment)
            .where(
                Payment.status.in_(list(statuses)),
                or_(Payment.expires_at.is_(None), Payment.expires_at >= expires_after),
            )
            .order_by(Payment.expires_at, Payment.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [PaymentRecord.model_validate(row) for row in rows]

    async def list_to_watch(
        self, statuses: Collection[str], *, created_after: datetime, limit: int = 200
    ) -> list[PaymentRecord]:
        """Paid payments made after ``created_after``, still watched for a refund; oldest change first."""
        rows = await self.session.scalars(
            select(Payment)
            .where(Payment.status.in_(list(statuses)), Payment.created_at >= created_after)
            .order_by(Payment.updated_at, Payment.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [PaymentRecord.model_validate(row) for row in rows]

    async def set_status_if(
        self, payment_id: int, *, expected: str, status: str, now: datetime | None = None
    ) -> PaymentRecord | None:
        """Move the payment from ``expected`` to ``status`` (compare and set); ``None`` if it was not in
        ``expected`` any more (another poller or a webhook got there first)."""
        row = await self.session.scalar(
            update(Payment)
            .where(Payment.id == payment_id, Payment.status == expected)
            .values(status=status, updated_at=now or utc_now())
            .returning(Payment)
            .execution_options(populate_existing=True)
        )
        return None if row is None else PaymentRecord.model_validate(row)

    async def update(
        self,
        yandex_order_id: str,
        *,
        status: str | None = None,
        payment_url: str | None = None,
        expires_at: datetime | None = None,
        now: datetime | None = None,
    ) -> PaymentRecord | None:
        """Change what is given (``None`` keeps the stored value); ``None`` if there is no such payment."""
        values: dict[str, Any] = {"updated_at": now or utc_now()}
        if status is not None:
            values["status"] = status
        if payment_url is not None:
            values["payment_url"] = payment_url
        if expires_at is not None:
            values["expires_at"] = expires_at
        row = await self.session.scalar(
            update(Payment)
            .where(Payment.yandex_order_id == yandex_order_id)
            .values(**values)
            .returning(Payment)
            .execution_options(populate_existing=True)
        )
        return None if row is None else PaymentRecord.model_validate(row)

    async def add_event_if_new(
        self,
        payment_id: int,
        *,
        event_key: str,
        event_type: str,
        occurred_at: datetime,
        status: str | None = None,
        payload: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> PaymentEventRecord | None:
        """Record a webhook or polled change once; ``None`` when this ``event_key`` was already stored.

        Yandex repeats a notification for 24 h with a new JWT each time, so the key must come from
        the event's content (type, status, its own time), e.g. :func:`payment_event_key`.
        """
        stmt = (
            insert_for(self.session, PaymentEvent)
            .values(
                payment_id=payment_id,
                event_key=event_key,
                event_type=event_type,
                status=status,
                occurred_at=occurred_at,
                payload=payload,
                recorded_at=now or utc_now(),
            )
            .on_conflict_do_nothing(index_elements=[PaymentEvent.payment_id, PaymentEvent.event_key])
            .returning(PaymentEvent)
        )
        row = await self.session.scalar(stmt)
        return None if row is None else PaymentEventRecord.model_validate(row)

    async def get_event(self, payment_id: int, event_key: str) -> PaymentEventRecord | None:
        row = await self.session.scalar(
            select(PaymentEvent).where(
                PaymentEvent.payment_id == payment_id, PaymentEvent.event_key == event_key
            )
        )
        return None if row is None else PaymentEventRecord.model_validate(row)

    async def list_events(self, payment_id: int) -> list[PaymentEventRecord]:
        rows = await self.session.scalars(
            select(PaymentEvent)
            .where(PaymentEvent.payment_id == payment_id)
            .order_by(PaymentEvent.occurred_at, PaymentEvent.id)
        )
        return [PaymentEventRecord.model_validate(row) for row in rows]


def payment_event_key(event_type: str, status: str | None, occurred_at: datetime, extra: str = "") -> str:
    """A dedup key built from what identifies an event (not from the envelope that carried it)."""
    parts = [event_type, status or "", occurred_at.astimezone(UTC).isoformat()]
    if extra:
        parts.append(extra)
    return ":".join(parts)[:255]
