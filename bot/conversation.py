"""The conversation engine: a step-by-step conversation is a table of :class:`Step` records.

We wrote this small engine rather than adopt aiogram's Scenes or aiogram_dialog. A Scene is a
class per step with its own handlers, and moving back keeps a history list in the FSM data: the
step order, Back and "change a field" would still be code spread over classes. aiogram_dialog
renders from a stack of its own in storage (several writes per update, its own ``Context``
records): it would double the FSM writes the bot is measured on and replace our SQL storage's
one-write-per-step. What we need is small: an ordered table, generic handlers, and one FSM write
per step.

How to declare a conversation
-----------------------------
::

    class Greeting(StatesGroup):          # bot/states.py: one State per step
        name = State()
        age = State()

    class GreetDraft(BaseModel):          # what the conversation collects (services/, pydantic)
        name: str | None = None
        age: int | None = None

    async def ask_name(turn: Turn[GreetDraft], draft: GreetDraft) -> None:
        await turn.reply(turn.l10n("order-ask-sender-name"), turn.nav())      # Back / Skip / Cancel row

    def set_name(turn: Turn[GreetDraft], text: str, draft: GreetDraft) -> GreetDraft:
        return draft.model_copy(update={"name": parse_name(text)})    # raise Invalid("key") if bad

    GREETING = Conversation(
        "greet",
        GreetDraft,
        steps=(
            Step(Greeting.name, ask_name, text=set_name, changeable=True),
            Step(Greeting.age, ask_age, text=set_age, skip=lambda d: d.model_copy(update={"age": None})),
        ),
        on_done=show_result,            # after the last step (or ``summary="..."``: a summary step)
        on_cancel=say_cancelled,
    )
    router = GREETING.router()          # text, button, page and Back/Skip/Cancel handlers

A step's handlers (``text``, ``pick``, ``location``, ``contact``, ``page``) get the :class:`Turn`,
the input and the draft, and return what happens next:

- a draft: the answer is accepted, the conversation moves on (to the summary when the step was
  opened with "change a field", else to the next step that ``applies`` to the new draft);
- ``Goto("step", draft)``: jump to a named step (a sub-step such as registering a new good);
- ``None``: the handler answered by itself and the step stays (a search showing matches);
- ``raise Invalid("message-id")``: the localized message and the step's navigation row.

The order of ``steps`` is the order of the questions and, reversed, of Back. ``applies`` hides a
step that does not apply to the draft; ``skip`` (a function clearing what Skip clears) makes it
skippable; ``changeable`` lists it on the summary's "change a field" keyboard; ``back`` names
the step a sub-step returns to; ``fields`` names the upstream fields it fixes (validation
errors point at it); ``then`` lists the steps that must follow it even when changed from the
summary (a changed delivery way asks its address next). Buttons carry ``PickCb(step, value)``
and ``NavCb(action, step)``: a press on a button of another step is answered as stale.

Each move writes the draft and the state once (``go``), before the question is sent: the FSM
storage makes it durable before any request to Telegram (``bot.middlewares.flush``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, Union

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from pydantic import BaseModel

from bot.callbacks import Nav, NavCb, PageCb, PickCb
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard, nav_keyboard
from bot.reply import Reply
from services.parsing import InvalidInput

D = TypeVar("D", bound=BaseModel)

DRAFT = "draft"
EDITING = "editing"  # came from "change a field": back to the summary after the step
SKIP = "prefilled"  # steps answered before the conversation started (price → order)
LAST = "last_step"


class Invalid(Exception):
    """A typed answer the step refuses: ``key`` is the message id explaining why."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass(frozen=True, slots=True)
class Goto(Generic[D]):
    """Jump to a named step (with this draft, or the current one)."""

    step: str
    draft: D | None = None


Outcome = Union[D, Goto[D], None]  # noqa: UP007 (a generic alias over a bare TypeVar)
Ask = Callable[["Turn[D]", D], Awaitable[None]]
Handler = Callable[["Turn[D]", Any, D], "Awaitable[Outcome[D]] | Outcome[D]"]


