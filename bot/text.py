"""Text as Telegram measures it: lengths in UTF-16 code units of the text after HTML parsing.

Telegram refuses a message over 4096 units (a caption over 1024); an emoji is two units, an
HTML tag none, ``&lt;`` one. User text quoted in an answer is escaped and clipped
(:func:`quote`), so a long search never makes an answer Telegram refuses.
"""

from __future__ import annotations

import re
from html import escape, unescape

TELEGRAM_LIMIT = 4096
CAPTION_LIMIT = 1024
QUOTE_LIMIT = 200  # user text repeated in an answer ("Nothing found for …")
ELLIPSIS = "…"

_TAG = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    """Telegram's length of plain text: characters outside the BMP count twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def visible_len(html: str) -> int:
    """The length Telegram counts for a message in HTML parse mode (tags gone, entities one)."""
    return utf16_len(unescape(_TAG.sub("", html)))


def cut_utf16(text: str, limit: int) -> str:
    """The longest prefix of plain ``text`` within ``limit`` units (never half a surrogate pair)."""
    if utf16_len(text) <= limit:
        return text
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def quote(text: object, limit: int = QUOTE_LIMIT) -> str:
    """User or upstream text for HTML parse mode: clipped to ``limit`` units, then escaped."""
    plain = "" if text is None else str(text)
    if utf16_len(plain) > limit:
        plain = cut_utf16(plain, limit - 1) + ELLIPSIS
    return escape(plain, quote=False)


def clip_lines(lines: list[str], limit: int = TELEGRAM_LIMIT, *, keep_tail: int = 0) -> str:
    """Join HTML ``lines`` within ``limit`` visible units: whole lines are dropped from the middle
    (an ``…`` line in their place) so the first lines and the last ``keep_tail`` lines stay."""
    text = "\n".join(lines)
    if visible_len(text) <= limit:
        return text
    head, tail = lines[: len(lines) - keep_tail], lines[len(lines) - keep_tail :]
    budget = limit - visible_len("\n".join(tail)) - 2 * len(ELLIPSIS) - 2
    kept: list[str] = []
    used = 0
    for line in head:
        size = visible_len(line) + 1
        if used + size > budget:
            break
        kept.append(line)
        used += size
    return "\n".join([*kept, ELLIPSIS, *tail])
