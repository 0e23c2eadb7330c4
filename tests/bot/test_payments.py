"""Payment links from the order card and the merchant settings, through the dispatcher (issue 6)."""

from __future__ import annotations

from decimal import Decimal

from bot.callbacks import PickCb, Section, SettingsAction, SettingsCb, SummaryAction, SummaryCb
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
    await user.press(SettingsCb(section=Section.YANDEX_PAY))
    await user.press(SettingsCb(section=Section.YANDEX_PAY, action=SettingsAction.SET))
    await user.send(merchant_id)
    await user.press(PickCb(step="ypay_env", value="sandbox"))
    return await user.send(merchant_id)  # in the sandbox the key is the merchant id


async def test_merchant_key_is_checked_then_saved_and_deleted_from_chat(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("⚙️ Settings")
    await ali.press(SettingsCb(section=Section.YANDEX_PAY))
    await ali.press(SettingsCb(section=Section.YANDEX_PAY, action=SettingsAction.SET))
    await ali.send("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01")
    await ali.press(PickCb(step="ypay_env", value="sandbox"))
    sent = await ali.send("wrong-key")
    assert "refused this key" in joined(sent)
    assert any(s.method == "DeleteMessage" for s in sent)
    assert await harness.services.payments.get_merchant(ali.user.id) is None

    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01")
    sent = await ali.send("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01")
    assert "saved; the key works" in joined(sent)
    merchant = await harness.services.payments.get_merchant(ali.user.id)
    assert merchant is not None and merchant.sandbox


async def test_payment_link_from_order_with_qr_and_customer_card(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    card = await open_card(ali)
    sent = await ali.press(data_of(card, "Payment link"))
    assert "set up your Yandex Pay" in joined(sent)

    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e02")
    await setup_merchant(ali, "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e02")
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
    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e03")
    await setup_merchant(ali, "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e03")
    sent = await ali.press(data_of(card, "Payment link"))
    await ali.press(data_of(sent, "Type an amount"))
    assert "1,000 to 100,000,000\u00a0UZS" in joined(await ali.send("5"))
    await ali.send("150 000")
    sent = await ali.send("Order 15: two books")
    sent = await ali.press(data_of(sent, "30 minutes"))
    assert "150,000\u00a0UZS" in joined(sent)
    (order,) = harness.yandex.orders.values()
    assert Decimal(str(order.body["cart"]["total"]["amount"])) == Decimal("150000")


async def test_no_payment_link_for_a_cancelled_order_and_cod_is_named(harness: BotHarness) -> None:
    """Issue 13, bug 2: a cancelled order offered 💳 Payment link; a COD order offered a second charge."""
    from storage.schemas import OrderData
    from storage.uow import unit_of_work

    ali = harness.user()
    await login(ali)
    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e02")
    await setup_merchant(ali, "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e02")
    card = await open_card(ali)
    stale_pay = data_of(card, "Payment link")
    sent = await ali.press(data_of(card, "Cancel order"))
    await ali.press(data_of(sent, "Yes, cancel"))
    sent = await ali.send("📋 My orders")
    card = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    assert not any("Payment link" in t for s in card for t, _ in s.buttons())
    sent = await ali.press(stale_pay)  # the button of the card seen before the cancel
    assert "order is cancelled: no payment link" in joined(sent)
    assert not any("For the order" in t for s in sent for t, _ in s.buttons())

    services = harness.services
    async with unit_of_work(services.session_factory, services.box) as uow:
        await uow.orders.upsert(
            OrderData(
                bts_order_id=990001,
                barcode="60000990001",
                owner_id=ali.user.id,
                status_code=1,
                cod_amount=Decimal("150000"),
                cost=Decimal("25000"),
            )
        )
    sent = await ali.send("📋 My orders")
    card = await ali.click("60000990001")
    sent = await ali.press(data_of(card, "Payment link"))
    assert "already pays the courier 150,000\u00a0UZS on delivery" in joined(sent)
    assert any("For the order" in t for s in sent for t, _ in s.buttons())


async def test_merchant_id_must_be_a_uuid_and_text_at_a_button_step_gets_its_hint(
    harness: BotHarness,
) -> None:
    """Issue 13, bug 1: ``not-a-uuid`` was saved; text at "Which environment?" went to tracking."""
    ali = harness.user()
    await login(ali)
    await ali.send("⚙️ Settings")
    await ali.press(SettingsCb(section=Section.YANDEX_PAY))
    await ali.press(SettingsCb(section=Section.YANDEX_PAY, action=SettingsAction.SET))
    sent = await ali.send("not-a-uuid")
    assert "merchant id is a UUID" in joined(sent)
    sent = await ali.send("5A1C0B7E-2F4D-4C11-9D3E-7B9F2A6C8E04")
    assert "Which environment?" in joined(sent)
    sent = await ali.send("000040008000")  # typed where a button is wanted
    text = joined(sent)
    assert "Please" in text and "buttons of this step" in text and "Which environment?" in text
    assert "not found" not in text and "Parcel" not in text
    assert any(d == "pk:ypay_env:production" for s in sent for _, d in s.buttons())
    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e04")
    await ali.press(PickCb(step="ypay_env", value="sandbox"))
    sent = await ali.send("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e04")
    merchant = await harness.services.payments.get_merchant(ali.user.id)
    assert merchant is not None and merchant.merchant_id == "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e04"


async def test_set_up_from_an_orders_payment_link_goes_on_to_that_link(harness: BotHarness) -> None:
    """The sandbox walk: set up from 💳 Payment link ended at the main menu, the link forgotten."""
    ali = harness.user()
    await login(ali)
    card = await open_card(ali)
    sent = await ali.press(data_of(card, "Payment link"))
    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e05")
    await ali.press(data_of(sent, "Yandex Pay"))  # the set-up button under "set up your Yandex Pay"
    await ali.send("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e05")
    await ali.press(PickCb(step="ypay_env", value="sandbox"))
    sent = await ali.send("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e05")
    assert "saved; the key works" in joined(sent) and "Now the payment link for that order" in joined(sent)
    sent = await ali.press(data_of(sent, "Payment link"))  # the same order's link, one tap away
    assert "For the order" in " ".join(t for s in sent for t, _ in s.buttons())

    # Set up from the settings: no order to go on to.
    bob = harness.user(2002)
    await login(bob)
    harness.yandex.add_merchant("5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e06")
    sent = await setup_merchant(bob, "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e06")
    assert "saved; the key works" in joined(sent) and "Now the payment link" not in joined(sent)
