"""The fulfillment conversations on the house engine (``bot.conversation``).

Each conversation is declared as a table of :class:`Step` records (``catalog_flows``,
``order_flow``; ``flows`` lists them): what the step asks, how a typed answer is parsed
(``answers``, ``picks``), which buttons it offers, whether it may be skipped, where it goes
next. A city step takes the courier flows' shared picker instead (``picker=``, see
``bot.conversations.city_picker``). :func:`conversation` turns a table into a
``bot.conversation.Conversation`` (one ``State`` per step in the group ``ff_<flow>``, a summary
step at the end), whose generic handlers walk it: Back, Skip, Cancel, stale buttons and "change
a field, back to the summary" come from there. The draft is a plain JSON object
(:class:`FfDraft`).

The summary's buttons (``SummaryCb``: confirm, change) are handled by the conversations' router
(``bot.handlers.fulfillment_flows``); the confirm works once: the first press leaves the summary
state before anything is sent, and the service refuses a second create of the same draft key
anyway.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from pydantic import BaseModel, ConfigDict

from bot.callbacks import PickCb, SummaryAction, SummaryCb
from bot.conversation import Conversation, Goto, Turn
from bot.conversation import Invalid as EngineInvalid
from bot.conversation import Step as EngineStep
from bot.conversations import city_picker
from bot.conversations.city_picker import CityPicker
from bot.i18n import Localizer
from bot.keyboards.common import nav_row
from bot.keyboards.places import location_keyboard
from bot.reply import Reply

SUMMARY = "summary"
SENDING = "ff:sending"  # a confirmed draft on its way (no conversation state: buttons are stale)


class FfDraft(BaseModel):
    """Whatever the conversation collected so far (a JSON object; each flow reads its own keys)."""

    model_config = ConfigDict(extra="allow")


class Invalid(Exception):
    """A typed answer refused: ``key`` names the message that says why."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class ShowChoices(Exception):
    """A typed answer that matched several things: show them as buttons under ``key``."""

    def __init__(self, key: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(key)
        self.key = key
        self.choices = list(choices)


@dataclass
class Ctx:
    """What a step's functions may use: the user, the language, the services by name, the draft."""

    user_id: int
    l10n: Localizer
    state: FSMContext
    data: Mapping[str, Any]
    draft: dict[str, Any]

    def service(self, name: str) -> Any:
        return self.data[name]


Parser = Callable[[str, Ctx], Awaitable[Any]]
Choices = Callable[[Ctx], Awaitable[Sequence[tuple[str, str]]]]
Picker = Callable[[str, Ctx], Awaitable[Any]]
Storer = Callable[[dict[str, Any], Any], None]
Next = Callable[[dict[str, Any]], str | None]
Summary = Callable[[Ctx], Awaitable[str]]
Finish = Callable[[Reply, Ctx], Awaitable[None]]


@dataclass(frozen=True)
class Step:
    name: str
    question: str  # Fluent id of the question ("<question>-short" labels it on the summary)
    parse: Parser | None = None  # typed answers; None: buttons only
    choices: Choices | None = None
    pick: Picker | None = None  # a pressed choice's value → the answer (default: the value)
    optional: bool = False  # offers Skip (the answer is then None)
    store: Storer | None = None  # default: draft[name] = answer
    after: Next | None = None  # a jump after this step (a step name), None: the next record
    changeable: bool = True
    columns: int = 1
    hint: Callable[[Ctx], Awaitable[dict[str, Any]]] | None = None  # arguments of the question
    # A city step: the courier flows' shared picker (regions, any spelling, a location) asks it
    # and puts the city in the draft; ``parse``, ``choices`` and ``store`` are not used.
    picker: CityPicker[FfDraft] | None = None


@dataclass(frozen=True)
class Flow:
    name: str  # short: the state group is ``ff_<name>``
    steps: tuple[Step, ...]
    summary: Summary
    finish: Finish
    title: str  # Fluent id shown when the flow starts
    confirm: str = "ff-btn-confirm"


FLOWS: dict[str, Flow] = {}
CONVERSATIONS: dict[str, Conversation[FfDraft]] = {}


def register(flow: Flow) -> Flow:
    FLOWS[flow.name] = flow
    CONVERSATIONS[flow.name] = conversation(flow)
    return flow


def ctx_of(turn: Turn[FfDraft], draft: FfDraft) -> Ctx:
    return Ctx(turn.user_id, turn.l10n, turn.state, turn.deps, draft.model_dump(mode="json"))


def _keyboard(
    l10n: Localizer, step: Step, options: Sequence[tuple[str, str]], *, back: bool
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for label, value in options:
        row.append(
            InlineKeyboardButton(text=label[:64], callback_data=PickCb(step=step.name, value=value).pack())
        )
        if len(row) >= step.columns:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append(nav_row(l10n, step.name, back=back, skip=step.optional))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _engine_step(flow: Flow, step: Step, first: bool) -> EngineStep[FfDraft]:
    group = f"ff_{flow.name}"

    async def ask(turn: Turn[FfDraft], draft: FfDraft) -> None:
        ctx = ctx_of(turn, draft)
        args = await step.hint(ctx) if step.hint is not None else {}
        options = await step.choices(ctx) if step.choices is not None else []
        await turn.reply(
            turn.l10n(step.question, **args), _keyboard(turn.l10n, step, options, back=not first)
        )

    def accept(ctx: Ctx, value: Any) -> FfDraft | Goto[FfDraft]:
        if step.store is not None:
            step.store(ctx.draft, value)
        else:
            ctx.draft[step.name] = value
        jump = step.after(ctx.draft) if step.after is not None else None
        draft = FfDraft.model_validate(ctx.draft)
        return Goto(jump, draft) if jump else draft

    async def run(turn: Turn[FfDraft], draft: FfDraft, answer: Callable[[Ctx], Awaitable[Any]]) -> Any:
        ctx = ctx_of(turn, draft)
        try:
            value = await answer(ctx)
        except ShowChoices as found:
            markup = _keyboard(turn.l10n, step, found.choices, back=not first)
            await turn.reply(turn.l10n(found.key), markup)
            return None  # the step stays, its matches shown as buttons
        except Invalid as refused:
            raise EngineInvalid(refused.key, **refused.args_) from refused
        return accept(ctx, value)

    async def on_text(turn: Turn[FfDraft], text: str, draft: FfDraft) -> Any:
        assert step.parse is not None
        parse = step.parse
        return await run(turn, draft, lambda ctx: parse(text.strip(), ctx))

    async def on_pick(turn: Turn[FfDraft], value: str, draft: FfDraft) -> Any:
        pick = step.pick
        if pick is None:
            return await run(turn, draft, lambda ctx: _same(value))
        return await run(turn, draft, lambda ctx: pick(value, ctx))

    return EngineStep(
        State(step.name, group_name=group),
        ask,
        text=on_text if step.parse is not None else None,
        pick=on_pick if step.choices is not None else None,
        skip=_skipper(step),
        changeable=step.changeable,
    )


def _place_step(flow: Flow, step: Step, first: bool) -> EngineStep[FfDraft]:
    """A city step on the shared picker (``bot.conversations.city_picker``)."""
    picker = step.picker
    assert picker is not None
    return EngineStep(
        State(step.name, group_name=f"ff_{flow.name}"),
        picker.ask(step.question, back=not first),
        text=picker.search,
        pick=picker.pick,
        page=city_picker.page,
        location=picker.near,
        keyboard=location_keyboard,
        skip=_skipper(step),
        changeable=step.changeable,
    )


def _skipper(step: Step) -> Callable[[FfDraft], FfDraft] | None:
    """What Skip does on an optional step: the answer becomes ``None``."""
    if not step.optional:
        return None

    def on_skip(draft: FfDraft) -> FfDraft:
        values = draft.model_dump(mode="json")
        if step.store is not None:
            step.store(values, None)
        else:
            values[step.name] = None
        return FfDraft.model_validate(values)

    return on_skip


async def _same(value: str) -> str:
    return value


def _summary_step(flow: Flow) -> EngineStep[FfDraft]:
    async def ask(turn: Turn[FfDraft], draft: FfDraft) -> None:
        values = draft.model_dump(mode="json")
        if not values.get("_key"):
            values["_key"] = uuid.uuid4().hex  # the create's idempotency key, made once per draft
            await turn.save(FfDraft.model_validate(values))
        ctx = Ctx(turn.user_id, turn.l10n, turn.state, turn.deps, values)
        await turn.reply(await flow.summary(ctx), summary_keyboard(turn.l10n, flow))

    return EngineStep(State(SUMMARY, group_name=f"ff_{flow.name}"), ask)


def summary_keyboard(l10n: Localizer, flow: Flow) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                text=l10n(flow.confirm), callback_data=SummaryCb(action=SummaryAction.CONFIRM).pack()
            )
        ]
    ]
    pair: list[InlineKeyboardButton] = []
    for step in flow.steps:
        if not step.changeable:
            continue
        pair.append(
            InlineKeyboardButton(
                text=l10n("ff-btn-change", field=l10n(f"{step.question}-short"))[:64],
                callback_data=SummaryCb(action=SummaryAction.CHANGE, field=step.name).pack(),
            )
        )
        if len(pair) == 2:
            rows.append(pair)
            pair = []
    if pair:
        rows.append(pair)
    rows.append(nav_row(l10n, SUMMARY, back=False))
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _cancelled(turn: Turn[FfDraft]) -> None:
    await turn.state.set_state(None)
    turn.reset()
    await turn.state.set_data({})
    await turn.reply(turn.l10n("cancelled"), turn.menu())


def conversation(flow: Flow) -> Conversation[FfDraft]:
    steps = [
        (_place_step if step.picker is not None else _engine_step)(flow, step, index == 0)
        for index, step in enumerate(flow.steps)
    ]
    steps.append(_summary_step(flow))
    return Conversation(f"ff_{flow.name}", FfDraft, steps, on_cancel=_cancelled, summary=SUMMARY)


def summary_states() -> list[State]:
    return [conv.by_name[SUMMARY].state for conv in CONVERSATIONS.values()]


def flow_of_state(raw: str | None) -> Flow | None:
    """The flow whose state ``raw`` is (``ff_<flow>:<step>``)."""
    if not raw or not raw.startswith("ff_"):
        return None
    return FLOWS.get(raw.split(":", 1)[0].removeprefix("ff_"))
