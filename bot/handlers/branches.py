"""Branches for everyone: by region, by name (Latin or Cyrillic), nearest to a location; a card
with the address, phone, hours per weekday, "open now" in Tashkent time and a map pin."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Nav, NavCb, PageCb, PickCb
from bot.i18n import Localizer
from bot.keyboards.common import adjust_to_fit, main_menu
from bot.keyboards.places import branches_keyboard, regions_keyboard
from bot.render import clip, q
from bot.screens.branches import STEP
from bot.states import Branches
from services.branches import BranchDirectory, BranchInfo
from services.hours import DayKind, OpenStateKind, WeeklyHours
from services.parsing import tagged_id
from services.users import UserProfile

FAR_KM = 50.0


def hours_lines(l10n: Localizer, branch: BranchInfo) -> list[str]:
    week = WeeklyHours.parse(branch.hours)
    if week.always_open:
        return [l10n("hours-always")]
    lines = []
    for day in range(1, 8):
        hours = week.day(day)
        match hours.kind:
            case DayKind.RANGES:
                text = (hours.text() or "").replace("-", "–")
            case DayKind.ALWAYS:
                text = l10n("hours-day-always")
            case DayKind.CLOSED:
                text = l10n("hours-day-closed")
            case _:
                text = q(hours.raw or "—")
        lines.append(f"{l10n(f'weekday-{day}')}: {text}")
    return lines


def open_state_text(l10n: Localizer, branch: BranchInfo, now: datetime | None = None) -> str:
    state = WeeklyHours.parse(branch.hours).open_state(now or datetime.now(UTC))
    match state.kind:
        case OpenStateKind.ALWAYS_OPEN:
            return l10n("open-always")
        case OpenStateKind.OPEN if state.closes_at is not None:
            return l10n("open-now-until", time=state.closes_at.strftime("%H:%M"))
        case OpenStateKind.OPEN:
            return l10n("open-now")
        case OpenStateKind.OPENS_TODAY if state.opens_at is not None:
            return l10n("opens-today", time=state.opens_at.strftime("%H:%M"))
        case OpenStateKind.OPENS_LATER if state.opens_at is not None and state.weekday is not None:
            if state.days_ahead == 1:
                return l10n("opens-tomorrow", time=state.opens_at.strftime("%H:%M"))
            return l10n(
                "opens-on", day=l10n(f"weekday-{state.weekday}"), time=state.opens_at.strftime("%H:%M")
            )
        case OpenStateKind.CLOSED_ALL_WEEK:
            return l10n("closed-all-week")
        case _:
            return l10n("hours-unknown")


def branch_card(
    l10n: Localizer, branch: BranchInfo, km: float | None = None, now: datetime | None = None
) -> str:
    lines = [f"🏢 <b>{q(branch.name)}</b>"]
    if branch.city_name or branch.region_name:
        lines.append(q(", ".join(l10n.place(p) for p in (branch.city_name, branch.region_name) if p)))
    if branch.address:
        lines.append(l10n("branch-address", address=q(branch.address)))
    if branch.phone:
        lines.append(l10n("branch-phone", phone=q(l10n.phone(branch.phone))))
    if km is not None:
        lines.append(l10n("branch-distance", km=l10n.number(km, 1)))
    lines.append("")
    lines.append(open_state_text(l10n, branch, now))
    lines.append(l10n("branch-hours"))
    lines.extend(hours_lines(l10n, branch))
    return clip("\n".join(lines))


def _card_keyboard(l10n: Localizer, region_id: int | None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if region_id is not None:
        builder.button(
            text=l10n("btn-back-to-region"), callback_data=PickCb(step=STEP, value=f"r{region_id}")
        )
    builder.button(text=l10n("btn-regions"), callback_data=PickCb(step=STEP, value="R"))
    adjust_to_fit(builder)
    return builder.as_markup()


async def branch_pick(
    query: CallbackQuery, callback_data: PickCb, l10n: Localizer, branches: BranchDirectory
) -> None:
    if not isinstance(query.message, Message):
        return
    value = callback_data.value
    if value == "R":
        await query.message.answer(
            l10n("place-pick-region"), reply_markup=regions_keyboard(l10n, branches, STEP, back=False)
        )
        return
    if (region_id := tagged_id(value, "r")) is not None:
        region = branches.region(region_id)
        items = branches.branches_in_region(region_id) if region else []
        if not items:
            await query.message.answer(l10n("place-region-empty"))
            return
        await query.message.answer(
            l10n("branches-in-region", region=q(region.label(l10n.lang) if region else ""), count=len(items)),
            reply_markup=branches_keyboard(l10n, STEP, items, page_key=f"r{region_id}"),
        )
        return
    if (branch_id := tagged_id(value, "b")) is not None:
        branch = branches.branch(branch_id)
        if branch is None:
            await query.message.answer(l10n("stale-button"))
            return
        await send_branch(query.message, l10n, branch)


async def send_branch(message: Message, l10n: Localizer, branch: BranchInfo, km: float | None = None) -> None:
    await message.answer(branch_card(l10n, branch, km), reply_markup=_card_keyboard(l10n, branch.region_id))
    if branch.lat is not None and branch.lon is not None:
        await message.answer_venue(
            latitude=branch.lat,
            longitude=branch.lon,
            title=branch.name[:64],
            address=(branch.address or branch.city_name or branch.name)[:128],
        )


async def branch_page(
    query: CallbackQuery, callback_data: PageCb, l10n: Localizer, branches: BranchDirectory
) -> None:
    region_id = tagged_id(callback_data.key, "r")
    if not isinstance(query.message, Message) or region_id is None:
        return
    items = branches.branches_in_region(region_id)
    await query.message.edit_reply_markup(
        reply_markup=branches_keyboard(l10n, STEP, items, page=callback_data.page, page_key=callback_data.key)
    )


async def branch_nav(
    query: CallbackQuery, callback_data: NavCb, state: FSMContext, l10n: Localizer, profile: UserProfile
) -> None:
    if isinstance(query.message, Message) and callback_data.action in (Nav.CANCEL, Nav.BACK):
        await state.set_state(None)
        await query.message.answer(l10n("menu-title"), reply_markup=main_menu(l10n, seller=profile.is_seller))


async def branch_search(message: Message, l10n: Localizer, branches: BranchDirectory, **data: object) -> None:
    from bot.screens.tracking import looks_like_barcodes, open_tracking

    text = message.text or ""
    if looks_like_barcodes(text):  # a barcode is never a branch name: answer it as a parcel
        await open_tracking(message, text, l10n, data)
        return
    found = branches.search_branches(text)
    if not found:
        await message.answer(
            l10n("place-not-found", query=q(text)),
            reply_markup=regions_keyboard(l10n, branches, STEP, back=False),
        )
        return
    if len(found) == 1:
        await send_branch(message, l10n, found[0])
        return
    await message.answer(l10n("place-matches"), reply_markup=branches_keyboard(l10n, STEP, found))


async def nearest_branches(
    message: Message, l10n: Localizer, branches: BranchDirectory, profile: UserProfile
) -> None:
    """A location outside any flow: the three nearest offices, with distances."""
    assert message.location is not None
    await branches.ensure_fresh(profile.id)
    menu = main_menu(l10n, seller=profile.is_seller)
    found = branches.nearest(message.location.latitude, message.location.longitude, limit=3)
    if not found:
        await message.answer(l10n("branches-empty"), reply_markup=menu)
        return
    lines = [
        l10n("branches-far", km=l10n.number(found[0][1], 0))
        if found[0][1] > FAR_KM
        else l10n("place-nearest")
    ]
    for branch, km in found:
        lines.append(
            f"• <b>{q(branch.name)}</b> — {l10n.km(km)}\n  "
            f"{q(branch.address or branch.city_name or '')}\n  {open_state_text(l10n, branch)}"
        )
    await message.answer(
        "\n".join(lines),
        reply_markup=branches_keyboard(l10n, STEP, [b for b, _ in found], distances=[km for _, km in found]),
    )
    # The location button has done its job: the main menu comes back (the message above has
    # inline buttons, so the menu needs a message of its own).
    await message.answer(l10n("menu-title"), reply_markup=menu)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(branch_pick, PickCb.filter(F.step == STEP))
    router.callback_query.register(branch_page, PageCb.filter(F.step == STEP))
    router.callback_query.register(branch_nav, NavCb.filter(F.step == STEP))
    router.message.register(branch_search, Branches.search, F.text)
    router.message.register(nearest_branches, F.location, StateFilter(None, Branches.search))
    return router
