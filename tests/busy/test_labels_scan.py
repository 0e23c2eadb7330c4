"""Label sheets (merged, several per A4 page, in order) and barcodes read back from real images."""

from __future__ import annotations

import base64
import io
import json
import math
from decimal import Decimal

from PIL import Image, ImageFilter
from pypdf import PdfReader, PdfWriter

from services.labels import LabelData, image_pdf, merge_labels, qr_image, render_label
from services.scan import decode_image
from tests.busy.conftest import ALIASES, Seller, good_row, xlsx


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _photo(image: Image.Image) -> bytes:
    """A phone photo of it: on a grey table, slightly turned, a little blurred, as JPEG."""
    page = image.convert("RGB").rotate(4, expand=True, fillcolor=(120, 120, 120))
    table = Image.new("RGB", (page.width + 200, page.height + 160), (120, 120, 120))
    table.paste(page, (100, 80))
    table = table.filter(ImageFilter.GaussianBlur(1.2)).resize((table.width * 3 // 4, table.height * 3 // 4))
    out = io.BytesIO()
    table.save(out, format="JPEG", quality=70)
    return out.getvalue()


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_code128_and_qr_are_read_from_a_rendered_label_and_from_a_photo_of_it() -> None:
    label = render_label(LabelData(barcode="60000229234", receiver_name="Vali", weight=Decimal("2")))
    assert decode_image(_png(label)) == ["60000229234"]  # Code 128 and its QR: one barcode
    assert decode_image(_photo(label)) == ["60000229234"]


def test_a_qr_with_a_tracking_link_gives_the_barcode_inside_it() -> None:
    term = base64.urlsafe_b64encode(json.dumps({"barcode": "019914293644"}).encode()).decode()
    image = qr_image(f"https://bts.uz/uz/waybill-tracking?term={term}")
    assert decode_image(_photo(image)) == ["019914293644"]


def test_a_picture_without_a_code_or_not_a_picture_reads_as_nothing() -> None:
    assert decode_image(_png(Image.new("L", (300, 200), 255))) == []
    assert decode_image(b"not an image at all") == []


def _blank_pdf(width: float, height: float) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width, height)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_small_labels_go_four_to_a_page_and_big_ones_alone_in_order() -> None:
    small = image_pdf(render_label(LabelData(barcode="60000229234")))
    assert _pages(merge_labels([small] * 9)) == 3
    a4 = _blank_pdf(595, 842)
    a5 = _blank_pdf(400, 400)
    # small, small | A4 | half-page, half-page | small: a new size starts a new page, order kept
    merged = PdfReader(io.BytesIO(merge_labels([small, small, a4, a5, a5, small])))
    assert len(merged.pages) == 4
    assert all(round(float(p.mediabox.width)) == 595 for p in merged.pages)


async def test_label_sheet_of_an_import_draws_labels_bts_gave_no_pdf_for(seller: Seller) -> None:
    bulk = seller.services.bulk
    summary = await bulk.prepare(seller.user_id, "a.xlsx", xlsx([good_row(i) for i in range(1, 7)]), ALIASES)
    await bulk.start(seller.user_id, summary.import_id)
    await bulk.run(summary.import_id)
    ids = await bulk.created_order_ids(seller.user_id, summary.import_id)
    assert len(ids) == 6
    pdf = await seller.services.labels.sheet(seller.user_id, ids)
    assert _pages(pdf) == math.ceil(6 / 4)
