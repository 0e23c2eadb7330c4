"""Reusable conversation steps for the dispatcher tests."""

from __future__ import annotations

from tests.bot.mocked import Chatter, Sent, joined


async def onboard(user: Chatter, lang: str = "en", role: str = "c") -> list[Sent]:
    await user.send("/start")
    await user.press(f"lang:{lang}")
    return await user.press(f"role:{role}")


async def login(user: Chatter, lang: str = "en") -> list[Sent]:
    await onboard(user, lang, "s")
    await user.send("demo")
    await user.send("demo123")
    return await user.send("123456789")


async def new_order_to_summary(user: Chatter, new_order_text: str = "➕ New order") -> list[Sent]:
    """A whole new order up to the summary card: branch delivery to Samarqand, items, no COD."""
    sent = await user.send(new_order_text)
    if any(d == "pk:sender_pick:new" for s in sent for _, d in s.buttons()):
        sent = await user.press("pk:sender_pick:new")
    await user.send("Jurabek Turdiyev")
    await user.send("+998 99 123 45 67")
    sent = await user.send("Chilonzor")
    assert "pk:sender_city:c191" in [d for s in sent for _, d in s.buttons()], joined(sent)
    await user.press("pk:sender_city:c191")
    await user.press("pk:sender_delivery:1")
    await user.send("Bobur ko'chasi 5")
    await user.send("Odil Ahmedov")
    await user.send("90 123 45 67")
    await user.press("nav:s:receiver_phone2")
    await user.press("pk:receiver_delivery:0")
    await user.press("pk:receiver_city:r10")
    return await user.press("pk:receiver_city:c75")


async def finish_after_branch(user: Chatter, branch_data: str) -> list[Sent]:
    await user.press(branch_data)
    await user.send("1,5")
    await user.press("nav:s:pieces")
    await user.press("pk:package:8")
    await user.press("pk:content:4")
    await user.press("nav:s:volume")
    await user.send("Kitob; 2; 45000")
    await user.press("pk:items:done")
    await user.press("pk:cod:0")
    await user.press("pk:photo:0")
    await user.press("pk:waybill:1")
    return await user.press("nav:s:comment")


def first_branch(sent: list[Sent]) -> str:
    found = [d for s in sent for _, d in s.buttons() if d and d.startswith("pk:receiver_branch:b")]
    assert found, joined(sent)
    return found[0]
