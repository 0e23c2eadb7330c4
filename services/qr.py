"""QR code pictures (a payment link to scan from another phone).

Drawn by the ``qrcode`` library with its pure-Python PyPNG backend (``qrcode[png]``), so no
imaging library is needed: a 1-bit greyscale PNG of a few hundred bytes.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from qrcode.image.pure import PyPNGImage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def qr_png(data: str, *, box_size: int = 8, border: int = 4) -> bytes:
    """The QR code of ``data`` as PNG bytes (error correction M: readable from a photo of a screen).

    ``border`` is in modules; 4 is the quiet zone the standard asks for.
    """
    if not data:
        raise ValueError("nothing to encode")
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=border,
        image_factory=PyPNGImage,
    )
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


__all__ = ["PNG_SIGNATURE", "qr_png"]
