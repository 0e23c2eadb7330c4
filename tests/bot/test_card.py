"""The summary and the order card as the sandbox walk read them: place names, cash on delivery at a
branch, the goods on the receipt, a paid order that is cancelled (uz / ru / en)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from aiogram.methods import AnswerInlineQuery

from bot.callbacks import CancelOrderCb, Nav, NavCb, OrderAction, OrderCb, PickCb, SummaryAction, SummaryCb
from bot.i18n import Localizer, Translator
from bot.render import summary_text
from services.drafts import CodGood, DraftItem, OrderDraft
from tests.bot.conftest import BotHarness
from tests.bot.flows import (
    finish_after_branch,
    first_branch,
    login,
    new_order_to_summary,
    receiver_to_branches,
    sender_to_pickup_date,
)
from tests.bot.mocked import Chatter, Sent, joined

LANGS = ("uz", "ru", "en")


def data_starting(sent: list[Sent], prefix: str) -> str:
    found = [d for s in sent for _, d in s.buttons() if d and d.startswith(prefix)]
    assert found, [b for s in sent for b in s.buttons()]
    return found[-1]


def block(text: str, title: str) -> list[str]:
    """The lines of a summary's From or To block (after its bold title, up to a blank line)."""
    lines = text.split("\n")
    start = lines.index(f"<b>{title}</b>") + 1
    end = lines.index("", start)
    return lines[start:end]


async def open_first_card(user: Chatter, l10n: Localizer) -> list[Sent]:
    sent = await user.send(l10n("menu-my-orders"))
    return await user.press(data_starting(sent, "or:o:"))


@pytest.mark.parametrize("lang", LANGS)
async def test_one_name_per_place_on_summary_card_and_edit(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    """Walk en-16/19/21, ru-16: the pickup address had no city, a place was spelled two ways
    (``Samarkand`` on the button, ``Samarqand`` on the summary; ``Chilanzar District`` became
    ``Chilonzor district`` after an edit), the card never named the receiver's branch."""
    l10n = translator.get(lang)
    directory = harness.services.branches
    ali = harness.user()
    await login(ali, lang)
    sent = await new_order_to_summary(ali, l10n("menu-new-order"))
    chilonzor, tashkent = directory.city(191), directory.region(6)
    samarkand = directory.city(75)
    assert chilonzor is not None and tashkent is not None and samarkand is not None
    place = l10n("place-in-region", place=chilonzor.label(lang), region=tashkent.label(lang))
    assert samarkand.label(lang) in joined(sent)  # the branch question names the city as the buttons do
    branch_data = first_branch(sent)
    branch = directory.branch(int(branch_data.rsplit(":b", 1)[1]))
    assert branch is not None

    summary = joined(await finish_after_branch(ali, branch_data))
    sender, receiver = (
        block(summary, l10n("summary-sender")[3:-4]),
        block(summary, l10n("summary-receiver")[3:-4]),
    )
    assert sender[1] == l10n("summary-address", city=place, address="Bobur ko'chasi 5")
    assert receiver[1] == l10n("summary-branch", city=samarkand.label(lang), branch=branch.name)

    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    card = joined(await open_first_card(ali, l10n))
    assert f", {samarkand.label(lang)}\n" in card
    assert l10n("order-card-branch", branch=branch.name) in card
    (order,) = harness.fake.orders.values()
    (answer,) = [s.raw for s in await ali.inline(order.barcode) if isinstance(s.raw, AnswerInlineQuery)]
    inline_card = answer.results[0].input_message_content.message_text  # type: ignore[union-attr]
    assert l10n("inline-card-receiver", name="Odil Ahmedov", city=samarkand.label(lang)) in inline_card

    sent = await ali.press(data_starting(await open_first_card(ali, l10n), "or:e:"))
    await ali.press(SummaryCb(action=SummaryAction.FIELD, field="weight"))
    edited = joined(await ali.send("3"))
    assert block(edited, l10n("summary-sender")[3:-4]) == sender  # the same names after BTS answered
    assert block(edited, l10n("summary-receiver")[3:-4]) == receiver
    if lang == "en":
        assert "Samarqand," not in summary + card + edited and "Chilonzor district" not in edited


def test_a_place_the_directory_does_not_know_is_shown_as_stored(translator: Translator) -> None:
    draft = OrderDraft.model_validate(
        {"sender": {"name": "A", "phone": "+998901234567", "city_id": 9999, "city_name": "Chilonzor tumani"}}
    )
    assert "Chilonzor district, " in summary_text(translator.get("en"), draft, None, price=None)


async def cod_question(user: Chatter, way: str, lang: str, l10n: Localizer) -> str:
    """A new order up to the cash-on-delivery question; the receiver gets it by ``way``."""
    await sender_to_pickup_date(user, l10n("menu-new-order"))
    await user.press(NavCb(action=Nav.SKIP, step="sender_date"))
    if way == "0":
        sent = await receiver_to_branches(user)
        await user.press(first_branch(sent))
    else:
        await user.send("Odil Ahmedov")
        await user.send("90 123 45 67")
        await user.press(NavCb(action=Nav.SKIP, step="receiver_phone2"))
        await user.press(PickCb(step="receiver_delivery", value="1"))
        await user.press(PickCb(step="receiver_city", value="r10"))
        await user.press(PickCb(step="receiver_city", value="c75"))
        await user.send("Registon ko'chasi 1")
    await user.send("2")
    await user.press(NavCb(action=Nav.SKIP, step="pieces"))
    await user.press(PickCb(step="package", value="8"))
    await user.press(PickCb(step="content", value="4"))
    await user.press(NavCb(action=Nav.SKIP, step="volume"))
    return joined(await user.press(NavCb(action=Nav.SKIP, step="items")))


@pytest.mark.parametrize("lang", LANGS)
async def test_cash_on_delivery_at_a_branch_is_not_the_couriers(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    """Walk: a receiver collecting at a branch was asked about "the courier" (``Kuryer qancha pul
    olsin?``, ``Should the courier collect payment``) and the link warned "заплатит курьеру"."""
    from tests.bot.test_payments import setup_merchant

    l10n = translator.get(lang)
    harness.fake.seed_demo_goods()
    ali = harness.user()
    await login(ali, lang)
    asked = await cod_question(ali, "0", lang, l10n)
    assert l10n("order-ask-cod-at-branch") in asked and l10n("order-ask-cod") not in asked
    sent = await ali.press(PickCb(step="cod", value="1"))
    assert l10n("order-ask-cod-amount-at-branch") in joined(sent)
    if lang == "uz":
        assert "Kuryer" not in joined(sent)
    await ali.send("100000")
    await ali.press(PickCb(step="cod_goods", value="g72"))  # Telefon, 100 000
    await ali.press(PickCb(step="cod_goods", value="done"))
    await ali.press(PickCb(step="photo", value="0"))
    await ali.press(PickCb(step="waybill", value="0"))
    await ali.press(NavCb(action=Nav.SKIP, step="comment"))
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))

    merchant = "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e21"
    harness.yandex.add_merchant(merchant)
    await setup_merchant(ali, merchant)
    card = await open_first_card(ali, l10n)
    sent = await ali.press(data_starting(card, "or:p:"))
    amount = l10n.money(Decimal(100000))
    assert l10n("payment-cod-already-at-branch", amount=amount) in joined(sent)
    assert l10n("payment-cod-already", amount=amount) not in joined(sent)


