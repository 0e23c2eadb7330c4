"""Bulk orders from a spreadsheet: the template, the file, the list of problems, one confirm, a
progress message edited live, then the label sheet. Creating runs in the background; the progress
message and the resume after a restart live in :mod:`bot.imports` (no router)."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Document, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.busy_states import Bulk
from bot.callbacks import BusyCb
from bot.files import download
from bot.i18n import LANGUAGES, Localizer, Translator
from bot.imports import done_keyboard, progress_reporter, progress_text
from bot.keyboards.common import adjust_to_fit
from bot.render import clip, q
from bot.reply import Reply
from bot.screens.labels import send_label_sheet
from services import bulk as bulk_rules
from services.bulk import BulkService, ImportSummary, MissingColumns
from services.errors import NotLoggedIn
from services.labels import LabelService
from services.users import UserProfile
from storage.repositories.bulk import BulkRowState

logger = logging.getLogger(__name__)

MAX_LISTED = 25  # problem lines shown in the chat; the rest are counted
SPREADSHEET_TYPES = (".xlsx", ".xlsm", ".csv")


def aliases(translator: Translator) -> dict[str, list[str]]:
    """Every spelling of every column title the bot knows, in all its languages."""
    out: dict[str, list[str]] = {}
    for key in bulk_rules.COLUMNS:
        names: list[str] = []
        for lang in LANGUAGES:
            l10n = translator.get(lang)
            names.append(l10n(f"bulk-col-{key}"))
            names.extend(a.strip() for a in l10n(f"bulk-col-{key}-alt").split(",") if a.strip())
        out[key] = names
    return out


def _labels(l10n: Localizer) -> dict[str, str]:
    return {key: l10n(f"bulk-col-{key}") for key in bulk_rules.COLUMNS}


def _example(l10n: Localizer) -> list[str]:
    return [l10n(f"bulk-example-{key}") for key in bulk_rules.COLUMNS]


def _require_seller(profile: UserProfile | None) -> None:
    if profile is None or not profile.is_seller:
        raise NotLoggedIn


def intro_keyboard(l10n: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("bulk-btn-template-xlsx"), callback_data=BusyCb(action="tpl", a="xlsx"))
    builder.button(text=l10n("bulk-btn-template-csv"), callback_data=BusyCb(action="tpl", a="csv"))
    adjust_to_fit(builder)
    return builder.as_markup()


async def show_bulk_intro(message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    _require_seller(profile)
    await state.set_state(Bulk.file)
    await message.answer(l10n("bulk-intro", limit=bulk_rules.MAX_ROWS), reply_markup=intro_keyboard(l10n))


async def bulk_command(message: Message, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    await show_bulk_intro(message, state, l10n, profile)


async def bulk_button(query: CallbackQuery, state: FSMContext, l10n: Localizer, profile: UserProfile) -> None:
    if isinstance(query.message, Message):
        await show_bulk_intro(query.message, state, l10n, profile)


async def send_template(query: CallbackQuery, callback_data: BusyCb, l10n: Localizer) -> None:
    if not isinstance(query.message, Message):
        return
    if callback_data.a == "csv":
        data = bulk_rules.template_csv(_labels(l10n), _example(l10n))
        name = "bts-orders.csv"
    else:
        notes = {key: l10n(f"bulk-note-{key}") for key in bulk_rules.COLUMNS}
        data = bulk_rules.template_xlsx(_labels(l10n), _example(l10n), notes)
        name = "bts-orders.xlsx"
    await query.message.answer_document(
        BufferedInputFile(data, filename=name), caption=l10n("bulk-template-caption")
    )


def _is_spreadsheet(document: Document | None) -> bool:
    return document is not None and (document.file_name or "").lower().endswith(SPREADSHEET_TYPES)


def summary_text(l10n: Localizer, summary: ImportSummary, filename: str) -> str:
    lines = [
        l10n("bulk-summary-title", file=q(filename), rows=summary.total_rows),
        l10n("bulk-summary-valid", count=summary.valid_rows, sum=l10n.money(summary.total_price or 0)),
    ]
    if summary.invalid:
        lines.append("")
        lines.append(l10n("bulk-summary-invalid", count=len(summary.invalid)))
        for row in summary.invalid[:MAX_LISTED]:
            problems = "; ".join(
                l10n(
                    f"bulk-problem-{p.code}",
                    column=l10n(f"bulk-col-{p.column}"),
                    value=q(p.value),
                )
                for p in row.problems
            )
            lines.append(l10n("bulk-row-problem", row=row.row_number, problems=problems))
        if len(summary.invalid) > MAX_LISTED:
            lines.append(l10n("bulk-more-problems", count=len(summary.invalid) - MAX_LISTED))
    return clip("\n".join(lines))


def confirm_keyboard(l10n: Localizer, summary: ImportSummary) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    if summary.valid_rows:
        builder.button(
            text=l10n("bulk-btn-create", count=summary.valid_rows),
            callback_data=BusyCb(action="go", n=summary.import_id),
        )
    builder.button(text=l10n("btn-cancel"), callback_data=BusyCb(action="drop", n=summary.import_id))
    builder.adjust(1)
    return builder.as_markup()


async def receive_spreadsheet(
    message: Message,
    bot: Bot,
    state: FSMContext,
    l10n: Localizer,
    profile: UserProfile,
    bulk: BulkService,
    translator: Translator,
) -> None:
    _require_seller(profile)
    document = message.document
    assert document is not None
    if (document.file_size or 0) > bulk_rules.MAX_FILE_BYTES:
        await message.answer(l10n("bulk-too-big"))
        return
    await state.set_state(None)
    filename = document.file_name or "orders.xlsx"
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        data = await download(bot, document.file_id)
        try:
            summary = await bulk.prepare(
                profile.id, filename, data, aliases(translator), chat_id=message.chat.id
            )
        except MissingColumns as exc:
            names = ", ".join(l10n(f"bulk-col-{c}") for c in exc.columns)
            await message.answer(
                l10n("bulk-missing-columns", columns=q(names)), reply_markup=intro_keyboard(l10n)
            )
            return
    await message.answer(summary_text(l10n, summary, filename), reply_markup=confirm_keyboard(l10n, summary))


async def not_a_spreadsheet(message: Message, l10n: Localizer) -> None:
    await message.answer(l10n("bulk-send-file"), reply_markup=intro_keyboard(l10n))


async def drop_import(
    query: CallbackQuery,
    callback_data: BusyCb,
    l10n: Localizer,
    bulk: BulkService,
    callback_answer: CallbackAnswer,
) -> None:
    if await bulk.cancel(query.from_user.id, callback_data.n):
        callback_answer.text = l10n("bulk-dropped")
        if isinstance(query.message, Message):
            with contextlib.suppress(TelegramBadRequest):
                await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(l10n("bulk-dropped"))
    else:
        callback_answer.text = l10n("bulk-already-started")


async def confirm_import(
    query: CallbackQuery,
    callback_data: BusyCb,
    bot: Bot,
    l10n: Localizer,
    bulk: BulkService,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    import_id = callback_data.n
    if not await bulk.start(query.from_user.id, import_id):
        callback_answer.text = l10n("bulk-already-started")
        return
    with contextlib.suppress(TelegramBadRequest):
        await query.message.edit_reply_markup(reply_markup=None)
    progress = await bulk.progress(import_id)
    sent = await query.message.answer(progress_text(l10n, progress))
    await bulk.set_progress_message(import_id, sent.chat.id, sent.message_id)
    bulk.launch(import_id, progress_reporter(bot, l10n, sent.chat.id, sent.message_id))


async def show_problem_rows(
    query: CallbackQuery, callback_data: BusyCb, l10n: Localizer, bulk: BulkService
) -> None:
    if not isinstance(query.message, Message):
        return
    rows = await bulk.rows(query.from_user.id, callback_data.n, [BulkRowState.FAILED, BulkRowState.UNSURE])
    if not rows:
        await query.message.answer(l10n("bulk-no-problems"))
        return
    lines = [l10n("bulk-problems-title")]
    for row in rows[:MAX_LISTED]:
        key = "bulk-row-failed" if row.state is BulkRowState.FAILED else "bulk-row-unsure"
        lines.append(l10n(key, row=row.row_number, reason=q(row.message or "—")))
    builder = InlineKeyboardBuilder()
    builder.button(text=l10n("bulk-btn-retry"), callback_data=BusyCb(action="retry", n=callback_data.n))
    await query.message.answer(clip("\n".join(lines)), reply_markup=builder.as_markup())


async def retry_rows(
    query: CallbackQuery, callback_data: BusyCb, bot: Bot, l10n: Localizer, bulk: BulkService
) -> None:
    if not isinstance(query.message, Message):
        return
    count = await bulk.retry_unsure(query.from_user.id, callback_data.n)
    progress = await bulk.progress(callback_data.n)
    if not count:  # nothing to send again: unsure lines were only looked up (never re-sent)
        if not progress.failed and not progress.unsure:
            await query.message.answer(l10n("bulk-no-problems"))
        else:
            await query.message.answer(
                progress_text(l10n, progress), reply_markup=done_keyboard(l10n, progress)
            )
        return
    sent = await query.message.answer(progress_text(l10n, progress))
    await bulk.set_progress_message(callback_data.n, sent.chat.id, sent.message_id)
    bulk.launch(callback_data.n, progress_reporter(bot, l10n, sent.chat.id, sent.message_id))


async def import_labels(
    query: CallbackQuery, callback_data: BusyCb, reply: Reply, bulk: BulkService, labels: LabelService
) -> None:
    ids = await bulk.created_order_ids(reply.user_id, callback_data.n)
    await send_label_sheet(reply, labels, reply.user_id, ids, f"import-{callback_data.n}")


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(bulk_command, Command("bulk"))
    router.callback_query.register(bulk_button, BusyCb.filter(F.action == "bulk"))
    router.callback_query.register(send_template, BusyCb.filter(F.action == "tpl"))
    router.message.register(
        receive_spreadsheet, F.document.func(_is_spreadsheet), StateFilter(None, Bulk.file)
    )
    router.message.register(not_a_spreadsheet, Bulk.file)
    router.callback_query.register(drop_import, BusyCb.filter(F.action == "drop"))
    router.callback_query.register(confirm_import, BusyCb.filter(F.action == "go"))
    router.callback_query.register(show_problem_rows, BusyCb.filter(F.action == "bad"))
    router.callback_query.register(retry_rows, BusyCb.filter(F.action == "retry"))
    router.callback_query.register(import_labels, BusyCb.filter(F.action == "lbl"))
    return router
