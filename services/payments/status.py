"""The payment status machine: local statuses, which moves are allowed, what a seller is told.

Local statuses are Yandex's ``paymentStatus`` values plus ``EXPIRED`` (the link ran out unpaid;
Yandex itself says FAILED then) and ``NOT_CREATED`` (Yandex refused or never received the order).
A status only moves forward (notifications may arrive out of order); a paid payment may still
move to ``PARTIALLY_REFUNDED`` and ``REFUNDED``, and a partial refund may grow.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from services.yandex_pay.models import OperationStatus, OperationType, OrderInfo, PaymentStatus

PENDING = PaymentStatus.PENDING.value
AUTHORIZED = PaymentStatus.AUTHORIZED.value
CAPTURED = PaymentStatus.CAPTURED.value
CONFIRMED = PaymentStatus.CONFIRMED.value
PARTIALLY_REFUNDED = PaymentStatus.PARTIALLY_REFUNDED.value
REFUNDED = PaymentStatus.REFUNDED.value
EXPIRED = "EXPIRED"
NOT_CREATED = "NOT_CREATED"

# Waiting for the buyer (or the bank): polled often.
POLLED_STATUSES: tuple[str, ...] = (PENDING, AUTHORIZED)
# Paid: still watched, slowly, for a refund (``PaymentService`` ``refund_watch``).
WATCHED_STATUSES: tuple[str, ...] = (CAPTURED, CONFIRMED, PARTIALLY_REFUNDED)


class PaymentOutcome(StrEnum):
    """What a seller (and a following customer) is told about."""

    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"

    @property
    def message_key(self) -> str:
        return f"push-payment-{self.value}"


_OUTCOMES: dict[str, PaymentOutcome] = {
    CAPTURED: PaymentOutcome.PAID,
    CONFIRMED: PaymentOutcome.PAID,
    PaymentStatus.FAILED.value: PaymentOutcome.FAILED,
    PaymentStatus.VOIDED.value: PaymentOutcome.FAILED,
    EXPIRED: PaymentOutcome.EXPIRED,
    REFUNDED: PaymentOutcome.REFUNDED,
    PARTIALLY_REFUNDED: PaymentOutcome.REFUNDED,
}

# How far along a payment is.
_RANK: dict[str, int] = {
    PENDING: 0,
    AUTHORIZED: 1,
    CAPTURED: 2,
    CONFIRMED: 2,
    PaymentStatus.FAILED.value: 2,
    PaymentStatus.VOIDED.value: 2,
    EXPIRED: 2,
    NOT_CREATED: 2,
    PARTIALLY_REFUNDED: 3,
    REFUNDED: 4,
}


def outcome_of(status: str) -> PaymentOutcome | None:
    return _OUTCOMES.get(status)


def may_move(current: str, new: str) -> bool:
    """Whether ``current`` may become ``new``.

    Forward only; among the finished statuses only a move to paid is taken (money that arrived
    after we closed the link as expired, CAPTURED → CONFIRMED), so a late FAILED never hides a
    payment, and a stale PENDING never reopens one.
    """
    if new == current or new not in _RANK:
        return False
    if current not in _RANK:
        return True
    here, there = _RANK[current], _RANK[new]
    if there > here:
        return True
    if there == here == 2:
        return outcome_of(new) is PaymentOutcome.PAID and current != CONFIRMED
    return False


def local_status(status: str, *, expired: bool) -> str:
    """Yandex's word, except that an unpaid link past its expiry is ``EXPIRED``."""
    if expired and status in (PENDING, PaymentStatus.FAILED.value):
        return EXPIRED
    return status


def refunded_amount(info: OrderInfo) -> Decimal | None:
    """The money given back so far: the successful REFUND operations of ``operations[]``."""
    total = Decimal(0)
    found = False
    for operation in info.operations:
        refund = operation.operation_type is OperationType.REFUND
        if refund and operation.status is OperationStatus.SUCCESS and operation.amount is not None:
            total += operation.amount
            found = True
    return total if found else None


__all__ = [
    "AUTHORIZED",
    "CAPTURED",
    "CONFIRMED",
    "EXPIRED",
    "NOT_CREATED",
    "PARTIALLY_REFUNDED",
    "PENDING",
    "POLLED_STATUSES",
    "REFUNDED",
    "WATCHED_STATUSES",
    "PaymentOutcome",
    "local_status",
    "may_move",
    "outcome_of",
    "refunded_amount",
]
