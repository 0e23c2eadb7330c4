"""My orders, the order card, edit, cancel and price, through the dispatcher (issue 4)."""

from __future__ import annotations

import pytest

from bot.callbacks import Nav, NavCb, OrderFilter, OrdersCb, PickCb, SummaryAction, SummaryCb
from services.settings import EditFormat
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary
from tests.bot.mocked import Chatter, Sent, joined


def data_of(sent: list[Sent], part: str) -> str:
    found = [d for s in sent for t, d in s.buttons() if part in t and d]
    assert found, [b for s in sent for b in s.buttons()]
    return found[-1]


async def create_order(user: Chatter) -> list[Sent]:
    sent = await new_order_to_summary(user)
    await finish_after_branch(user, first_branch(sent))
    return await user.press(SummaryCb(action=SummaryAction.CONFIRM))


async def test_list_filters_search_and_card(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await create_order(ali)
    await create_order(ali)
    orders = list(harness.fake.orders.values())
    harness.fake.set_status(orders[0].order_id, 6)

    page = await harness.services.orders.list_orders(ali.user.id)
    for view in page.items:  # what the poller (or a Refresh tap) does
        await harness.services.orders.refresh(ali.user.id, view.id)

    sent = await ali.send("📋 My orders")
    assert "My orders</b> (2)" in joined(sent)
    sent = await ali.press(OrdersCb(kind=OrderFilter.DELIVERED, page=0))
    assert "My orders</b> (1)" in joined(sent) and orders[0].barcode in str(sent[0].markup)
    sent = await ali.press(OrdersCb(kind=OrderFilter.ACTIVE, page=0))
    assert "My orders</b> (1)" in joined(sent) and orders[1].barcode in str(sent[0].markup)
    sent = await ali.press(OrdersCb(kind=OrderFilter.CANCELLED, page=0))
    assert "My orders</b> (0)" in joined(sent)

    sent = await ali.press(data_of(sent, "🔍"))
    sent = await ali.send(orders[1].barcode)
    assert "1 order found" in joined(sent)
    sent = await ali.press(data_of(sent, orders[1].barcode))
    assert orders[1].barcode in joined(sent)
    card = sent
    sent = await ali.press(data_of(card, "Refresh"))
    assert "With the sender" in joined(sent)
    sent = await ali.press(data_of(card, "History"))
    assert "History of" in joined(sent)
    sent = await ali.press(data_of(card, "Share"))
    assert f"start=track_{orders[1].barcode}" in joined(sent)
    sent = await ali.press(data_of(card, "Label"))
    assert any(s.method == "SendDocument" for s in sent) or "no label" in joined(sent)


async def test_another_users_order_is_refused(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await create_order(ali)
    sent = await ali.send("📋 My orders")
    open_data = next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:"))
    bob = harness.user(5005)
    await login(bob)
    for action in ("o", "r", "h", "e", "x", "l", "s", "n", "p"):
        sent = await bob.press_stale(open_data.replace("or:o:", f"or:{action}:"))  # forged
        assert "not in your list" in joined(sent), action
    assert len(harness.fake.orders) == 1


@pytest.mark.parametrize("edit_format", [EditFormat.FLAT, EditFormat.NESTED])
async def test_edit_weight_shows_new_price_then_saves(harness: BotHarness, edit_format: EditFormat) -> None:
    harness.services.orders.settings.bts_edit_format = edit_format
    ali = harness.user()
    await login(ali)
    created = await create_order(ali)
    assert "Order created" in joined(created)
    order = next(iter(harness.fake.orders.values()))
    sent = await ali.send("📋 My orders")
    sent = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    sent = await ali.press(data_of(sent, "Edit"))
    assert "What do you want to change" in joined(sent)
    await ali.press(SummaryCb(action=SummaryAction.FIELD, field="weight"))
    sent = await ali.send("7")
    assert "Check the changes" in joined(sent)
    sent = await ali.press(data_of(sent, "Save changes"))
    assert "Changes saved" in joined(sent)
    assert str(harness.fake.orders[order.order_id].fields["weight"]) in ("7", "7.0")
    route = "v1/order/edit"
    assert harness.fake.count(route) == 1


async def test_edit_and_cancel_refused_after_pickup(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await create_order(ali)
    order = next(iter(harness.fake.orders.values()))
    sent = await ali.send("📋 My orders")
    card = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    edit_data, cancel_data = data_of(card, "Edit"), data_of(card, "Cancel order")
    harness.fake.advance(order.order_id)  # the courier took it
    sent = await ali.press(edit_data.replace("or:e:", "or:r:"))  # refresh: the card learns the status
    assert "Picked up" in joined(sent)
    sent = await ali.press_stale(cancel_data)  # the refreshed card no longer shows Cancel
    assert "no longer allows" in joined(sent)


async def test_cancel_asks_then_cancels_and_shows_reasons(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await create_order(ali)
    sent = await ali.send("📋 My orders")
    card = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    sent = await ali.press(data_of(card, "Cancel order"))
    assert "Cancel order" in joined(sent)
    sent = await ali.press(data_of(sent, "No, keep"))
    assert "is kept" in joined(sent)
    sent = await ali.press(data_of(card, "Cancel order"))
    sent = await ali.press(data_of(sent, "Yes, cancel"))
    assert "Cancelled" in joined(sent)
    order = next(iter(harness.fake.orders.values()))
    assert order.status == 0


async def test_price_matrix_and_create_with_it(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("💰 Price")
    await ali.send("Chilonzor")
    await ali.press(PickCb(step="p_from", value="c191"))
    await ali.press(PickCb(step="p_to", value="r10"))
    await ali.press(PickCb(step="p_to", value="c75"))
    await ali.press(NavCb(action=Nav.SKIP, step="p_date"))
    sent = await ali.send("2")
    text = joined(sent)
    for way in ("Branch to branch", "Branch to door", "Door to branch", "Door to door"):
        assert way in text
    assert harness.fake.count("v1/order/calculate") == 6  # and the two remote-village ways
    sent = await ali.press(data_of(sent, "Door to branch"))
    assert "full name" in joined(sent)
    draft = (await harness.storage.get_data(_key(harness, ali)))["draft"]
    assert draft["sender"]["city_id"] == 191 and draft["receiver"]["city_id"] == 75
    assert draft["weight"] == "2" and draft["sender_delivery"] == 1 and draft["receiver_delivery"] == 0


async def test_repeat_as_new_order_opens_the_summary(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await create_order(ali)
    sent = await ali.send("📋 My orders")
    card = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    sent = await ali.press(data_of(card, "Repeat"))
    assert "Check the order" in joined(sent) and "Odil Ahmedov" in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "Order created" in joined(sent)
    assert len(harness.fake.orders) == 2


@pytest.mark.parametrize(
    ("lang", "menu", "created"),
    [("uz", "➕ Yangi buyurtma", "Buyurtma yaratildi"), ("ru", "➕ Новый заказ", "Заказ создан")],
)
async def test_whole_new_order_in_uzbek_and_russian(
    harness: BotHarness, lang: str, menu: str, created: str
) -> None:
    ali = harness.user(language_code=lang)
    await login(ali, lang)
    sent = await new_order_to_summary(ali, menu)
    await finish_after_branch(ali, first_branch(sent))
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert created in joined(sent)


def _key(harness: BotHarness, chatter: Chatter) -> object:
    from aiogram.fsm.storage.base import StorageKey

    return StorageKey(bot_id=harness.bot.id, chat_id=chatter.user.id, user_id=chatter.user.id)
