"""Labels of a selection of My orders (issue 15): a filtered or searched list offers "Labels (one
PDF)", which sends the labels of exactly the orders it lists, in its order, in every language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from bot.callbacks import OrderFilter, OrderLabelsCb
from bot.i18n import Translator
from bot.screens.orders import query_tag
from services.drafts import Party
from services.orders import OrderFilterKind
from services.scan import decode_image
from tests.bot.conftest import BotHarness
from tests.bot.mocked import Chatter, Sent, joined
from tests.busy.conftest import first_order_draft
from tests.busy.test_dispatch import LANGS, document_bytes, documents, seller

DELIVERED = 6


def sheet_barcodes(pdf: bytes) -> list[list[str]]:
    """The barcodes read back from each page's labels, page by page, in the order they were placed."""
    return [
        [code for image in page.images for code in decode_image(image.data)]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def labels_shown(sent: list[Sent], text: str) -> bool:
    return any(text == t for s in sent for t, _ in s.buttons())


async def order_for(harness: BotHarness, user: Chatter, name: str, phone: str) -> str:
    receiver = Party(name=name, phone=phone, address="Yunusobod 5", city_id=195, city_name="Uchtepa")
    draft = first_order_draft().model_copy(update={"receiver": receiver})
    created = await harness.services.orders.create(user.user.id, draft)
    assert created.order.barcode is not None
    return created.order.barcode


async def listed_barcodes(
    harness: BotHarness, user: Chatter, kind: OrderFilterKind, query: str | None
) -> list[str]:
    page = await harness.services.orders.list_orders(user.user.id, kind, query=query, page_size=50)
    return [o.barcode or "" for o in page.items]


@pytest.mark.parametrize("lang", LANGS)
async def test_labels_of_a_filtered_or_searched_list_come_as_one_pdf_in_its_order(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    button = l10n("orders-btn-labels")
    ali = await seller(harness, lang)  # one order made by hand (receiver Ali)
    names = [
        "Karimov Sardor",
        "Olimova Dilnoza",
        "Karimov Jasur",
        "Tursunov Bek",
        "Karimov Anvar",
        "Ergasheva Lola",
    ]
    barcodes = [
        await order_for(harness, ali, name, f"+99893{1000000 + i:07d}") for i, name in enumerate(names)
    ]
    for barcode in (barcodes[1], barcodes[3]):  # two are delivered: the active filter leaves them out
        order_id = next(o.order_id for o in harness.fake.orders.values() if o.barcode == barcode)
        harness.fake.set_status(order_id, DELIVERED)
    page = await harness.services.orders.list_orders(ali.user.id, page_size=50)
    for view in page.items:  # what the poller (or a Refresh tap) does
        await harness.services.orders.refresh(ali.user.id, view.id)

    sent = await ali.send(l10n("menu-my-orders"))
    assert l10n("orders-title", total=7) in joined(sent)
    assert not labels_shown(sent, button)  # the whole list is no selection

    sent = await ali.click(l10n("filter-active"))
    assert l10n("orders-title", total=5) in joined(sent) and labels_shown(sent, button)
    sent = await ali.click(button)
    active = await listed_barcodes(harness, ali, OrderFilterKind.ACTIVE, None)
    assert len(active) == 5 and not {barcodes[1], barcodes[3]} & set(active)
    pdf = document_bytes(documents(sent)[0])
    assert sheet_barcodes(pdf) == [active[:4], active[4:]]  # four small labels to an A4 page, in order
    assert l10n("labels-caption", count=5, pages=2) in joined(sent)

    sent = await ali.click(l10n("btn-search"))
    sent = await ali.send("Karimov")
    assert l10n("orders-search-title", query="Karimov", total=3) in joined(sent)
    sent = await ali.click(button)
    found = await listed_barcodes(harness, ali, OrderFilterKind.ALL, "Karimov")
    assert found == [barcodes[4], barcodes[2], barcodes[0]]  # newest first, as listed
    assert sheet_barcodes(document_bytes(documents(sent)[0])) == [found]
    assert l10n("labels-caption", count=3, pages=1) in joined(sent)

    # Another search since: the first search's button is stale, it prints nothing.
    await ali.click(l10n("btn-search"))
    sent = await ali.send("Olimova")
    assert l10n("orders-search-title", query="Olimova", total=1) in joined(sent)
    sent = await ali.press(OrderLabelsCb(kind=OrderFilter.ALL, query=query_tag("Karimov")))
    assert not documents(sent) and l10n("stale-step") in [s.text for s in sent]
