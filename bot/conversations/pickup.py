"""The pickup date step (the new order, the price): today, tomorrow or the day after as buttons,
or a typed ``dd.mm`` / ``dd.mm.yyyy``, in Tashkent time (``services.pickup``); skippable."""

from __future__ import annotations

from datetime import date

from bot.conversation import Ask, Invalid
from bot.conversations.new_order.deps import OrderTurn
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard
from services.drafts import OrderDraft
from services.parsing import InvalidInput
from services.pickup import check_pickup_date, latest_day, parse_pickup_date, quick_days, today_in_tashkent


def quick_options(l10n: Localizer, today: date) -> list[tuple[str, str]]:
    """``(label, ISO date)``: a button carries its day, so a press after midnight is checked
    against the day it showed, never shifted to the next one."""
    labels = (l10n("pickup-today"), l10n("pickup-tomorrow"), l10n("pickup-day-after"))
    days = quick_days(today)
    return [
        (l10n("pickup-button", day=label, date=l10n.day(day, year=False)), day.isoformat())
        for label, day in zip(labels, days, strict=True)
    ]


def ask_pickup_date(key: str) -> Ask[OrderDraft]:
    """Ask ``key`` (it may show the ``latest`` day one can choose) with the three day buttons."""

    async def ask(turn: OrderTurn, draft: OrderDraft) -> None:
        today = today_in_tashkent()
        step = turn.step
        markup = choice_keyboard(
            turn.l10n, step.name, quick_options(turn.l10n, today), columns=1, skip=step.skip is not None
        )
        await turn.reply(turn.l10n(key, latest=turn.l10n.day(latest_day(today))), markup)

    return ask


def _refusal(turn: OrderTurn, exc: InvalidInput, today: date) -> Invalid:
    if exc.kind == "date-past":
        return Invalid("invalid-date-past", today=turn.l10n.day(today))
    if exc.kind == "date-far":
        return Invalid("invalid-date-far", latest=turn.l10n.day(latest_day(today)))
    return Invalid("invalid-date")


def set_pickup_date(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    today = today_in_tashkent()
    try:
        day = parse_pickup_date(text, today)
    except InvalidInput as exc:
        raise _refusal(turn, exc, today) from exc
    return draft.model_copy(update={"sender_date": day})


def pick_pickup_date(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        turn.reply.stale()
        return None
    today = today_in_tashkent()
    try:
        check_pickup_date(day, today)
    except InvalidInput as exc:  # "today" pressed on yesterday's message
        raise _refusal(turn, exc, today) from exc
    return draft.model_copy(update={"sender_date": day})
