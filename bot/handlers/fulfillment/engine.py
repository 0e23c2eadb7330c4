"""Conversations as data: a flow is a table of steps; a few generic handlers walk any flow.

Each :class:`Step` holds, in one record, what the step asks (a Fluent id), how a typed answer is
parsed (``parse``; a refusal raises :class:`Invalid` with its own message id), which buttons it
offers (``choices``), whether it may be skipped, and where the conversation goes next. Adding a
step is adding a record. The summary shows the draft with a "change" button for each step marked
``changeable``; changing one step returns to the summary. The draft lives in the conversation
storage under ``ff_draft`` (plain JSON), the state is ``ff:<flow>:<step>``.

A button is honoured only in the state that showed it (flow and step are in its data); any other
press is answered as out of date and changes nothing. The confirm button works once: the first
press leaves the summary state before anything is sent, and the service refuses a second create
of the same draft key anyway.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, User

from bot.handlers.fulfillment.callbacks import FfNav, FfPick
from bot.i18n import Localizer

SUMMARY = "__summary__"
DRAFT = "ff_draft"


class Invalid(Exception):
    """A typed answer refused: ``key`` names the message that says why."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass
class Ctx:
    """What a step's functions may use: the user, the language, the services by name."""

    user: User
    l10n: Localizer
    state: FSMContext
    data: Mapping[str, Any]  # handler data: the services (``ff_catalog``, ``branches``, ...)
    draft: dict[str, Any]

    def service(self, name: str) -> Any:
        return self.data[name]


Parser = Callable[[str, Ctx], Awaitable[Any]]
Choices = Callable[[Ctx], Awaitable[Sequence[tuple[str, str]]]]
Picker = Callable[[str, Ctx], Awaitable[Any]]
Storer = Callable[[dict[str, Any], Any], None]
Next = Callable[[dict[str, Any]], str]
Summary = Callable[[Ctx], Awaitable[str]]
Finish = Callable[[Message, Ctx], Awaitable[None]]


@dataclass(frozen=True)
class Step:
    name: str
    question: str  # Fluent id of the question
    parse: Parser | None = None  # typed answers; None: buttons only
    choices: Choices | None = None
    pick: Picker | None = None  # a pressed choice's value → the answer (default: the value)
    optional: bool = False  # offers Skip (the answer is then None)
    store: Storer | None = None  # default: draft[name] = answer
    after: Next | None = None  # the next step's name (default: the next record, then the summary)
    changeable: bool = True  # offered as "change" on the summary
    columns: int = 1
    hint: Callable[[Ctx], Awaitable[dict[str, Any]]] | None = None  # arguments of the question


@dataclass(frozen=True)
class Flow:
    name: str  # short: it travels in callback data
    steps: tuple[Step, ...]
    summary: Summary
    finish: Finish
    title: str  # Fluent id shown when the flow starts
    confirm: str = "ff-btn-confirm"
    by_name: dict[str, Step] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name.update({step.name: step for step in self.steps})

    def state(self, step: str) -> str:
        return f"ff:{self.name}:{step}"

    def next_of(self, step: Step, draft: dict[str, Any]) -> str:
        if step.after is not None:
            return step.after(draft)
        index = self.steps.index(step)
        return self.steps[index + 1].name if index + 1 < len(self.steps) else SUMMARY


FLOWS: dict[str, Flow] = {}


def register(flow: Flow) -> Flow:
    FLOWS[flow.name] = flow
    return flow


def parse_state(raw: str | None) -> tuple[Flow, str] | None:
    if not raw or not raw.startswith("ff:"):
        return None
    parts = raw.split(":", 2)
    if len(parts) != 3 or parts[1] not in FLOWS:
        return None
    return FLOWS[parts[1]], parts[2]


def nav_row(l10n: Localizer, flow: Flow, step: Step | None, *, back: bool) -> list[InlineKeyboardButton]:
    name = step.name if step is not None else SUMMARY
    row: list[InlineKeyboardButton] = []
    if back:
        row.append(
            InlineKeyboardButton(
                text=l10n("btn-back"), callback_data=FfNav(flow=flow.name, step=name, action="back").pack()
            )
        )
    if step is not None and step.optional:
        row.append(
            InlineKeyboardButton(
                text=l10n("btn-skip"), callback_data=FfNav(flow=flow.name, step=name, action="skip").pack()
            )
        )
    row.append(
        InlineKeyboardButton(
            text=l10n("btn-cancel"), callback_data=FfNav(flow=flow.name, step=name, action="cancel").pack()
        )
    )
    return row


