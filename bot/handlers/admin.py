"""The operator's menu, for ``ADMIN_IDS`` only: ``/admin``.

- **Figures**: users, sellers, orders today and this week, pushes sent / failed / waiting, and
  this process's upstream calls by API with their failure rate (``services.admin``).
- **Sellers allow-list**: its own router (``bot.handlers.admin_allow``), opened from this menu.
- **Broadcast**: a conversation on the engine (``bot.conversation``): the audience (everyone,
  sellers, customers), the text, a preview with the number of chats, then Send. The messages go
  through the push outbox, so Telegram's limits hold (all senders together under 30 a second);
  a progress message with a Refresh button reads back how many were sent.

Anyone else typing ``/admin`` gets the fallback answer, as for any unknown command.
"""

from __future__ import annotations

import html
from enum import StrEnum
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import BaseModel

from bot.callbacks import AllowAction, AllowCb
from bot.conversation import Conversation, Invalid, Step, Turn, choose
from bot.filters import IsAdmin
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard
from bot.reply import Reply
from services.admin import MAX_BROADCAST, AdminService, Audience, Figures


class AdminAction(StrEnum):
    STATS = "stats"
    BROADCAST = "broadcast"
    PROGRESS = "progress"


class AdminCb(CallbackData, prefix="adm"):
    action: AdminAction
    item: str = ""


class BroadcastFlow(StatesGroup):
    audience = State()
    text = State()
    confirm = State()


class BroadcastDraft(BaseModel):
    audience: Audience | None = None
    text: str | None = None


def menu_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("admin-btn-stats"), callback_data=AdminCb(action=AdminAction.STATS))
    builder.button(text=l10n("admin-btn-broadcast"), callback_data=AdminCb(action=AdminAction.BROADCAST))
    builder.button(text=l10n("allow-btn-open"), callback_data=AllowCb(action=AllowAction.SHOW))
    builder.adjust(1)
    return builder.as_markup()


def render_figures(l10n: Localizer, figures: Figures) -> str:
    lines = [
        l10n(
            "admin-upstream-line",
            api=api,
            calls=calls,
            failed=failed,
            rate=f"{100 * failed / calls:.1f}" if calls else "0",
        )
        for api, (calls, failed) in figures.upstream.items()
    ]
    return l10n(
        "admin-stats",
        users=figures.users,
        sellers=figures.sellers,
        today=figures.orders_today,
        week=figures.orders_week,
        sent=figures.pushes_sent,
        failed=figures.pushes_failed,
        waiting=figures.pushes_waiting,
        upstream="\n".join(lines) or l10n("admin-upstream-none"),
    )


def audience_name(l10n: Localizer, audience: Audience | None) -> str:
    return l10n(f"admin-audience-{(audience or Audience.ALL).value}")


# --- the broadcast conversation ----------------------------------------------------------------------


def _audiences(l10n: Localizer) -> list[tuple[str, str]]:
    return [(audience_name(l10n, a), a.value) for a in Audience]


async def pick_audience(turn: Turn[BroadcastDraft], value: str, draft: BroadcastDraft) -> BroadcastDraft:
    try:
        audience = Audience(value)
    except ValueError:
        raise Invalid("admin-ask-audience") from None
    admin: AdminService = turn.deps["admin"]
    if await admin.audience_size(audience) == 0:
        raise Invalid("admin-empty-audience")
    return draft.model_copy(update={"audience": audience})


async def ask_text(turn: Turn[BroadcastDraft], draft: BroadcastDraft) -> None:
    await turn.reply(turn.l10n("admin-ask-text", limit=MAX_BROADCAST), turn.nav())


def set_text(turn: Turn[BroadcastDraft], text: str, draft: BroadcastDraft) -> BroadcastDraft:
    text = text.strip()
    if not text:
        raise Invalid("admin-ask-text", limit=MAX_BROADCAST)
    if len(text) > MAX_BROADCAST:
        raise Invalid("admin-text-too-long", length=len(text), limit=MAX_BROADCAST)
    return draft.model_copy(update={"text": text})


