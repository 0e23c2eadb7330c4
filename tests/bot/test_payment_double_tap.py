"""Through the dispatcher: a double tap on a lifetime button sends one link (issue 11.5), and the
order card lists the order's payments with their statuses (issue 10)."""

from __future__ import annotations

from tests.bot.conftest import BotHarness
from tests.bot.flows import login
from tests.bot.mocked import Chatter, joined
from tests.bot.test_payments import data_of, open_card, setup_merchant


async def test_double_tap_on_a_lifetime_button_makes_one_order_and_one_link(harness: BotHarness) -> None:
    ali = harness.user()
    await login_with_merchant(harness, ali)
    card = await open_card(ali)
    sent = await ali.press(data_of(card, "Payment link"))
    sent = await ali.press(data_of(sent, "For the order"))
    ttl = data_of(sent, "1 day")
    shown_on = ali.shown_on(ttl)
    assert shown_on is not None
    first = await ali.press(ttl)
    # The same message again: Telegram delivered both taps, the second after the first was answered.
    second = await ali.press_stale(ttl, message_id=shown_on)
    assert "Payment link for" in joined(first)
    assert "Payment link for" not in joined(second)
    assert not any(s.method == "SendPhoto" for s in second)
    assert len(harness.yandex.orders) == 1

    # The order card now shows the payment and its status.
    (order,) = harness.yandex.orders.values()
    sent = await ali.send("📋 My orders")
    opened = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    assert "waiting for the payment" in joined(opened)
    harness.yandex.mark_paid(order.order_id)
    await harness.services.payments.refresh(order.order_id)
    opened = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    assert "paid" in joined(opened)


async def login_with_merchant(harness: BotHarness, user: Chatter) -> None:
    await login(user)
    merchant = harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e05")
    await setup_merchant(user, merchant)  # a merchant id is a UUID (issue 13, bug 1)