def _always(_draft: Any) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Step(Generic[D]):
    """One question of a conversation (see the module docstring)."""

    state: State
    ask: Ask[D]
    text: Handler[D] | None = None
    pick: Handler[D] | None = None
    page: Handler[D] | None = None
    location: Handler[D] | None = None
    contact: Handler[D] | None = None
    applies: Callable[[D], bool] = _always
    skip: Callable[[D], D] | None = None
    changeable: bool = False
    back: str | None = None
    fields: tuple[str, ...] = ()
    then: tuple[str, ...] = ()
    name: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", (self.state.state or "").rsplit(":", 1)[-1])


class Turn(Generic[D]):
    """One update inside a conversation: the reply helper, the FSM context, the draft (read
    once), the services of the handler data, and the current step."""

    __slots__ = ("_data", "_draft", "conv", "deps", "l10n", "reply", "state", "step")

    def __init__(
        self, conv: Conversation[D], reply: Reply, state: FSMContext, deps: dict[str, Any], step: Step[D]
    ) -> None:
        self.conv = conv
        self.reply = reply
        self.state = state
        self.l10n: Localizer = reply.l10n
        self.deps = deps
        self.step = step
        self._data: dict[str, Any] | None = None
        self._draft: D | None = None

    @property
    def user_id(self) -> int:
        return self.reply.user_id

    async def data(self) -> dict[str, Any]:
        """The conversation's FSM data, read once per update (kept in step with our writes)."""
        if self._data is None:
            self._data = await self.state.get_data()
        return self._data

    def reset(self, **values: Any) -> None:
        """Start the FSM data over with ``values`` (written by the next move)."""
        self._data = dict(values)
        self._draft = None

    async def remember(self, **values: Any) -> None:
        """Write values beside the draft (saved choices, a pending sub-step's answers)."""
        data = await self.data()
        data.update(values)
        await self.state.set_data(data)

    async def draft(self) -> D:
        """The draft, validated once per update (kept in step with ``save``)."""
        if self._draft is None:
            raw = (await self.data()).get(self.conv.key)
            draft_type = self.conv.draft_type
            self._draft = draft_type.model_validate(raw) if isinstance(raw, dict) else draft_type()
        return self._draft

    async def save(self, draft: D) -> None:
        self._draft = draft
        await self.remember(**{self.conv.key: draft.model_dump(mode="json")})

    def nav(self, step: str | None = None, *, back: bool | None = None) -> InlineKeyboardMarkup:
        """The Back / (Skip) / Cancel row of the current step (no Back on the first step)."""
        current = self.conv.step(step) if step else self.step
        if back is None:
            back = current is not self.conv.steps[0]
        return nav_keyboard(self.l10n, current.name, back=back, skip=current.skip is not None)


