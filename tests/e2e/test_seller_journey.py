"""A seller logs in, creates an order with a quote, lists it, edits it and cancels it: the real bot
process, over HTTP, against the Telegram stand-in and the BTS fake."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.callbacks import OrderAction, OrderCb, SummaryAction, SummaryCb
from tests.e2e.conftest import Stack
from tests.e2e.driver import buttons, data_starting
from tests.e2e.flows import MY_ORDERS, create_order, login

pytestmark = pytest.mark.asyncio(loop_scope="session")


def _amount(text: str) -> Decimal:
    """The delivery price on the summary card ("💰 Delivery: 38,000 UZS" → 38000: English groups
    thousands with a comma and writes a decimal point)."""
    line = next(line for line in text.splitlines() if "Delivery:" in line)
    return Decimal(re.sub(r"[^\d.]", "", line.split("Delivery:", 1)[1]).rstrip("."))


async def test_seller_creates_lists_edits_and_cancels_an_order(e2e: Stack) -> None:
    seller = e2e.seller_account()
    ali = e2e.user("Jurabek", phone="+998991234567")

    logged = await login(ali, seller)
    assert seller.username in logged["text"] and seller.inn in logged["text"]
    chat = await ali.transcript()
    assert chat["reply_keyboard"] is not None, "the main menu keyboard is shown after the login"
    assert seller.password not in [m["text"] for m in chat["messages"] if not m["deleted"]], (
        "the password message is deleted"
    )

    calculated_before = e2e.bts.count("v1/order/calculate")
    summary, barcode = await create_order(ali)
    assert "Check the order" in summary["text"]
    assert e2e.bts.count("v1/order/calculate") > calculated_before, "the quote is BTS's live price"
    assert _amount(summary["text"]) > 0

    label = next(m for m in (await ali.transcript())["messages"] if m["document"])
    assert label["document"]["file_name"].endswith(".pdf") and barcode in label["document"]["file_name"]
    assert e2e.telegram.file_content(label["document"]["file_id"]).startswith(b"%PDF")

    order = next(o for o in e2e.bts.orders.values() if o.barcode == barcode)
    assert order.owner == seller.username
    assert order.fields["receiver"] == "Odil Ahmedov"
    assert str(order.fields["weight"]) == "1.5"
    assert order.fields["senderPhone"] == "+998991234567"

    # My orders: the new order is listed; its card opens.
    listing = await ali.wait("My orders", since=await ali.reply_button(MY_ORDERS))
    opens = [d for text, d in buttons(listing) if barcode in text and d and d.startswith("or:o:")]
    assert opens, buttons(listing)
    card = await ali.tap(opens[0], barcode)
    assert "Odil Ahmedov" in card["text"]

    # Edit: change the receiver's name, see the changes, save them at BTS.
    order_id = opens[0].rsplit(":", 1)[1]
    await ali.tap(
        OrderCb(action=OrderAction.EDIT, order_id=int(order_id)), "What do you want to change in this order"
    )
    await ali.tap(SummaryCb(action=SummaryAction.FIELD, field="receiver_name"), "Receiver's full name")
    changes = await ali.say("Odil Ahmedov Jr", "Check the changes")
    assert "Odil Ahmedov Jr" in changes["text"]
    await ali.tap(SummaryCb(action=SummaryAction.SAVE), "Changes saved at BTS")
    assert e2e.bts.order(order.order_id).fields["receiver"] == "Odil Ahmedov Jr"

    # Cancel: asked first, then done at BTS.
    ask = await ali.tap(OrderCb(action=OrderAction.CANCEL, order_id=int(order_id)), "Cancel order")
    confirm = data_starting(ask, "oc:")
    assert confirm, buttons(ask)
    yes = next(d for d in confirm if d.endswith(":1"))
    await ali.tap(yes, barcode)
    assert e2e.bts.order(order.order_id).status == 0
    assert len([o for o in e2e.bts.orders.values() if o.owner == seller.username]) == 1, "created once"