async def ask(
    message: Message,
    ctx: Ctx,
    flow: Flow,
    step: Step,
    *,
    prefix: str | None = None,
    choices: Sequence[tuple[str, str]] | None = None,
) -> None:
    """Put the conversation on ``step`` and ask its question (with its buttons)."""
    await ctx.state.set_state(flow.state(step.name))
    await ctx.state.update_data({DRAFT: ctx.draft})
    args = await step.hint(ctx) if step.hint is not None else {}
    text = ctx.l10n(step.question, **args)
    if prefix:
        text = f"{prefix}\n\n{text}"
    rows: list[list[InlineKeyboardButton]] = []
    options = choices if choices is not None else (await step.choices(ctx) if step.choices else [])
    row: list[InlineKeyboardButton] = []
    for label, value in options:
        row.append(
            InlineKeyboardButton(
                text=label[:64], callback_data=FfPick(flow=flow.name, step=step.name, value=value).pack()
            )
        )
        if len(row) >= step.columns:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append(nav_row(ctx.l10n, flow, step, back=bool(ctx.draft.get("_path"))))
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def start(message: Message, ctx: Ctx, flow: Flow, draft: dict[str, Any] | None = None) -> None:
    ctx.draft = dict(draft or {})
    ctx.draft["_path"] = []
    await message.answer(ctx.l10n(flow.title))
    await ask(message, ctx, flow, flow.steps[0])


async def show_summary(message: Message, ctx: Ctx, flow: Flow, *, prefix: str | None = None) -> None:
    ctx.draft["_key"] = ctx.draft.get("_key") or uuid.uuid4().hex
    ctx.draft.pop("_editing", None)
    await ctx.state.set_state(flow.state(SUMMARY))
    await ctx.state.update_data({DRAFT: ctx.draft})
    text = await flow.summary(ctx)
    if prefix:
        text = f"{prefix}\n\n{text}"
    rows = [
        [
            InlineKeyboardButton(
                text=ctx.l10n(flow.confirm),
                callback_data=FfNav(flow=flow.name, step=SUMMARY, action="confirm").pack(),
            )
        ]
    ]
    changeable = [s for s in flow.steps if s.changeable]
    pair: list[InlineKeyboardButton] = []
    for step in changeable:
        pair.append(
            InlineKeyboardButton(
                text=ctx.l10n("ff-btn-change", field=ctx.l10n(f"{step.question}-short")),
                callback_data=FfNav(flow=flow.name, step=step.name, action="change").pack(),
            )
        )
        if len(pair) == 2:
            rows.append(pair)
            pair = []
    if pair:
        rows.append(pair)
    rows.append(nav_row(ctx.l10n, flow, None, back=False))
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def answered(message: Message, ctx: Ctx, flow: Flow, step: Step, value: Any) -> None:
    """Store an answer and move on (back to the summary when the step was being changed)."""
    if step.store is not None:
        step.store(ctx.draft, value)
    else:
        ctx.draft[step.name] = value
    if ctx.draft.get("_editing") == step.name:
        await show_summary(message, ctx, flow)
        return
    path = list(ctx.draft.get("_path") or [])
    path.append(step.name)
    ctx.draft["_path"] = path
    following = flow.next_of(step, ctx.draft)
    if following == SUMMARY:
        await show_summary(message, ctx, flow)
    else:
        await ask(message, ctx, flow, flow.by_name[following])


async def handle_text(message: Message, ctx: Ctx, flow: Flow, step_name: str) -> None:
    if step_name not in flow.by_name:  # the summary, or a create on its way
        await message.answer(ctx.l10n("ff-use-buttons"))
        return
    step = flow.by_name[step_name]
    if step.parse is None:
        await message.answer(ctx.l10n("ff-use-buttons"))
        return
    try:
        value = await step.parse((message.text or "").strip(), ctx)
    except ShowChoices as found:
        await ask(message, ctx, flow, step, prefix=ctx.l10n(found.key), choices=found.choices)
        return
    except Invalid as refused:
        await ask(message, ctx, flow, step, prefix="⚠️ " + ctx.l10n(refused.key, **refused.args_))
        return
    await answered(message, ctx, flow, step, value)


async def handle_pick(message: Message, ctx: Ctx, flow: Flow, step: Step, value: str) -> None:
    try:
        answer = await step.pick(value, ctx) if step.pick is not None else value
    except Invalid as refused:
        await ask(message, ctx, flow, step, prefix="⚠️ " + ctx.l10n(refused.key, **refused.args_))
        return
    await answered(message, ctx, flow, step, answer)


async def go_back(message: Message, ctx: Ctx, flow: Flow) -> None:
    path = list(ctx.draft.get("_path") or [])
    if not path:
        await ask(message, ctx, flow, flow.steps[0])
        return
    previous = path.pop()
    ctx.draft["_path"] = path
    await ask(message, ctx, flow, flow.by_name[previous])


async def change(message: Message, ctx: Ctx, flow: Flow, step: Step) -> None:
    ctx.draft["_editing"] = step.name
    await ask(message, ctx, flow, step)


class ShowChoices(Exception):
    """A typed answer that matched several things: show them as buttons under ``key``."""

    def __init__(self, key: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(key)
        self.key = key
        self.choices = list(choices)
