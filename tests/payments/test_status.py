"""Payment status: polling with backoff and expiry, webhooks applied once, pushes in the outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.orders import OrderView
from services.payments import (
    EXPIRED,
    PENDING,
    PaymentLink,
    PaymentOutcome,
    PaymentService,
    may_move,
)
from storage.crypto import SecretBox
from storage.uow import unit_of_work
from tests.fakes.base import Fault
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import CUSTOMER_CHAT, DEEP_LINK, SELLER, events, outbox

READ = "v1/orders/{id}"


@pytest.fixture
async def link(
    payments: PaymentService,
    order: OrderView,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> PaymentLink:
    """A link for the order, whose parcel a customer chat follows."""
    async with unit_of_work(session_factory, box) as uow:
        await uow.subscriptions.subscribe(CUSTOMER_CHAT, order.id)
    return await payments.create_link(SELLER, order=order, ttl_seconds=1800, deep_link=DEEP_LINK)


def reads(fake: YandexPayFake) -> int:
    return fake.count(READ, "GET")


# --- polling ---------------------------------------------------------------------------------------


async def test_paid_is_found_once_and_pushed_to_seller_and_customer(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    t0 = datetime.now(UTC)
    assert await payments.poll_pending(t0) == []  # still pending: nothing changed
    yandex_fake.mark_paid(link.yandex_order_id)

    before = reads(yandex_fake)
    assert await payments.poll_pending(t0 + timedelta(seconds=5)) == []  # not due yet (10 s backoff)
    assert reads(yandex_fake) == before

    [change] = await payments.poll_pending(t0 + timedelta(seconds=10))
    assert (change.previous, change.status, change.outcome, change.source) == (
        PENDING,
        "CAPTURED",
        PaymentOutcome.PAID,
        "poll",
    )
    assert set(change.notified) == {SELLER, CUSTOMER_CHAT}

    messages = await outbox(session_factory)
    assert sorted((m.chat_id, m.message_key) for m in messages) == [
        (SELLER, "push-payment-paid"),
        (CUSTOMER_CHAT, "push-payment-paid"),
    ]
    by_chat = {m.chat_id: m for m in messages}
    assert by_chat[SELLER].params["audience"] == "seller"
    assert by_chat[CUSTOMER_CHAT].params["audience"] == "customer"
    assert by_chat[SELLER].params["amount"] == "155000.50"
    assert by_chat[SELLER].params["barcode"] == "BTS0000555001"
    assert by_chat[SELLER].dedup_key == f"pay:{link.payment_id}:CAPTURED:{SELLER}"

    stored = await payments.get_payment(SELLER, link.payment_id)
    assert stored.status == "CAPTURED" and stored.outcome is PaymentOutcome.PAID
    assert [e.event_key for e in await events(session_factory, link.payment_id)] == [
        "created",
        "poll:CAPTURED",
    ]

    # Paid is watched only slowly (for a refund): not in the next minutes, and nothing more is pushed.
    before = reads(yandex_fake)
    assert await payments.poll_pending(t0 + timedelta(minutes=5)) == []
    assert reads(yandex_fake) == before
    assert await payments.poll_pending(t0 + timedelta(hours=1)) == []
    assert reads(yandex_fake) == before + 1
    assert len(await outbox(session_factory)) == 2
    assert len(await outbox(session_factory)) == 2


async def test_backoff_grows_while_pending_and_is_capped(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    t = datetime.now(UTC)
    gaps = []
    for _ in range(8):
        before = reads(yandex_fake)
        await payments.poll_pending(t)
        assert reads(yandex_fake) == before + 1
        due = payments.next_check_at(link.payment_id)
        assert due is not None
        gaps.append((due - t).total_seconds())
        # One second before it is due: no call.
        await payments.poll_pending(due - timedelta(seconds=1))
        assert reads(yandex_fake) == before + 1
        t = due
    assert gaps == [10, 20, 40, 80, 160, 300, 300, 300]


async def test_an_expired_link_is_closed_and_no_longer_polled(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    after_expiry = link.expires_at + timedelta(seconds=1)
    [change] = await payments.poll_pending(after_expiry)
    assert (change.status, change.outcome) == (EXPIRED, PaymentOutcome.EXPIRED)
    assert sorted(m.message_key for m in await outbox(session_factory)) == ["push-payment-expired"] * 2

    before = reads(yandex_fake)
    assert await payments.poll_pending(after_expiry + timedelta(minutes=30)) == []
    assert reads(yandex_fake) == before


async def test_past_the_grace_an_unanswered_link_expires_without_asking(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    yandex_fake.faults.add(READ, Fault(status=503), times=None)  # Yandex cannot be asked
    assert await payments.poll_pending(link.expires_at + timedelta(seconds=1)) == []
    before = reads(yandex_fake)
    [change] = await payments.poll_pending(link.expires_at + timedelta(minutes=11))
    assert change.status == EXPIRED
    assert reads(yandex_fake) == before


async def test_money_that_arrives_after_expiry_still_counts(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await payments.poll_pending(link.expires_at + timedelta(seconds=1))
    yandex_fake.mark_paid(link.yandex_order_id)
    view = await payments.refresh(link.yandex_order_id)
    assert view is not None and view.status == "CAPTURED"
    assert sorted(m.message_key for m in await outbox(session_factory)) == [
        "push-payment-expired",
        "push-payment-expired",
        "push-payment-paid",
        "push-payment-paid",
    ]


async def test_refresh_asks_now_and_unknown_ids_are_none(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    yandex_fake.mark_failed(link.yandex_order_id)
    view = await payments.refresh(link.yandex_order_id)
    assert view is not None and view.status == "FAILED" and view.outcome is PaymentOutcome.FAILED
    assert await payments.refresh("bts-nope") is None


# --- webhook ------------------------------------------------------------------------------------------


async def test_webhook_applies_once_and_replays_change_nothing(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    payload = yandex_fake.webhook_payload(link.yandex_order_id)

    result = await payments.handle_webhook(yandex_fake.make_webhook_token(payload).encode())
    assert (result.status, result.detail) == (200, "applied")
    assert result.change is not None and result.change.outcome is PaymentOutcome.PAID
    assert sorted(m.chat_id for m in await outbox(session_factory)) == sorted([SELLER, CUSTOMER_CHAT])

    # Yandex retries the same event with a new JWT each time: 200, and nothing changes.
    for _ in range(2):
        retry = await payments.handle_webhook(yandex_fake.make_webhook_token(payload, iat_delta=1).encode())
        assert (retry.status, retry.detail, retry.change) == (200, "no change", None)
    assert len(await outbox(session_factory)) == 2
    keys = [e.event_key for e in await events(session_factory, link.payment_id)]
    assert keys == ["created", "webhook:ORDER_STATUS_UPDATED:CAPTURED"]

    # The poller no longer asks about it.
    before = reads(yandex_fake)
    await payments.poll_pending()
    assert reads(yandex_fake) == before


async def test_webhook_failed_and_refunded_push_their_messages(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    await payments.handle_webhook(
        yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id)).encode()
    )
    yandex_fake.mark_refunded(link.yandex_order_id, Decimal("30000.50"))
    partial = await payments.handle_webhook(
        yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id)).encode()
    )
    assert partial.change is not None and partial.change.status == "PARTIALLY_REFUNDED"
    yandex_fake.mark_refunded(link.yandex_order_id)
    full = await payments.handle_webhook(
        yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id)).encode()
    )
    assert full.change is not None and full.change.status == "REFUNDED"
    seller = [m for m in await outbox(session_factory) if m.chat_id == SELLER]
    assert [(m.message_key, m.params["status"]) for m in seller] == [
        ("push-payment-paid", "CAPTURED"),
        ("push-payment-refunded", "PARTIALLY_REFUNDED"),
        ("push-payment-refunded", "REFUNDED"),
    ]


async def test_webhook_failed(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    yandex_fake.mark_failed(link.yandex_order_id)
    result = await payments.handle_webhook(
        yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id)).encode()
    )
    assert result.change is not None and result.change.outcome is PaymentOutcome.FAILED
    assert {m.message_key for m in await outbox(session_factory)} == {"push-payment-failed"}


async def test_a_late_older_event_does_not_move_the_payment_back(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    await payments.handle_webhook(
        yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id)).encode()
    )
    stale = yandex_fake.webhook_payload(link.yandex_order_id, status="AUTHORIZED")
    result = await payments.handle_webhook(yandex_fake.make_webhook_token(stale).encode())
    assert (result.status, result.change) == (200, None)
    late_failure = yandex_fake.webhook_payload(link.yandex_order_id, status="FAILED")
    await payments.handle_webhook(yandex_fake.make_webhook_token(late_failure).encode())
    assert (await payments.get_payment(SELLER, link.payment_id)).status == "CAPTURED"


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"key": "forged"}, 401),
        ({"exp_delta": -600, "iat_delta": -900}, 401),
        ({"kid": "unknown-kid"}, 401),
        ({"alg": "none"}, 401),
        ({"alg": "HS256"}, 401),
    ],
)
async def test_untrusted_webhooks_are_rejected_and_change_nothing(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
    options: dict[str, object],
    status: int,
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    if options.get("key") == "forged":
        options = {**options, "key": ec.generate_private_key(ec.SECP256R1())}
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id), **options)  # type: ignore[arg-type]
    result = await payments.handle_webhook(token.encode())
    assert result.status == status
    assert result.change is None
    assert (await payments.get_payment(SELLER, link.payment_id)).status == PENDING
    assert await outbox(session_factory) == []
    assert [e.event_key for e in await events(session_factory, link.payment_id)] == ["created"]


@pytest.mark.parametrize("body", [b"", b"hello", b"\x00\xff", b"x" * 20_000])
async def test_garbage_webhooks_are_bad_requests(payments: PaymentService, body: bytes) -> None:
    assert (await payments.handle_webhook(body)).status == 400


async def test_a_webhook_for_an_unknown_order_is_acknowledged(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    payload = yandex_fake.webhook_payload(link.yandex_order_id)
    payload["order"]["orderId"] = "someone-elses-order"
    result = await payments.handle_webhook(yandex_fake.make_webhook_token(payload).encode())
    assert (result.status, result.detail) == (200, "unknown order")
    forged = yandex_fake.make_webhook_token(payload, key=ec.generate_private_key(ec.SECP256R1()))
    assert (await payments.handle_webhook(forged.encode())).status == 401


async def test_a_webhook_for_another_merchant_is_ignored(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    payload = yandex_fake.webhook_payload(link.yandex_order_id, merchant_id="another-merchant")
    result = await payments.handle_webhook(yandex_fake.make_webhook_token(payload).encode())
    assert (result.status, result.detail) == (200, "merchant mismatch")
    assert await outbox(session_factory) == []


async def test_jwks_down_answers_503_so_yandex_retries(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    yandex_fake.faults.add("api/jwks", Fault(status=502), times=1)
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(link.yandex_order_id)).encode()
    assert (await payments.handle_webhook(token)).status == 503
    assert (await payments.handle_webhook(token)).status == 200
    assert (await payments.get_payment(SELLER, link.payment_id)).status == "CAPTURED"


async def test_operation_event_reads_the_order(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    operation = yandex_fake.order(link.yandex_order_id).operations[-1]
    payload = {
        "merchantId": yandex_fake.order(link.yandex_order_id).merchant_id,
        "event": "OPERATION_STATUS_UPDATED",
        "eventTime": "2024-07-01T09:00:00+00:00",
        "operation": {
            "operationId": operation["operationId"],
            "orderId": link.yandex_order_id,
            "status": "SUCCESS",
            "operationType": "CAPTURE",
        },
    }
    before = reads(yandex_fake)
    result = await payments.handle_webhook(yandex_fake.make_webhook_token(payload).encode())
    assert result.change is not None and result.change.status == "CAPTURED"
    assert reads(yandex_fake) == before + 1
    replay = await payments.handle_webhook(yandex_fake.make_webhook_token(payload).encode())
    assert (replay.status, replay.change) == (200, None)
    assert reads(yandex_fake) == before + 1  # a replay is recognised before asking Yandex


# --- over HTTP: the fake notifies a callback server as Yandex would ----------------------------------


@pytest.fixture
async def callback(payments: PaymentService) -> AsyncIterator[tuple[str, list[int]]]:
    """A stand-in for the bot's ``…/v1/webhook`` route; answers what ``handle_webhook`` says.

    The first request is answered 500 without being handled (as if the bot was restarting), so
    the fake retries with a new JWT.
    """
    answers: list[int] = []

    async def handle(request: web.Request) -> web.Response:
        assert request.content_type == "application/octet-stream"
        body = await request.read()
        if not answers:
            answers.append(500)
            return web.Response(status=500)
        result = await payments.handle_webhook(body)
        answers.append(result.status)
        return web.Response(status=result.status, text=result.detail)

    app = web.Application()
    app.router.add_post("/hook/v1/webhook", handle)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/hook", answers
    finally:
        await runner.cleanup()


async def test_the_fake_notifies_and_retries_until_acknowledged(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
    callback: tuple[str, list[int]],
) -> None:
    url, answers = callback
    yandex_fake.webhook_url = url
    yandex_fake.mark_paid(link.yandex_order_id)
    await yandex_fake.drain_webhooks()

    assert answers == [500, 200]
    tokens = [d.token for d in yandex_fake.webhooks]
    assert len(tokens) == 2 and tokens[0] != tokens[1]
    assert (await payments.get_payment(SELLER, link.payment_id)).status == "CAPTURED"

    # One more delivery of the same event (a retry whose 200 got lost): still one push each.
    assert await yandex_fake.send_webhook(url, link.yandex_order_id) == 200
    assert answers[-1] == 200
    assert sorted(m.chat_id for m in await outbox(session_factory)) == sorted([SELLER, CUSTOMER_CHAT])


# --- the status table ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("PENDING", "AUTHORIZED", True),
        ("PENDING", "CAPTURED", True),
        ("AUTHORIZED", "CAPTURED", True),
        ("CAPTURED", "CONFIRMED", True),
        ("CONFIRMED", "CAPTURED", False),
        ("CAPTURED", "REFUNDED", True),
        ("PARTIALLY_REFUNDED", "REFUNDED", True),
        ("REFUNDED", "PARTIALLY_REFUNDED", False),
        ("CAPTURED", "PENDING", False),
        ("CAPTURED", "FAILED", False),
        ("EXPIRED", "CAPTURED", True),
        ("EXPIRED", "FAILED", False),
        ("FAILED", "CAPTURED", True),
        ("PENDING", "PENDING", False),
        ("PENDING", "WHATEVER", False),
    ],
)
def test_status_moves(current: str, new: str, allowed: bool) -> None:
    assert may_move(current, new) is allowed
