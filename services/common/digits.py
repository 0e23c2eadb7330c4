"""ASCII digits only: ``str.isdigit()`` also says yes to "²", "٣" and other Unicode digits, which
``int()`` then refuses (or reads as another number). Every check of typed or received digits
goes through here."""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """``"0123"`` → True; ``""``, ``"²"``, ``"١٢"``, ``"1 2"`` → False."""
    return text.isascii() and text.isdigit()


def digits_of(text: str) -> str:
    """The ASCII digits of a text, in order: ``"+998 (90) 123-45-67"`` → ``"998901234567"``."""
    return "".join(ch for ch in text if "0" <= ch <= "9")
