"""A seller sets up Yandex Pay, makes a payment link from an order card, the customer pays it on
the Yandex Pay fake's page, and the seller is pushed. The real bot process over HTTP."""

from __future__ import annotations

import re

import pytest
from aiohttp import FormData

from bot.callbacks import OrderAction, OrderCb, PayAction, PayCb, PayMode, PickCb
from tests.e2e.conftest import Stack
from tests.e2e.driver import ChatDriver, Json, buttons, data_starting
from tests.e2e.flows import MY_ORDERS, create_order, login
from tests.fakes.yandex_pay.server import DEMO_MERCHANT_ID

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def open_card(user: ChatDriver, barcode: str) -> tuple[Json, str]:
    listing = await user.wait("My orders", since=await user.reply_button(MY_ORDERS))
    opens = [d for text, d in buttons(listing) if barcode in text and d and d.startswith("or:o:")]
    assert opens, buttons(listing)
    card = await user.tap(opens[0], barcode)
    return card, opens[0].rsplit(":", 1)[1]


async def set_up_merchant(user: ChatDriver, order_id: str) -> None:
    """The card's Payment link button sends a seller without a merchant to the settings first."""
    ask = await user.tap(
        OrderCb(action=OrderAction.PAY, order_id=int(order_id)), "set up your Yandex Pay merchant"
    )
    setup = data_starting(ask, "st:ypay:set")
    assert setup, buttons(ask)
    await user.tap(setup[0], "merchant id")
    await user.say(DEMO_MERCHANT_ID, "Which environment")
    await user.tap(PickCb(step="ypay_env", value="sandbox"), "API key")
    saved = await user.say(DEMO_MERCHANT_ID, "saved; the key works")
    assert DEMO_MERCHANT_ID in saved["text"]


async def test_payment_link_paid_in_yandex_pushes_the_seller(e2e: Stack) -> None:
    seller = e2e.seller_account()
    shop = e2e.user("Jurabek", phone="+998991234567")
    await login(shop, seller)
    _, barcode = await create_order(shop)
    _, order_id = await open_card(shop, barcode)
    await set_up_merchant(shop, order_id)
    # In the sandbox the key is the merchant id: the id stays, the key's message is deleted.
    typed = [m for m in (await shop.transcript())["messages"] if m["text"] == DEMO_MERCHANT_ID]
    assert [m["deleted"] for m in typed] == [False, True]

    # The link: for the order (items + delivery), valid for the first of the offered times.
    choose = await shop.tap(
        OrderCb(action=OrderAction.PAY, order_id=int(order_id)), "what should the customer pay"
    )
    ttl = await shop.wait_button(
        PayCb(action=PayAction.TTL, order_id=int(order_id), ttl=0, mode=PayMode.ORDER),
        since=await shop.press(data_starting(choose, "py:order:")[0]),
    )
    assert ttl
    mark = await shop.press(PayCb(action=PayAction.TTL, order_id=int(order_id), ttl=0, mode=PayMode.ORDER))
    link_message = await shop.wait_for(
        lambda m: any(url and "/pay/" in url for _, url in buttons(m)), since=mark, what="the Pay button"
    )
    pay_url = next(url for _, url in buttons(link_message) if url and "/pay/" in url)
    assert pay_url.startswith(e2e.yandex.url)
    await shop.wait_for(lambda m: bool(m["photo"]), since=mark, what="the QR code")
    yandex_order_id = pay_url.rstrip("/").rsplit("/", 1)[1]
    paying = e2e.yandex.order(yandex_order_id)
    assert paying.status == "PENDING"
    assert paying.amount > 0
    cart_total = sum(float(item["total"]) for item in paying.body["cart"]["items"])
    assert abs(cart_total - float(paying.amount)) < 0.01

    # The customer opens the link and pays on the Yandex Pay page.
    mark = e2e.telegram.mark()
    async with e2e.http.get(pay_url) as page:
        assert page.status == 200 and "Pay" in await page.text()
    form = FormData({"action": "pay"})
    async with e2e.http.post(pay_url, data=form, allow_redirects=False) as paid:
        assert paid.status == 302
        back = paid.headers["Location"]
    assert e2e.yandex.order(yandex_order_id).status == "CAPTURED"
    assert re.fullmatch(rf"https://t\.me/{e2e.telegram.bot_username}\?start=paid_.+", back), back

    # The seller is pushed once Yandex tells the bot (webhook; polling otherwise).
    pushed = await shop.wait("Payment received", since=mark, timeout=45)
    await e2e.yandex.drain_webhooks()
    delivered = [w.answer for w in e2e.yandex.webhooks if w.order_id == yandex_order_id]
    assert 200 in delivered, f"the bot's webhook refused Yandex's signed notification: {delivered}"
    amount_digits = re.sub(r"\D", "", pushed["text"])
    assert str(int(paying.amount)) in amount_digits

    # The buyer comes back through the redirect: the bot asks Yandex, and says it is paid.
    buyer = e2e.user("Odil", phone="+998901234568")
    payload = back.split("start=", 1)[1]
    status = await buyer.say(f"/start {payload}", "paid")
    assert "Payment of" in status["text"]
