"""``/start`` parameters of the bot's deep links: one helper builds and reads them all.

A deep link is ``t.me/<bot>?start=<kind>_<value>``; which bot that is, only the bot layer knows:
services receive a :data:`DeepLink` builder (payload → URL) and never write ``t.me`` themselves.
Telegram allows 1–64 characters from ``A-Za-z0-9_-`` in the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_START_PAYLOAD = 64
_ALLOWED = re.compile(r"[A-Za-z0-9_-]{1,64}")

TRACK = "track"
PAID = "paid"
FAIL = "fail"

DeepLink = Callable[[str], str]
"""Turns a ``/start`` parameter into the bot's link (``https://t.me/<bot>?start=<payload>``)."""


def start_payload(kind: str, value: str) -> str:
    """``<kind>_<value>``; ``ValueError`` for characters or a length Telegram would refuse."""
    payload = f"{kind}_{value}"
    if not _ALLOWED.fullmatch(payload):
        raise ValueError(f"not a valid start parameter: {payload!r}")
    return payload


def parse_start_payload(payload: str | None, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """``(kind, value)`` of a ``/start`` parameter of one of ``kinds`` (case-insensitive kind)."""
    if not payload:
        return None
    kind, sep, value = payload.strip().partition("_")
    kind = kind.lower()
    if not sep or kind not in kinds or not value or not _ALLOWED.fullmatch(value):
        return None
    return kind, value


__all__ = [
    "FAIL",
    "MAX_START_PAYLOAD",
    "PAID",
    "TRACK",
    "DeepLink",
    "parse_start_payload",
    "start_payload",
]
