"""Conversation steps shared by the journeys, as a user types and taps them (button data as in
``tests/bot/flows.py``), each waiting for the bot's answer over HTTP."""

from __future__ import annotations

import re

from bot.callbacks import LangCb, Nav, NavCb, PickCb, Role, RoleCb, SummaryAction, SummaryCb
from tests.e2e.conftest import Seller
from tests.e2e.driver import ChatDriver, Json, data_starting

NEW_ORDER = "➕ New order"
MY_ORDERS = "📋 My orders"
BARCODE = re.compile(r"\b\d{11,12}\b")


async def onboard(user: ChatDriver, role: str) -> Json:
    """/start, English, then the role: ``"s"`` (seller: the login starts) or ``"c"`` (customer)."""
    await user.say("/start", "Choose your language")
    await user.tap(LangCb(code="en"), "How will you use the bot?")
    expect = "username" if role == "s" else "barcode"
    return await user.tap(RoleCb(role=Role(role)), expect)


async def login(user: ChatDriver, seller: Seller) -> Json:
    await onboard(user, "s")
    await user.say(seller.username, "password")
    await user.say(seller.password, "INN")
    mark = await user.send(seller.inn)
    logged = await user.wait("Logged in", since=mark)
    await user.wait("Main menu", since=mark)
    return logged


async def sender_part(user: ChatDriver) -> None:
    """From the main menu's New order button up to the receiver's name question."""
    mark = await user.reply_button(NEW_ORDER)
    first = await user.wait_for(
        lambda m: "full name" in (m["text"] or "") or bool(data_starting(m, "pk:sender_pick:")), since=mark
    )
    if data_starting(first, "pk:sender_pick:new"):
        await user.tap(PickCb(step="sender_pick", value="new"), "full name")
    await user.say("Jurabek Turdiyev", "phone")
    await user.say("+998 99 123 45 67", "Which city does the parcel leave from")
    await user.wait_button(PickCb(step="sender_city", value="c191"), since=await user.send("Chilonzor"))
    await user.tap(PickCb(step="sender_city", value="c191"), "How does the parcel reach BTS")
    await user.tap(PickCb(step="sender_delivery", value="1"), "Address where the courier collects")
    await user.say("Bobur ko'chasi 5", "When should the courier collect the parcel")
    await user.tap(NavCb(action=Nav.SKIP, step="sender_date"), "Receiver's full name")


async def receiver_to_summary(user: ChatDriver, receiver: str = "Odil Ahmedov") -> Json:
    """From the receiver's name to the summary card with the live price: a branch in Samarqand,
    1.5 kg, one item, no cash on delivery, the waybill back."""
    await user.say(receiver, "Receiver's phone")
    await user.say("90 123 45 67", "second phone")
    await user.tap(NavCb(action=Nav.SKIP, step="receiver_phone2"), "How should the receiver get it")
    await user.wait_button(
        PickCb(step="receiver_city", value="r10"),
        since=await user.press(PickCb(step="receiver_delivery", value="0")),
    )
    await user.wait_button(
        PickCb(step="receiver_city", value="c75"),
        since=await user.press(PickCb(step="receiver_city", value="r10")),
    )
    branches = await user.wait_for(
        lambda m: bool(data_starting(m, "pk:receiver_branch:b")),
        since=await user.press(PickCb(step="receiver_city", value="c75")),
        what="branch buttons",
    )
    await user.tap(data_starting(branches, "pk:receiver_branch:b")[0], "Weight in kg")
    await user.say("1,5", "Number of pieces")
    await user.tap(NavCb(action=Nav.SKIP, step="pieces"), "Packaging")
    await user.tap(PickCb(step="package", value="8"), "What is inside")
    await user.tap(PickCb(step="content", value="4"), "Dimensions in cm")
    await user.tap(NavCb(action=Nav.SKIP, step="volume"), "Items in the parcel")
    await user.say("Kitob; 2; 45000", "Added")
    await user.tap(PickCb(step="items", value="done"), "Should the receiver pay when collecting")
    await user.tap(PickCb(step="cod", value="0"), "photo of the receiver")
    await user.tap(PickCb(step="photo", value="0"), "waybill")
    await user.tap(PickCb(step="waybill", value="1"), "comment")
    return await user.tap(NavCb(action=Nav.SKIP, step="comment"), "Check the order")


async def create_order(user: ChatDriver, receiver: str = "Odil Ahmedov") -> tuple[Json, str]:
    """A whole new order, confirmed; returns the summary card and the new barcode."""
    await sender_part(user)
    summary = await receiver_to_summary(user, receiver)
    mark = await user.press(SummaryCb(action=SummaryAction.CONFIRM))
    created = await user.wait("Order created", since=mark)
    await user.wait("Main menu", since=mark)  # after the label: the menu is back
    found = BARCODE.search(created["text"] or "")
    assert found, created["text"]
    return summary, found.group()