class Conversation(Generic[D]):
    """An ordered table of steps and the generic handlers that run it."""

    def __init__(
        self,
        name: str,
        draft_type: type[D],
        steps: Sequence[Step[D]],
        *,
        on_cancel: Callable[[Turn[D]], Awaitable[None]],
        summary: str | None = None,
        key: str = DRAFT,
        last_key: str = LAST,
        owns_data: bool = True,
        expected: str = "order-expected-text",
    ) -> None:
        """``key``: where the draft lives in the FSM data (``last_key``: its current step);
        ``owns_data``: starting over clears all FSM data (else only this conversation's keys);
        ``expected``: the message for a sticker or a photo where the step wants text."""
        self.key = key
        self.last_key = last_key
        self.owns_data = owns_data
        self.expected = expected
        self.name = name
        self.draft_type = draft_type
        self.steps = tuple(steps)
        self.by_name = {s.name: s for s in self.steps}
        self.by_state = {s.state.state: s for s in self.steps}
        self.summary = summary
        self.on_cancel = on_cancel
        self.fields = {f: s.name for s in self.steps for f in s.fields}
        self.states = tuple(s.state for s in self.steps)

    def step(self, name: str) -> Step[D]:
        return self.by_name[name]

    def changeable(self, draft: D) -> list[Step[D]]:
        return [s for s in self.steps if s.changeable and s.applies(draft)]

    async def current(self, state: FSMContext) -> Step[D] | None:
        return self.by_state.get(await state.get_state())

    # --- moving --------------------------------------------------------------------------------

    async def start(
        self, turn: Turn[D], draft: D, *, prefilled: Sequence[str] = (), extra: dict[str, Any] | None = None
    ) -> None:
        """Begin at the first step that applies (or at ``turn.step`` when set by the caller)."""
        kept = {} if self.owns_data else await turn.data()
        turn.reset(**{**kept, EDITING: False, SKIP: list(prefilled), **(extra or {})})
        first = self._neighbour(-1, draft, set(prefilled), +1)
        await self.go(turn, first, draft)

    async def go(self, turn: Turn[D], step: Step[D] | str, draft: D) -> None:
        """Make ``step`` current (the draft and the state in one write) and ask its question."""
        await self.move(turn, step, draft)
        await turn.step.ask(turn, draft)

    async def move(self, turn: Turn[D], step: Step[D] | str, draft: D) -> None:
        """Make ``step`` current without asking (the handler has answered already)."""
        target = self.by_name[step] if isinstance(step, str) else step
        data = await turn.data()
        data[self.key] = draft.model_dump(mode="json")
        data[self.last_key] = target.name
        turn._draft = draft
        await turn.state.set_data(data)
        await turn.state.set_state(target.state)
        turn.step = target

    async def finish(self, turn: Turn[D]) -> None:
        """Leave the conversation: its state and its keys go (other conversations' data stays)."""
        if self.owns_data:
            await turn.state.clear()
            return
        data = await turn.data()
        for key in (self.key, self.last_key):
            data.pop(key, None)
        await turn.state.set_data(data)
        await turn.state.set_state(None)

    async def advance(self, turn: Turn[D], step: Step[D], draft: D) -> None:
        """The answer to ``step`` is in ``draft``: ask what comes next."""
        data = await turn.data()
        if step.back is not None:
            await self.go(turn, step.back, draft)
            return
        if data.get(EDITING) and self.summary:
            following = [n for n in step.then if self.by_name[n].applies(draft)]
            if following:
                await self.go(turn, following[0], draft)
                return
            data[EDITING] = False
            await self.go(turn, self.summary, draft)
            return
        skip = set(data.get(SKIP) or ())
        await self.go(turn, self._neighbour(self.steps.index(step), draft, skip, +1), draft)

    async def back(self, turn: Turn[D], step: Step[D], draft: D) -> None:
        data = await turn.data()
        if step.back is not None:
            await self.go(turn, step.back, draft)
            return
        if data.get(EDITING) and self.summary:
            data[EDITING] = False
            await self.go(turn, self.summary, draft)
            return
        skip = set(data.get(SKIP) or ())
        await self.go(turn, self._neighbour(self.steps.index(step), draft, skip, -1), draft)

    async def change(self, turn: Turn[D], name: str, draft: D) -> None:
        """Open one step from the summary; after it the conversation returns to the summary."""
        (await turn.data())[EDITING] = True
        await self.go(turn, name, draft)

    def _neighbour(self, index: int, draft: D, skip: set[str], direction: int) -> Step[D]:
        index += direction
        while 0 <= index < len(self.steps):
            candidate = self.steps[index]
            if candidate.back is None and candidate.name not in skip and candidate.applies(draft):
                return candidate
            index += direction
        if direction > 0 and self.summary:
            return self.by_name[self.summary]
        return self.steps[-1] if direction > 0 else self.steps[0]

    async def outcome(self, turn: Turn[D], result: Outcome[D]) -> None:
        if result is None:
            return
        if isinstance(result, Goto):
            await self.go(turn, result.step, result.draft or await turn.draft())
            return
        await self.advance(turn, turn.step, result)

    async def refuse(self, turn: Turn[D], exc: Invalid) -> None:
        await turn.reply(turn.l10n(exc.key, **exc.args_), turn.nav())

    # --- the generic handlers -------------------------------------------------------------------

    def turn(self, reply: Reply, state: FSMContext, data: dict[str, Any], step: Step[D]) -> Turn[D]:
        return Turn(self, reply, state, data, step)

    async def _run(self, turn: Turn[D], handler: Handler[D], value: Any) -> None:
        try:
            result = handler(turn, value, await turn.draft())
            if isinstance(result, Awaitable):
                result = await result
        except Invalid as exc:
            await self.refuse(turn, exc)
            return
        except InvalidInput as exc:
            await self.refuse(turn, Invalid(f"invalid-{exc.kind}"))
            return
        await self.outcome(turn, result)

    async def on_message(self, message: Message, state: FSMContext, reply: Reply, **data: Any) -> None:
        step = self.by_state.get(await state.get_state())
        if step is None:
            return
        turn = self.turn(reply, state, data, step)
        if message.text is not None and step.text is not None:
            await self._run(turn, step.text, message.text)
        elif message.contact is not None and step.contact is not None:
            await self._run(turn, step.contact, message.contact)
        elif message.location is not None and step.location is not None:
            await self._run(turn, step.location, message.location)
        elif message.text is not None or message.contact is not None or message.location is not None:
            await reply(turn.l10n("order-use-buttons"), turn.nav())
        else:
            await reply(turn.l10n(self.expected), turn.nav())

    async def _pressed(
        self, state: FSMContext, reply: Reply, data: dict[str, Any], step_name: str
    ) -> Turn[D] | None:
        """The turn for a button of ``step_name``, or ``None`` (answered as stale) when the
        conversation is on another step or Telegram no longer shows the message."""
        step = self.by_state.get(await state.get_state())
        if step is None or step.name != step_name or reply.message is None:
            reply.stale()
            return None
        return self.turn(reply, state, data, step)

    async def on_pick(
        self, query: CallbackQuery, callback_data: PickCb, state: FSMContext, reply: Reply, **data: Any
    ) -> None:
        turn = await self._pressed(state, reply, data, callback_data.step)
        if turn is None or turn.step.pick is None:
            return
        await self._run(turn, turn.step.pick, callback_data.value)

    async def on_page(
        self, query: CallbackQuery, callback_data: PageCb, state: FSMContext, reply: Reply, **data: Any
    ) -> None:
        turn = await self._pressed(state, reply, data, callback_data.step)
        if turn is None or turn.step.page is None:
            return
        await self._run(turn, turn.step.page, callback_data)

    async def on_nav(
        self, query: CallbackQuery, callback_data: NavCb, state: FSMContext, reply: Reply, **data: Any
    ) -> None:
        turn = await self._pressed(state, reply, data, callback_data.step)
        if turn is None:
            return
        step = turn.step
        if callback_data.action is Nav.CANCEL:
            await self.on_cancel(turn)
        elif callback_data.action is Nav.BACK:
            await self.back(turn, step, await turn.draft())
        elif callback_data.action is Nav.SKIP and step.skip is not None:
            await self.advance(turn, step, step.skip(await turn.draft()))
        else:
            reply.stale()

    def router(self) -> Router:
        """A router with the conversation's generic handlers (its states only)."""
        router = Router(name=f"conversation:{self.name}")
        in_conversation = StateFilter(*self.states)
        names = set(self.by_name)
        router.message.register(self.on_message, in_conversation)
        router.callback_query.register(self.on_pick, PickCb.filter(F.step.in_(names)), in_conversation)
        router.callback_query.register(self.on_page, PageCb.filter(F.step.in_(names)), in_conversation)
        router.callback_query.register(
            self.on_nav,
            NavCb.filter(F.action.in_({Nav.BACK, Nav.SKIP, Nav.CANCEL}) & F.step.in_(names)),
            in_conversation,
        )
        return router


# --- questions most steps ask ----------------------------------------------------------------------


def question(key: str, *, back: bool = True, hint: str | None = None) -> Ask[Any]:
    """Ask ``key`` (and its ``hint`` in the same message) above the step's navigation row."""

    async def ask(turn: Turn[Any], draft: Any) -> None:
        text = turn.l10n(key) if hint is None else turn.l10n(key) + "\n" + turn.l10n(hint)
        await turn.reply(text, turn.nav(back=back))

    return ask


def choose(
    key: str, options: Callable[[Localizer], Sequence[tuple[str, str]]], *, columns: int = 1
) -> Ask[Any]:
    """Ask ``key`` with one button per ``(text, value)`` option above the navigation row."""

    async def ask(turn: Turn[Any], draft: Any) -> None:
        step = turn.step
        markup = choice_keyboard(
            turn.l10n, step.name, options(turn.l10n), columns=columns, skip=step.skip is not None
        )
        await turn.reply(turn.l10n(key), markup)

    return ask


def yes_no(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n("btn-yes"), "1"), (l10n("btn-no"), "0")]
