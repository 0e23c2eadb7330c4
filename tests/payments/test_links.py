"""Payment links against the Yandex Pay fake: carts, ids per attempt, recovery, stored rows, QR."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import png
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.errors import NotYourOrder
from services.orders import OrderView
from services.payments import (
    NOT_CREATED,
    PENDING,
    TTL_CHOICES,
    MerchantNotConfigured,
    NothingToPay,
    PaymentService,
    cart_lines,
    parse_start_payload,
)
from services.qr import PNG_SIGNATURE, qr_png
from services.yandex_pay.errors import YandexPayValidationError
from storage.crypto import SecretBox
from storage.uow import unit_of_work
from tests.fakes.base import Fault
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import BOT, DEEP_LINK, SELLER, store_order


async def test_order_link_cart_is_the_items_plus_delivery(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    order: OrderView,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> None:
    now = datetime.now(UTC)
    link = await payments.create_link(SELLER, order=order, ttl_seconds=7200, deep_link=DEEP_LINK, now=now)

    sent = yandex_fake.order(link.yandex_order_id).body
    items = sent["cart"]["items"]
    assert [(i["title"], i["quantity"]["count"], i["total"]) for i in items] == [
        ("Futbolka", "2", "100000.00"),
        ("Kepka", "1", "30000.50"),
        ("Yetkazib berish", "1", "25000.00"),
    ]
    assert items[-1]["productId"] == "delivery"
    assert len({i["productId"] for i in items}) == 3
    assert sent["cart"]["total"]["amount"] == "155000.50"
    assert sum(Decimal(i["total"]) for i in items) == Decimal(sent["cart"]["total"]["amount"])
    assert sent["currencyCode"] == "UZS"
    assert sent["billingPhone"] == "+998901234567"
    assert sent["ttl"] == 7200
    assert sent["redirectUrls"] == {
        "onSuccess": f"https://t.me/{BOT}?start=paid_{link.yandex_order_id}",
        "onError": f"https://t.me/{BOT}?start=fail_{link.yandex_order_id}",
        "onAbort": f"https://t.me/{BOT}?start=fail_{link.yandex_order_id}",
    }
    assert parse_start_payload(f"paid_{link.yandex_order_id}") == ("paid", link.yandex_order_id)

    assert link.amount == Decimal("155000.50")
    assert link.url == yandex_fake.order(link.yandex_order_id).payment_url
    assert link.expires_at == now + timedelta(seconds=7200)
    assert link.order_id == order.id
    assert link.yandex_order_id.startswith(f"bts{order.id}-")

    async with unit_of_work(session_factory, box) as uow:
        stored = await uow.payments.get(link.payment_id)
    assert stored is not None
    assert (stored.status, stored.amount, stored.payment_url, stored.order_id, stored.owner_id) == (
        PENDING,
        Decimal("155000.50"),
        link.url,
        order.id,
        SELLER,
    )
    assert stored.expires_at == link.expires_at
    assert stored.sandbox is True


async def test_each_attempt_gets_its_own_order_id(
    payments: PaymentService, yandex_fake: YandexPayFake, order: OrderView
) -> None:
    first = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)
    second = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)

    assert first.yandex_order_id != second.yandex_order_id
    assert first.url != second.url
    assert {o.order_id for o in yandex_fake.orders.values()} == {
        first.yandex_order_id,
        second.yandex_order_id,
    }
    listed = await payments.payments_for_order(SELLER, order.id)
    assert {p.id for p in listed} == {first.payment_id, second.payment_id}


async def test_lost_answer_is_recovered_from_the_conflict(
    payments: PaymentService, yandex_fake: YandexPayFake, order: OrderView
) -> None:
    # The first create is processed but its answer is lost; the repeat (same orderId) gets 409.
    yandex_fake.faults.add("v1/orders", Fault(drop=True, after=True), times=1)
    reads_before = yandex_fake.count("v1/orders/{id}", "GET")  # the merchant key check

    link = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)

    assert yandex_fake.count("v1/orders", "POST") == 2
    assert yandex_fake.count("v1/orders/{id}", "GET") == reads_before + 1  # the read-back after the 409
    assert len(yandex_fake.orders) == 1
    assert link.url == yandex_fake.order(link.yandex_order_id).payment_url
    stored = await payments.get_payment(SELLER, link.payment_id)
    assert stored.status == PENDING and stored.url == link.url


async def test_amount_typed_by_hand_is_one_item_with_its_purpose(
    payments: PaymentService, yandex_fake: YandexPayFake, merchant: str
) -> None:
    link = await payments.create_link(
        SELLER, amount=Decimal("120000"), purpose="Buyurtma #17 uchun", ttl_seconds=1800, deep_link=DEEP_LINK
    )

    sent = yandex_fake.order(link.yandex_order_id).body
    assert [(i["productId"], i["title"], i["total"]) for i in sent["cart"]["items"]] == [
        ("payment", "Buyurtma #17 uchun", "120000.00")
    ]
    assert sent["cart"]["total"]["amount"] == "120000.00"
    assert sent["purpose"] == "Buyurtma #17 uchun"
    assert "billingPhone" not in sent
    assert link.order_id is None and link.purpose == "Buyurtma #17 uchun"
    assert link.yandex_order_id.startswith(f"btsu{SELLER}-")
    assert (await payments.get_payment(SELLER, link.payment_id)).purpose == "Buyurtma #17 uchun"


async def test_without_a_merchant_no_link_is_made(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> None:
    order = await store_order(session_factory, box)
    with pytest.raises(MerchantNotConfigured):
        await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)
    assert yandex_fake.count("v1/orders", "POST") == 0


async def test_nothing_to_pay(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    merchant: str,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> None:
    free = await store_order(session_factory, box, cost=None, items=[{"name": "Hujjat", "count": 1}])
    with pytest.raises(NothingToPay):
        await payments.create_link(SELLER, order=free, deep_link=DEEP_LINK)
    with pytest.raises(NothingToPay):
        await payments.create_link(SELLER, amount=Decimal("0"), purpose="x", deep_link=DEEP_LINK)
    assert yandex_fake.count("v1/orders", "POST") == 0


async def test_only_the_delivery_when_no_item_is_priced(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    merchant: str,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> None:
    order = await store_order(
        session_factory, box, items=[], cost=Decimal("18000"), receiver_phone="90 123 45 67"
    )
    link = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)
    sent = yandex_fake.order(link.yandex_order_id).body
    assert [i["productId"] for i in sent["cart"]["items"]] == ["delivery"]
    assert link.amount == Decimal("18000.00")
    assert sent["billingPhone"] == "+998901234567"


async def test_another_sellers_order_is_refused(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    merchant: str,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> None:
    foreign = await store_order(session_factory, box, owner_id=8002, bts_order_id=777, barcode="BTS777")
    with pytest.raises(NotYourOrder):
        await payments.create_link(SELLER, order=foreign, deep_link=DEEP_LINK)
    assert yandex_fake.count("v1/orders", "POST") == 0


async def test_a_refused_create_closes_the_attempt(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    order: OrderView,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> None:
    refusal = {"status": "fail", "code": 400, "reasonCode": "BAD_REQUEST", "reason": "billingPhone"}
    yandex_fake.faults.add("v1/orders", Fault(status=400, body=refusal), times=1)

    with pytest.raises(YandexPayValidationError):
        await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)

    [attempt] = await payments.payments_for_order(SELLER, order.id)
    assert attempt.status == NOT_CREATED
    assert attempt.url is None
    reads_before = yandex_fake.count("v1/orders/{id}", "GET")
    assert await payments.poll_pending() == []  # nothing left to poll
    assert yandex_fake.count("v1/orders/{id}", "GET") == reads_before


async def test_ttl_out_of_range_is_refused_before_any_call(
    payments: PaymentService, yandex_fake: YandexPayFake, order: OrderView
) -> None:
    with pytest.raises(ValueError):
        await payments.create_link(SELLER, order=order, ttl_seconds=60, deep_link=DEEP_LINK)
    assert all(180 <= ttl <= 604_800 for ttl in TTL_CHOICES)
    assert yandex_fake.count("v1/orders", "POST") == 0


def test_cart_lines_price_per_unit_and_unique_ids() -> None:
    lines = cart_lines(
        [
            {"name": "A", "count": 3, "cost": "1000"},
            {"name": "B", "count": 1, "cost": "0"},
            {"name": "C", "count": "2", "cost": "12 500,5"},
        ]
    )
    assert [(line.title, line.total) for line in lines] == [
        ("A", Decimal("3000.00")),
        ("C", Decimal("25001.00")),
    ]
    assert len({line.product_id for line in lines}) == 2


# --- QR --------------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[int, int, list[list[int]]]:
    width, height, rows, _info = png.Reader(bytes=data).read()
    return width, height, [list(row) for row in rows]


async def test_the_link_comes_with_its_qr_picture(payments: PaymentService, order: OrderView) -> None:
    link = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK)
    assert link.qr_png.startswith(PNG_SIGNATURE)
    assert link.qr_png == qr_png(link.url)


def test_qr_png_decodes_to_a_square_code_with_a_quiet_zone() -> None:
    data = qr_png("https://sandbox.pay.yandex.uz/pay/abc/bts1-0123456789ab", box_size=4, border=4)
    assert data.startswith(PNG_SIGNATURE)
    width, height, rows = _decode(data)
    assert width == height and width % 4 == 0
    modules = width // 4 - 8
    assert modules >= 21 and (modules - 21) % 4 == 0  # a QR version: 21, 25, 29, ... modules
    assert all(pixel == 1 for pixel in rows[0])  # white quiet zone
    inner = rows[16]  # first row of the top-left finder pattern: dark for 7 modules
    assert inner[16 : 16 + 7 * 4] == [0] * 28
    assert any(0 in row for row in rows) and any(1 in row[16:-16] for row in rows[16:-16])


def test_qr_png_refuses_nothing() -> None:
    with pytest.raises(ValueError):
        qr_png("")


def test_qr_differs_with_the_data() -> None:
    assert qr_png("https://a.example/1") != qr_png("https://a.example/2")


async def test_no_link_for_an_order_that_is_over(
    payments: PaymentService, session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    """Cancelled, returned or delivered: the service refuses, whatever button was pressed."""
    from services.orders import view_of
    from services.payment_rules import OrderClosedForPayment
    from storage.schemas import OrderData
    from storage.uow import unit_of_work

    for code, category in ((0, "cancelled"), (6, "delivered")):
        async with unit_of_work(session_factory, box) as uow:
            await uow.users.get_or_create(SELLER)
            stored = await uow.orders.upsert(
                OrderData(
                    bts_order_id=880000 + code, owner_id=SELLER, status_code=code, cost=Decimal("25000")
                )
            )
        with pytest.raises(OrderClosedForPayment) as refused:
            await payments.create_link(
                SELLER, order=view_of(stored.order), ttl_seconds=1800, deep_link=DEEP_LINK
            )
        assert refused.value.key == f"payment-order-closed-{category}"
