"""Pushes through the real wiring: poller → outbox → sender → Telegram, rendered per language."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.callbacks import SummaryAction, SummaryCb
from bot.push import AiogramPushTransport
from bot.worker import create_renderer
from services.notifications import OutboxSender
from storage.types import utc_now
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary, onboard
from tests.bot.mocked import Chatter, joined
from tests.bot.pushing import PushRun


async def order_with_follower(harness: BotHarness, lang: str, follow: str) -> tuple[Chatter, Any]:
    """Seller 2002 (English) creates an order; customer 3003 (``lang``) follows its barcode by
    pressing the button whose text holds ``follow``."""
    seller = harness.user(2002)
    await login(seller, "en")
    sent = await new_order_to_summary(seller)
    await finish_after_branch(seller, first_branch(sent))
    await seller.press(SummaryCb(action=SummaryAction.CONFIRM))
    order = next(iter(harness.fake.orders.values()))
    customer = harness.user(3003, language_code=lang)
    await onboard(customer, lang, "c")
    sent = await customer.send(order.barcode)
    await customer.press(next(d for s in sent for t, d in s.buttons() if follow in t))
    return seller, order


async def test_status_change_is_pushed_once_to_owner_and_follower_in_their_languages(
    harness: BotHarness, translator: object
) -> None:
    _, order = await order_with_follower(harness, "ru", "Следить")

    run = PushRun(harness, translator)  # type: ignore[arg-type]
    await run.poll()
    pushes = await run.later(lambda: harness.fake.advance(order.order_id))  # the courier took it
    to_seller = [p for p in pushes if p.chat_id == 2002]
    to_customer = [p for p in pushes if p.chat_id == 3003]
    assert len(to_seller) == 1 and "Picked up by the courier" in joined(to_seller)
    assert len(to_customer) == 1 and "Курьер забрал" in joined(to_customer)

    # Nothing changed: nothing more is sent.
    assert await run.later() == []


async def test_a_change_seen_by_a_refresh_tap_still_reaches_followers(
    harness: BotHarness, translator: object
) -> None:
    services = harness.services
    _, order = await order_with_follower(harness, "en", "Follow")

    harness.fake.advance(order.order_id)
    record = await services.tracking.track(order.barcode)  # someone looks first: the bot learns it here
    assert record.status_code == 2
    now = [utc_now() + timedelta(minutes=1)]  # after the merge window
    sender = OutboxSender(
        services.session_factory,
        services.box,
        AiogramPushTransport(harness.bot),
        create_renderer(services, translator),  # type: ignore[arg-type]
        per_chat_interval=0.0,
        clock=lambda: now[0],
    )
    before = len(harness.bot.recorder.calls)
    await sender.drain_once()
    pushes = harness.bot.recorder.calls[before:]
    assert [p.chat_id for p in pushes if "Picked up" in (p.text or "")] == [2002, 3003] or sorted(
        p.chat_id for p in pushes
    ) == [2002, 3003]


async def test_a_seller_is_not_told_of_a_cancellation_they_made_but_followers_are(
    harness: BotHarness, translator: object
) -> None:
    """Issue 13, bug 8: the seller cancels in the chat; a minute later only the follower hears of it."""
    services = harness.services
    seller, order = await order_with_follower(harness, "en", "Follow")

    sent = await seller.send("📋 My orders")
    card = await seller.press(next(d for s in sent for t, d in s.buttons() if order.barcode in t and d))
    confirm = await seller.press(next(d for s in card for t, d in s.buttons() if "Cancel order" in t and d))
    await seller.press(next(d for s in confirm for t, d in s.buttons() if "Yes, cancel" in t and d))

    now = [utc_now() + timedelta(minutes=5)]  # well after the push delay
    sender = OutboxSender(
        services.session_factory,
        services.box,
        AiogramPushTransport(harness.bot),
        create_renderer(services, translator),  # type: ignore[arg-type]
        per_chat_interval=0.0,
        clock=lambda: now[0],
    )
    before = len(harness.bot.recorder.calls)
    await sender.drain_once()
    pushes = harness.bot.recorder.calls[before:]
    assert [p.chat_id for p in pushes] == [3003]
    assert "Cancelled" in joined(pushes)
