"""New order through the dispatcher against the BTS fake."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from bot.i18n import Translator
from bot.render import summary_text
from services.drafts import CodGood, OrderDraft
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary
from tests.bot.mocked import joined


async def test_whole_new_order_creates_once_with_live_price(harness: BotHarness) -> None:
    ali = harness.user()
    assert "Logged in" in joined(await login(ali))
    sent = await new_order_to_summary(ali)
    sent = await finish_after_branch(ali, first_branch(sent))
    text = joined(sent)
    assert "Check the order" in text
    assert "Delivery: <b>" in text and "UZS" in text
    assert harness.fake.count("v1/order/calculate") >= 1

    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    text = joined(sent)
    assert "Order created" in text
    assert len(harness.fake.orders) == 1
    order = next(iter(harness.fake.orders.values()))
    assert order.fields["receiverDelivery"] == 0 and order.receiver_branch_id
    assert order.fields["senderPhone"] == "+998991234567"
    assert str(order.fields["weight"]) == "1.5"

    # A double tap (or a retry) of Confirm never creates a second order.
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert len(harness.fake.orders) == 1
    assert "earlier step" in joined(sent)


async def test_invalid_inputs_are_explained_and_nothing_is_lost(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    sent = await ali.send("➕ New order")
    assert "full name" in joined(sent)
    assert "2 to 100" in joined(await ali.send("1"))
    await ali.send("Jurabek")
    assert "doesn't look like a phone" in joined(await ali.send("12"))
    sent = await ali.send_sticker()  # not a phone: the step says what it expects and stays
    assert "expects text" in joined(sent)
    sent = await ali.send_photo()
    assert "expects text" in joined(sent)
    sent = await ali.send("+998991234567")
    assert "Which city does the parcel leave from" in joined(sent)
    sent = await ali.send("qwertyzzz")
    assert "Nothing found" in joined(sent)
    sent = await ali.send("Самарканд")
    assert "pk:sender_city:c75" in [d for s in sent for _, d in s.buttons()]
    draft = (await harness.storage.get_data(key_for(harness, ali)))["draft"]
    assert draft["sender"]["name"] == "Jurabek" and draft["sender"]["phone"] == "+998991234567"


async def test_weight_accepts_comma_and_rejects_out_of_bounds(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await ali.press(first_branch(sent))
    assert "0.01 to 1000" in joined(await ali.send("0"))
    assert "0.01 to 1000" in joined(await ali.send("5000"))
    assert "0.01 to 1000" in joined(await ali.send("abc"))
    assert "Number of pieces" in joined(await ali.send("2,25"))
    draft = (await harness.storage.get_data(key_for(harness, ali)))["draft"]
    assert draft["weight"] == "2.25"


async def test_back_and_stale_buttons_in_the_flow(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek")
    sent = await ali.press(NavCb(action=Nav.BACK, step="sender_phone"))
    assert "full name" in joined(sent)
    sent = await ali.press_stale(PickCb(step="package", value="8"))  # a button of a step we are not on
    assert any(s.method == "AnswerCallbackQuery" for s in sent)
    assert not any("Contents" in (s.text or "") for s in sent)


async def test_cancel_drops_the_draft_and_menu_detour_keeps_it(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek")
    sent = await ali.send("📋 My orders")
    assert "My orders" in joined(sent)
    sent = await ali.send("➕ New order")
    assert "unfinished order" in joined(sent)
    sent = await ali.press(PickCb(step="resume", value="continue"))
    assert "phone" in joined(sent)
    sent = await ali.press(NavCb(action=Nav.CANCEL, step="sender_phone"))
    assert "cancelled" in joined(sent)
    sent = await ali.send("➕ New order")
    assert "unfinished" not in joined(sent)


async def test_upstream_validation_error_is_shown_with_fix_button(harness: BotHarness) -> None:
    from tests.fakes.base import Fault

    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    body = {"errors": {"senderPhone": ["«Telefon» ni to'ldirishingiz kerak."]}}
    harness.fake.faults.add("v1/order/add", Fault(status=422, body=body))
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    text = joined(sent)
    assert "Telefon" in text and "Sender's phone" in text
    assert any(d == "sm:field:sender_phone" for s in sent for _, d in s.buttons())
    assert len(harness.fake.orders) == 0
    # Fix it and confirm again: created once.
    await ali.press(SummaryCb(action=SummaryAction.FIELD, field="sender_phone"))
    sent = await ali.send("+998 90 000 00 01")
    assert "Check the order" in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "Order created" in joined(sent)
    assert len(harness.fake.orders) == 1


async def test_create_timeout_is_reported_unsure_and_not_resent(harness: BotHarness) -> None:
    from tests.fakes.base import Fault

    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    harness.fake.faults.add("v1/order/add", Fault(drop=True, after=True))
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "not sure the order was created" in joined(sent)
    assert harness.fake.count("v1/order/add") == 1
    assert len(harness.fake.orders) == 1  # it did get created upstream
    sent = await ali.press(
        SummaryCb(action=SummaryAction.CONFIRM)
    )  # Confirm again: refused, never re-sent blindly
    assert harness.fake.count("v1/order/add") == 1


async def test_restart_in_the_middle_of_a_new_order(harness: BotHarness, translator: object) -> None:
    from bot.app import create_dispatcher
    from storage.fsm import SqlStorage
    from tests.bot.mocked import Chatter

    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek")
    # A new storage and dispatcher over the same database: as after a restart.
    storage = SqlStorage(harness.services.session_factory, box=harness.services.box)
    dp = create_dispatcher(harness.services, translator, storage)  # type: ignore[arg-type]
    again = Chatter(dp, harness.bot, user_id=ali.user.id, language_code="en")
    sent = await again.send("+998 99 123 45 67")
    assert "Which city does the parcel leave from" in joined(sent)


def key_for(harness: BotHarness, chatter: object) -> object:
    from aiogram.fsm.storage.base import StorageKey

    user_id = chatter.user.id  # type: ignore[attr-defined]
    return StorageKey(bot_id=harness.bot.id, chat_id=user_id, user_id=user_id)


async def test_bts_down_on_confirm_is_told_plainly_and_the_draft_survives(harness: BotHarness) -> None:
    from tests.fakes.base import Fault

    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    harness.fake.faults.add("v1/order/add", Fault(status=503, retry_after=0), times=2)  # both tries
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "BTS is not answering" in joined(sent)
    assert len(harness.fake.orders) == 0
    sent = await ali.press(
        SummaryCb(action=SummaryAction.CONFIRM)
    )  # BTS is back: the same draft goes through, once
    assert "Order created" in joined(sent)
    assert len(harness.fake.orders) == 1


async def test_cash_on_delivery_with_a_new_mxik_good(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await ali.press(first_branch(sent))
    await ali.send("2")
    await ali.press(NavCb(action=Nav.SKIP, step="pieces"))
    await ali.press(PickCb(step="package", value="8"))
    await ali.press(PickCb(step="content", value="4"))
    await ali.press(NavCb(action=Nav.SKIP, step="volume"))
    await ali.press(NavCb(action=Nav.SKIP, step="items"))
    sent = await ali.press(PickCb(step="cod", value="1"))
    assert "Amount collected at the branch on pickup" in joined(sent)  # a branch delivery
    assert "1,000 to 100,000,000\u00a0UZS" in joined(await ali.send("500"))
    sent = await ali.send("250 000")
    assert "add one" in joined(sent) or "Tick the products" in joined(sent)
    await ali.press(PickCb(step="cod_goods", value="new"))
    assert "17 digits" in joined(await ali.send("123"))
    await ali.send("08517001001020045")
    sent = await ali.send("Guruch")
    assert "Which unit" in joined(sent)
    assert [t for s in sent for t, _ in s.buttons()][:7] == ["pc", "kg", "g", "t", "L", "mL", "m³"]
    sent = await ali.click("kg")
    assert "Price of one unit (kg)" in joined(sent)
    sent = await ali.send("25000")
    assert "Product added" in joined(sent)
    assert "✅ Guruch × 1 kg" in [t for s in sent for t, _ in s.buttons()]
    good = next(d for s in sent for t, d in s.buttons() if t == "➕")
    sent = await ali.press(good)  # 2 kg: the picker is redrawn in place, not sent again
    assert [s.method for s in sent if s.method not in ("AnswerCallbackQuery", "SendChatAction")] == [
        "EditMessageText"
    ]
    assert "✅ Guruch × 2 kg" in [t for s in sent for t, _ in s.buttons()]
    sent = await ali.press(PickCb(step="cod_goods", value="done"))
    assert "photo of the receiver" in joined(sent)
    await ali.press(PickCb(step="photo", value="1"))
    await ali.press(PickCb(step="waybill", value="0"))
    sent = await ali.press(NavCb(action=Nav.SKIP, step="comment"))
    assert "Cash on delivery" in joined(sent) and "Guruch × 2 kg · 25" in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "Order created" in joined(sent)
    # The unit is the MXIK good's ``units`` (seed 001's register route); order/add names the good.
    registered = [b for r, b in harness.fake.bodies if r == "v1/mxik-goods/create"]
    assert registered == [{"spic": "08517001001020045", "name": "Guruch", "units": "kg", "goodPrice": 25000}]
    order = next(iter(harness.fake.orders.values()))
    assert order.fields["bringBackMoney"] == 1 and str(order.fields["back_money"]) == "250000"
    goods = order.fields["options"][0]["goods"]
    assert [(g["amount"], g["goodPrice"]) for g in goods] == [(2, 25000)]
    account_goods = next(a.mxik_goods for a in harness.fake.accounts.values() if a.mxik_goods)
    assert account_goods[goods[0]["mxikGoodsId"]]["units"] == "kg"


@pytest.mark.parametrize(
    ("lang", "kg", "dona"), [("uz", "kg", "dona"), ("ru", "кг", "шт."), ("en", "kg", "pc")]
)
def test_cod_goods_on_the_summary_with_their_count_and_unit(
    translator: Translator, lang: str, kg: str, dona: str
) -> None:
    goods = [
        CodGood(mxik_id=1, name="Guruch", amount=2, price=Decimal(25000), units="kg"),
        CodGood(mxik_id=2, name="Telefon", price=Decimal(100000), units="dona"),
        CodGood(mxik_id=3, name="Choy", price=Decimal(9000), units="pachka"),  # a unit we don't know
    ]
    draft = OrderDraft(cod=True, cod_amount=Decimal(159000), cod_goods=goods)
    text = summary_text(translator.get(lang), draft, price=None)
    assert f"Guruch × 2 {kg} · 25" in text and f"Telefon × 1 {dona} · 100" in text
    assert "Choy × 1 pachka" in text
    several = draft.model_copy(update={"cod_goods": [goods[1].model_copy(update={"amount": 3})]})
    assert f"Telefon × 3 {'pcs' if lang == 'en' else dona} · 100" in summary_text(
        translator.get(lang), several, price=None
    )