async def test_a_courier_delivery_still_asks_about_the_courier(
    harness: BotHarness, translator: Translator
) -> None:
    l10n = translator.get("uz")
    ali = harness.user()
    await login(ali, "uz")
    asked = await cod_question(ali, "1", "uz", l10n)
    assert l10n("order-ask-cod") in asked
    assert l10n("order-ask-cod-amount") in joined(await ali.press(PickCb(step="cod", value="1")))


async def goods_summary(user: Chatter, l10n: Localizer, cod: str) -> str:
    """Walk en-16: items ``Notebook; 10; 5000``, cash on delivery ``cod`` and the MXIK good Telefon
    (100 000 a piece) on the receipt."""
    sent = await new_order_to_summary(user, l10n("menu-new-order"))
    await user.press(first_branch(sent))
    await user.send("2,5")
    await user.press(NavCb(action=Nav.SKIP, step="pieces"))
    await user.press(PickCb(step="package", value="8"))
    await user.press(PickCb(step="content", value="4"))
    await user.press(NavCb(action=Nav.SKIP, step="volume"))
    await user.send("Notebook; 10; 5000")
    await user.press(PickCb(step="items", value="done"))
    await user.press(PickCb(step="cod", value="1"))
    await user.send(cod)
    await user.press(PickCb(step="cod_goods", value="g72"))
    await user.press(PickCb(step="cod_goods", value="done"))
    await user.press(PickCb(step="photo", value="0"))
    await user.press(PickCb(step="waybill", value="0"))
    return joined(await user.press(NavCb(action=Nav.SKIP, step="comment")))


