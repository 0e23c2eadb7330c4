"""No inline button is cut on a phone: a row of buttons fits ``ROW_WIDTH`` in every language.

Telegram draws the buttons of a row with equal widths; on a phone a row of two shows about 15
characters of each label, three about 10. The walk on a phone-size screen found "Joʻnatuvchining…"
three times in the edit menu, "Отменить з…" on the card, the filter tabs as "Акти… Дост…" and
the language picker as "O'zbe…". Each keyboard below is built as the bot builds it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import OrderFilter
from bot.conversations.new_order.summary import fields_keyboard
from bot.conversations.new_order.table import NEW_ORDER
from bot.handlers.busy_ledger import ledger_keyboard
from bot.i18n import LANGUAGES, Translator
from bot.keyboards.common import ROW_WIDTH, fit_columns, fit_rows, label_width, language_keyboard
from bot.keyboards.orders import card_keyboard, orders_keyboard
from bot.keyboards.places import cities_keyboard, regions_keyboard
from services.drafts import DraftItem, OrderDraft, Party
from services.ledger import Period
from services.orders import OrderView
from tests.bot.conftest import BotHarness

# A label alone in its row may be longer than half a row, never longer than the row.
SINGLE_WIDTH = ROW_WIDTH


def too_wide(markup: InlineKeyboardMarkup) -> list[str]:
    problems = []
    for row in markup.inline_keyboard:
        labels = [button.text for button in row]
        budget = SINGLE_WIDTH if len(row) == 1 else ROW_WIDTH // len(row)
        if any(label_width(label) > budget for label in labels):
            problems.append(" | ".join(labels))
    return problems


def full_draft(*, branch: bool) -> OrderDraft:
    """A draft where every changeable step applies (courier pickup; a branch or an address)."""
    return OrderDraft(
        sender=Party(name="Ali", phone="+998991234567", city_id=1, address="Bunyodkor 12"),
        sender_delivery=1,
        sender_date=date(2026, 12, 1),
        receiver=Party(name="Odil", phone="+998901234568", city_id=2, branch_id=None if not branch else 3),
        receiver_delivery=0 if branch else 1,
        weight=Decimal("2.5"),
        items=[DraftItem(name="Daftar", count=10)],
        cod=True,
        cod_amount=Decimal(50000),
    )


def order_view() -> OrderView:
    return OrderView(
        id=1,
        bts_order_id=229237,
        reference="r",
        barcode="60000229237",
        status_code=1,
        is_final=False,
        cost=Decimal(23000),
        cod_amount=None,
        receiver_name="Odil",
        receiver_phone="+998901234568",
        receiver_city="Samarqand",
        created_at=datetime(2026, 11, 30, tzinfo=UTC),
        status_changed_at=None,
        tracking_url=None,
        snapshot=None,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_edit_menu_fits_and_names_each_field_once(translator: Translator, lang: str) -> None:
    l10n = translator.get(lang)
    for branch in (False, True):
        draft = full_draft(branch=branch)
        markup = fields_keyboard(NEW_ORDER, l10n, draft)
        assert too_wide(markup) == []
        labels = [b.text for row in markup.inline_keyboard for b in row]
        assert len(labels) == len(set(labels)), labels  # no two buttons read the same
        assert len(NEW_ORDER.changeable(draft)) + 1 == len(labels)  # every field, and Cancel
        # The fields still go two to a row, not one long column.
        assert len(markup.inline_keyboard) <= (len(labels) + 1) // 2 + 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_order_card_actions_fit(translator: Translator, lang: str) -> None:
    markup = card_keyboard(translator.get(lang), order_view())
    assert too_wide(markup) == []
    assert max(len(row) for row in markup.inline_keyboard) == 2


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("current", list(OrderFilter))
def test_the_filter_tabs_fit_and_keep_their_rows(
    translator: Translator, lang: str, current: OrderFilter
) -> None:
    markup = orders_keyboard(translator.get(lang), (), current, page=0, total=0, page_size=10)
    assert too_wide(markup) == []
    tabs = [len(row) for row in markup.inline_keyboard[:-1]]  # the last row is Search
    assert sum(tabs) == 4
    first = orders_keyboard(translator.get(lang), (), OrderFilter.ALL, page=0, total=0, page_size=10)
    assert tabs == [len(row) for row in first.inline_keyboard[:-1]]  # no jump on a switch


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ledger_periods_and_exports_fit(translator: Translator, lang: str) -> None:
    markup = ledger_keyboard(translator.get(lang), Period(date(2026, 11, 1), date(2026, 11, 30)))
    assert too_wide(markup) == []
    assert sum(len(row) for row in markup.inline_keyboard) == 4 + 6


def test_the_language_picker_fits_and_spells_oʻzbekcha() -> None:
    markup = language_keyboard()
    assert too_wide(markup) == []
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert "🇺🇿 Oʻzbekcha" in labels
    assert not any("'" in label for label in labels)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_region_and_city_lists_fit(harness: BotHarness, lang: str) -> None:
    directory = harness.services.branches
    await directory.ensure_fresh(None)
    l10n = Translator().get(lang)
    assert too_wide(regions_keyboard(l10n, directory, "sender_city")) == []
    for region in directory.regions(lang):
        if directory.cities(region.id):
            assert too_wide(cities_keyboard(l10n, directory, "sender_city", region.id)) == []


def test_columns_follow_the_longest_label() -> None:
    assert fit_columns(["Faol", "Hammasi", "Hammasi", "Faol"], most=4) == 4
    assert fit_columns(["All", "•Active", "Delivered", "Cancelled"], most=4) == 2  # 2 + 2, not 3 + 1
    assert fit_columns(["•Hammasi", "•Faol", "•Yetkazilgan", "•Bekor qilingan"], most=4) == 2
    assert fit_columns(["Qoraqalpogʻiston Respublikasi", "Xorazm"]) == 1
    assert fit_rows(["🔄 Refresh", "🕓 History", "📤 Share the tracking link", "🏷 Label", "🔁 Repeat"]) == [
        2,
        1,
        2,
    ]
    assert fit_rows([]) == [1]
