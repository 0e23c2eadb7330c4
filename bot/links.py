"""The bot's own deep links: the one place that writes ``t.me`` (services get the builder)."""

from __future__ import annotations

from services.barcodes import start_payload
from services.common.deeplinks import DeepLink


def telegram_deep_link(bot_username: str) -> DeepLink:
    """``payload`` → ``https://t.me/<bot>?start=<payload>``."""

    def build(payload: str) -> str:
        return f"https://t.me/{bot_username}?start={payload}"

    return build


def track_link(bot_username: str, barcode: str | None) -> str | None:
    """The customer's tracking deep link of a parcel, ``None`` without a valid barcode."""
    if not barcode or not bot_username:
        return None
    try:
        return telegram_deep_link(bot_username)(start_payload(barcode))
    except ValueError:
        return None


__all__ = ["telegram_deep_link", "track_link"]
