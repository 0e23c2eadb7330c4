"""What the bot gets from the payment service: views, links, changes, and the domain errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from services.errors import DomainError
from services.payments.status import (
    PARTIALLY_REFUNDED,
    POLLED_STATUSES,
    WATCHED_STATUSES,
    PaymentOutcome,
    outcome_of,
)
from storage.schemas import PaymentRecord

# --- errors -------------------------------------------------------------------------------------


class MerchantNotConfigured(DomainError):
    """The seller has no Yandex Pay merchant saved (Settings → Yandex Pay)."""

    key = "payment-merchant-missing"


class InvalidMerchant(DomainError):
    key = "payment-merchant-invalid"


class NothingToPay(DomainError):
    """The order has no priced item and no delivery cost, or the amount is not positive."""

    key = "payment-nothing-to-pay"


class PaymentCreateUnsure(DomainError):
    """The create went out and no answer confirmed it: the poller will find out what happened."""

    key = "payment-create-unsure"

    def __init__(self, payment_id: int) -> None:
        super().__init__(payment_id)
        self.payment_id = payment_id


class PaymentInProgress(DomainError):
    """The same request (a second tap) while the first one is still being made."""

    key = "payment-link-in-progress"


class PaymentNotFound(DomainError):
    key = "payment-not-found"


# --- views ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MerchantView:
    """The saved merchant, never with its key."""

    merchant_id: str
    sandbox: bool
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PaymentView:
    id: int
    yandex_order_id: str
    owner_id: int | None
    order_id: int | None
    amount: Decimal
    currency: str
    status: str
    url: str | None
    expires_at: datetime | None
    sandbox: bool
    created_at: datetime
    purpose: str | None = None
    refunded: Decimal | None = None  # money given back so far (``operations[]``), when known

    @property
    def outcome(self) -> PaymentOutcome | None:
        return outcome_of(self.status)

    @property
    def is_open(self) -> bool:
        """Still waiting for the buyer (or for the bank)."""
        return self.status in POLLED_STATUSES

    @property
    def held(self) -> Decimal:
        """The money the seller still holds from this payment: paid, less what was refunded.
        (Yandex Pay's merchant API in our documents has no refund route: refunds are made in the
        Yandex Pay console, and the payment watch sees them.)"""
        if self.status not in WATCHED_STATUSES:
            return Decimal(0)
        if self.status == PARTIALLY_REFUNDED:
            return max(Decimal(0), self.amount - (self.refunded or Decimal(0)))
        return self.amount


def money_held(payments: Sequence[PaymentView]) -> Decimal:
    """What the payments of one order still hold (the refund a cancelled order is owed)."""
    return sum((payment.held for payment in payments), Decimal(0))


@dataclass(frozen=True, slots=True)
class PaymentLink:
    """A payment link: the Pay button's URL, the link to copy, the QR picture.

    ``repeated`` is set when the same request (the same idempotency key) had made it before:
    the bot shows nothing new then.
    """

    payment_id: int
    yandex_order_id: str
    url: str
    amount: Decimal
    expires_at: datetime
    qr_png: bytes
    order_id: int | None = None
    purpose: str | None = None
    sandbox: bool = False
    currency: str = "UZS"
    repeated: bool = False


@dataclass(frozen=True, slots=True)
class PaymentChange:
    """A status change that was stored (and pushed when ``outcome`` is set)."""

    payment_id: int
    yandex_order_id: str
    owner_id: int | None
    order_id: int | None
    previous: str
    status: str
    outcome: PaymentOutcome | None
    source: str  # "poll", "webhook" or "create"
    notified: tuple[int, ...] = ()  # chats a push was enqueued for
    refunded: Decimal | None = None


@dataclass(frozen=True, slots=True)
class WebhookResult:
    """What to answer Yandex: ``status`` is the HTTP status (200 also for a replay)."""

    status: int
    detail: str
    change: PaymentChange | None = None


def parse_decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def view_of(
    record: PaymentRecord, purpose: str | None = None, refunded: Decimal | None = None
) -> PaymentView:
    return PaymentView(
        id=record.id,
        yandex_order_id=record.yandex_order_id,
        owner_id=record.owner_id,
        order_id=record.order_id,
        amount=record.amount,
        currency=record.currency,
        status=record.status,
        url=record.payment_url,
        expires_at=record.expires_at,
        sandbox=record.sandbox,
        created_at=record.created_at,
        purpose=purpose,
        refunded=refunded,
    )


__all__ = [
    "InvalidMerchant",
    "MerchantNotConfigured",
    "MerchantView",
    "NothingToPay",
    "PaymentChange",
    "PaymentCreateUnsure",
    "PaymentInProgress",
    "PaymentLink",
    "PaymentNotFound",
    "PaymentView",
    "WebhookResult",
    "parse_decimal",
    "view_of",
]
