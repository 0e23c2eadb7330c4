"""The seller's tools hub, the cash-on-delivery ledger with its period summary, the exports
(orders, COD, payments as CSV or XLSX for any period) and today's label sheet."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.busy_states import Ledger
from bot.callbacks import BusyCb
from bot.filters import MenuButton
from bot.i18n import Localizer
from bot.keyboards.common import fit_columns, fit_rows
from bot.render import q
from bot.reply import Reply
from bot.screens.labels import send_label_sheet
from services import statuses
from services.errors import NotLoggedIn
from services.labels import LabelService
from services.ledger import TASHKENT, ExportFormat, ExportKind, LedgerService, Period, export_columns
from services.orders import OrderFilterKind
from services.users import UserProfile

PRESETS = ("today", "7", "30", "month")
_DATE = r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})"
_PERIOD = re.compile(rf"^\s*{_DATE}\s*(?:[-–—]|\.\.|to)?\s*(?:{_DATE})?\s*$")
MAX_DAYS = 366


def _today() -> date:
    return datetime.now(TASHKENT).date()


def _require_seller(profile: UserProfile | None) -> UserProfile:
    if profile is None or not profile.is_seller:
        raise NotLoggedIn
    return profile


def preset_period(code: str, today: date) -> Period:
    if code == "today":
        return Period(today, today)
    if code == "month":
        return Period.month(today)
    return Period.last_days(int(code), today)


def parse_period(text: str) -> Period | None:
    """``01.11.2026-30.11.2026`` or one day ``05.11.2026``; ``None`` when it is not a period."""
    found = _PERIOD.match(text)
    if found is None:
        return None
    try:
        start = date(int(found[3]), int(found[2]), int(found[1]))
        end = date(int(found[6]), int(found[5]), int(found[4])) if found[4] else start
    except ValueError:
        return None
    if end < start or (end - start).days > MAX_DAYS:
        return None
    return Period(start, end)


def _ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def _from_ymd(text: str) -> date:
    return datetime.strptime(text, "%Y%m%d").date()


def hub_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("hub-bulk"), callback_data=BusyCb(action="bulk"))
    builder.button(text=l10n("hub-labels-today"), callback_data=BusyCb(action="lbt"))
    builder.button(text=l10n("hub-labels-active"), callback_data=BusyCb(action="lba"))
    builder.button(text=l10n("hub-ledger"), callback_data=BusyCb(action="led", a="7"))
    builder.button(text=l10n("hub-international"), callback_data=BusyCb(action="intl"))
    builder.button(text=l10n("hub-manifests"), callback_data=BusyCb(action="mfs"))
    builder.button(text=l10n("hub-scan"), callback_data=BusyCb(action="scan"))
    builder.adjust(1)
    return builder.as_markup()


async def show_hub(message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    _require_seller(profile)
    await state.set_state(None)
    await message.answer(l10n("hub-title"), reply_markup=hub_keyboard(l10n))


async def explain_scan(query: CallbackQuery, l10n: Localizer) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(l10n("scan-how"))


async def labels_today(
    query: CallbackQuery, reply: Reply, profile: UserProfile, ledger: LedgerService, labels: LabelService
) -> None:
    seller = _require_seller(profile)
    today = _today()
    lines = await ledger.order_lines(seller.id, Period(today, today))
    await send_label_sheet(reply, labels, seller.id, [o.order_id for o in lines], _ymd(today))


async def labels_active(
    query: CallbackQuery, reply: Reply, profile: UserProfile, labels: LabelService
) -> None:
    """Labels of the orders still on their way (the "active" filter of My orders)."""
    seller = _require_seller(profile)
    ids = await labels.selection(seller.id, OrderFilterKind.ACTIVE)
    await send_label_sheet(reply, labels, seller.id, ids, "active")


def ledger_keyboard(l10n: Localizer, period: Period) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in PRESETS:
        builder.button(text=l10n(f"ledger-period-{code}"), callback_data=BusyCb(action="led", a=code))
    start, end = _ymd(period.start), _ymd(period.end)
    for kind in ExportKind:
        for fmt in ExportFormat:
            builder.button(
                text=l10n("export-btn", kind=l10n(f"export-kind-{kind.value}"), format=fmt.value.upper()),
                callback_data=BusyCb(action=f"x{kind.value[0]}{fmt.value[0]}", a=start, b=end),
            )
    # The periods evenly, as many to a row as fit; then the exports, two to a row when they fit.
    labels = [button.text for button in builder.buttons]
    periods, exports = labels[: len(PRESETS)], labels[len(PRESETS) :]
    columns = fit_columns(periods, most=len(PRESETS))
    sizes = [min(columns, len(periods) - i) for i in range(0, len(periods), columns)]
    builder.adjust(*sizes, *fit_rows(exports))
    return builder.as_markup()


async def show_ledger(
    message: Message, l10n: Localizer, ledger: LedgerService, user_id: int, period: Period
) -> None:
    summary = await ledger.summary(user_id, period)
    lines = [
        l10n("ledger-title", start=period.start.strftime("%d.%m.%Y"), end=period.end.strftime("%d.%m.%Y")),
        l10n("ledger-delivered", count=summary.delivered, amount=l10n.money(summary.collected)),
        l10n("ledger-awaiting", count=summary.awaiting, amount=l10n.money(summary.awaiting_amount)),
        l10n("ledger-returned", count=summary.returned),
        l10n("ledger-online", count=summary.paid_online, amount=l10n.money(summary.paid_online_amount)),
        "",
        l10n("ledger-hint"),
    ]
    await message.answer("\n".join(lines), reply_markup=ledger_keyboard(l10n, period))


async def ledger_command(
    message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile, ledger: LedgerService
) -> None:
    seller = _require_seller(profile)
    await state.set_state(Ledger.period)
    await show_ledger(message, l10n, ledger, seller.id, preset_period("7", _today()))


async def ledger_period(
    query: CallbackQuery,
    callback_data: BusyCb,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    ledger: LedgerService,
) -> None:
    if not isinstance(query.message, Message):
        return
    seller = _require_seller(profile)
    code = callback_data.a if callback_data.a in PRESETS else "7"
    await state.set_state(Ledger.period)
    await show_ledger(query.message, l10n, ledger, seller.id, preset_period(code, _today()))


async def typed_period(
    message: Message, l10n: Localizer, profile: UserProfile, ledger: LedgerService
) -> None:
    seller = _require_seller(profile)
    period = parse_period(message.text or "")
    if period is None:
        await message.answer(l10n("ledger-bad-period"))
        return
    await show_ledger(message, l10n, ledger, seller.id, period)


def _status_names(l10n: Localizer) -> dict[str, str]:
    names = {info.key: l10n(info.key) for info in statuses.all_statuses()}
    for state in ("delivered", "awaiting", "returned"):
        names[f"ledger-{state}"] = l10n(f"ledger-state-{state}")
    return names


async def export_file(
    query: CallbackQuery, callback_data: BusyCb, reply: Reply, profile: UserProfile, ledger: LedgerService
) -> None:
    seller = _require_seller(profile)
    l10n = reply.l10n
    kind = {"o": ExportKind.ORDERS, "c": ExportKind.COD, "p": ExportKind.PAYMENTS}[callback_data.action[1]]
    fmt = ExportFormat.CSV if callback_data.action[2] == "c" else ExportFormat.XLSX
    try:
        period = Period(_from_ymd(callback_data.a), _from_ymd(callback_data.b))
    except ValueError:
        period = preset_period("7", _today())
    titles = {c: l10n(f"export-col-{c}") for c in export_columns(kind)}
    async with reply.uploading():
        data, count = await ledger.export(seller.id, kind, fmt, period, titles, _status_names(l10n))
    name = f"{kind.value}-{period.slug}.{fmt.value}"
    await reply.document(
        BufferedInputFile(data, filename=name),
        caption=l10n("export-caption", kind=q(l10n(f"export-kind-{kind.value}")), count=count),
    )


def default_period() -> Period:
    today = _today()
    return Period(today - timedelta(days=6), today)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_hub, Command("tools"))
    router.message.register(show_hub, MenuButton("menu-tools"))
    router.callback_query.register(explain_scan, BusyCb.filter(F.action == "scan"))
    router.callback_query.register(labels_today, BusyCb.filter(F.action == "lbt"))
    router.callback_query.register(labels_active, BusyCb.filter(F.action == "lba"))
    router.message.register(ledger_command, Command("cod"))
    router.callback_query.register(ledger_period, BusyCb.filter(F.action == "led"))
    router.message.register(typed_period, Ledger.period, F.text)
    router.callback_query.register(export_file, BusyCb.filter(F.action.regexp(r"^x[ocp][cx]$")))
    return router
