"""Barcodes read from a photo (a label, a screen): 1D and QR, decoded offline by zxing-cpp.

What a code holds is read like typed text (``services.barcodes.extract_barcodes``): a QR code
with a bts.uz tracking link gives the barcode in its token, a Code 128 gives its digits. The
decoder runs in a thread (it is CPU work); a photo that is not an image reads as no barcode.
"""

from __future__ import annotations

import asyncio
import io
import logging

from PIL import Image, ImageOps, UnidentifiedImageError

from services.barcodes import extract_barcodes

logger = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000  # a photo larger than this is refused rather than decoded


def _texts(image: Image.Image) -> list[str]:
    import zxingcpp

    found = zxingcpp.read_barcodes(image)
    # 1D codes first (they carry the label's barcode), then 2D, each in reading order.
    found.sort(key=lambda r: (r.format in (zxingcpp.BarcodeFormat.QRCode,), r.position.top_left.y))
    return [r.text for r in found if r.text]


def decode_image(data: bytes) -> list[str]:
    """Every barcode in the picture, as the bot would take them from text; duplicates dropped."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                return []
            image = ImageOps.exif_transpose(opened).convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return []
    texts = _texts(image)
    if not texts:  # a dark screen photo: try the negative once
        texts = _texts(ImageOps.invert(image))
    out: list[str] = []
    for text in texts:
        for barcode in extract_barcodes(text) or ([text.strip()] if text.strip().isalnum() else []):
            if barcode not in out:
                out.append(barcode)
    return out


async def decode_photo(data: bytes) -> list[str]:
    return await asyncio.to_thread(decode_image, data)
