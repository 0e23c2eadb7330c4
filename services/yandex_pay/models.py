"""Pydantic models of the Yandex Pay merchant API, Uzbekistan (seeds 003 and 004).

Requests are strict (``extra="forbid"``) and check what the document asks before anything is
sent: currency UZS, amounts as decimal strings, the cart total equal to the sum of the item
totals, unique ``productId`` in the cart, ``180 <= ttl <= 604800``, redirect URLs, a valid
billing phone. Answers tolerate unknown fields, and unknown enum values become ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from services.common.phones import normalize_phone
from services.common.types import Money, MoneyStr

MIN_TTL = 180
MAX_TTL = 604_800
DEFAULT_TTL = 1800
DELIVERY_PRODUCT_ID = "delivery"


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=to_camel)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, alias_generator=to_camel)


def _check_amount(value: Decimal) -> Decimal:
    if not value.is_finite() or value < 0:
        raise ValueError("an amount must be a finite, non-negative number")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError("an amount has at most 2 decimal places")
    return value


# --- enums ------------------------------------------------------------------------------------


class PaymentStatus(StrEnum):
    """``order.paymentStatus`` (seed 004)."""

    PENDING = "PENDING"
    AUTHORIZED = "AUTHORIZED"
    CAPTURED = "CAPTURED"
    VOIDED = "VOIDED"
    REFUNDED = "REFUNDED"
    CONFIRMED = "CONFIRMED"
    PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED"
    FAILED = "FAILED"

    @property
    def is_paid(self) -> bool:
        """Money was taken and at least part of it kept (CAPTURED is "paid" in api-notes)."""
        return self in (PaymentStatus.CAPTURED, PaymentStatus.CONFIRMED, PaymentStatus.PARTIALLY_REFUNDED)

    @property
    def is_pending(self) -> bool:
        """The buyer has not finished (or the money is only held): poll or wait for a webhook."""
        return self in (PaymentStatus.PENDING, PaymentStatus.AUTHORIZED)

    @property
    def is_failed(self) -> bool:
        """Not paid and never will be under this orderId (expired, declined, cancelled)."""
        return self in (PaymentStatus.FAILED, PaymentStatus.VOIDED)


class OperationStatus(StrEnum):
    PENDING = "PENDING"
    SUCCESS = "SUCCESS"
    FAIL = "FAIL"


class OperationType(StrEnum):
    AUTHORIZE = "AUTHORIZE"
    BIND_CARD = "BIND_CARD"
    REFUND = "REFUND"
    CAPTURE = "CAPTURE"
    VOID = "VOID"
    RECURRING = "RECURRING"
    PREPAYMENT = "PREPAYMENT"
    SUBMIT = "SUBMIT"


class OrderSource(StrEnum):
    WEBSITE = "WEBSITE"
    APP = "APP"
    CRM = "CRM"
    CASH_REGISTER = "CASH_REGISTER"
    CMS_PLUGIN = "CMS_PLUGIN"


E = TypeVar("E", bound=StrEnum)


def _lenient(enum: type[E]) -> BeforeValidator:
    """Unknown enum values in an answer become ``None`` instead of failing the whole answer."""

    def parse(value: object) -> object:
        if value is None or isinstance(value, enum):
            return value
        try:
            return enum(str(value))
        except ValueError:
            return None

    return BeforeValidator(parse)


# --- create order (seed 003) ------------------------------------------------------------------


class ItemQuantity(_Request):
    count: MoneyStr
    available: MoneyStr | None = None

    @field_validator("count")
    @classmethod
    def _positive(cls, value: Decimal) -> Decimal:
        if not value.is_finite() or value <= 0:
            raise ValueError("quantity.count must be positive")
        return value


class CartItemFeatures(_Request):
    points_disabled: bool | None = None
    tariff_modifier: Literal["VERY_LOW", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"] | None = None


class CartItem(_Request):
    """One cart line (``RenderedCartItem``); ``total`` is the line total after discounts."""

    product_id: str = Field(min_length=1, max_length=2048)
    title: str = Field(min_length=1, max_length=2048)
    quantity: ItemQuantity
    total: MoneyStr
    unit_price: MoneyStr | None = None
    discounted_unit_price: MoneyStr | None = None
    subtotal: MoneyStr | None = None
    description: str | None = Field(None, max_length=2048)
    sku_id: str | None = Field(None, max_length=2048)
    features: CartItemFeatures | None = None

    @field_validator("total", "unit_price", "discounted_unit_price", "subtotal")
    @classmethod
    def _amount(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else _check_amount(value)

    @classmethod
    def line(
        cls,
        product_id: str,
        title: str,
        unit_price: Decimal,
        quantity: Decimal | int = 1,
        *,
        discounted_unit_price: Decimal | None = None,
        description: str | None = None,
    ) -> CartItem:
        """A line whose subtotal and total are computed from the unit price and the quantity."""
        count = Decimal(quantity)
        price = discounted_unit_price if discounted_unit_price is not None else unit_price
        return cls(
            product_id=product_id,
            title=title,
            quantity=ItemQuantity(count=count),
            unit_price=unit_price,
            discounted_unit_price=discounted_unit_price,
            subtotal=unit_price * count,
            total=price * count,
            description=description,
        )


class CartTotal(_Request):
    amount: MoneyStr

    @field_validator("amount")
    @classmethod
    def _amount(cls, value: Decimal) -> Decimal:
        return _check_amount(value)


class RenderedCart(_Request):
    """The cart sent with a new order. The delivery price is one more item (seed 003)."""

    items: list[CartItem] = Field(min_length=1)
    total: CartTotal
    external_id: str | None = Field(None, max_length=2048)

    @model_validator(mode="after")
    def _consistent(self) -> RenderedCart:
        seen: set[str] = set()
        for item in self.items:
            if item.product_id in seen:
                raise ValueError(f"productId {item.product_id!r} appears twice in the cart")
            seen.add(item.product_id)
        expected = sum((item.total for item in self.items), Decimal(0))
        if expected != self.total.amount:
            raise ValueError(f"cart.total.amount {self.total.amount} != sum of item totals {expected}")
        return self


def build_cart(
    items: Iterable[CartItem],
    *,
    delivery_price: Decimal | None = None,
    delivery_title: str = "Yetkazib berish",
    delivery_product_id: str = DELIVERY_PRODUCT_ID,
    external_id: str | None = None,
) -> RenderedCart:
    """A cart of ``items`` plus the delivery as its own item, with the total computed.

    A zero or missing delivery price adds no item (free delivery needs no line).
    """
    lines = list(items)
    if delivery_price is not None and delivery_price > 0:
        lines.append(CartItem.line(delivery_product_id, delivery_title, delivery_price))
    total = sum((line.total for line in lines), Decimal(0))
    return RenderedCart(items=lines, total=CartTotal(amount=total), external_id=external_id)


class RedirectUrls(_Request):
    """Where the payment form sends the buyer back; success and error are required online."""

    on_success: str = Field(min_length=1, max_length=2048)
    on_error: str = Field(min_length=1, max_length=2048)
    on_abort: str | None = Field(None, max_length=2048)


class CreateOrderRequest(_Request):
    """``POST /v1/orders``. ``order_id`` is ours: one per payment attempt."""

    order_id: str = Field(min_length=1, max_length=2048)
    cart: RenderedCart
    redirect_urls: RedirectUrls
    currency_code: Literal["UZS"] = "UZS"
    ttl: int = Field(DEFAULT_TTL, ge=MIN_TTL, le=MAX_TTL)
    billing_phone: str | None = None
    metadata: str | None = Field(None, max_length=2048)
    purpose: str | None = Field(None, max_length=1000)
    order_source: OrderSource | None = None
    is_prepayment: bool | None = None
    available_payment_methods: list[str] | None = Field(None, min_length=1)
    preferred_payment_method: Literal["FULLPAYMENT", "SPLIT"] | None = None

    @field_validator("billing_phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else normalize_phone(value)


class CreateOrderResult(BaseModel):
    """What ``create_order`` returns.

    ``existed`` is True when the orderId was already known to Yandex (a retry whose first
    answer was lost, or a repeated call) and the order was read back; then ``payment_url`` is
    the one Yandex returned for it, ``None`` if the read-back carried none, and
    ``payment_status`` says whether it is already paid.
    """

    order_id: str
    payment_url: str | None
    existed: bool = False
    payment_status: PaymentStatus | None = None


class CreateOrderData(_Answer):
    payment_url: str = Field(min_length=1)


# --- get order (seed 004) ---------------------------------------------------------------------


def _drop_nulls(value: object) -> object:
    return [v for v in value if v is not None] if isinstance(value, list) else value


class OrderCartItem(_Answer):
    product_id: str | None = None
    title: str | None = None
    quantity: dict[str, Any] | None = None
    total: Money | None = None
    unit_price: Money | None = None
    discounted_unit_price: Money | None = None
    subtotal: Money | None = None
    final_price: Money | None = None


class OrderCartTotal(_Answer):
    amount: Money | None = None


class OrderCart(_Answer):
    cart_id: str | None = None
    external_id: str | None = None
    items: Annotated[list[OrderCartItem], BeforeValidator(_drop_nulls)] = Field(default_factory=list)
    total: OrderCartTotal | None = None


class PaymentMethod(_Answer):
    method_type: str | None = None
    card_last4: str | None = None
    card_network: str | None = None


class Order(_Answer):
    order_id: str
    payment_status: Annotated[PaymentStatus | None, _lenient(PaymentStatus)] = None
    payment_url: str | None = None
    order_amount: Money | None = None
    currency_code: str | None = None
    cart: OrderCart | None = None
    merchant_id: str | None = None
    metadata: str | None = None
    reason: str | None = None
    is_prepayment: bool | None = None
    payment_method: PaymentMethod | None = None
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    cooling_period_expires_at: dt.datetime | None = None


class Operation(_Answer):
    operation_id: str | None = None
    operation_type: Annotated[OperationType | None, _lenient(OperationType)] = None
    status: Annotated[OperationStatus | None, _lenient(OperationStatus)] = None
    amount: Money | None = None
    order_id: str | None = None
    external_operation_id: str | None = None
    approval_code: str | None = None
    reason: str | None = None
    params: dict[str, Any] | None = None
    created: dt.datetime | None = None
    updated: dt.datetime | None = None


class Delivery(_Answer):
    price: Money | None = None
    actual_price: Money | None = None
    status: str | None = None
    created: dt.datetime | None = None
    updated: dt.datetime | None = None


class OrderInfo(_Answer):
    """``GET /v1/orders/{order_id}``: the order, its operations (captures, refunds), delivery."""

    order: Order
    operations: Annotated[list[Operation], BeforeValidator(_drop_nulls)] = Field(default_factory=list)
    delivery: Delivery | None = None

    @property
    def payment_status(self) -> PaymentStatus | None:
        return self.order.payment_status

    @property
    def payment_url(self) -> str | None:
        return self.order.payment_url
