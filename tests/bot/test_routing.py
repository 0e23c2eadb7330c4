"""bot.routing: the root router passes by what surely cannot match, and picks what aiogram picks.

- On toy trees, a frozen :class:`Sieve` and aiogram's own router pick the same handler with the
  same data for every update (root filters adding data, nested guards, ``SkipHandler``,
  ``REJECTED``, inner middlewares).
- On the bot's own tree, a gate never turns away an update its handler's filters would accept
  (every gated filter, over menu texts in three languages, commands, other text, buttons of every
  kind and every state the bot knows).
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from aiogram import F, Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup, default_state
from aiogram.types import CallbackQuery, Chat, Message, User

from bot import callbacks, states
from bot.filters import MenuButton, StatePrefix, streamline_filters
from bot.handlers import setup_routers
from bot.i18n import Translator
from bot.keyboards.common import MENU_KEYS
from bot.routing import Sieve, filter_gate
from tests.bot.mocked import MockedBot

USER = User(id=7, is_bot=False, first_name="A")
CHAT = Chat(id=7, type="private")


class Toy(StatesGroup):
    a = State()
    b = State()


class ToyCb(CallbackData, prefix="toy"):
    n: int


def _message(text: str | None = None, caption: str | None = None) -> Message:
    return Message(message_id=1, date=int(time.time()), chat=CHAT, from_user=USER, text=text, caption=caption)


def _query(data: str) -> CallbackQuery:
    return CallbackQuery(id="1", from_user=USER, chat_instance="c", data=data, message=_message("…"))


def _toy(root: Router) -> Router:
    """Handlers that return their name (and the data their filters found)."""

    def named(name: str) -> Any:
        async def handler(event: Any, **data: Any) -> Any:
            if name == "skipper":
                raise SkipHandler
            if name == "rejecter":
                return REJECTED
            return name, data.get("command"), data.get("callback_data"), data.get("seen")

        return handler

    async def seen(event: Any, **_: Any) -> dict[str, Any]:
        return {"seen": "root-filter"}

    root.message.register(named("start"), CommandStart())
    root.message.register(named("help"), Command("help", prefix="/!"))
    root.message.register(named("skipper"), F.text == "skip")
    root.message.register(named("after-skip"), F.text == "skip")
    guarded = Router(name="guarded")
    guarded.message.filter(StateFilter(Toy.a, Toy.b), seen)
    guarded.message.register(named("a"), Toy.a)
    guarded.message.register(named("a-text"), StateFilter(Toy), F.text == "x")
    inner = Router(name="inner")
    inner.message.register(named("rejecter"), StateFilter(Toy.b), F.text == "r")
    inner.message.register(named("b-any"), Toy.b)
    guarded.include_router(inner)
    plain = Router(name="plain")
    plain.message.register(named("prefix"), StatePrefix("Toy:"))
    plain.message.register(named("default"), default_state)
    plain.message.register(named("any"), StateFilter("*"), F.text == "any")
    plain.callback_query.register(named("toy-even"), ToyCb.filter(F.n % 2 == 0))
    plain.callback_query.register(named("toy"), ToyCb.filter())
    plain.callback_query.register(named("other-button"))
    root.include_routers(guarded, plain)
    return root


EVENTS: list[tuple[str, Any]] = [
    *(
        ("message", _message(text))
        for text in ("/start", "  /start x", "/help", "!help", "help", "skip", "x", "r", "any", "hello", "")
    ),
    ("message", _message(caption="/start")),
    ("message", _message(text=None)),
    *(("callback_query", _query(data)) for data in ("toy:2", "toy:3", "toy", "toyx:2", "nav:b:x", "")),
]
STATES = [None, Toy.a.state, Toy.b.state, "Other:c", "Toy:zz"]


@pytest.mark.parametrize(
    ("kind", "event", "state"), [(k, e, s) for (k, e), s in itertools.product(EVENTS, STATES)]
)
async def test_the_sieve_picks_what_aiogram_picks(kind: str, event: Any, state: str | None) -> None:
    plain, sieve = _toy(Router(name="root")), _toy(Sieve(name="root"))
    assert isinstance(sieve, Sieve) and sieve.freeze() > 0
    bot = MockedBot()
    expected = await plain.propagate_event(kind, event, bot=bot, raw_state=state)
    got = await sieve.propagate_event(kind, event, bot=bot, raw_state=state)
    assert got == expected
    if expected is UNHANDLED:
        return
    assert got[0] != "skipper"


async def test_a_skipped_handler_lets_the_next_one_answer_and_rejected_ends_the_router() -> None:
    sieve = _toy(Sieve(name="root"))
    assert isinstance(sieve, Sieve)
    sieve.freeze()
    bot = MockedBot()
    skipped = await sieve.propagate_event("message", _message("skip"), bot=bot, raw_state=None)
    assert skipped[0] == "after-skip"
    # "r" in Toy:b is REJECTED by the inner router: aiogram goes on with the next sibling router.
    rejected = await sieve.propagate_event("message", _message("r"), bot=bot, raw_state=Toy.b.state)
    assert rejected[0] == "prefix"


async def test_inner_middlewares_run_around_the_chosen_handler() -> None:
    sieve = _toy(Sieve(name="root"))
    assert isinstance(sieve, Sieve)
    seen: list[str] = []

    async def middleware(handler: Any, event: Any, data: dict[str, Any]) -> Any:
        seen.append(data["event_router"].name)
        return await handler(event, data)

    sieve.message.middleware(middleware)
    sieve.freeze()
    answer = await sieve.propagate_event("message", _message("x"), bot=MockedBot(), raw_state=Toy.a.state)
    assert answer[0] == "a" and answer[3] == "root-filter"
    assert seen == ["guarded"]


# --- the bot's tree -------------------------------------------------------------------------------


def _bot_states() -> list[str | None]:
    found: set[str | None] = {None, "nobody:knows"}
    for group in vars(states).values():
        if isinstance(group, type) and issubclass(group, StatesGroup) and group is not StatesGroup:
            found.update(group.__all_states_names__)
    for router in setup_routers().chain_tail:
        for observer in router.observers.values():
            for handler in [observer._handler, *observer.handlers]:
                for each in handler.filters or ():
                    if isinstance(each.callback, StateFilter):
                        found.update(s.state if isinstance(s, State) else s for s in each.callback.states)
    found.discard("*")
    return sorted(found, key=str)


def _bot_events() -> list[Any]:
    translator = Translator()
    MenuButton.prepare(translator, MENU_KEYS)
    texts = set(MenuButton.any_text()) | {
        "/start",
        "/start pay_1",
        " /help",
        "/track@bts_test_bot 123",
        "/bulk",
        "/cancel",
        "hello",
        "12345678",
        "◀️ Back",
    }
    events: list[Any] = [_message(text) for text in sorted(texts)]
    events += [_message(caption="/bulk"), _message(caption="orders"), _message()]
    for each in vars(callbacks).values():
        if isinstance(each, type) and issubclass(each, CallbackData) and each is not CallbackData:
            prefix = each.__prefix__
            events += [_query(f"{prefix}:s:x"), _query(prefix), _query(f"{prefix}x:1")]
    return events


async def test_no_gate_turns_away_what_its_filter_accepts() -> None:
    root = setup_routers()
    bot = MockedBot()
    events, known = _bot_events(), _bot_states()
    gated = checked = passed = 0
    for router in root.chain_tail:
        for kind in ("message", "callback_query"):
            observer = router.observers[kind]
            for handler in [observer._handler, *observer.handlers]:
                for each in handler.filters or ():
                    gate = filter_gate(each.magic or each.callback)
                    if gate is None:
                        continue
                    gated += 1
                    for event in events:
                        if (kind == "message") != isinstance(event, Message):
                            continue
                        for state in known:
                            if gate(root.probe(event, state)):
                                passed += 1
                                continue
                            checked += 1
                            accepted = await each.call(event, bot=bot, raw_state=state)
                            assert not accepted, (router.name, handler.callback, event, state)
    assert gated > 100 and checked > 10_000 and passed > 0


def test_the_bot_tree_is_frozen_with_most_handlers_gated() -> None:
    root = setup_routers()
    assert root.freeze() > 100
    assert {"message", "callback_query"} <= set(root.resolve_used_update_types())


async def test_a_streamlined_button_filter_answers_as_aiogram_s() -> None:
    """``streamline_filters`` unpacks a button's data once per string: same answers as aiogram."""
    rules = [
        callbacks.NavCb.filter(),
        callbacks.NavCb.filter(F.action == callbacks.Nav.BACK),
        callbacks.NavCb.filter(F.action.in_({callbacks.Nav.SKIP, callbacks.Nav.CANCEL}) & F.step.in_({"x"})),
        callbacks.PickCb.filter(F.step == "sender_city"),
        ToyCb.filter(F.n % 2 == 0),
    ]
    datas = [
        "nav:b:x",
        "nav:s:x",
        "nav:c:y",
        "nav:zz:x",
        "nav",
        "pk:sender_city:c1",
        "pk:a:b:c",
        "toy:2",
        "toy:x",
        "",
    ]
    root = Router()
    for rule in rules:
        root.callback_query.register(lambda: None, rule)
    original = [h.filters[0].callback for h in root.callback_query.handlers]  # type: ignore[index]
    assert streamline_filters(root) == len(rules)
    for handler, check in zip(root.callback_query.handlers, original, strict=True):
        for data in datas * 2:  # the second time from the unpacked cache
            query = _query(data)
            assert await handler.filters[0].call(query) == await check(query), (check, data)  # type: ignore[index]


def test_plans_are_kept_per_kind_of_update_not_per_text() -> None:
    root = setup_routers()
    state = states.NewOrder.sender_name.state
    first = root.plan("message", _message("Jurabek Turdiyev"), state)
    assert first is not None
    assert root.plan("message", _message("Odil Ahmedov"), state) is first  # any other text: the same
    assert root.plan("message", _message("/cancel"), state) is not first  # a command: its own
    menu = sorted(MenuButton.any_text())[0]
    assert root.plan("message", _message(menu), state) is not first  # a menu button: its own
    MenuButton.prepare(Translator(), MENU_KEYS)  # new menu texts: plans are found anew
    assert root.plan("message", _message("Jurabek Turdiyev"), state) is not first


def test_forged_button_kinds_share_one_plan() -> None:
    root = setup_routers()
    first = root.plan("callback_query", _query("forged1:x"), None)
    assert root.plan("callback_query", _query("forged2:y"), None) is first
    assert root.probe(_query("nav:b:x"), None).data == "nav"  # a kind the bot knows keeps its name
