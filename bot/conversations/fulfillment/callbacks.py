"""Callback data of the fulfillment screens and conversations (each fits Telegram's 64 bytes)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class FfCb(CallbackData, prefix="ff"):
    """Screens: ``action`` (hub, products, product, purveyors, ..., new) and an optional id/page."""

    action: str
    item: int = 0
    page: int = 0


class FfNav(CallbackData, prefix="fn"):
    """Cancel while connecting a WMS account (the conversations use the engine's ``NavCb``)."""

    flow: str
    step: str
    action: str
