"""Fuzzing the bot through the dispatcher (issue 11, "Done when").

Every text step (every FSM state in ``bot.states``) gets ``INPUTS_PER_STEP`` generated texts:
Unicode digits, 4096-unit emoji, HTML, right-to-left marks, zero-width characters, null bytes,
numbers in odd shapes. Every callback prefix gets forged data. The test fails on:

- any unhandled exception (the error router logs it; the harness fails on any logged error),
- any Fluent error (a missing message or a formatting error is logged as a warning: counted here),
- any answer Telegram would refuse: text over 4096 UTF-16 units after entity parsing (1024 for a
  caption, 200 for a button-press answer), HTML Telegram cannot parse, callback data over 64 bytes.

Inputs are generated from a fixed seed, so a failure is reproducible.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Iterator
from typing import Any

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from bot import states
from tests.bot.conftest import BotHarness
from tests.bot.flows import login, new_order_to_summary
from tests.bot.mocked import Chatter, Sent
from tests.fakes.telegram.html import EntityParseError, parse_html, utf16_len

INPUTS_PER_STEP = 200
FORGED_PER_PREFIX = 60
SEED = 20261130

PIECES = [
    "²",
    "³",
    "٣",
    "١٢٣",
    "१२३",
    "①",
    "Ⅻ",
    "𝟘𝟙𝟚",
    "😀" * 2048,
    "👩‍👩‍👧‍👦",
    "<b>x</b>",
    "<script>alert(1)</script>",
    "&amp;",
    "&lt;&gt;",
    "a & b < c > d",
    "<a href='x'>",
    "\u202eRTL override",
    "مرحبا",
    "שלום",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2060",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    " ",
    "1,5,5",
    "1.5.5",
    "-1",
    "0",
    "9" * 30,
    "1e309",
    "NaN",
    "Infinity",
    "+998 99 123 45 67",
    "+998991234567²",
    "Kitob; ²; 45000",
    "Kitob; 2; 45000; x; y",
    ";;;",
    "Toshkent",
    "Ташкент",
    "Fargʻona",
    "{$x}",
    "{ -term }",
    "%s %d",
    "\\",
    "'\"",
    "\u0301",
    "Z̴̡͕̈́a̸l̷g̶o̵",
    "\U0010ffff",
    "\ud7ff",
]


def generated(rng: random.Random, n: int) -> Iterator[str]:
    """``n`` inputs: every piece alone first, then random mixtures, long ones included."""
    yield from PIECES[:n]
    for _ in range(max(0, n - len(PIECES))):
        count = rng.choice((1, 2, 3, 5, 40, 400))
        text = "".join(rng.choice(PIECES[:-1]) + rng.choice(("", " ", "\n", ";")) for _ in range(count))
        yield text[: rng.choice((4096, 4096, 10_000))] or "x"


def all_states() -> list[State]:
    found: list[State] = []
    for value in vars(states).values():
        if isinstance(value, type) and issubclass(value, StatesGroup) and value is not StatesGroup:
            found.extend(value.__all_states__)
    return found


class Refused(AssertionError):
    pass


def check_answers(sent: list[Sent], where: str) -> None:
    for s in sent:
        if s.text is None:
            continue
        limit = 200 if s.method == "AnswerCallbackQuery" else (1024 if s.method == "SendPhoto" else 4096)
        if s.method == "AnswerCallbackQuery":
            plain = s.text
        else:
            try:
                plain, _ = parse_html(s.text)
            except EntityParseError as exc:
                raise Refused(f"{where}: {s.method} HTML Telegram refuses ({exc}): {s.text[:200]!r}") from exc
        if utf16_len(plain) > limit:
            raise Refused(f"{where}: {s.method} of {utf16_len(plain)} UTF-16 units (limit {limit})")
        if "{???}" in s.text or s.text.startswith("Something went wrong on our side"):
            raise Refused(f"{where}: {s.method} says {s.text[:200]!r}")
        for _, data in s.buttons():
            if data is not None and not data.startswith("http") and len(data.encode()) > 64:
                raise Refused(f"{where}: callback data of {len(data.encode())} bytes")


@pytest.fixture
def fluent_errors(caplog: pytest.LogCaptureFixture) -> Iterator[list[str]]:
    found: list[str] = []
    yield found
    found.extend(
        r.getMessage()
        for r in caplog.get_records("call")
        if r.name.startswith("bot.i18n") and r.levelno >= logging.WARNING
    )
    assert not found, found[:5]


async def seller_at_summary(
    harness: BotHarness, user_id: int = 4242
) -> tuple[Chatter, StorageKey, dict[str, Any]]:
    ali = harness.user(user_id=user_id, language_code="en")
    await login(ali)
    await new_order_to_summary(ali)
    key = StorageKey(bot_id=harness.bot.id, chat_id=ali.user.id, user_id=ali.user.id)
    return ali, key, await harness.storage.get_data(key)


async def feed(
    harness: BotHarness, user: Chatter, data: dict[str, Any], steps: list[State], inputs: list[str]
) -> int:
    """One chat feeds its share of the steps (chats run side by side, as Telegram's users do)."""
    key = StorageKey(bot_id=harness.bot.id, chat_id=user.user.id, user_id=user.user.id)
    fed = 0
    for state in steps:
        for text in inputs:
            await harness.storage.set_state(key, state)
            await harness.storage.set_data(key, data)
            try:
                sent = await user.send(text)
            except Exception as exc:  # the harness raises what no handler caught
                raise AssertionError(f"{state.state}: {text[:60]!r} raised {exc!r}") from exc
            check_answers(sent, f"{state.state} ← {text[:60]!r}")
            fed += 1
    return fed


@pytest.mark.usefixtures("fluent_errors")
async def test_every_text_step_survives_generated_inputs(harness: BotHarness) -> None:
    _, _, draft_data = await seller_at_summary(harness)
    rng = random.Random(SEED)
    inputs = list(generated(rng, INPUTS_PER_STEP))
    steps = all_states()
    assert len(steps) >= 40
    chats = 8
    users = []
    for n in range(chats):
        user = harness.user(user_id=5000 + n, language_code=("en", "ru", "uz")[n % 3])
        await login(user, lang=("en", "ru", "uz")[n % 3])
        users.append(user)
    fed = await asyncio.gather(
        *(feed(harness, user, draft_data, steps[n::chats], inputs) for n, user in enumerate(users))
    )
    assert sum(fed) >= INPUTS_PER_STEP * len(steps)


def forged(rng: random.Random, prefix: str) -> Iterator[str]:
    fields = [
        "",
        "²",
        "c²",
        "b²",
        "-1",
        "0",
        "9" * 20,
        "1" * 40,
        "x",
        "None",
        "true",
        "%3A",
        "😀",
        "\x00",
        "sender_city",
        "receiver_branch",
        "p_to",
        "o",
        "del",
        "ttl",
        "m",
        "ok",
        "resend",
    ]
    yield prefix
    yield f"{prefix}:"
    for _ in range(FORGED_PER_PREFIX):
        parts = [rng.choice(fields) for _ in range(rng.randint(1, 5))]
        yield ":".join([prefix, *parts])[:64]


async def test_every_callback_survives_forged_data(harness: BotHarness) -> None:
    ali, key, draft_data = await seller_at_summary(harness)
    rng = random.Random(SEED)
    prefixes = [
        "lang",
        "role",
        "nav",
        "pk",
        "pg",
        "ol",
        "ll",
        "or",
        "ef",
        "oc",
        "sm",
        "tr",
        "os",
        "st",
        "py",
        "zz",
    ]
    known = [
        "pk:sender_city:c²",
        "pg:p_to:c:²:0",
        "pk:receiver_branch:b²",
        "or:o:" + "9" * 20,
        "oc:" + "9" * 20 + ":1",
        "py:ttl:" + "9" * 20,
        "st:contact:del:" + "9" * 20,
    ]
    states_to_try: list[State | None] = [None, states.NewOrder.summary, states.NewOrder.receiver_branch]
    for state in states_to_try:
        for prefix in prefixes:
            for data in [*known, *forged(rng, prefix)]:
                await harness.storage.set_state(key, state)
                await harness.storage.set_data(key, draft_data)
                try:
                    sent = await ali.press_stale(data, message_id=rng.randint(1, 10**6))
                except Exception as exc:
                    raise AssertionError(f"{state}: {data!r} raised {exc!r}") from exc
                check_answers(sent, f"{state} ⇐ {data!r}")
