"""Steps: one record per question, and what a step handler may answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Union

from aiogram.fsm.state import State
from aiogram.types import ReplyKeyboardMarkup
from pydantic import BaseModel

if TYPE_CHECKING:
    from bot.conversation.turn import Turn
    from bot.i18n import Localizer

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
Keyboard = Callable[["Localizer"], ReplyKeyboardMarkup]


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
    keyboard: Keyboard | None = None
    name: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", (self.state.state or "").rsplit(":", 1)[-1])
