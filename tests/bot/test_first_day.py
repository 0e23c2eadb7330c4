"""A seller's first day (issue 13): the smaller rough edges of the new order, through the dispatcher."""

from __future__ import annotations

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from tests.bot.conftest import BotHarness
from tests.bot.flows import (
    finish_after_branch,
    first_branch,
    login,
    new_order_to_summary,
    onboard,
    plain_parcel,
)
from tests.bot.mocked import joined


async def test_a_mistyped_barcode_is_told_what_a_barcode_looks_like(harness: BotHarness) -> None:
    odil = harness.user()
    await onboard(odil)
    sent = await odil.send("6000000610")  # ten digits
    assert "A barcode has 11–12 digits" in joined(sent)
    assert "did not understand" not in joined(sent)


async def test_the_receiver_question_mentions_the_address_book_only_when_there_is_one(
    harness: BotHarness,
) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek Turdiyev")
    await ali.send("+998 99 123 45 67")
    await ali.send("Chilonzor")
    await ali.press(PickCb(step="sender_city", value="c191"))
    sent = await ali.press(PickCb(step="sender_delivery", value="0"))
    assert "Receiver's <b>full name</b>" in joined(sent)
    assert "address book" not in joined(sent)  # nothing saved yet: nothing to pick


async def test_items_volume_comment_and_the_card(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await ali.press(first_branch(sent))
    await ali.send("1,5")
    await ali.press(NavCb(action=Nav.SKIP, step="pieces"))
    await ali.press(PickCb(step="package", value="8"))
    await ali.press(PickCb(step="content", value="4"))
    sent = await ali.send("30x20x10")  # dimensions in cm, not m³
    assert "Items in the parcel" in joined(sent), joined(sent)
    sent = await ali.send("Kitob; 2; 45000")
    assert "Added: Kitob × 2, 45,000\u00a0UZS. 1 item in total" in joined(sent)
    await ali.press(PickCb(step="items", value="done"))
    await ali.press(PickCb(step="cod", value="0"))
    await ali.press(PickCb(step="photo", value="0"))
    await ali.press(PickCb(step="waybill", value="1"))
    sent = await ali.send_photo()  # a photo where the comment is asked
    assert any(d == "nav:s:comment" for s in sent for _, d in s.buttons()), "Skip stays"
    sent = await ali.press(NavCb(action=Nav.SKIP, step="comment"))
    assert "Volume: 0.006 m³" in joined(sent)
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    sent = await ali.send("📋 My orders")
    card = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    assert "Weight: 1.5\u00a0kg" in joined(card)


async def test_ticking_a_good_redraws_the_picker_in_place(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    await ali.press(
        SummaryCb(action=SummaryAction.CONFIRM)
    )  # the first order registers nothing: register a good on the second
    sent = await new_order_to_summary(ali)
    await ali.press(first_branch(sent))
    await ali.send("2")
    await plain_parcel(ali)
    await ali.press(PickCb(step="cod", value="1"))
    await ali.send("250 000")
    await ali.press(PickCb(step="cod_goods", value="new"))
    await ali.send("08517001001020045")
    await ali.send("Telefon")
    await ali.press(PickCb(step="mxik_units", value="dona"))
    sent = await ali.send("250000")
    good = next(d for s in sent for t, d in s.buttons() if d and d.startswith("pk:cod_goods:g"))
    sent = await ali.press(good)  # untick
    assert [s.method for s in sent if s.method not in ("AnswerCallbackQuery", "SendChatAction")] == [
        "EditMessageText"
    ], sent
    sent = await ali.press(good)  # tick again
    assert [s.method for s in sent if s.method not in ("AnswerCallbackQuery", "SendChatAction")] == [
        "EditMessageText"
    ], sent
