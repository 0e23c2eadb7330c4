"""Reusable conversation steps for the dispatcher tests (buttons built with the CallbackData classes)."""

from __future__ import annotations

from bot.callbacks import LangCb, Nav, NavCb, PickCb, Role, RoleCb
from tests.bot.mocked import Chatter, Sent, joined


async def onboard(user: Chatter, lang: str = "en", role: str = "c") -> list[Sent]:
    await user.send("/start")
    await user.press(LangCb(code=lang))
    return await user.press(RoleCb(role=Role(role)))


async def login(user: Chatter, lang: str = "en") -> list[Sent]:
    await onboard(user, lang, "s")
    await user.send("demo")
    await user.send("demo123")
    return await user.send("123456789")


async def new_order_to_summary(user: Chatter, new_order_text: str = "➕ New order") -> list[Sent]:
    """A whole new order up to the summary card: branch delivery to Samarqand, items, no COD."""
    await sender_to_pickup_date(user, new_order_text)
    await user.press(NavCb(action=Nav.SKIP, step="sender_date"))
    return await receiver_to_branches(user)


async def sender_to_pickup_date(user: Chatter, new_order_text: str = "➕ New order") -> list[Sent]:
    """The sender's part, collected by a courier in Chilonzor, up to the pickup date question."""
    sent = await user.send(new_order_text)
    if any(d == PickCb(step="sender_pick", value="new").pack() for s in sent for _, d in s.buttons()):
        sent = await user.press(PickCb(step="sender_pick", value="new"))
    await user.send("Jurabek Turdiyev")
    await user.send("+998 99 123 45 67")
    sent = await user.send("Chilonzor")
    assert PickCb(step="sender_city", value="c191").pack() in [d for s in sent for _, d in s.buttons()], (
        joined(sent)
    )
    await user.press(PickCb(step="sender_city", value="c191"))
    await user.press(PickCb(step="sender_delivery", value="1"))
    return await user.send("Bobur ko'chasi 5")


async def receiver_to_branches(user: Chatter) -> list[Sent]:
    """The receiver's part, from the name to Samarqand's branches (a branch delivery)."""
    await user.send("Odil Ahmedov")
    await user.send("90 123 45 67")
    await user.press(NavCb(action=Nav.SKIP, step="receiver_phone2"))
    await user.press(PickCb(step="receiver_delivery", value="0"))
    await user.press(PickCb(step="receiver_city", value="r10"))
    return await user.press(PickCb(step="receiver_city", value="c75"))


async def finish_after_branch(user: Chatter, branch_data: str) -> list[Sent]:
    await user.press(branch_data)
    await user.send("1,5")
    await user.press(NavCb(action=Nav.SKIP, step="pieces"))
    await user.press(PickCb(step="package", value="8"))
    await user.press(PickCb(step="content", value="4"))
    await user.press(NavCb(action=Nav.SKIP, step="volume"))
    await user.send("Kitob; 2; 45000")
    await user.press(PickCb(step="items", value="done"))
    await user.press(PickCb(step="cod", value="0"))
    await user.press(PickCb(step="photo", value="0"))
    await user.press(PickCb(step="waybill", value="1"))
    return await user.press(NavCb(action=Nav.SKIP, step="comment"))


async def plain_parcel(user: Chatter) -> list[Sent]:
    """After the weight: pieces skipped, a box (8) of clothes (4), no volume, no items: up to the
    cash on delivery question."""
    await user.press(NavCb(action=Nav.SKIP, step="pieces"))
    await user.press(PickCb(step="package", value="8"))
    await user.press(PickCb(step="content", value="4"))
    await user.press(NavCb(action=Nav.SKIP, step="volume"))
    return await user.press(NavCb(action=Nav.SKIP, step="items"))


def first_branch(sent: list[Sent]) -> str:
    found = [
        d
        for s in sent
        for _, d in s.buttons()
        if d and d.startswith(PickCb(step="receiver_branch", value="b").pack())
    ]
    assert found, joined(sent)
    return found[0]
