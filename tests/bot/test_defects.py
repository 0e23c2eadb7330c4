"""Issue 11, items 9–14: inputs found by fuzzing that crashed, reached SQLite, made answers
Telegram refuses, leaked Fluent errors or cut the price off the summary. The harness fails a
test on any logged error (an unhandled exception, a Fluent error) and on any answer over
Telegram's limits (counted in UTF-16 units after entity parsing)."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey

from bot.callbacks import (
    CancelOrderCb,
    Nav,
    NavCb,
    OrderAction,
    OrderCb,
    PageCb,
    PageKind,
    PayAction,
    PayCb,
    PickCb,
)
from tests.bot.conftest import BotHarness
from tests.bot.flows import first_branch, login, new_order_to_summary
from tests.bot.mocked import Chatter, Sent, joined

TWENTY_DIGITS = 10**19 + 7  # over SQLite's (and BIGINT's) INTEGER range


def _key(harness: BotHarness, user: Chatter) -> StorageKey:
    return StorageKey(bot_id=harness.bot.id, chat_id=user.user.id, user_id=user.user.id)


def _answered(sent: list[Sent]) -> bool:
    return any(s.method == "AnswerCallbackQuery" for s in sent)


async def _at_weight(harness: BotHarness) -> Chatter:
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await ali.press(first_branch(sent))
    return ali


async def test_unicode_digits_are_refused_with_the_steps_message(harness: BotHarness) -> None:
    ali = await _at_weight(harness)
    assert "0.01 to 1000" in joined(await ali.send("1,5,5"))  # not 155 kg
    assert "0.01 to 1000" in joined(await ali.send("²"))
    await ali.send("1,5")
    assert "whole number from 1 to 100" in joined(await ali.send("²"))
    await ali.press(NavCb(action=Nav.SKIP, step="pieces"))
    await ali.press(PickCb(step="package", value="8"))
    await ali.press(PickCb(step="content", value="4"))
    await ali.press(NavCb(action=Nav.SKIP, step="volume"))
    assert "name; count; price" in joined(await ali.send("Kitob; ²; 45000"))
    assert "Added: Kitob" in joined(await ali.send("Kitob; 2; 45000"))
    draft = (await harness.storage.get_data(_key(harness, ali)))["draft"]
    assert draft["weight"] == "1.5" and draft["pieces"] == 1 and len(draft["items"]) == 1


async def test_forged_unicode_digits_in_pickers_are_stale(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek")
    await ali.send("+998991234567")
    sent = await ali.press_stale(PickCb(step="sender_city", value="c²"))
    assert _answered(sent) and "another step" in joined(sent)
    sent = await ali.press_stale(PageCb(step="sender_city", kind=PageKind.CITIES, key="²", page=0))
    assert _answered(sent)
    await ali.send("💰 Price")
    await ali.send("Chilonzor")
    await ali.press(PickCb(step="p_from", value="c191"))
    sent = await ali.press_stale(PageCb(step="p_to", kind=PageKind.CITIES, key="²", page=0))
    assert _answered(sent)
    sent = await ali.press_stale(PageCb(step="p_to", kind=PageKind.CITIES, key=str(TWENTY_DIGITS), page=0))
    assert _answered(sent)


async def test_forged_branch_with_unicode_digit(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await new_order_to_summary(ali)  # on the receiver's branch step
    sent = await ali.press_stale(PickCb(step="receiver_branch", value="b²"))
    assert _answered(sent) and "another step" in joined(sent)
    sent = await ali.press_stale(PickCb(step="receiver_branch", value=f"b{TWENTY_DIGITS}"))
    assert _answered(sent)


async def test_twenty_digit_ids_never_reach_the_database(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    for data in (
        f"or:o:{TWENTY_DIGITS}",
        f"oc:{TWENTY_DIGITS}:1",
        f"py:ttl:{TWENTY_DIGITS}:0:o",
        f"st:contact:del:{TWENTY_DIGITS}",
        f"ol:all:{TWENTY_DIGITS}",
    ):
        sent = await ali.press_stale(data)
        assert _answered(sent), data
    # The same buttons with an id in range still parse (and are refused as not ours).
    for cb in (
        OrderCb(action=OrderAction.OPEN, order_id=999),
        CancelOrderCb(order_id=999, confirm=True),
        PayCb(action=PayAction.TTL, order_id=999, ttl=0),
    ):
        sent = await ali.press_stale(cb)
        assert _answered(sent)


async def test_long_emoji_and_long_searches_are_quoted_within_telegrams_limit(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek")
    await ali.send("+998991234567")
    sent = await ali.send("😀" * 2048)  # 4096 UTF-16 units: quoted whole, the answer was 4,160
    assert "Nothing found" in joined(sent) and "😀…" in joined(sent)
    sent = await ali.send("ꙮ" * 3000)  # over Fluent's 2,500-character placeable limit
    assert "Nothing found" in joined(sent) and "{???}" not in joined(sent)
    await ali.send("🏢 Branches")
    sent = await ali.send("z" * 3000)
    assert "{???}" not in joined(sent)


async def test_the_summary_never_clips_the_price(harness: BotHarness) -> None:
    ali = await _at_weight(harness)
    await ali.send("1,5")
    await ali.press(NavCb(action=Nav.SKIP, step="pieces"))
    await ali.press(PickCb(step="package", value="8"))
    await ali.press(PickCb(step="content", value="4"))
    await ali.press(NavCb(action=Nav.SKIP, step="volume"))
    for i in range(20):
        await ali.send(f"{'<&' * 48}{i:02d}; 2; 45000")
    assert "maximum of 20" in joined(await ali.send("one more; 1; 1"))
    await ali.press(PickCb(step="items", value="done"))
    await ali.press(PickCb(step="cod", value="0"))
    await ali.press(PickCb(step="photo", value="0"))
    await ali.press(PickCb(step="waybill", value="1"))
    sent = await ali.press(NavCb(action=Nav.SKIP, step="comment"))
    summary = next(s for s in sent if s.text and "Check the order" in s.text)
    assert "Delivery: <b>" in summary.text
    assert "&lt;&amp;" in summary.text  # escaped, counted as Telegram counts (one unit each)
    assert any("Confirm" in text for text, _ in summary.buttons())


async def test_null_bytes_are_refused_in_any_text(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    assert "2 to 100" in joined(await ali.send("Jurabek\x00"))
    await ali.send("Jurabek")
    assert "doesn't look like a phone" in joined(await ali.send("+998991234567\x00"))
    await ali.send("+998991234567")
    await ali.send("Chilonzor")
    await ali.press(PickCb(step="sender_city", value="c191"))
    await ali.press(PickCb(step="sender_delivery", value="1"))
    assert "3 to 255" in joined(await ali.send("Bobur ko'chasi\x00 5"))
    draft = (await harness.storage.get_data(_key(harness, ali)))["draft"]
    assert draft["sender"]["address"] is None and draft["sender"]["name"] == "Jurabek"