async def ask_confirm(turn: Turn[BroadcastDraft], draft: BroadcastDraft) -> None:
    admin: AdminService = turn.deps["admin"]
    audience = draft.audience or Audience.ALL
    count = await admin.audience_size(audience)
    preview = turn.l10n(
        "admin-preview",
        count=count,
        audience=audience_name(turn.l10n, audience),
        text=html.escape(draft.text or "", quote=False),
    )
    send = [(turn.l10n("admin-btn-send"), "send")]
    await turn.reply(preview, choice_keyboard(turn.l10n, turn.step.name, send))


async def send_broadcast(turn: Turn[BroadcastDraft], value: str, draft: BroadcastDraft) -> None:
    if value != "send" or draft.text is None:
        turn.reply.stale()
        return
    admin: AdminService = turn.deps["admin"]
    await BROADCAST.finish(turn)  # before queueing: a second tap on Send finds no conversation
    broadcast_id, count = await admin.broadcast(draft.audience or Audience.ALL, draft.text)
    await turn.reply.edit(turn.l10n("admin-queued", count=count))
    await show_progress(turn.reply, admin, broadcast_id)
    await turn.reply(turn.l10n("menu-title"), turn.menu())


async def cancel_broadcast(turn: Turn[BroadcastDraft]) -> None:
    await BROADCAST.finish(turn)
    await turn.reply(turn.l10n("admin-cancelled"), turn.menu())


BROADCAST: Conversation[BroadcastDraft] = Conversation(
    "broadcast",
    BroadcastDraft,
    steps=(
        Step(BroadcastFlow.audience, choose("admin-ask-audience", _audiences), pick=pick_audience),
        Step(BroadcastFlow.text, ask_text, text=set_text),
        Step(BroadcastFlow.confirm, ask_confirm, pick=send_broadcast),
    ),
    on_cancel=cancel_broadcast,
    opening="admin-btn-broadcast",
)


# --- the menu --------------------------------------------------------------------------------------------


async def show_progress(reply: Reply, admin: AdminService, broadcast_id: str, *, edit: bool = False) -> None:
    progress = await admin.progress(broadcast_id)
    text = reply.l10n(
        "admin-progress",
        sent=progress.sent,
        total=progress.total,
        failed=progress.failed,
        done="yes" if progress.done else "no",
    )
    builder = InlineKeyboardBuilder()
    if not progress.done:
        builder.button(
            text=reply.l10n("admin-btn-refresh"),
            callback_data=AdminCb(action=AdminAction.PROGRESS, item=broadcast_id),
        )
    markup = builder.as_markup() if not progress.done else None
    if edit:
        await reply.edit(text, markup)
    else:
        await reply.send(text, markup)


async def open_menu(message: Message, reply: Reply) -> None:
    await reply(reply.l10n("admin-menu"), menu_keyboard(reply.l10n))


async def on_menu(
    query: CallbackQuery,
    callback_data: AdminCb,
    state: FSMContext,
    reply: Reply,
    admin: AdminService,
    **data: Any,
) -> None:
    if callback_data.action is AdminAction.STATS:
        await reply.edit(render_figures(reply.l10n, await admin.figures()), menu_keyboard(reply.l10n))
    elif callback_data.action is AdminAction.BROADCAST:
        turn = BROADCAST.turn(reply, state, {**data, "admin": admin}, BROADCAST.steps[0])
        await BROADCAST.start(turn, BroadcastDraft())
    elif callback_data.item:
        await show_progress(reply, admin, callback_data.item, edit=True)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(open_menu, Command("admin"))
    router.callback_query.register(on_menu, AdminCb.filter(F.action.in_(set(AdminAction))))
    router.include_router(BROADCAST.router())
    return router
