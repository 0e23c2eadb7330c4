"""The bot process is killed (SIGKILL) in the middle of a new order and started again: the
conversation goes on where it was, nothing typed in between is lost, the order is created once."""

from __future__ import annotations

import pytest

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from tests.e2e.conftest import Stack
from tests.e2e.flows import NEW_ORDER, login, receiver_to_summary

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_kill_mid_new_order_and_restart_continues_the_conversation(e2e: Stack) -> None:
    seller = e2e.seller_account()
    ali = e2e.user("Jurabek", phone="+998991234567")
    await login(ali, seller)

    await ali.say(NEW_ORDER, "full name")
    await ali.say("Jurabek Turdiyev", "phone")
    await ali.say("+998 99 123 45 67", "Which city does the parcel leave from")

    old_pid = e2e.bot.pid
    await e2e.bot.kill()
    assert e2e.bot.returncode == -9

    # Telegram keeps what the user sends while the bot is down.
    typed = await ali.send("Chilonzor")
    calls = e2e.telegram.get_updates_calls
    await e2e.bot.start()
    await e2e.bot.wait_ready(e2e.telegram, since_calls=calls, timeout=120)
    assert e2e.bot.pid != old_pid

    # The new process answers it in the step the old one had reached (the FSM is in SQLite).
    await ali.wait_button(PickCb(step="sender_city", value="c191"), since=typed)
    await ali.tap(PickCb(step="sender_city", value="c191"), "How does the parcel reach BTS")
    await ali.tap(PickCb(step="sender_delivery", value="1"), "Address where the courier collects")
    await ali.say("Bobur ko'chasi 5", "When should the courier collect the parcel")
    await ali.tap(NavCb(action=Nav.SKIP, step="sender_date"), "Receiver's full name")
    summary = await receiver_to_summary(ali, "Restart Receiver")
    # What was typed before the kill is still in the draft.
    assert "Jurabek Turdiyev, +998\u00a099\u00a0123\u00a045\u00a067" in summary["text"]

    mark = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    await ali.wait("Order created", since=mark)
    mine = [o for o in e2e.bts.orders.values() if o.owner == seller.username]
    assert len(mine) == 1
    assert mine[0].fields["senderReal"] == "Jurabek Turdiyev"
    assert mine[0].fields["receiver"] == "Restart Receiver"


async def test_graceful_stop_and_start_keeps_the_login(e2e: Stack) -> None:
    """Ctrl-C (SIGINT) stops the bot cleanly (exit 0); after a start the seller is still logged in."""
    seller = e2e.seller_account()
    ali = e2e.user("Malika", phone="+998935551122")
    await login(ali, seller)

    calls = e2e.telegram.get_updates_calls
    assert await e2e.bot.stop() == 0
    await e2e.bot.start()
    await e2e.bot.wait_ready(e2e.telegram, since_calls=calls, timeout=120)

    await ali.say(NEW_ORDER, "full name")  # a seller's feature: no login asked again
