"""Webhook delivery to two web processes: journeys, order within a chat, a killed process, forgeries."""

from __future__ import annotations

import asyncio

import pytest

from bot.callbacks import PickCb
from tests.e2e.driver import ChatDriver
from tests.e2e.flows import NEW_ORDER, login
from tests.e2e.test_customer_journey import (
    test_customer_tracks_a_barcode_and_follows_it as customer_journey,
)
from tests.e2e.test_customer_journey import (
    test_followers_are_pushed_when_bts_moves_the_parcel as followers_journey,
)
from tests.e2e.test_payment_journey import (
    test_payment_link_paid_in_yandex_pushes_the_seller as payment_journey,
)
from tests.e2e.test_seller_journey import (
    test_seller_creates_lists_edits_and_cancels_an_order as seller_journey,
)
from tests.scale.conftest import WEBHOOK_PATH, ScaleStack

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.usefixtures("no_process_errors")]


def _targets_of(stack: ScaleStack, since: int) -> set[str]:
    return {target for _, target, error in stack.telegram.webhook_attempts[since:] if error is None}


async def test_seller_journey(scale: ScaleStack) -> None:
    since = len(scale.telegram.webhook_attempts)
    await seller_journey(scale)
    assert len(_targets_of(scale, since)) == 2, "the updates went to both web processes"


async def test_customer_journey(scale: ScaleStack) -> None:
    await customer_journey(scale)


async def test_followers_pushed_once_each_with_two_workers(scale: ScaleStack) -> None:
    await followers_journey(scale)
    # Each status change reached each follower once: no chat got the same push twice.
    for chat in scale.telegram.chats.values():
        pushes = [m.text for m in chat.bot_messages if m.text and m.text.startswith("📦")]
        assert len(pushes) == len(set(pushes)), f"chat {chat.chat_id} got a push twice: {pushes}"


async def test_payment_journey(scale: ScaleStack) -> None:
    await payment_journey(scale)


async def test_one_chats_updates_over_both_processes_stay_in_order(scale: ScaleStack) -> None:
    """A fast typist: each answer belongs to the message before it, though every other update
    went to the other process."""
    seller = scale.seller_account()
    ali = scale.user("Jurabek", phone="+998991234567")
    await login(ali, seller)
    since = len(scale.telegram.webhook_attempts)
    await ali.say(NEW_ORDER, "full name")
    mark = scale.telegram.mark()
    # Three answers typed at once (no waiting): name, phone, then a city search.
    await ali.send("Jurabek Turdiyev")
    await ali.send("+998 99 123 45 67")
    await ali.send("Chilonzor")
    await ali.wait_button(PickCb(step="sender_city", value="c191"), since=mark, timeout=30)
    texts = [m.text or "" for m in scale.telegram.transcript(ali.chat_id).bot_messages]
    asked_phone = next(i for i, t in enumerate(texts) if "phone" in t.lower() and i > 0)
    asked_origin = next(i for i, t in enumerate(texts) if "Which city does the parcel leave from" in t)
    assert asked_phone < asked_origin
    ids = [uid for uid, _, error in scale.telegram.webhook_attempts[since:] if error is None]
    assert ids == sorted(ids), "one chat's updates were answered in order"
    assert len(_targets_of(scale, since)) == 2


async def test_killing_a_web_process_mid_conversation_loses_no_update(scale: ScaleStack) -> None:
    seller = scale.seller_account()
    ali = scale.user("Malika", phone="+998935551122")
    await login(ali, seller)
    await ali.say(NEW_ORDER, "full name")
    victim = scale.webs[1]
    # The next delivery goes to web 1, which is killed (SIGKILL) as it arrives: the update dies
    # with it unanswered (or answered just before: then it must not be handled twice).
    scale.telegram.webhook_targets = [scale.web_urls[1], scale.web_urls[0]]
    scale.telegram._next_target = 0
    since = len(scale.telegram.webhook_attempts)
    mark = scale.telegram.mark()
    await ali.send("Malika Karimova")
    await victim.kill()
    try:
        # Telegram delivers it again (to the live process): the conversation goes on.
        await ali.wait("phone", since=mark, timeout=30)
        await ali.say("+998 93 555 11 22", "Which city does the parcel leave from", timeout=30)
    finally:
        await victim.start()
        await scale.wait_web(1)
    targets = [target for _, target, _ in scale.telegram.webhook_attempts[since:]]
    assert any(t.startswith(scale.web_urls[1]) for t in targets), targets  # it went to the victim
    texts = [m.text or "" for m in scale.telegram.transcript(ali.chat_id).bot_messages]
    assert sum("Which city does the parcel leave from" in t for t in texts) == 1, "each update handled once"


async def test_forged_webhook_is_refused_and_changes_nothing(scale: ScaleStack) -> None:
    import asyncpg

    user = scale.telegram.add_user(990001, first_name="Forger")
    update = {
        "update_id": 77_000_001,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user.id, "type": "private", "first_name": "Forger"},
            "from": {"id": user.id, "is_bot": False, "first_name": "Forger"},
            "text": "/start",
        },
    }
    for url in scale.web_urls:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with scale.http.post(f"{url}{WEBHOOK_PATH}", json=update, headers=headers) as response:
                assert response.status == 401
    await asyncio.sleep(1.0)
    assert scale.telegram.transcript(user.id).bot_messages == []
    conn = await asyncpg.connect(scale.database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        assert await conn.fetchval("SELECT count(*) FROM handled_updates WHERE update_id = 77000001") == 0
        assert await conn.fetchval("SELECT count(*) FROM users WHERE id = $1", user.id) == 0
    finally:
        await conn.close()
    # The same user, through Telegram, is answered as usual.
    me = ChatDriver(scale.http, scale.telegram.url, user.id)
    await me.say("/start", "Choose your language")
