"""The operator's allow-list of sellers (``ADMIN_IDS`` only), opened from the admin menu.

The screen shows whether the list is on, its entries, whom refused sellers are told to ask and
how many logged-in sellers it leaves out. Buttons switch it on and off, add entries (a kind —
INN, BTS login or Telegram id — then one or several values, a conversation on the engine),
remove them (a paged list of entries), and set the contact. The rules live in
``services.seller_access``; the login conversation and the per-update context apply them.
"""

from __future__ import annotations

from typing import Any, cast

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import BaseModel

from bot.callbacks import AllowAction, AllowCb
from bot.conversation import Conversation, Invalid, Step, Turn, choose
from bot.filters import IsAdmin
from bot.i18n import Localizer
from bot.keyboards.common import choice_keyboard
from bot.reply import Reply
from bot.text import quote
from services.seller_access import CONTACT_LIMIT, Added, AllowList, EntryKind, SellerAccessService
from storage.schemas import AllowEntryRecord

SHOWN = 30  # entries listed on the screen (the rest are counted)
PAGE = 8  # entries per page of the removal list
VALUE_SHOWN = 40  # characters of a value on the screen and on a button


class AllowFlow(StatesGroup):
    kind = State()
    values = State()


class ContactFlow(StatesGroup):
    contact = State()


class AllowDraft(BaseModel):
    kind: EntryKind | None = None


class ContactDraft(BaseModel):
    pass


def entry_text(l10n: Localizer, entry: AllowEntryRecord) -> str:
    return l10n("allow-entry", kind=entry.kind, value=quote(entry.value, VALUE_SHOWN))


def _state(allow: AllowList) -> str:
    if not allow.enabled:
        return "off"
    return "on" if allow.entries else "empty"


def screen_text(l10n: Localizer, allow: AllowList, left_out: int) -> str:
    lines = [l10n("allow-title"), l10n("allow-state", state=_state(allow)), ""]
    lines.append(l10n("allow-entries", count=len(allow.entries)))
    lines += [f"• {entry_text(l10n, entry)}" for entry in allow.entries[:SHOWN]]
    if len(allow.entries) > SHOWN:
        lines.append(l10n("allow-more", count=len(allow.entries) - SHOWN))
    lines.append("")
    if allow.contact:
        lines.append(l10n("allow-contact", contact=quote(allow.contact)))
    else:
        lines.append(l10n("allow-contact-admin"))
    lines.append(l10n("allow-left-out", count=left_out, active="yes" if allow.active else "no"))
    lines.append(l10n("allow-customers"))
    return "\n".join(lines)


def screen_keyboard(l10n: Localizer, allow: AllowList) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if allow.enabled:
        builder.button(text=l10n("allow-btn-off"), callback_data=AllowCb(action=AllowAction.OFF))
    else:
        builder.button(text=l10n("allow-btn-on"), callback_data=AllowCb(action=AllowAction.ON))
    builder.button(text=l10n("allow-btn-add"), callback_data=AllowCb(action=AllowAction.ADD))
    if allow.entries:
        builder.button(text=l10n("allow-btn-remove"), callback_data=AllowCb(action=AllowAction.REMOVE))
    builder.button(text=l10n("allow-btn-contact"), callback_data=AllowCb(action=AllowAction.CONTACT))
    builder.adjust(1)
    return builder.as_markup()


async def show_screen(reply: Reply, access: SellerAccessService, *, edit: bool = False) -> None:
    allow = await access.current()
    text = screen_text(reply.l10n, allow, await access.count_left_out())
    markup = screen_keyboard(reply.l10n, allow)
    if edit:
        await reply.edit(text, markup)
    else:
        await reply.send(text, markup)


