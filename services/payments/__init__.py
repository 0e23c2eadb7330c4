"""Yandex Pay for sellers: merchant settings, payment links, and what becomes of each payment.

- ``merchants``: a seller's merchant id and key, checked then stored encrypted;
- ``links``: one Yandex order per request (idempotency key), redirects through the caller's
  deep-link builder;
- ``status``: the status machine (which moves are allowed, what a seller is told);
- ``machine``: a change applied with its event and its pushes in one transaction;
- ``polling``: unfinished payments polled with backoff, paid ones watched for a refund;
- ``webhook``: notifications verified, checked against the owner's merchant, and re-read;
- ``service``: :class:`PaymentService`, the one object the bot holds.
"""

from services.common.deeplinks import parse_start_payload as _parse
from services.common.deeplinks import start_payload
from services.payments.links import DEFAULT_TTL_SECONDS, TTL_CHOICES, cart_lines
from services.payments.service import PaymentService
from services.payments.status import (
    EXPIRED,
    NOT_CREATED,
    PARTIALLY_REFUNDED,
    PENDING,
    POLLED_STATUSES,
    WATCHED_STATUSES,
    PaymentOutcome,
    may_move,
    outcome_of,
)
from services.payments.views import (
    InvalidMerchant,
    MerchantNotConfigured,
    MerchantView,
    NothingToPay,
    PaymentChange,
    PaymentCreateUnsure,
    PaymentInProgress,
    PaymentLink,
    PaymentNotFound,
    PaymentView,
    WebhookResult,
    money_held,
)

START_PAID = "paid"
START_FAIL = "fail"


def parse_start_payload(payload: str) -> tuple[str, str] | None:
    """``("paid" | "fail", yandex order id)`` from a ``/start`` parameter, ``None`` if it is not one."""
    return _parse(payload, (START_PAID, START_FAIL))


__all__ = [
    "DEFAULT_TTL_SECONDS",
    "EXPIRED",
    "NOT_CREATED",
    "PARTIALLY_REFUNDED",
    "PENDING",
    "POLLED_STATUSES",
    "START_FAIL",
    "START_PAID",
    "TTL_CHOICES",
    "WATCHED_STATUSES",
    "InvalidMerchant",
    "MerchantNotConfigured",
    "MerchantView",
    "NothingToPay",
    "PaymentChange",
    "PaymentCreateUnsure",
    "PaymentInProgress",
    "PaymentLink",
    "PaymentNotFound",
    "PaymentOutcome",
    "PaymentService",
    "PaymentView",
    "WebhookResult",
    "cart_lines",
    "may_move",
    "money_held",
    "outcome_of",
    "parse_start_payload",
    "start_payload",
]
