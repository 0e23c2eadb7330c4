"""The busy seller's tools through the real dispatcher, in every language: a spreadsheet import
(template, problems listed, one confirm, progress, label sheet), the COD ledger and exports,
barcodes from a photo, and inline answers."""

from __future__ import annotations

import io

import pytest
from aiogram.methods import AnswerInlineQuery, SendDocument
from pypdf import PdfReader

from bot.callbacks import BusyCb
from bot.handlers.busy_bulk import aliases
from bot.i18n import Translator
from services.bulk import map_header, read_table
from services.labels import LabelData, render_label
from tests.bot.conftest import BotHarness
from tests.bot.flows import login, onboard
from tests.bot.mocked import Chatter, Sent, joined
from tests.busy.conftest import first_order_draft, good_row, xlsx
from tests.fakes.bts.server import DEMO_USERNAME

LANGS = ["uz", "ru", "en"]


def data_of(sent: list[Sent], prefix: str) -> str:
    found = [d for s in sent for _, d in s.buttons() if d and d.startswith(prefix)]
    assert found, [b for s in sent for b in s.buttons()]
    return found[-1]


def documents(sent: list[Sent]) -> list[SendDocument]:
    return [s.raw for s in sent if isinstance(s.raw, SendDocument)]


def document_bytes(doc: SendDocument) -> bytes:
    file = doc.document
    return file.data if hasattr(file, "data") else b""  # BufferedInputFile


async def seller(harness: BotHarness, lang: str) -> Chatter:
    user = harness.user(language_code=lang)
    await login(user, lang)
    harness.fake.add_mxik_good(DEMO_USERNAME, "10304001001000000", "Futbolka", "dona", 100000)
    await harness.services.orders.create(user.user.id, first_order_draft())  # the sender profile
    return user


