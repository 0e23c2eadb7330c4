"""A seller who keeps goods at the BTS warehouse: connects a WMS account, creates a fulfillment
order from the chat, and is pushed when the warehouse moves it on: the real bot process over
HTTP, against the Telegram stand-in and the WMS fake (its sync runs in the bot's worker)."""

from __future__ import annotations

import pytest

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from bot.conversations.fulfillment.callbacks import FfCb
from tests.e2e.conftest import Stack
from tests.e2e.driver import data_starting
from tests.e2e.flows import onboard

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_connect_create_a_fulfillment_order_and_get_its_status_pushed(e2e: Stack) -> None:
    account = e2e.wms.add_account("305777001", "wms-pass-1", phone="+998901112233")
    product = e2e.wms.add_product(account, name="Futbolka oq", code="TS-1")["id"]
    ali = e2e.user("Malika", phone="+998901112233")
    await onboard(ali, "c")

    hub = await ali.say("/fulfillment", "Connect your BTS Fulfillment account")
    assert data_starting(hub, "ff:connect")
    await ali.tap(FfCb(action="connect"), "INN (9 digits) or the phone number")
    await ali.say("+998 90 111 22 33", "The password")
    mark = await ali.send("wms-pass-1")
    connected = await ali.wait("connected", since=mark)
    assert "Products received from the warehouse: 1" in connected["text"]
    await ali.wait_button(FfCb(action="new_order"), since=mark)  # the hub follows
    chat = await ali.transcript()
    assert "wms-pass-1" not in [m["text"] for m in chat["messages"] if not m["deleted"]], "password deleted"

    await ali.tap(FfCb(action="new_order"), "Customer's full name")
    await ali.say("Odil Ahmedov", "Customer's phone")
    mark = await ali.send("90 123 45 67")
    await ali.wait_button(
        PickCb(step="city", value="r6"), since=mark
    )  # the regions of the courier flows' picker
    await ali.say("Samarqand", "Found")
    await ali.tap(PickCb(step="city", value="c75"), "Street, house")
    await ali.say("Bobur ko'chasi, 5", "Postcode")
    await ali.tap(NavCb(action=Nav.SKIP, step="zip"), "When should it be delivered")
    await ali.tap(PickCb(step="scheduled_at", value="1-10"), "Which product")
    await ali.tap(PickCb(step="item_product", value=str(product)), "How many")
    await ali.say("2", "Price of one")
    await ali.say("50000", "Discount")
    more = await ali.say("5000", "Add another product")
    assert "95,000\u00a0UZS" in more["text"]
    summary = await ali.tap(PickCb(step="item_more", value="done"), "Check the order")
    assert "95,000\u00a0UZS" in summary["text"]
    confirmed = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    created = await ali.wait("sent to the warehouse", since=confirmed)
    assert "scheduled" in created["text"]

    order = next(iter(account.orders.values()))
    assert order["orderAddress"]["full_name"] == "Odil Ahmedov"
    assert order["orderItems"][0]["client_product_id"] == product

    # The warehouse starts picking: the bot's worker notices and pushes it.
    e2e.wms.advance_order(account, order["id"])  # 5 scheduled → 1 new
    await ali.wait(f"Fulfillment order №{order['order_id']}: 🆕 new", since=confirmed, timeout=30)
    e2e.wms.advance_order(account, order["id"])  # → 2 picking
    await ali.wait(f"Fulfillment order №{order['order_id']}: 🧺 being picked", since=confirmed, timeout=30)
    assert e2e.wms.count("v1/order/create") == 1
