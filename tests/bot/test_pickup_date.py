"""The pickup date (``senderDate``, seed 001's order/add and order/calculate, "YYYY-MM-DD")
through the dispatcher: asked when a courier collects, skippable, on the summary, changeable
from it, sent to BTS; and in the price quote. "Today" is fixed at 30.12.2026 in Tashkent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from tests.bot.conftest import BotHarness
from tests.bot.flows import (
    finish_after_branch,
    first_branch,
    login,
    new_order_to_summary,
    plain_parcel,
    receiver_to_branches,
    sender_to_pickup_date,
)
from tests.bot.mocked import Chatter, joined

TODAY = date(2026, 12, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.conversations.pickup.today_in_tashkent", lambda: TODAY)


def bodies(harness: BotHarness, route: str) -> list[dict[str, Any]]:
    return [b for r, b in harness.fake.bodies if r == route and isinstance(b, dict)]


LANGUAGES = [
    # menu, the question, tomorrow's button, past, far, the summary line, created
    (
        "uz",
        "➕ Yangi buyurtma",
        "qaysi kuni olib ketsin",
        "Ertaga, 31.12",
        "Bu kun oʻtib ketgan. Bugungi (30.12.2026)",
        "kuryerni 29.01.2027-gacha chaqirish mumkin",
        "📅 Olib ketish sanasi: 31.12.2026",
        "Buyurtma yaratildi",
    ),
    (
        "ru",
        "➕ Новый заказ",
        "Когда курьеру забрать посылку",
        "Завтра, 31.12",
        "Этот день уже прошёл. Выберите сегодня (30.12.2026)",
        "курьера можно вызвать не позже 29.01.2027",
        "📅 Курьер заберёт: 31.12.2026",
        "Заказ создан",
    ),
    (
        "en",
        "➕ New order",
        "When should the courier collect the parcel",
        "Tomorrow, 31.12",
        "That day has already passed. Choose today (30.12.2026)",
        "a courier can be booked up to 29.01.2027",
        "📅 Pickup: 31.12.2026",
        "Order created",
    ),
]


@pytest.mark.parametrize(
    ("lang", "menu", "question", "tomorrow", "past", "far", "line", "created"), LANGUAGES
)
async def test_the_pickup_date_reaches_order_add_in_every_language(
    harness: BotHarness,
    lang: str,
    menu: str,
    question: str,
    tomorrow: str,
    past: str,
    far: str,
    line: str,
    created: str,
) -> None:
    ali = harness.user(language_code=lang)
    await login(ali, lang)
    sent = await sender_to_pickup_date(ali, menu)
    assert question in joined(sent)
    labels = [t for s in sent for t, _ in s.buttons()][:3]  # today, tomorrow, the day after
    assert labels[1] == tomorrow and [label[-5:] for label in labels] == ["30.12", "31.12", "01.01"]
    # A date that has passed and one too far ahead: told why, in the user's language; the step stays.
    assert past in joined(await ali.send("29.12"))
    assert far in joined(await ali.send("15.02"))
    await ali.click(tomorrow)
    sent = await finish_after_branch(ali, first_branch(await receiver_to_branches(ali)))
    assert line in joined(sent)
    assert bodies(harness, "v1/order/calculate")[-1]["senderDate"] == "2026-12-31"  # the live price too
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert created in joined(sent)
    assert bodies(harness, "v1/order/add")[-1]["senderDate"] == "2026-12-31"


async def test_a_skipped_date_is_not_sent_and_can_be_set_from_the_summary(harness: BotHarness) -> None:
    ali = harness.user(language_code="en")
    await login(ali)
    sent = await finish_after_branch(ali, first_branch(await new_order_to_summary(ali)))
    assert "Pickup:" not in joined(sent)
    assert "senderDate" not in bodies(harness, "v1/order/calculate")[-1]
    sent = await ali.press(SummaryCb(action=SummaryAction.CHANGE))
    await ali.click("Pickup date")
    sent = await ali.send("05.01")  # next year's: the nearer 5 January
    assert "📅 Pickup: 05.01.2027" in joined(sent) and "Check the order" in joined(sent)
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert bodies(harness, "v1/order/add")[-1]["senderDate"] == "2027-01-05"


async def test_no_pickup_date_when_the_seller_brings_the_parcel(harness: BotHarness) -> None:
    ali = harness.user(language_code="en")
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek Turdiyev")
    await ali.send("+998 99 123 45 67")
    await ali.send("Chilonzor")
    await ali.press(PickCb(step="sender_city", value="c191"))
    sent = await ali.press(PickCb(step="sender_delivery", value="0"))
    assert "collect the parcel" not in joined(sent) and "Receiver" in joined(sent)


async def _price_to_weight(ali: Chatter) -> str:
    await ali.send("💰 Price")
    await ali.send("Chilonzor")
    await ali.press(PickCb(step="p_from", value="c191"))
    await ali.press(PickCb(step="p_to", value="r10"))
    sent = await ali.press(PickCb(step="p_to", value="c75"))
    assert "When would the courier collect the parcel" in joined(sent)
    return joined(sent)


async def test_the_price_quote_takes_the_date_and_the_order_keeps_it(harness: BotHarness) -> None:
    ali = harness.user(language_code="en")
    await login(ali)
    await _price_to_weight(ali)
    await ali.click("Tomorrow")
    sent = await ali.send("2")
    assert "📅 Courier pickup on 31.12.2026" in joined(sent)
    quotes = bodies(harness, "v1/order/calculate")
    assert len(quotes) == 6
    for body in quotes:  # the date goes with the ways where a courier collects
        assert body.get("senderDate") == ("2026-12-31" if body["senderDelivery"] else None), body
    await ali.press(PickCb(step="p_make", value="11"))
    await ali.send("Jurabek Turdiyev")
    await ali.send("+998 99 123 45 67")
    sent = await ali.send("Bobur ko'chasi 5")
    assert "Receiver" in joined(sent)  # the date was answered on the price screen
    await ali.send("Odil Ahmedov")
    await ali.send("90 123 45 67")
    await ali.press(NavCb(action=Nav.SKIP, step="receiver_phone2"))
    sent = await ali.send("Registon 1")
    assert "Number of pieces" in joined(sent)  # the weight too came from the price
    await plain_parcel(ali)
    await ali.press(PickCb(step="cod", value="0"))
    await ali.press(PickCb(step="photo", value="0"))
    await ali.press(PickCb(step="waybill", value="0"))
    sent = await ali.press(NavCb(action=Nav.SKIP, step="comment"))
    assert "📅 Pickup: 31.12.2026" in joined(sent)
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert bodies(harness, "v1/order/add")[-1]["senderDate"] == "2026-12-31"


async def test_the_price_quote_without_a_date(harness: BotHarness) -> None:
    ali = harness.user(language_code="en")
    await login(ali)
    await _price_to_weight(ali)
    sent = await ali.press(NavCb(action=Nav.SKIP, step="p_date"))
    assert "Weight" in joined(sent)
    sent = await ali.send("2")
    assert "Courier pickup" not in joined(sent)
    assert all("senderDate" not in b for b in bodies(harness, "v1/order/calculate"))


async def test_an_orders_pickup_date_is_changed_by_the_flat_edit(harness: BotHarness) -> None:
    """Seed 000's nested edit has no ``senderDate``: a new date goes by seed 001's flat
    ``order/edit`` even where the nested form is the setting."""
    from services.settings import EditFormat

    harness.services.orders.settings.bts_edit_format = EditFormat.NESTED
    ali = harness.user(language_code="en")
    await login(ali)
    await finish_after_branch(ali, first_branch(await new_order_to_summary(ali)))
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    sent = await ali.send("📋 My orders")
    await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    await ali.click("Edit")
    sent = await ali.press(SummaryCb(action=SummaryAction.FIELD, field="sender_date"))
    assert "When should the courier collect the parcel" in joined(sent)
    sent = await ali.click("Tomorrow")
    assert "Check the changes" in joined(sent) and "📅 Pickup: 31.12.2026" in joined(sent)
    sent = await ali.click("Save changes")
    assert "Changes saved" in joined(sent)
    edit = bodies(harness, "v1/order/edit")[-1]
    assert edit["senderDate"] == "2026-12-31" and "orderId" in edit and "sender" not in edit
