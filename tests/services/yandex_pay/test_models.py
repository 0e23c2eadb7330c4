"""Yandex Pay request validation (seed 003) and answer parsing (seed 004)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from services.yandex_pay.models import (
    CartItem,
    CartTotal,
    CreateOrderRequest,
    OperationStatus,
    OperationType,
    OrderInfo,
    PaymentStatus,
    RedirectUrls,
    RenderedCart,
    build_cart,
)

REDIRECTS = RedirectUrls(
    on_success="https://t.me/shop_bot?start=paid", on_error="https://t.me/shop_bot?start=fail"
)


def shirt(quantity: int = 2) -> CartItem:
    return CartItem.line("sku-1", "Futbolka", Decimal("50000.00"), quantity)


def request(cart: RenderedCart | None = None, **overrides: object) -> CreateOrderRequest:
    fields: dict[str, object] = {
        "order_id": "bot-1-1",
        "cart": cart or build_cart([shirt()]),
        "redirect_urls": REDIRECTS,
    }
    fields.update(overrides)
    return CreateOrderRequest.model_validate(fields)


def test_request_goes_out_in_camel_case_with_decimal_strings() -> None:
    body = request(billing_phone="+998 (90) 123-45-67", metadata="seller=7").to_json()
    assert body["orderId"] == "bot-1-1"
    assert body["currencyCode"] == "UZS"
    assert body["ttl"] == 1800
    assert body["billingPhone"] == "+998901234567"
    assert body["redirectUrls"] == {
        "onSuccess": "https://t.me/shop_bot?start=paid",
        "onError": "https://t.me/shop_bot?start=fail",
    }
    item = body["cart"]["items"][0]
    assert item == {
        "productId": "sku-1",
        "title": "Futbolka",
        "quantity": {"count": "2"},
        "total": "100000.00",
        "unitPrice": "50000.00",
        "subtotal": "100000.00",
    }
    assert body["cart"]["total"] == {"amount": "100000.00"}


def test_cart_total_must_equal_the_sum_of_item_totals() -> None:
    with pytest.raises(ValidationError, match=r"cart\.total\.amount"):
        RenderedCart(items=[shirt()], total=CartTotal(amount=Decimal("99999.99")))
    cart = RenderedCart(items=[shirt()], total=CartTotal(amount=Decimal("100000")))
    assert cart.total.amount == Decimal("100000.00")


def test_product_ids_must_be_unique() -> None:
    with pytest.raises(ValidationError, match="appears twice"):
        build_cart([shirt(), shirt(1)])


def test_delivery_is_its_own_item() -> None:
    cart = build_cart([shirt()], delivery_price=Decimal("25000"))
    assert [i.product_id for i in cart.items] == ["sku-1", "delivery"]
    delivery = cart.items[1]
    assert delivery.title == "Yetkazib berish"
    assert delivery.total == Decimal("25000")
    assert delivery.quantity.count == Decimal(1)
    assert cart.total.amount == Decimal("125000.00")


def test_free_delivery_adds_no_item_and_a_clashing_id_is_refused() -> None:
    assert [i.product_id for i in build_cart([shirt()], delivery_price=Decimal(0)).items] == ["sku-1"]
    clash = CartItem.line("delivery", "Yetkazish xizmati", Decimal(1000))
    with pytest.raises(ValidationError):
        build_cart([clash], delivery_price=Decimal(5000))


def test_discounted_line_totals() -> None:
    line = CartItem.line("sku-2", "Shim", Decimal("80000"), 3, discounted_unit_price=Decimal("70000"))
    assert line.subtotal == Decimal("240000")
    assert line.total == Decimal("210000")


@pytest.mark.parametrize("ttl", [180, 1800, 604_800])
def test_ttl_in_range(ttl: int) -> None:
    assert request(ttl=ttl).ttl == ttl


@pytest.mark.parametrize("ttl", [0, 179, 604_801])
def test_ttl_out_of_range(ttl: int) -> None:
    with pytest.raises(ValidationError, match="ttl"):
        request(ttl=ttl)


@pytest.mark.parametrize(
    "overrides",
    [
        {"currency_code": "RUB"},
        {"billing_phone": "12345"},
        {"order_id": ""},
        {"redirect_urls": None},
        {"unknown_field": 1},
    ],
)
def test_refused_requests(overrides: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        request(**overrides)


@pytest.mark.parametrize("amount", ["-1", "10.001", "NaN"])
def test_bad_amounts(amount: str) -> None:
    with pytest.raises(ValidationError):
        CartItem.line("x", "X", Decimal(amount))


def test_empty_cart_is_refused() -> None:
    with pytest.raises(ValidationError):
        RenderedCart(items=[], total=CartTotal(amount=Decimal(0)))


SEED_004_ANSWER = {
    "delivery": {
        "actualPrice": "123.45",
        "created": "2025-01-01T00:00:00Z",
        "price": "123.45",
        "status": "NEW",
        "updated": "2025-01-01T00:00:00Z",
    },
    "operations": [
        {
            "amount": "123.45",
            "approvalCode": "example",
            "created": "2025-01-01T00:00:00Z",
            "externalOperationId": "example",
            "operationId": "123e4567-e89b-12d3-a456-426614174000",
            "operationType": "AUTHORIZE",
            "orderId": "example",
            "params": {},
            "reason": "example",
            "status": "PENDING",
            "updated": "2025-01-01T00:00:00Z",
        }
    ],
    "order": {
        "cart": {
            "cartId": "example",
            "coupons": [None],
            "discounts": [None],
            "externalId": "example",
            "items": [None],
            "measurements": {},
            "total": None,
        },
        "coolingPeriodExpiresAt": "2025-01-01T00:00:00Z",
        "created": "2025-01-01T00:00:00Z",
        "currencyCode": "RUB",
        "isPrepayment": False,
        "merchantId": "123e4567-e89b-12d3-a456-426614174000",
        "metadata": "example",
        "orderAmount": "123.45",
        "orderId": "example",
        "paymentMethod": {"cardLast4": "example", "cardNetwork": "AMEX", "methodType": "SPLIT"},
        "paymentStatus": "PENDING",
        "paymentUrl": "example",
        "reason": "example",
        "updated": "2025-01-01T00:00:00Z",
        "someFieldAddedLater": {"x": 1},
    },
}


def test_seed_004_example_parses() -> None:
    info = OrderInfo.model_validate(SEED_004_ANSWER)
    assert info.payment_status is PaymentStatus.PENDING
    assert info.order.order_amount == Decimal("123.45")
    assert info.order.cart is not None and info.order.cart.items == []
    assert info.operations[0].operation_type is OperationType.AUTHORIZE
    assert info.operations[0].status is OperationStatus.PENDING
    assert info.operations[0].amount == Decimal("123.45")
    assert info.delivery is not None and info.delivery.price == Decimal("123.45")
    assert info.payment_url == "example"


def test_unknown_enum_values_become_none() -> None:
    answer = {
        "order": {"orderId": "x", "paymentStatus": "SOMETHING_NEW"},
        "operations": [{"status": "WEIRD"}],
    }
    info = OrderInfo.model_validate(answer)
    assert info.payment_status is None
    assert info.operations[0].status is None


def test_status_groups() -> None:
    assert {s for s in PaymentStatus if s.is_paid} == {
        PaymentStatus.CAPTURED,
        PaymentStatus.CONFIRMED,
        PaymentStatus.PARTIALLY_REFUNDED,
    }
    assert {s for s in PaymentStatus if s.is_pending} == {PaymentStatus.PENDING, PaymentStatus.AUTHORIZED}
    assert {s for s in PaymentStatus if s.is_failed} == {PaymentStatus.FAILED, PaymentStatus.VOIDED}
