"""FSM states of the busy seller's tools (one group per flow)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Bulk(StatesGroup):
    file = State()  # waiting for the spreadsheet


class Ledger(StatesGroup):
    period = State()  # waiting for a typed period "01.11.2026-30.11.2026"


class Manifests(StatesGroup):
    number = State()


class IntlBarcode(StatesGroup):
    code = State()  # waiting for an international parcel's BTS barcode (typed or a photo of the label)
