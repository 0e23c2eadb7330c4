"""The conversation: an ordered table of steps and the generic handlers that run it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import Nav, NavCb, PageCb, PickCb
from bot.conversation.step import DRAFT, EDITING, LAST, SKIP, D, Goto, Handler, Invalid, Outcome, Step
from bot.conversation.turn import Turn
from bot.reply import UNKNOWN, USED, Reply
from services.parsing import InvalidInput

BACK_LEAD = "keyboard-back"  # the line that takes a step's reply keyboard away on Back


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
        owns_data: bool = True,
        expected: str = "order-expected-text",
        opening: str | None = None,
    ) -> None:
        """``key``: where the draft lives in the FSM data (``<key>_step``: its current step);
        ``owns_data``: starting over clears all FSM data (else only this conversation's keys);
        ``expected``: the message for a sticker or a photo where the step wants text;
        ``opening``: the line ("➕ New order") that takes the main menu away when the
        conversation is entered and its first question has inline buttons."""
        self.opening = opening
        self.key = key
        self.last_key = LAST if key == DRAFT else f"{key}_step"
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

    async def begin(
        self,
        reply: Reply,
        state: FSMContext,
        deps: Mapping[str, Any],
        draft: D,
        *,
        prefilled: Sequence[str] = (),
    ) -> None:
        """Start the conversation from a handler outside it (a menu button, another screen)."""
        await self.start(self.turn(reply, state, dict(deps), self.steps[0]), draft, prefilled=prefilled)

    async def go(self, turn: Turn[D], step: Step[D] | str, draft: D, *, lead: str | None = None) -> None:
        """Make ``step`` current (the draft and the state in one write) and ask its question
        (``lead``: see :meth:`ask`)."""
        await self.move(turn, step, draft)
        await self.ask(turn, turn.step, draft, lead=lead)

    async def ask(self, turn: Turn[D], step: Step[D], draft: D, *, lead: str | None = None) -> None:
        """Ask ``step``'s question under its own reply keyboard (or none: the previous one goes).
        When the change needs a line of its own (the question has inline buttons), the line is
        the conversation's ``opening`` on the way in, else the message ``lead`` ("Got it")."""
        reply = turn.reply
        key = self.opening if reply.shown == UNKNOWN else lead
        keyboard = step.keyboard(turn.l10n) if step.keyboard else None
        reply.expect(keyboard, lead=turn.l10n(key) if key else None)
        await step.ask(turn, draft)

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
            await self.go(turn, step.back, draft, lead=BACK_LEAD)
            return
        if data.get(EDITING) and self.summary:
            data[EDITING] = False
            await self.go(turn, self.summary, draft, lead=BACK_LEAD)
            return
        skip = set(data.get(SKIP) or ())
        await self.go(turn, self._neighbour(self.steps.index(step), draft, skip, -1), draft, lead=BACK_LEAD)

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
        """The turn of an update; ``data`` are the handler's (``raw_state``: the step the user
        was on, whose reply keyboard is in force)."""
        arrived = self.by_state.get(data.get("raw_state") or "")
        if arrived is not None and reply.shown == UNKNOWN:
            reply.shown = arrived.keyboard(reply.l10n) if arrived.keyboard else None
            shared = reply.message is not None and not reply.is_button and _shared(reply.message)
            if shared and reply.shown is not None:
                reply.shown = USED  # a one-time keyboard hides itself once used
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
            # Text where the step wants a button: say so and show the step's question and buttons
            # again (never let the text fall through to another handler, such as tracking).
            await reply(turn.l10n("order-use-buttons"))
            await self.ask(turn, step, await turn.draft())
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
        """A router with the conversation's generic handlers. The state filter sits on the
        router itself, so an update outside the conversation skips it at one cheap check."""
        router = Router(name=f"conversation:{self.name}")
        in_conversation = StateFilter(*self.states)
        router.message.filter(in_conversation)
        router.callback_query.filter(in_conversation)
        names = set(self.by_name)
        router.message.register(self.on_message)
        router.callback_query.register(self.on_pick, PickCb.filter(F.step.in_(names)))
        router.callback_query.register(self.on_page, PageCb.filter(F.step.in_(names)))
        router.callback_query.register(
            self.on_nav, NavCb.filter(F.action.in_({Nav.BACK, Nav.SKIP, Nav.CANCEL}) & F.step.in_(names))
        )
        return router


def _shared(message: Message) -> bool:
    """The message came from a reply keyboard's request button (a contact or a location)."""
    return message.contact is not None or message.location is not None
