"""One label sheet: the labels of a selection of orders merged into one PDF, in order, several to
an A4 page when they are small.

Each order's label is the one BTS gives (``labelEncode``, a PDF). When BTS gives none, or gives
something that is not a readable PDF, we draw one (:func:`render_label`): the barcode as Code 128,
a QR code of the barcode (or of the public tracking link when BTS gave one), the receiver's city
and name, weight and cash on delivery. Labels no larger than a quarter of A4 go four to a page
(2 × 2), up to half of A4 two to a page, bigger ones one to a page, scaled down only if needed.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from services.common.errors import UpstreamError
from services.orders import OrderFilterKind, OrderService, OrderView

logger = logging.getLogger(__name__)

A4 = (595.276, 841.89)  # points
LABEL_SIZE_MM = (96, 136)  # what we draw: fits a quarter of A4 with margins
DPI = 203  # thermal printers' usual resolution; also fine on A4
MARGIN = 10.0  # points around each slot
MAX_LABELS = 200  # one sheet: 50 A4 pages
_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)


@dataclass(frozen=True, slots=True)
class LabelData:
    barcode: str
    receiver_name: str | None = None
    receiver_city: str | None = None
    weight: Decimal | None = None
    cod_amount: Decimal | None = None
    tracking_url: str | None = None


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _mm(value: float) -> int:
    return round(value / 25.4 * DPI)


def code128_image(text: str, *, module_width_mm: float = 0.375, height_mm: float = 22) -> Image.Image:
    """Code 128 of ``text`` (python-barcode), without its printed text."""
    from barcode import Code128
    from barcode.writer import ImageWriter

    writer = ImageWriter()
    image = Code128(text, writer=writer).render(
        {
            "module_width": module_width_mm,
            "module_height": height_mm,
            "quiet_zone": 4,
            "write_text": False,
            "dpi": DPI,
        }
    )
    assert isinstance(image, Image.Image)
    return image.convert("L")


def qr_image(text: str, *, box: int = 6) -> Image.Image:
    import qrcode

    qr = qrcode.QRCode(border=2, box_size=box, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    image: Image.Image = qr.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("L")


def render_label(data: LabelData) -> Image.Image:
    """Our label, 96 × 136 mm at 203 dpi: Code 128 and QR of the barcode, receiver, weight, COD."""
    width, height = _mm(LABEL_SIZE_MM[0]), _mm(LABEL_SIZE_MM[1])
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((2, 2, width - 3, height - 3), outline=0, width=3)
    draw.text((_mm(5), _mm(4)), "BTS Express", fill=0, font=_font(_mm(6)))
    bars = code128_image(data.barcode)
    if bars.width > width - _mm(8):
        bars = bars.resize((width - _mm(8), bars.height), Image.Resampling.NEAREST)
    top = _mm(14)
    page.paste(bars, ((width - bars.width) // 2, top))
    top += bars.height + _mm(2)
    number_font = _font(_mm(5))
    text_width = draw.textlength(data.barcode, font=number_font)
    draw.text(((width - text_width) / 2, top), data.barcode, fill=0, font=number_font)
    top += _mm(9)
    qr = qr_image(data.tracking_url or data.barcode)
    side = _mm(38)
    qr = qr.resize((side, side), Image.Resampling.NEAREST)
    page.paste(qr, (width - side - _mm(5), top))
    font = _font(_mm(4))
    lines = [
        data.receiver_city or "",
        (data.receiver_name or "")[:28],
        f"{data.weight} kg" if data.weight is not None else "",
        f"COD {data.cod_amount:,.0f}".replace(",", " ") if data.cod_amount else "",
    ]
    y = top
    for line in lines:
        if line:
            draw.text((_mm(5), y), line, fill=0, font=font)
            y += _mm(7)
    return page


def image_pdf(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("1").save(out, format="PDF", resolution=DPI)
    return out.getvalue()


def _readable_pdf(data: bytes | None) -> bytes | None:
    """``data`` when it is a PDF with at least one page pypdf can place, else ``None``."""
    if not data or not data.lstrip().startswith(b"%PDF"):
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        page = reader.pages[0]
        if float(page.mediabox.width) <= 0 or float(page.mediabox.height) <= 0:
            return None
    except (PyPdfError, IndexError, KeyError, ValueError, TypeError, AttributeError):
        return None
    return data


def _slots(width: float, height: float) -> tuple[int, int]:
    """Columns and rows of an A4 page for labels of this size (portrait)."""
    a4w, a4h = A4
    quarter = (a4w / 2 - 2 * MARGIN, a4h / 2 - 2 * MARGIN)
    half = (a4w - 2 * MARGIN, a4h / 2 - 2 * MARGIN)
    if width <= quarter[0] * 1.02 and height <= quarter[1] * 1.02:
        return 2, 2
    if width <= half[0] * 1.02 and height <= half[1] * 1.02:
        return 1, 2
    return 1, 1


def merge_labels(pdfs: Sequence[bytes]) -> bytes:
    """One A4 PDF of the given labels' first pages, in order, packed by size (see the module doc)."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    writer = PdfWriter()
    a4w, a4h = A4
    sheet: PageObject | None = None
    layout: tuple[int, int] | None = None
    used = 0
    for data in pdfs:
        for page in PdfReader(io.BytesIO(data)).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            cols, rows = _slots(width, height)
            if sheet is None or layout != (cols, rows) or used >= cols * rows:
                sheet = writer.add_blank_page(a4w, a4h)
                layout, used = (cols, rows), 0
            slot_w, slot_h = a4w / cols, a4h / rows
            scale = min(1.0, (slot_w - 2 * MARGIN) / width, (slot_h - 2 * MARGIN) / height)
            col, row = used % cols, used // cols
            x = col * slot_w + (slot_w - width * scale) / 2 - float(page.mediabox.left) * scale
            y = a4h - (row + 1) * slot_h + (slot_h - height * scale) / 2 - float(page.mediabox.bottom) * scale
            sheet.merge_transformed_page(page, Transformation().scale(scale).translate(x, y))
            used += 1
    if sheet is None:
        raise ValueError("no labels")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def label_data(view: OrderView) -> LabelData:
    return LabelData(
        barcode=view.barcode or view.reference or str(view.id),
        receiver_name=view.receiver_name,
        receiver_city=view.receiver_city,
        weight=_weight(view),
        cod_amount=view.cod_amount,
        tracking_url=view.tracking_url,
    )


