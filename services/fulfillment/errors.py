"""Refusals of the fulfillment domain (the bot names each by ``key``)."""

from __future__ import annotations

from services.errors import DomainError


class WmsNotConnected(DomainError):
    """The user has no WMS account connected."""

    key = "ff-not-connected"


class UnknownProduct(DomainError):
    key = "ff-unknown-product"


class UnknownFulfillmentOrder(DomainError):
    key = "ff-unknown-order"


class OrderCreateUnsure(DomainError):
    """The WMS may or may not have the order (the answer was lost); it is never re-sent."""

    key = "ff-order-unsure"

    def __init__(self, order_id: int) -> None:
        super().__init__(order_id)
        self.order_id = order_id


class InvalidOrderDraft(DomainError):
    key = "ff-invalid-draft"
