"""Fulfillment at the BTS warehouse (WMS) in the chat: ``/fulfillment`` and Settings open it."""

from bot.handlers.fulfillment.screens import router, show_hub

__all__ = ["router", "show_hub"]
