"""Questions most steps ask: a text question, a choice of buttons, yes or no."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.conversation.step import Ask
from bot.conversation.turn import Turn
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard

# A question's message id, or a function of the draft choosing it (a wording by delivery way).
Key = str | Callable[[Any], str]


def _key(key: Key, draft: Any) -> str:
    return key if isinstance(key, str) else key(draft)


def question(key: Key, *, back: bool | None = None, hint: str | None = None) -> Ask[Any]:
    """Ask ``key`` (and its ``hint`` in the same message) above the step's navigation row. When
    the reply keyboard must change, the question carries the change and the hint the row."""

    async def ask(turn: Turn[Any], draft: Any) -> None:
        asked = turn.l10n(_key(key, draft))
        if hint is not None and turn.reply.changing_keyboard:
            await turn.reply(asked)
            await turn.reply(turn.l10n(hint), turn.nav(back=back))
            return
        text = asked if hint is None else asked + "\n" + turn.l10n(hint)
        await turn.reply(text, turn.nav(back=back))

    return ask


def choose(
    key: Key, options: Callable[[Localizer], Sequence[tuple[str, str]]], *, columns: int = 1
) -> Ask[Any]:
    """Ask ``key`` with one button per ``(text, value)`` option above the navigation row."""

    async def ask(turn: Turn[Any], draft: Any) -> None:
        step = turn.step
        markup = choice_keyboard(
            turn.l10n, step.name, options(turn.l10n), columns=columns, skip=step.skip is not None
        )
        await turn.reply(turn.l10n(_key(key, draft)), markup)

    return ask


def yes_no(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n("btn-yes"), "1"), (l10n("btn-no"), "0")]
