"""International parcels (the conversation in ``bot/conversations/international/``) and
manifests: a number, today's date and every parcel not in a manifest yet; sent once per parcel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.busy_states import Manifests
from bot.callbacks import BusyCb
from bot.conversations.international import (
    INTERNATIONAL,
    Intl,
    confirm,
    fields_keyboard,
    intl_turn,
    start_international,
)
from bot.i18n import Localizer
from bot.render import clip, q
from bot.reply import Reply
from services.errors import NotLoggedIn
from services.international import InternationalService, ManifestView
from services.ledger import TASHKENT
from services.users import UserProfile

MAX_NUMBER = 64


def _require_seller(profile: UserProfile | None) -> UserProfile:
    if profile is None or not profile.is_seller:
        raise NotLoggedIn
    return profile


async def international_command(
    message: Message, state: FSMContext, reply: Reply, profile: UserProfile, **deps: Any
) -> None:
    _require_seller(profile)
    await start_international(reply, state, {**deps, "profile": profile})


async def international_button(
    query: CallbackQuery, state: FSMContext, reply: Reply, profile: UserProfile, **deps: Any
) -> None:
    _require_seller(profile)
    await start_international(reply, state, {**deps, "profile": profile})


async def confirm_international(query: CallbackQuery, state: FSMContext, reply: Reply, **deps: Any) -> None:
    turn = intl_turn(reply, state, deps)
    turn.step = INTERNATIONAL.step("summary")
    await confirm(turn)


async def change_international(query: CallbackQuery, state: FSMContext, reply: Reply, **deps: Any) -> None:
    turn = intl_turn(reply, state, deps)
    await reply(
        reply.l10n("intl-which-field"), fields_keyboard(INTERNATIONAL, reply.l10n, await turn.draft())
    )


async def change_field(
    query: CallbackQuery, callback_data: BusyCb, state: FSMContext, reply: Reply, **deps: Any
) -> None:
    if callback_data.a not in INTERNATIONAL.by_name:
        reply.stale()
        return
    turn = intl_turn(reply, state, deps)
    await INTERNATIONAL.change(turn, callback_data.a, await turn.draft())


async def stale_summary(query: CallbackQuery, reply: Reply) -> None:
    reply.stale()


# --- manifests -------------------------------------------------------------------------------------


def manifest_text(l10n: Localizer, manifest: ManifestView) -> str:
    lines = [
        l10n(
            "manifest-card",
            number=q(manifest.number),
            date=manifest.day.strftime("%d.%m.%Y"),
            count=len(manifest.parcels),
            sent=manifest.sent,
            state=l10n(f"manifest-state-{manifest.state}"),
        )
    ]
    lines.extend(f"• <code>{q(p)}</code>" for p in manifest.parcels[:50])
    if manifest.message:
        lines.append(l10n("manifest-bts-said", message=q(manifest.message)))
    return clip("\n".join(lines))


def manifest_keyboard(l10n: Localizer, manifest: ManifestView) -> InlineKeyboardMarkup | None:
    if manifest.state == "sent":
        return None
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("manifest-btn-send"), callback_data=BusyCb(action="msend", n=manifest.id))
    return builder.as_markup()


async def list_manifests(
    query: CallbackQuery, reply: Reply, profile: UserProfile, international: InternationalService
) -> None:
    seller = _require_seller(profile)
    l10n = reply.l10n
    manifests = await international.manifests(seller.id)
    waiting = await international.parcels(seller.id, without_manifest=True)
    lines = [l10n("manifests-title", waiting=len(waiting))]
    for m in manifests:
        lines.append(
            l10n(
                "manifests-line",
                number=q(m.number),
                date=m.day.strftime("%d.%m.%Y"),
                sent=m.sent,
                count=len(m.parcels),
                state=l10n(f"manifest-state-{m.state}"),
            )
        )
    builder = InlineKeyboardBuilder()
    if waiting:
        builder.button(text=l10n("manifest-btn-new"), callback_data=BusyCb(action="mnew"))
    for m in manifests:
        if m.state != "sent":
            builder.button(
                text=l10n("manifest-btn-open", number=m.number), callback_data=BusyCb(action="mopen", n=m.id)
            )
    builder.adjust(1)
    await reply("\n".join(lines), builder.as_markup())


async def new_manifest(query: CallbackQuery, state: FSMContext, reply: Reply, profile: UserProfile) -> None:
    _require_seller(profile)
    await state.set_state(Manifests.number)
    await reply(reply.l10n("manifest-ask-number"))


async def manifest_number(
    message: Message,
    state: FSMContext,
    reply: Reply,
    profile: UserProfile,
    international: InternationalService,
) -> None:
    seller = _require_seller(profile)
    number = " ".join((message.text or "").split())
    if not number or len(number) > MAX_NUMBER:
        await reply(reply.l10n("manifest-bad-number"))
        return
    waiting = await international.parcels(seller.id, without_manifest=True)
    manifest = await international.create_manifest(
        seller.id, number, datetime.now(TASHKENT).date(), [p.parcel_number for p in waiting]
    )
    await state.set_state(None)
    await reply(manifest_text(reply.l10n, manifest), manifest_keyboard(reply.l10n, manifest))


async def open_manifest(
    query: CallbackQuery,
    callback_data: BusyCb,
    reply: Reply,
    profile: UserProfile,
    international: InternationalService,
) -> None:
    seller = _require_seller(profile)
    manifest = await international.manifest(seller.id, callback_data.n)
    await reply(manifest_text(reply.l10n, manifest), manifest_keyboard(reply.l10n, manifest))


async def send_manifest(
    query: CallbackQuery,
    callback_data: BusyCb,
    reply: Reply,
    profile: UserProfile,
    international: InternationalService,
) -> None:
    seller = _require_seller(profile)
    async with reply.typing():
        manifest = await international.send_manifest(seller.id, callback_data.n)
    await reply.edit(manifest_text(reply.l10n, manifest), manifest_keyboard(reply.l10n, manifest))


def create_router() -> Router:
    """The manifest and summary handlers, then the conversation's generic step handlers."""
    root = Router(name="busy_intl")
    router = Router(name=__name__)
    router.message.register(international_command, Command("international"))
    router.callback_query.register(international_button, BusyCb.filter(F.action == "intl"))
    router.callback_query.register(
        confirm_international, BusyCb.filter(F.action == "iok"), StateFilter(Intl.summary)
    )
    router.callback_query.register(
        change_international, BusyCb.filter(F.action == "ichg"), StateFilter(Intl.summary)
    )
    router.callback_query.register(change_field, BusyCb.filter(F.action == "ifld"), StateFilter(Intl.summary))
    router.callback_query.register(stale_summary, BusyCb.filter(F.action.in_({"iok", "ichg", "ifld"})))
    router.callback_query.register(list_manifests, BusyCb.filter(F.action == "mfs"))
    router.callback_query.register(new_manifest, BusyCb.filter(F.action == "mnew"))
    router.message.register(manifest_number, Manifests.number, F.text)
    router.callback_query.register(open_manifest, BusyCb.filter(F.action == "mopen"))
    router.callback_query.register(send_manifest, BusyCb.filter(F.action == "msend"))
    root.include_router(router)
    root.include_router(INTERNATIONAL.router())
    return root
