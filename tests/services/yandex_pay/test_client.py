"""YandexPayClient against the in-memory Yandex Pay fake."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr

from services.common.errors import AuthFailed, OutcomeUnknown
from services.common.http import RetryPolicy
from services.yandex_pay.client import YandexPayClient
from services.yandex_pay.errors import (
    YandexPayAuthError,
    YandexPayBadResponse,
    YandexPayConflict,
    YandexPayForbidden,
    YandexPayNotFound,
    YandexPayOutcomeUnknown,
    YandexPayRateLimited,
    YandexPayUnavailable,
    YandexPayValidationError,
)
from services.yandex_pay.models import (
    CartItem,
    CreateOrderRequest,
    OperationStatus,
    OperationType,
    PaymentStatus,
    RedirectUrls,
    build_cart,
)
from tests.fakes.base import Fault
from tests.fakes.yandex_pay.fixtures import FAST_RETRY, YANDEX_MERCHANT_ID
from tests.fakes.yandex_pay.server import YandexPayFake

REDIRECTS = RedirectUrls(on_success="https://example.uz/paid", on_error="https://example.uz/failed")


def order(
    order_id: str = "seller7-order42-1", price: str = "50000.00", delivery: str = "25000"
) -> CreateOrderRequest:
    cart = build_cart(
        [CartItem.line("sku-1", "Futbolka", Decimal(price), 2)],
        delivery_price=Decimal(delivery),
    )
    return CreateOrderRequest(
        order_id=order_id, cart=cart, redirect_urls=REDIRECTS, billing_phone="90 123 45 67", ttl=3600
    )


# --- create -----------------------------------------------------------------------------------


async def test_create_order_returns_the_payment_url(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    result = await yandex_client.create_order(order())
    assert result.order_id == "seller7-order42-1"
    assert result.payment_url == f"{yandex_fake.url}/pay/{YANDEX_MERCHANT_ID}/seller7-order42-1"
    assert not result.existed

    stored = yandex_fake.order("seller7-order42-1")
    assert stored.amount == Decimal("125000.00")
    assert stored.body["cart"]["items"][1] == {
        "productId": "delivery",
        "title": "Yetkazib berish",
        "quantity": {"count": "1"},
        "total": "25000",
        "unitPrice": "25000",
        "subtotal": "25000",
    }
    assert stored.body["billingPhone"] == "+998901234567"
    assert stored.body["ttl"] == 3600


async def test_headers(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    await yandex_client.create_order(order())
    await yandex_client.get_order("seller7-order42-1")
    post, get = yandex_fake.calls
    assert post.authorization == f"Api-Key {YANDEX_MERCHANT_ID}"
    assert uuid.UUID(post.request_id or "")
    assert post.timeout_ms == "5000"
    assert post.attempt == "0"
    assert get.route == "v1/orders/{id}" and get.attempt == "0"
    assert get.request_id != post.request_id  # a new id per call


async def test_create_retries_keep_the_request_id_and_count_attempts(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders", Fault(status=503), times=1)
    yandex_fake.faults.add("v1/orders", Fault(status=429, retry_after=1.0), times=1)
    result = await yandex_client.create_order(order(), request_id="fixed-request-id")
    assert result.payment_url is not None and not result.existed
    assert yandex_fake.request_ids() == ["fixed-request-id"] * 3
    assert yandex_fake.attempts() == ["0", "1", "2"]
    assert len(yandex_fake.orders) == 1


async def test_conflict_is_read_back(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    first = await yandex_client.create_order(order())
    again = await yandex_client.create_order(order())
    assert again.existed
    assert again.payment_url == first.payment_url
    assert again.payment_status is PaymentStatus.PENDING
    assert [c.route for c in yandex_fake.calls] == ["v1/orders", "v1/orders", "v1/orders/{id}"]
    assert len(yandex_fake.orders) == 1


async def test_repeat_without_conflict_returns_the_existing_link(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.conflict_on_repeat = False
    first = await yandex_client.create_order(order())
    again = await yandex_client.create_order(order())
    assert again.payment_url == first.payment_url
    assert yandex_fake.count("v1/orders/{id}") == 0


async def test_order_id_reused_for_another_cart_is_a_conflict(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    await yandex_client.create_order(order(price="50000.00"))
    with pytest.raises(YandexPayConflict):
        await yandex_client.create_order(order(price="60000.00"))


async def test_conflict_read_back_of_a_paid_order(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    await yandex_client.create_order(order())
    yandex_fake.mark_paid("seller7-order42-1")
    again = await yandex_client.create_order(order())
    assert again.existed and again.payment_status is PaymentStatus.CAPTURED


async def test_lost_create_answer_is_resent_and_resolved_by_read_back(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders", Fault(drop=True, after=True))
    result = await yandex_client.create_order(order())
    assert result.existed
    assert result.payment_url == yandex_fake.order("seller7-order42-1").payment_url
    assert len(yandex_fake.orders) == 1
    posts = [c for c in yandex_fake.calls if c.route == "v1/orders"]
    assert [c.attempt for c in posts] == ["0", "1"]
    assert posts[0].request_id == posts[1].request_id


async def test_create_500_after_processing_is_resolved(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders", Fault(status=500, after=True))
    result = await yandex_client.create_order(order())
    assert result.existed and result.payment_url is not None
    assert len(yandex_fake.orders) == 1


async def test_create_timeout_is_resent_with_the_same_order_id(yandex_fake: YandexPayFake) -> None:
    yandex_fake.faults.add("v1/orders", Fault(latency=0.3))
    async with httpx.AsyncClient() as http:
        client = YandexPayClient(
            http,
            yandex_fake.base_url,
            SecretStr(YANDEX_MERCHANT_ID),
            retry=FAST_RETRY,
            request_timeout_ms=100,
        )
        result = await client.create_order(order())
    assert result.payment_url == yandex_fake.order("seller7-order42-1").payment_url
    assert len(yandex_fake.orders) == 1
    assert yandex_fake.calls[0].timeout_ms == "100"
    assert len(set(yandex_fake.request_ids())) == 1


async def test_create_failing_every_time_after_a_possible_send_is_outcome_unknown(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders", Fault(status=500), times=None)
    with pytest.raises(YandexPayOutcomeUnknown) as info:
        await yandex_client.create_order(order())
    assert isinstance(info.value, OutcomeUnknown)
    assert info.value.request_id == yandex_fake.request_ids()[0]
    assert yandex_fake.count("v1/orders") == FAST_RETRY.attempts


async def test_create_refused_every_time_with_503_is_unavailable(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders", Fault(status=503), times=None)
    with pytest.raises(YandexPayUnavailable):
        await yandex_client.create_order(order())
    assert yandex_fake.orders == {}


async def test_429_waits_for_retry_after(yandex_fake: YandexPayFake) -> None:
    yandex_fake.faults.add("v1/orders", Fault(status=429, retry_after=0.2))
    policy = RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.002, max_retry_after=1.0)
    async with httpx.AsyncClient() as http:
        client = YandexPayClient(http, yandex_fake.base_url, SecretStr(YANDEX_MERCHANT_ID), retry=policy)
        await client.create_order(order())
    first, second = yandex_fake.calls
    assert second.at - first.at >= 0.18  # a lower bound: the client waited as told


async def test_429_without_retries_carries_retry_after(yandex_fake: YandexPayFake) -> None:
    yandex_fake.faults.add("v1/orders/{id}", Fault(status=429, retry_after=12.0))
    async with httpx.AsyncClient() as http:
        client = YandexPayClient(
            http, yandex_fake.base_url, SecretStr(YANDEX_MERCHANT_ID), retry=RetryPolicy(attempts=1)
        )
        with pytest.raises(YandexPayRateLimited) as info:
            await client.get_order("any")
    assert info.value.retry_after == 12


async def test_unreadable_create_answer_is_read_back(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders", Fault(malformed=True, after=True))
    result = await yandex_client.create_order(order())
    assert not result.existed
    assert result.payment_url == yandex_fake.order("seller7-order42-1").payment_url
    assert yandex_fake.count("v1/orders") == 1


# --- get --------------------------------------------------------------------------------------


async def test_get_order(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    created = await yandex_client.create_order(order())
    info = await yandex_client.get_order("seller7-order42-1")
    assert info.payment_status is PaymentStatus.PENDING
    assert info.payment_url == created.payment_url
    assert info.order.order_amount == Decimal("125000.00")
    assert info.order.currency_code == "UZS"
    assert info.order.cart is not None and [i.product_id for i in info.order.cart.items] == [
        "sku-1",
        "delivery",
    ]
    assert info.operations == []


@pytest.mark.parametrize(
    ("status", "operation"),
    [
        (PaymentStatus.AUTHORIZED, OperationType.AUTHORIZE),
        (PaymentStatus.CAPTURED, OperationType.CAPTURE),
        (PaymentStatus.CONFIRMED, OperationType.CAPTURE),
        (PaymentStatus.VOIDED, OperationType.VOID),
        (PaymentStatus.REFUNDED, OperationType.REFUND),
        (PaymentStatus.PARTIALLY_REFUNDED, OperationType.REFUND),
        (PaymentStatus.FAILED, OperationType.AUTHORIZE),
    ],
)
async def test_statuses(
    yandex_fake: YandexPayFake,
    yandex_client: YandexPayClient,
    status: PaymentStatus,
    operation: OperationType,
) -> None:
    await yandex_client.create_order(order())
    yandex_fake.set_status("seller7-order42-1", status)
    info = await yandex_client.get_order("seller7-order42-1")
    assert info.payment_status is status
    assert [op.operation_type for op in info.operations] == [operation]
    expected = OperationStatus.FAIL if status is PaymentStatus.FAILED else OperationStatus.SUCCESS
    assert info.operations[0].status is expected


async def test_paid_then_partially_refunded(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    await yandex_client.create_order(order())
    yandex_fake.mark_paid("seller7-order42-1")
    yandex_fake.mark_refunded("seller7-order42-1", Decimal("25000"))
    info = await yandex_client.get_order("seller7-order42-1")
    assert info.payment_status is PaymentStatus.PARTIALLY_REFUNDED
    assert info.payment_status.is_paid
    capture, refund = info.operations
    assert capture.amount == Decimal("125000.00")
    assert refund.operation_type is OperationType.REFUND and refund.amount == Decimal("25000")


async def test_expired_and_failed_orders(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    await yandex_client.create_order(order("a"))
    await yandex_client.create_order(order("b"))
    yandex_fake.expire("a")
    yandex_fake.mark_failed("b", reason="Insufficient funds")
    a, b = await yandex_client.get_order("a"), await yandex_client.get_order("b")
    assert a.payment_status is PaymentStatus.FAILED and a.order.reason == "Order expired"
    assert b.payment_status is PaymentStatus.FAILED and b.order.reason == "Insufficient funds"


async def test_get_is_retried_on_5xx_with_one_request_id(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    await yandex_client.create_order(order())
    yandex_fake.faults.add("v1/orders/{id}", Fault(status=500))
    yandex_fake.faults.add("v1/orders/{id}", Fault(status=502))
    info = await yandex_client.get_order("seller7-order42-1")
    assert info.payment_status is PaymentStatus.PENDING
    assert yandex_fake.attempts("v1/orders/{id}") == ["0", "1", "2"]
    assert len(set(yandex_fake.request_ids("v1/orders/{id}"))) == 1


async def test_get_is_retried_on_a_dropped_connection(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    await yandex_client.create_order(order())
    yandex_fake.faults.add("v1/orders/{id}", Fault(drop=True))
    assert (await yandex_client.get_order("seller7-order42-1")).payment_url is not None
    assert yandex_fake.count("v1/orders/{id}") == 2


# --- error shapes -----------------------------------------------------------------------------


async def test_unknown_order_is_not_found_and_not_retried(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    with pytest.raises(YandexPayNotFound) as info:
        await yandex_client.get_order("nope")
    assert info.value.reason_code == "ORDER_NOT_FOUND"
    assert info.value.status_code == 404
    assert yandex_fake.count("v1/orders/{id}") == 1


async def test_other_merchants_orders_are_not_visible(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    other_key = yandex_fake.add_merchant()
    async with httpx.AsyncClient() as http:
        other = YandexPayClient(http, yandex_fake.base_url, SecretStr(other_key), retry=FAST_RETRY)
        await other.create_order(order("shared-id"))
    with pytest.raises(YandexPayNotFound):
        await yandex_client.get_order("shared-id")


async def test_wrong_key_is_auth_error(yandex_fake: YandexPayFake) -> None:
    async with httpx.AsyncClient() as http:
        client = YandexPayClient(http, yandex_fake.base_url, SecretStr("not-a-key"), retry=FAST_RETRY)
        with pytest.raises(YandexPayAuthError) as info:
            await client.create_order(order())
    assert info.value.status_code == 401
    assert info.value.reason_code == "AUTHENTICATION_ERROR"
    assert yandex_fake.count("v1/orders") == 1


async def test_forbidden_shape(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    body = {"status": "fail", "code": 403, "reasonCode": "FORBIDDEN", "reason": "Merchant is not active"}
    yandex_fake.faults.add("v1/orders", Fault(status=403, body=body))
    with pytest.raises(YandexPayForbidden) as info:
        await yandex_client.create_order(order())
    assert isinstance(info.value, AuthFailed)
    assert info.value.message == "Merchant is not active"


async def test_validation_shape(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    body = {"status": "fail", "code": 400, "reasonCode": "BAD_REQUEST", "reason": "ttl is out of range"}
    yandex_fake.faults.add("v1/orders", Fault(status=400, body=body))
    with pytest.raises(YandexPayValidationError) as info:
        await yandex_client.create_order(order())
    assert info.value.reason_code == "BAD_REQUEST"
    assert info.value.message == "ttl is out of range"
    assert yandex_fake.count("v1/orders") == 1


async def test_fail_envelope_with_http_200(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    body = {"status": "fail", "code": 404, "reasonCode": "ORDER_NOT_FOUND", "reason": "Order not found"}
    yandex_fake.faults.add("v1/orders/{id}", Fault(status=200, body=body))
    with pytest.raises(YandexPayNotFound):
        await yandex_client.get_order("x")


async def test_malformed_get_answer_is_bad_response(
    yandex_fake: YandexPayFake, yandex_client: YandexPayClient
) -> None:
    yandex_fake.faults.add("v1/orders/{id}", Fault(malformed=True))
    with pytest.raises(YandexPayBadResponse):
        await yandex_client.get_order("x")


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b: b["cart"]["total"].update(amount="1.00"), "differs"),
        (lambda b: b["cart"]["items"][0].update(total=100000), "decimal string"),
        (lambda b: b["cart"]["items"].append(dict(b["cart"]["items"][0])), "not unique"),
        (lambda b: b.update(ttl=60), "ttl"),
        (lambda b: b.update(currencyCode="USD"), "UZS"),
        (lambda b: b.pop("redirectUrls"), "redirectUrls"),
    ],
)
async def test_fake_refuses_what_the_document_forbids(
    yandex_fake: YandexPayFake, mutate: object, reason: str
) -> None:
    body = order().to_json()
    mutate(body)  # type: ignore[operator]
    async with httpx.AsyncClient() as http:
        response = await http.post(
            f"{yandex_fake.base_url}/v1/orders",
            json=body,
            headers={"Authorization": f"Api-Key {YANDEX_MERCHANT_ID}"},
        )
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == "fail" and answer["reasonCode"] == "BAD_REQUEST"
    assert reason in answer["reason"]


# --- payment page (sandbox) -------------------------------------------------------------------


async def test_payment_page_pay_button(yandex_fake: YandexPayFake, yandex_client: YandexPayClient) -> None:
    result = await yandex_client.create_order(order())
    assert result.payment_url is not None
    async with httpx.AsyncClient() as http:
        page = await http.get(result.payment_url)
        assert page.status_code == 200 and "PENDING" in page.text and "Futbolka" in page.text
        paid = await http.post(result.payment_url, data={"action": "pay"})
    assert paid.status_code == 302
    assert paid.headers["Location"] == "https://example.uz/paid"
    assert (await yandex_client.get_order("seller7-order42-1")).payment_status is PaymentStatus.CAPTURED


async def test_demo_fake_serves_the_demo_merchant() -> None:
    from tests.fakes.yandex_pay.server import DEMO_MERCHANT_ID, start_demo_yandex_pay

    fake = await start_demo_yandex_pay()
    try:
        async with httpx.AsyncClient() as http:
            client = YandexPayClient(http, fake.base_url, SecretStr(DEMO_MERCHANT_ID), retry=FAST_RETRY)
            result = await client.create_order(order("demo-1"))
            fake.mark_paid("demo-1")
            info = await client.get_order("demo-1")
    finally:
        await fake.stop()
    assert result.payment_url is not None and result.payment_url.startswith(fake.url)
    assert info.payment_status is PaymentStatus.CAPTURED
