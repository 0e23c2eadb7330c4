"""The international parcel (seed 001 ``international/add``) as a table of steps on the engine.

Passport series and number and the PINFL never sit in the conversation's storage in clear: each
is sealed (encrypted by ``InternationalService.seal``) as soon as it is typed, the typed message
is deleted, and the chat shows it masked. Products are a loop: the product steps, then "another
product?". The summary confirms once (``InternationalService.create`` writes a reference first).

``form`` holds the states, the form and the shared parsers; ``receiver`` and ``products`` the
steps' questions and handlers; ``summary`` the summary card, Confirm and Cancel; ``table`` the
steps declared once and the ways in.
"""

from __future__ import annotations

from bot.conversations.international.form import Intl, IntlForm
from bot.conversations.international.summary import confirm, fields_keyboard
from bot.conversations.international.table import INTERNATIONAL, intl_turn, start_international

__all__ = [
    "INTERNATIONAL",
    "Intl",
    "IntlForm",
    "confirm",
    "fields_keyboard",
    "intl_turn",
    "start_international",
]
