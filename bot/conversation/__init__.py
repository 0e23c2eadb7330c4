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
summary (a changed delivery way asks its address next); ``keyboard`` names the step's reply
keyboard (the location or the contact button): every other step takes the previous one away, the
change riding on the step's first message (``Reply.expect``; the conversation's ``opening``
line on the way in when that message has inline buttons), and the conversation's ends show the
main menu again (``turn.menu()``). Buttons carry ``PickCb(step, value)``
and ``NavCb(action, step)``: a press on a button of another step is answered as stale.

Each move writes the draft and the state once (``go``), before the question is sent: the FSM
storage makes it durable before any request to Telegram (``bot.middlewares.flush``).
"""

from __future__ import annotations

from bot.conversation.engine import Conversation
from bot.conversation.questions import choose, question, yes_no
from bot.conversation.step import DRAFT, EDITING, LAST, SKIP, Ask, Goto, Handler, Invalid, Outcome, Step
from bot.conversation.turn import Turn

__all__ = [
    "DRAFT",
    "EDITING",
    "LAST",
    "SKIP",
    "Ask",
    "Conversation",
    "Goto",
    "Handler",
    "Invalid",
    "Outcome",
    "Step",
    "Turn",
    "choose",
    "question",
    "yes_no",
]
