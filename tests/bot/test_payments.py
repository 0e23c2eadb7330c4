"""Payment links from the order card and the merchant settings, through the dispatcher (issue 6)."""

from __future__ import annotations

from decimal import Decimal

from bot.callbacks import PickCb, SummaryAction, SummaryCb
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary
from tests.bot.mocked import Chatter, Sent, joined


def data_of(sent: list[Sent], part: str) -> str:
    found = [d for s in sent for t, d in s.buttons() if part in t and d]
    assert found, [b for s in sent for b in s.buttons()]
    return found[-1]


async def open_card(user: Chatter) -> list[Sent]:
    sent = await new_order_to_summary(user)
    await finish_after_branch(user, first_branch(sent))
    await user.press(SummaryCb(action=SummaryAction.CONFIRM))
    sent = await user.send("📋 My orders")
    return await user.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))


async def setup_merchant(user: Chatter, merchant_id: str) -> list[Sent]:
    await user.send("⚙️ Settings")
    await user.press("st:ypay::0")
    await user.press("st:ypay:set:0")
    await user.send(merchant_id)
    await user.press(PickCb(step="ypay_env", value="sandbox"))
    return await user.send(merchant_id)  # in the sandbox the key is the merchant id


async def test_merchant_key_is_checked_then_saved_and_deleted_from_chat(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("⚙️ Settings")
    await ali.press("st:ypay::0")
    await ali.press("st:ypay:set:0")
    await ali.send("merchant-1")
    await ali.press(PickCb(step="ypay_env", value="sandbox"))
    sent = await ali.send("wrong-key")
    assert "refused this key" in joined(sent)
    assert any(s.method == "DeleteMessage" for s in sent)
    assert await harness.services.payments.get_merchant(ali.user.id) is None

    harness.yandex.add_merchant("merchant-1")
    sent = await ali.send("merchant-1")
    assert "saved; the key works" in joined(sent)
    merchant = await harness.services.payments.get_merchant(ali.user.id)
    assert merchant is not None and merchant.sandbox


async def test_payment_link_from_order_with_qr_and_customer_card(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    card = await open_card(ali)
    sent = await ali.press(data_of(card, "Payment link"))
    assert "set up your Yandex Pay" in joined(sent)

    harness.yandex.add_merchant("m-1")
    await setup_merchant(ali, "m-1")
    sent = await ali.press(data_of(card, "Payment link"))
    sent = await ali.press(data_of(sent, "For the order"))
    sent = await ali.press(data_of(sent, "1 day"))
    text = joined(sent)
    assert "Payment link for" in text
    assert any(s.method == "SendPhoto" for s in sent), "the QR code picture"
    pay_urls = [d for s in sent for t, d in s.buttons() if "Pay" in t]
    assert pay_urls and pay_urls[0].startswith(harness.yandex.url)
    assert any("start=track_" in (d or "") for s in sent for _, d in s.buttons())
    (order,) = harness.yandex.orders.values()
    body_total = Decimal(str(order.body["cart"]["total"]["amount"]))
    delivery = [i for i in order.body["cart"]["items"] if i["productId"] == "delivery"]
    assert delivery and body_total == sum(Decimal(str(i["total"])) for i in order.body["cart"]["items"])
    assert body_total == Decimal("90000") + Decimal(str(delivery[0]["total"]))  # 2 books × 45000 + delivery


async def test_payment_link_for_a_typed_amount(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    card = await open_card(ali)
    harness.yandex.add_merchant("m-2")
    await setup_merchant(ali, "m-2")
    sent = await ali.press(data_of(card, "Payment link"))
    await ali.press(data_of(sent, "Type an amount"))
    assert "1 000 to 100 000 000" in joined(await ali.send("5"))
    await ali.send("150 000")
    sent = await ali.send("Order 15: two books")
    sent = await ali.press(data_of(sent, "30 minutes"))
    assert "150\u00a0000 UZS" in joined(sent)
    (order,) = harness.yandex.orders.values()
    assert Decimal(str(order.body["cart"]["total"]["amount"])) == Decimal("150000")
