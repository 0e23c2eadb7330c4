"""Barcodes typed (or pasted) by customers: extraction, validation, deep-link payloads.

What the documents show:

* seed 001, local order: ``"barcode": "60000006106"``: 11 digits;
* seed 001, international ``track-by-barcode``: ``"barcode": 01000865704``: 11 digits, leading 0;
* seed 000, v1 edit: waybill ``"019914293644"`` (12 digits; the ``tracking`` URL's token decodes
  to ``{"waybill_id": 4293644, "barcode": "019914293644"}``) and one barcode per piece,
  ``"019914293644001"`` (15 digits: the waybill barcode and a 3-digit piece number).

So an 11-digit number can be local or international and nothing in the documents tells them
apart (one sample each). The rule: **try both**: look the barcode up in our own order store
first (every order made through the bot is stored with its barcode; a piece barcode also under
its waybill's, see ``lookup_keys``), then ask ``international/track-by-barcode``. Local orders
cannot be tracked by barcode through the API (``order/track`` takes the order id).

Extraction rule (``extract_barcodes``): the text is split into chunks at commas, semicolons,
newlines, tabs and ``|``. Inside a chunk, digit groups separated by single spaces or dashes are
one run ("600 0000 6106", "600-0000-6106"). A group of 11 digits or more stands alone (it is
never glued to its neighbours); shorter groups are glued into barcodes of a valid length (11,
12 or 15 digits) so that as many digits as possible are used, preferring fewer, longer
barcodes: "6000 0006 106 0100 0865 704" is two barcodes, "0199 1429 3644 001" is one piece
barcode. Digits right after ``+`` (phone numbers) and 12-digit numbers starting with 998 (a
phone without the plus) are not barcodes. UPU S10 numbers ("RR123456789UZ") are accepted too:
not in the documents, but international parcels usually carry them. A pasted bts.uz tracking
link gives the barcode inside its token. Duplicates are dropped; order is kept.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from enum import StrEnum
from urllib.parse import unquote

from services.common import deeplinks
from services.common.digits import is_digits

LENGTHS = frozenset({11, 12, 15})
PIECE_SUFFIX = 3


class BarcodeFormat(StrEnum):
    DIGITS_11 = "digits_11"  # seed 001: local "60000006106" or international "01000865704"
    WAYBILL_12 = "waybill_12"  # seed 000: v1 waybill "019914293644"
    PIECE_15 = "piece_15"  # seed 000: waybill + piece number "019914293644001"
    S10 = "s10"  # UPU "RR123456789UZ"


_CHUNK_SPLIT = re.compile(r"[,;\n\r\t|]+")
_RUN = re.compile(r"(?<![\d+])\d+(?:[ \u00a0\u202f-]\d+)*")
_GROUP_SPLIT = re.compile(r"[ \u00a0\u202f-]")
_S10 = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{9}[A-Za-z]{2})(?![A-Za-z0-9])")
_TRACKING = re.compile(r"waybill-tracking\?(?:[^\s#]*&)?term=([A-Za-z0-9_\-%=]+)")
_URL = re.compile(r"https?://\S+|www\.\S+")


def _valid_digits(digits: str) -> bool:
    if len(digits) not in LENGTHS or not is_digits(digits):
        return False
    return not (len(digits) == 12 and digits.startswith("998"))


def barcode_format(barcode: str) -> BarcodeFormat | None:
    """The documented shape ``barcode`` has, or ``None`` when it is not a barcode."""
    if _S10.fullmatch(barcode):
        return BarcodeFormat.S10
    if not _valid_digits(barcode):
        return None
    return {11: BarcodeFormat.DIGITS_11, 12: BarcodeFormat.WAYBILL_12, 15: BarcodeFormat.PIECE_15}[
        len(barcode)
    ]


def normalize_barcode(text: str | None) -> str | None:
    """One barcode typed alone, with spaces or dashes inside ("600 0000 6106"), or ``None``."""
    found = extract_barcodes(text)
    return found[0] if len(found) == 1 else None


def lookup_keys(barcode: str) -> tuple[str, ...]:
    """The keys to look a barcode up by in our store: itself and, for a piece, its waybill."""
    if barcode_format(barcode) is BarcodeFormat.PIECE_15:
        return (barcode, barcode[:-PIECE_SUFFIX])
    return (barcode,)


def barcode_from_tracking_url(text: str) -> str | None:
    """The barcode inside a bts.uz ``waybill-tracking?term=<base64 JSON>`` link (seed 000)."""
    found = _TRACKING.search(text)
    if found is None:
        return None
    token = unquote(found.group(1))
    token += "=" * (-len(token) % 4)
    try:
        data = json.loads(base64.urlsafe_b64decode(token.replace("+", "-").replace("/", "_")))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    barcode = str(data.get("barcode") or "").strip()
    return barcode if barcode_format(barcode) is not None else None


def _segment(groups: list[str]) -> list[str]:
    """Glue short digit groups into valid barcodes, using as many digits as possible (then as
    few barcodes as possible): a small dynamic programme over the group boundaries."""
    n = len(groups)
    # best[i]: (digits used, -barcodes, barcodes) for groups[i:]
    best: list[tuple[int, int, list[str]]] = [(0, 0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        candidate = (best[i + 1][0], best[i + 1][1], best[i + 1][2])  # leave group i unused
        joined = ""
        for j in range(i, n):
            joined += groups[j]
            if len(joined) > max(LENGTHS):
                break
            if _valid_digits(joined):
                rest = best[j + 1]
                option = (rest[0] + len(joined), rest[1] - 1, [joined, *rest[2]])
                if option[:2] > candidate[:2]:
                    candidate = option
        best[i] = candidate
    return best[0][2]


def _from_run(run: str) -> list[str]:
    found: list[str] = []
    short: list[str] = []
    for group in _GROUP_SPLIT.split(run):
        if not group:
            continue
        if len(group) >= min(LENGTHS):
            found.extend(_segment(short))
            short = []
            if _valid_digits(group):
                found.append(group)
        else:
            short.append(group)
    found.extend(_segment(short))
    return found


def extract_barcodes(text: str | None) -> list[str]:
    """Every barcode in a message, in order, without duplicates (see the module docstring)."""
    if not text:
        return []
    found: list[str] = []
    from_link = barcode_from_tracking_url(text)
    if from_link is not None:
        found.append(from_link)
    text = _URL.sub(" ", text)
    for chunk in _CHUNK_SPLIT.split(text):
        for s10 in _S10.findall(chunk):
            found.append(s10.upper())
        chunk = _S10.sub(" ", chunk)
        for run in _RUN.finditer(chunk):
            found.extend(_from_run(run.group(0)))
    return list(dict.fromkeys(found))


def parse_start_payload(payload: str | None) -> str | None:
    """The barcode of a ``/start track_<barcode>`` deep link, or ``None``."""
    parsed = deeplinks.parse_start_payload(payload, (deeplinks.TRACK,))
    if parsed is None:
        return None
    barcode = parsed[1]
    if barcode_format(barcode) is None:
        return None
    return barcode.upper() if barcode_format(barcode) is BarcodeFormat.S10 else barcode


def start_payload(barcode: str) -> str:
    """The deep-link parameter for a barcode: ``t.me/<bot>?start=track_60000006106``."""
    if barcode_format(barcode) is None:
        raise ValueError(f"not a barcode: {barcode!r}")
    return deeplinks.start_payload(deeplinks.TRACK, barcode)