def removal_keyboard(
    l10n: Localizer, entries: tuple[AllowEntryRecord, ...], page: int
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for entry in entries[page * PAGE : (page + 1) * PAGE]:
        text = l10n("allow-btn-drop", entry=entry_text(l10n, entry))
        builder.button(text=text, callback_data=AllowCb(action=AllowAction.DROP, item=entry.id, page=page))
    builder.adjust(1)
    pager = InlineKeyboardBuilder()
    if page > 0:
        pager.button(text="◀️", callback_data=AllowCb(action=AllowAction.REMOVE, page=page - 1))
    if (page + 1) * PAGE < len(entries):
        pager.button(text="▶️", callback_data=AllowCb(action=AllowAction.REMOVE, page=page + 1))
    builder.attach(pager)
    builder.row(
        InlineKeyboardButton(
            text=l10n("allow-btn-back"), callback_data=AllowCb(action=AllowAction.SHOW).pack()
        )
    )
    return builder.as_markup()


# --- adding entries: a conversation ---------------------------------------------------------------


def _kinds(l10n: Localizer) -> list[tuple[str, str]]:
    return [(l10n(f"allow-kind-{kind.value}"), kind.value) for kind in EntryKind]


def _access(deps: dict[str, Any]) -> SellerAccessService:
    return cast(SellerAccessService, deps["seller_access"])


def pick_kind(turn: Turn[AllowDraft], value: str, draft: AllowDraft) -> AllowDraft:
    try:
        return AllowDraft(kind=EntryKind(value))
    except ValueError:
        raise Invalid("allow-ask-kind") from None


async def ask_values(turn: Turn[AllowDraft], draft: AllowDraft) -> None:
    kind = draft.kind or EntryKind.INN
    await turn.reply(turn.l10n("allow-ask-values", kind=kind.value), turn.nav())


def added_text(l10n: Localizer, added: Added) -> str:
    lines = [l10n("allow-added", count=len(added.added))]
    if added.already:
        lines.append(l10n("allow-already", values=quote(", ".join(added.already))))
    if added.invalid:
        lines.append(l10n("allow-invalid", values=quote(", ".join(added.invalid))))
    return "\n".join(lines)


async def add_values(turn: Turn[AllowDraft], text: str, draft: AllowDraft) -> None:
    kind = draft.kind or EntryKind.INN
    access = _access(turn.deps)
    added = await access.add(kind, text, turn.user_id)
    if not added.added and not added.already:
        raise Invalid("allow-none-valid", kind=kind.value, values=quote(text.strip() or "—"))
    await ADD.finish(turn)
    await turn.reply(added_text(turn.l10n, added))
    await show_screen(turn.reply, access)


async def cancel_add(turn: Turn[Any]) -> None:
    await turn.conv.finish(turn)
    await turn.reply(turn.l10n("cancelled"))
    await show_screen(turn.reply, _access(turn.deps))


ADD: Conversation[AllowDraft] = Conversation(
    "allow-add",
    AllowDraft,
    steps=(
        Step(AllowFlow.kind, choose("allow-ask-kind", _kinds), pick=pick_kind),
        Step(AllowFlow.values, ask_values, text=add_values),
    ),
    on_cancel=cancel_add,
    key="allow",
    owns_data=False,
)


# --- whom refused sellers should ask: a one-step conversation ---------------------------------------


async def ask_contact(turn: Turn[ContactDraft], draft: ContactDraft) -> None:
    allow = await _access(turn.deps).current()
    text = turn.l10n("allow-ask-contact", limit=CONTACT_LIMIT)
    if allow.contact:
        clear = [(turn.l10n("allow-btn-clear-contact"), "clear")]
        await turn.reply(text, choice_keyboard(turn.l10n, turn.step.name, clear, back=False))
    else:
        await turn.reply(text, turn.nav())


async def set_contact(turn: Turn[ContactDraft], text: str, draft: ContactDraft) -> None:
    contact = " ".join(text.split())
    if not contact or len(contact) > CONTACT_LIMIT:
        raise Invalid("allow-ask-contact", limit=CONTACT_LIMIT)
    await _save_contact(turn, contact)


async def clear_contact(turn: Turn[ContactDraft], value: str, draft: ContactDraft) -> None:
    if value != "clear":
        turn.reply.stale()
        return
    await _save_contact(turn, None)


async def _save_contact(turn: Turn[ContactDraft], contact: str | None) -> None:
    access = _access(turn.deps)
    await access.set_contact(contact, turn.user_id)
    await CONTACT.finish(turn)
    await turn.reply(turn.l10n("allow-contact-saved"))
    await show_screen(turn.reply, access)


CONTACT: Conversation[ContactDraft] = Conversation(
    "allow-contact",
    ContactDraft,
    steps=(Step(ContactFlow.contact, ask_contact, text=set_contact, pick=clear_contact),),
    on_cancel=cancel_add,
    key="allow_contact",
    owns_data=False,
)


# --- the screen's buttons -----------------------------------------------------------------------------


async def on_allow(
    query: CallbackQuery,
    callback_data: AllowCb,
    state: FSMContext,
    reply: Reply,
    seller_access: SellerAccessService,
    **data: Any,
) -> None:
    action, admin_id = callback_data.action, query.from_user.id
    if action in (AllowAction.ON, AllowAction.OFF):
        await seller_access.set_enabled(action is AllowAction.ON, admin_id)
    if action in (AllowAction.SHOW, AllowAction.ON, AllowAction.OFF):
        await show_screen(reply, seller_access, edit=True)
    elif action is AllowAction.ADD:
        await ADD.begin(reply, state, {**data, "seller_access": seller_access}, AllowDraft())
    elif action is AllowAction.CONTACT:
        await CONTACT.begin(reply, state, {**data, "seller_access": seller_access}, ContactDraft())
    else:
        await on_removal(reply, seller_access, callback_data)


async def on_removal(reply: Reply, access: SellerAccessService, callback_data: AllowCb) -> None:
    if callback_data.action is AllowAction.DROP:
        removed = await access.remove(callback_data.item)
        reply.toast(reply.l10n("allow-removed" if removed else "allow-gone"))
    entries = (await access.current()).entries
    if not entries:
        await show_screen(reply, access, edit=True)
        return
    page = min(callback_data.page, (len(entries) - 1) // PAGE)
    await reply.edit(reply.l10n("allow-remove-title"), removal_keyboard(reply.l10n, entries, page))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.callback_query.register(on_allow, AllowCb.filter())
    router.include_routers(ADD.router(), CONTACT.router())
    return router