@pytest.mark.parametrize("lang", LANGS)
async def test_summary_lists_the_goods_once_and_warns_when_cod_is_not_the_receipts_sum(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    harness.fake.seed_demo_goods()
    ali = harness.user()
    await login(ali, lang)
    text = await goods_summary(ali, l10n, "50 000")
    assert text.count(l10n("summary-goods")) == 1
    pieces, piece = l10n("unit-dona", count=10), l10n("unit-dona", count=1)
    notebook = l10n("summary-good-priced", name="Notebook", amount=10, unit=pieces, price=l10n.money(5000))
    phone = l10n("summary-good-priced", name="Telefon", amount=1, unit=piece, price=l10n.money(100000))
    assert notebook in text and l10n("summary-good-on-receipt", good=phone) in text
    warning = l10n("summary-cod-mismatch", cod=l10n.money(50000), goods=l10n.money(100000))
    assert warning in text

    # Cash on delivery changed to what the receipt comes to: no warning any more.
    await ali.press(SummaryCb(action=SummaryAction.CHANGE))
    await ali.press(SummaryCb(action=SummaryAction.FIELD, field="cod"))
    await ali.press(PickCb(step="cod", value="1"))
    await ali.send("100 000")
    fixed = joined(await ali.press(PickCb(step="cod_goods", value="done")))
    assert l10n("summary-cod", amount=l10n.money(100000)) in fixed
    assert l10n("summary-cod-mismatch", cod=l10n.money(100000), goods=l10n.money(100000)) not in fixed
    assert "⚠️" not in fixed


def test_an_item_also_on_the_receipt_is_listed_once(translator: Translator) -> None:
    draft = OrderDraft(
        items=[DraftItem(name="Telefon", count=1, cost=Decimal(100000)), DraftItem(name="Chexol", count=2)],
        cod=True,
        cod_amount=Decimal(100000),
        cod_goods=[CodGood(mxik_id=72, name="Telefon", price=Decimal(100000), units="dona")],
    )
    text = summary_text(translator.get("en"), draft, price=None)
    assert text.count("Telefon × 1") == 1 and "Telefon × 1 pc · 100,000\xa0UZS 🧾" in text
    assert "Chexol × 2 pcs\n" in text and "⚠️" not in text


async def paid_order_card(harness: BotHarness, user: Chatter, l10n: Localizer) -> list[Sent]:
    """An order whose payment link the customer paid (walk en-28): its card, refreshed."""
    from tests.bot.test_payments import setup_merchant

    sent = await new_order_to_summary(user, l10n("menu-new-order"))
    await finish_after_branch(user, first_branch(sent))
    await user.press(SummaryCb(action=SummaryAction.CONFIRM))
    merchant = "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e22"
    harness.yandex.add_merchant(merchant)
    await setup_merchant(user, merchant)
    card = await open_first_card(user, l10n)
    sent = await user.press(data_starting(card, "or:p:"))
    sent = await user.press(data_starting(sent, "py:order:"))
    await user.press(data_starting(sent, "py:ttl:"))
    (paid,) = harness.yandex.orders.values()
    harness.yandex.mark_paid(paid.order_id)
    await harness.services.payments.refresh(paid.order_id)
    return await open_first_card(user, l10n)


@pytest.mark.parametrize("lang", LANGS)
async def test_cancelling_a_paid_order_warns_and_the_card_asks_for_the_refund(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    """Walk ru-29/30, en-30, uz-50: no warning before the cancel, then "Cancelled" beside "✅ paid"."""
    l10n = translator.get(lang)
    ali = harness.user()
    await login(ali, lang)
    card = await paid_order_card(harness, ali, l10n)
    (paid,) = harness.yandex.orders.values()
    amount = l10n.money(paid.amount)
    assert l10n("order-card-refund-due", amount=amount) not in joined(card)  # not cancelled yet

    asked = await ali.press(data_starting(card, "or:x:"))
    assert l10n("order-cancel-paid-warning", amount=amount) in joined(asked)
    order_id = int(data_starting(card, "or:x:").rsplit(":", 1)[1])
    done = await ali.press(CancelOrderCb(order_id=order_id, confirm=True))
    assert l10n("order-card-refund-due", amount=amount) in joined(done)
    card = await open_first_card(ali, l10n)
    assert l10n("order-card-refund-due", amount=amount) in joined(card)

    # Refunded in the Yandex Pay console: the card no longer asks for it.
    harness.yandex.mark_refunded(paid.order_id)
    await harness.services.payments.refresh(paid.order_id)
    assert l10n("order-card-refund-due", amount=amount) not in joined(await open_first_card(ali, l10n))


async def test_cancelling_an_unpaid_order_says_nothing_of_refunds(
    harness: BotHarness, translator: Translator
) -> None:
    l10n = translator.get("en")
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    asked = await ali.press(data_starting(await open_first_card(ali, l10n), "or:x:"))
    assert "Yandex Pay" not in joined(asked)
    order_id = int(data_starting(asked, "oc:").split(":")[1])
    assert "Yandex Pay" not in joined(await ali.press(CancelOrderCb(order_id=order_id, confirm=True)))


def test_card_order_action_data_is_what_the_tests_press() -> None:
    assert OrderCb(action=OrderAction.CANCEL, order_id=1).pack().startswith("or:x:")
    assert OrderCb(action=OrderAction.EDIT, order_id=1).pack().startswith("or:e:")
