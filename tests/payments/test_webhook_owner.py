"""A notification changes a payment only when it names the owner's merchant and Yandex confirms it
(issue 11.1: another merchant's signed notification was applied after the seller removed their
set-up; a signed token without ``merchantId`` moved PENDING → CAPTURED while Yandex said PENDING)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.orders import OrderView
from services.payments import PENDING, PaymentLink, PaymentService
from storage.crypto import SecretBox
from storage.uow import unit_of_work
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import CUSTOMER_CHAT, DEEP_LINK, SELLER, outbox


@pytest.fixture
async def link(
    payments: PaymentService,
    order: OrderView,
    session_factory: async_sessionmaker[AsyncSession],
    box: SecretBox,
) -> PaymentLink:
    async with unit_of_work(session_factory, box) as uow:
        await uow.subscriptions.subscribe(CUSTOMER_CHAT, order.id)
    return await payments.create_link(SELLER, order=order, ttl_seconds=1800, deep_link=DEEP_LINK)


async def notify(payments: PaymentService, fake: YandexPayFake, payload: dict[str, object]) -> str:
    result = await payments.handle_webhook(fake.make_webhook_token(payload).encode())
    assert result.status == 200
    return result.detail


async def status(payments: PaymentService, link: PaymentLink) -> str:
    return (await payments.get_payment(SELLER, link.payment_id)).status


async def test_after_the_set_up_is_removed_no_notification_changes_anything(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    yandex_fake.mark_paid(link.yandex_order_id)
    assert await notify(payments, yandex_fake, yandex_fake.webhook_payload(link.yandex_order_id)) == "applied"
    pushes = len(await outbox(session_factory))
    await payments.delete_merchant(SELLER)

    yandex_fake.mark_refunded(link.yandex_order_id)
    other = yandex_fake.webhook_payload(link.yandex_order_id, merchant_id="another-merchant")
    assert await notify(payments, yandex_fake, other) == "merchant mismatch"
    own = yandex_fake.webhook_payload(link.yandex_order_id)
    assert await notify(payments, yandex_fake, own) == "merchant mismatch"
    assert await status(payments, link) == "CAPTURED"
    assert len(await outbox(session_factory)) == pushes  # no "refunded" pushed


async def test_a_token_without_merchant_id_changes_nothing(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    payload = yandex_fake.webhook_payload(link.yandex_order_id, status="CAPTURED")
    del payload["merchantId"]
    assert await notify(payments, yandex_fake, payload) == "merchant mismatch"
    assert await status(payments, link) == PENDING


async def test_a_claim_yandex_does_not_confirm_is_not_applied_and_hides_nothing(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    claim = yandex_fake.webhook_payload(link.yandex_order_id, status="CAPTURED")  # Yandex: PENDING
    assert await notify(payments, yandex_fake, claim) == "no change"
    assert await status(payments, link) == PENDING
    assert await outbox(session_factory) == []
    # The genuine notification that follows the payment is applied (the claim left no key behind).
    yandex_fake.mark_paid(link.yandex_order_id)
    assert await notify(payments, yandex_fake, yandex_fake.webhook_payload(link.yandex_order_id)) == "applied"
    assert await status(payments, link) == "CAPTURED"


async def test_the_merchant_a_link_was_made_under_is_the_one_that_counts(
    payments: PaymentService, yandex_fake: YandexPayFake, link: PaymentLink
) -> None:
    """A seller who switches to another merchant: old links answer only to the old merchant."""
    yandex_fake.add_merchant("second-merchant")
    await payments.save_merchant(SELLER, "second-merchant", "second-merchant", sandbox=True)
    yandex_fake.mark_paid(link.yandex_order_id)
    payload = yandex_fake.webhook_payload(link.yandex_order_id, merchant_id="second-merchant")
    assert await notify(payments, yandex_fake, payload) == "merchant mismatch"
    assert await status(payments, link) == PENDING


async def test_a_refund_is_seen_by_polling_with_its_amount(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    link: PaymentLink,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Issue 10: a paid payment stays watched long enough to see a refund (no webhook here)."""
    from datetime import timedelta

    from storage.types import utc_now

    t0 = utc_now()
    yandex_fake.mark_paid(link.yandex_order_id)
    [paid] = await payments.poll_pending(t0)
    assert paid.status == "CAPTURED"

    yandex_fake.mark_refunded(link.yandex_order_id, Decimal("30000.50"))
    [partial] = await payments.poll_pending(t0 + timedelta(days=2))
    assert (partial.status, partial.refunded) == ("PARTIALLY_REFUNDED", Decimal("30000.50"))
    view = await payments.get_payment(SELLER, link.payment_id)
    assert view.refunded == Decimal("30000.50")
    seller = [m for m in await outbox(session_factory) if m.chat_id == SELLER]
    assert [(m.message_key, m.params["amount"]) for m in seller][-1] == ("push-payment-refunded", "30000.50")

    yandex_fake.mark_refunded(link.yandex_order_id)
    [full] = await payments.poll_pending(t0 + timedelta(days=4))
    assert full.status == "REFUNDED"
    assert payments.next_check_at(link.payment_id) is None  # finished: no longer watched
    # Past the watch window a paid payment is no longer asked about.
    assert await payments.poll_pending(t0 + timedelta(days=40)) == []
