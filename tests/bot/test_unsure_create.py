"""A create whose answer was lost is resolved, never re-sent (issue 11.4): the order our ``clientId``
made is found at BTS (``order/detail`` over the ids after the last one we knew), stored, tracked and
told to the seller; "check again" looks for it instead of sending a second create."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.callbacks import SummaryAction, SummaryCb
from storage.models import OutboxMessage
from storage.types import utc_now
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary
from tests.bot.mocked import Chatter, joined
from tests.fakes.base import Fault


async def order_once(user: Chatter) -> None:
    sent = await new_order_to_summary(user)
    await finish_after_branch(user, first_branch(sent))


async def lose_the_answer(harness: BotHarness, user: Chatter) -> None:
    await order_once(user)
    harness.fake.faults.add("v1/order/add", Fault(drop=True, after=True))
    sent = await user.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "not sure the order was created" in joined(sent)


async def test_check_again_finds_the_order_and_sends_nothing_twice(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await order_once(ali)
    assert "Order created" in joined(
        await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    )  # an earlier order: a BTS id we know
    await lose_the_answer(harness, ali)
    assert len(harness.fake.orders) == 2 and harness.fake.count("v1/order/add") == 2

    sent = await ali.press(SummaryCb(action=SummaryAction.RESEND))
    assert "Order created" in joined(sent)
    assert harness.fake.count("v1/order/add") == 2  # looked up, not sent again
    assert len(harness.fake.orders) == 2


async def test_the_background_pass_resolves_it_and_tells_the_seller(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await order_once(ali)
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    await lose_the_answer(harness, ali)
    lost = max(harness.fake.orders)

    found = await harness.services.orders.resolve_unsure(now=utc_now() + timedelta(minutes=1))
    assert [view.bts_order_id for view in found] == [lost]
    assert found[0].barcode == harness.fake.orders[lost].barcode  # tracked by the poller from now on
    async with harness.services.session_factory() as session:
        pushes = list(await session.scalars(select(OutboxMessage)))
    assert [(p.chat_id, p.message_key) for p in pushes] == [(ali.user.id, "push-order-found")]
    assert harness.fake.count("v1/order/add") == 2
    # Nothing is left unsure: another pass finds nothing more.
    assert await harness.services.orders.resolve_unsure(now=utc_now() + timedelta(minutes=2)) == []


async def test_without_an_earlier_order_it_stays_unsure_and_is_not_resent(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await lose_the_answer(harness, ali)
    sent = await ali.press(SummaryCb(action=SummaryAction.RESEND))
    assert "not sure the order was created" in joined(sent)
    assert harness.fake.count("v1/order/add") == 1
