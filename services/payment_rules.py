"""When a payment link for an order makes sense: a customer is never asked to pay twice.

Two rules, kept apart from the link machinery (``services.payments``) so every way of making a
link asks the same question:

- no link for an order that is over: cancelled, returned or delivered (the customer either
  has nothing to pay for or has already paid the courier);
- an order with cash on delivery already has the customer paying the courier: the seller is
  told the amount before offering a link on top (``collected_on_delivery``).
"""

from __future__ import annotations

from decimal import Decimal

from services import statuses
from services.errors import DomainError
from services.orders import OrderView

CLOSED = (
    statuses.StatusCategory.CANCELLED,
    statuses.StatusCategory.RETURNED,
    statuses.StatusCategory.DELIVERED,
)


class OrderClosedForPayment(DomainError):
    """The order is cancelled, returned or delivered: no payment link for it."""

    def __init__(self, category: statuses.StatusCategory) -> None:
        super().__init__(category.value)
        self.category = category
        self.key = f"payment-order-closed-{category.value}"


def closed_for_payment(order: OrderView) -> statuses.StatusCategory | None:
    """Why no link may be made for ``order`` (its status category), or ``None`` when one may."""
    if order.status_code is None:
        return None
    category = statuses.local_status(order.status_code).category
    return category if category in CLOSED else None


def ensure_open_for_payment(order: OrderView) -> None:
    """Raises ``OrderClosedForPayment`` for a cancelled, returned or delivered order."""
    category = closed_for_payment(order)
    if category is not None:
        raise OrderClosedForPayment(category)


def collected_on_delivery(order: OrderView) -> Decimal | None:
    """What the courier already collects from the customer (cash on delivery), if anything."""
    return order.cod_amount if order.cod_amount is not None and order.cod_amount > 0 else None