def _weight(view: OrderView) -> Decimal | None:
    upstream = (view.snapshot or {}).get("order")
    raw = upstream.get("weight") if isinstance(upstream, dict) else None
    try:
        return Decimal(str(raw)) if raw not in (None, "") else None
    except ArithmeticError:
        return None


@dataclass
class LabelService:
    orders: OrderService
    concurrency: int = 4

    async def _one(self, user_id: int, order_id: int, limit: asyncio.Semaphore) -> bytes:
        view = await self.orders.get(user_id, order_id)
        upstream: bytes | None = None
        if not view.pending and view.barcode:
            async with limit:
                try:
                    upstream = await self.orders.label(user_id, order_id)
                except UpstreamError:
                    logger.warning("label of order %d: BTS failed, drawing our own", order_id)
        readable = _readable_pdf(upstream)
        if readable is not None:
            return readable
        return await asyncio.to_thread(lambda: image_pdf(render_label(label_data(view))))

    async def sheet(self, user_id: int, order_ids: Sequence[int]) -> bytes:
        """The labels of ``order_ids`` (the seller's own), in that order, as one PDF."""
        if not order_ids:
            raise ValueError("no orders")
        limit = asyncio.Semaphore(max(1, self.concurrency))
        pdfs = await asyncio.gather(*(self._one(user_id, i, limit) for i in order_ids))
        return await asyncio.to_thread(merge_labels, list(pdfs))

    async def selection(
        self, user_id: int, kind: OrderFilterKind, *, query: str | None = None, limit: int = MAX_LABELS
    ) -> list[int]:
        """The orders of a filter (and search) of My orders that have a label, in the list's order
        (newest first), at most ``limit``; a create still in flight has none yet."""
        page = await self.orders.list_orders(user_id, kind, query=query, page_size=limit)
        return [o.id for o in page.items if not o.pending]