@pytest.mark.parametrize("lang", LANGS)
async def test_spreadsheet_import_lists_problems_creates_once_and_prints_labels(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = await seller(harness, lang)
    sent = await ali.send(l10n("menu-tools"))
    assert l10n("hub-bulk") in [t for s in sent for t, _ in s.buttons()]
    sent = await ali.press(BusyCb(action="bulk"))
    assert l10n("bulk-btn-template-xlsx") in [t for s in sent for t, _ in s.buttons()]

    sent = await ali.press(BusyCb(action="tpl", a="xlsx"))  # the template, in the seller's language
    template = document_bytes(documents(sent)[0])
    header = read_table(template, "t.xlsx")[0]
    assert header[0] == l10n("bulk-col-name")
    assert set(map_header(header, aliases(translator)).values()) >= {"name", "phone", "city", "weight"}

    rows = [good_row(i) for i in range(1, 7)]
    rows[1][1] = "12345"  # line 3
    rows[4][3] = "Atlantida"  # line 6
    sent = await ali.send_document(xlsx(rows), "orders.xlsx")
    text = joined(sent)
    assert (
        l10n(
            "bulk-row-problem",
            row=3,
            problems=l10n("bulk-problem-phone", column=l10n("bulk-col-phone"), value="12345"),
        )
        in text
    )
    assert l10n("bulk-problem-city", value="Atlantida") in text
    before = len(harness.fake.orders)
    sent = await ali.press(data_of(sent, "bz:go:"))
    latest = await harness.services.bulk.latest(ali.user.id)
    assert latest is not None
    import_id = latest.id
    assert l10n("bulk-progress", done=0, total=4) in joined(sent)
    again = await ali.press_stale(BusyCb(action="go", n=import_id))  # a second tap creates nothing more
    assert not [s for s in again if s.method == "SendMessage"]
    await harness.services.bulk.join(import_id)
    assert len(harness.fake.orders) == before + 4
    edits = [s for s in harness.bot.recorder.calls if s.method == "EditMessageText"]
    ali.saw(edits[-1:])  # the background job's last edit shows the done keyboard
    assert l10n("bulk-done", created=4, total=4) in (edits[-1].text or "")

    sent = await ali.press(BusyCb(action="lbt"))  # today's orders: the first one and the four imported
    assert l10n("labels-caption", count=5, pages=2) in joined(sent)
    sent = await ali.press(BusyCb(action="lba"))  # orders on their way: the same five
    assert len(PdfReader(io.BytesIO(document_bytes(documents(sent)[0]))).pages) == 2
    sent = await ali.press(BusyCb(action="lbl", n=import_id))
    pdf = document_bytes(documents(sent)[0])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1  # four small labels on one A4 page
    assert l10n("labels-caption", count=4, pages=1) in joined(sent)


@pytest.mark.parametrize("lang", LANGS)
async def test_cod_ledger_and_exports(harness: BotHarness, translator: Translator, lang: str) -> None:
    l10n = translator.get(lang)
    ali = await seller(harness, lang)
    sent = await ali.send("/cod")
    assert l10n("ledger-delivered", count=0, amount=l10n.money(0)) in joined(sent)
    sent = await ali.press(data_of(sent, "bz:xcx:"))
    assert documents(sent) and l10n("export-caption", kind=l10n("export-kind-cod"), count=0) in joined(sent)
    sent = await ali.send("01.11.2026-30.11.2026")
    assert l10n("ledger-title", start="01.11.2026", end="30.11.2026") in joined(sent)
    sent = await ali.send("yesterday-ish")
    assert l10n("ledger-bad-period") in joined(sent)
    sent = await ali.press(data_of(await ali.send("/cod"), "bz:xoc:"))
    table = document_bytes(documents(sent)[0]).decode("utf-8-sig").splitlines()
    assert table[0].split(",")[0] == l10n("export-col-barcode") and len(table) == 2  # the first order


def _png(barcode: str) -> bytes:
    out = io.BytesIO()
    render_label(LabelData(barcode=barcode)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("lang", LANGS)
async def test_a_photo_of_a_label_is_tracked_but_not_inside_a_flow(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = await seller(harness, lang)
    barcode = next(iter(harness.fake.orders.values())).barcode
    sent = await ali.send_picture(_png(barcode))
    assert l10n("track-title", barcode=barcode) in joined(sent)
    sent = await ali.send_picture(_png("60000000000")[:200])  # a broken picture
    assert l10n("scan-nothing") in joined(sent)
    await ali.send("/bulk")  # now the bot waits for a spreadsheet: a photo is not tracked
    sent = await ali.send_picture(_png(barcode))
    assert l10n("bulk-send-file") in joined(sent)


def inline_answer(sent: list[Sent]) -> AnswerInlineQuery:
    answers = [s.raw for s in sent if isinstance(s.raw, AnswerInlineQuery)]
    assert len(answers) == 1
    return answers[0]


@pytest.mark.parametrize("lang", LANGS)
async def test_inline_card_shows_private_details_only_to_the_seller(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = await seller(harness, lang)
    order = next(iter(harness.fake.orders.values()))
    mine = inline_answer(await ali.inline(f"track {order.barcode}"))
    text = mine.results[0].input_message_content.message_text  # type: ignore[union-attr]
    assert l10n("inline-card-title", barcode=order.barcode) in text and "Ali" in text
    assert f"start=track_{order.barcode}" in str(mine.results[0].reply_markup)
    stranger = harness.user(user_id=2002, language_code=lang)
    await onboard(stranger, lang, "c")
    theirs = inline_answer(await stranger.inline(order.barcode))
    text = theirs.results[0].input_message_content.message_text  # type: ignore[union-attr]
    assert order.barcode in text and "Ali" not in text
    empty = inline_answer(await stranger.inline("hello"))
    assert empty.results == [] and empty.button is not None


@pytest.mark.parametrize("lang", LANGS)
async def test_a_sheet_without_the_needed_columns_is_explained(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = await seller(harness, lang)
    await ali.send("/bulk")
    sent = await ali.press(BusyCb(action="tpl", a="csv"))
    template = document_bytes(documents(sent)[0])
    assert template.decode("utf-8-sig").splitlines()[0].split(",")[0] == l10n("bulk-col-name")
    sent = await ali.send_document(b"Who,What\nAli,Book\n", "orders.csv")
    names = ", ".join(l10n(f"bulk-col-{c}") for c in ("name", "phone", "city", "weight"))
    assert l10n("bulk-missing-columns", columns=names) in joined(sent)
    sent = await ali.send_document(b"\x00\x01 not a sheet", "orders.xlsx")
    assert l10n("bulk-unreadable") in joined(sent)


async def test_a_confirmed_import_goes_on_after_a_restart(
    harness: BotHarness, translator: Translator
) -> None:
    """Confirmed, then the bot stopped before creating anything: at the next start the import
    runs and the seller gets a progress message that ends with the result."""
    from bot.imports import resume_imports

    l10n = translator.get("ru")
    ali = await seller(harness, "ru")
    bulk = harness.services.bulk
    summary = await bulk.prepare(
        ali.user.id,
        "a.xlsx",
        xlsx([good_row(i) for i in range(1, 4)]),
        aliases(translator),
        chat_id=ali.chat.id,
    )
    assert await bulk.start(ali.user.id, summary.import_id)
    start = len(harness.bot.recorder.calls)
    assert await resume_imports(harness.bot, bulk, harness.services.users, translator) == 1
    await bulk.join(summary.import_id)
    sent = harness.bot.recorder.calls[start:]
    assert l10n("bulk-progress", done=0, total=3) in joined(sent)
    assert l10n("bulk-done", created=3, total=3) in joined(sent)
    assert await resume_imports(harness.bot, bulk, harness.services.users, translator) == 0
