"""A main-menu button on the new order's summary keeps the order (issue 13, bug 6): the seller is
told how to come back, /resume brings the summary again, and the old ✅ Confirm still creates
the order, once, while the draft is the one it shows."""

from __future__ import annotations

import pytest

from bot.callbacks import SummaryAction, SummaryCb
from bot.i18n import Translator
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary
from tests.bot.mocked import Chatter, joined

LANGS = ("uz", "ru", "en")


async def _at_summary(user: Chatter, translator: Translator, lang: str) -> None:
    l10n = translator.get(lang)
    await login(user, lang)
    sent = await new_order_to_summary(user, l10n("menu-new-order"))
    sent = await finish_after_branch(user, first_branch(sent))
    assert l10n("summary-title") in joined(sent)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_old_confirm_works_after_a_menu_detour_and_creates_once(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = harness.user(language_code=lang)
    await _at_summary(ali, translator, lang)
    sent = await ali.send(l10n("menu-price"))  # 💰 Price on the summary
    text = joined(sent)
    assert l10n("order-detour-saved") in text  # the draft is kept, and how to come back
    assert "/resume" in l10n("order-detour-saved")
    assert l10n("price-ask-from") in text  # and the price opens
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))  # the summary's own button
    assert l10n("stale-button") not in joined(sent)
    assert len(harness.fake.orders) == 1
    order = next(iter(harness.fake.orders.values()))
    assert l10n("order-created", barcode=order.barcode) in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))  # a second tap: no second order
    assert len(harness.fake.orders) == 1
    assert l10n("stale-button") in joined(sent)


@pytest.mark.parametrize("lang", LANGS)
async def test_resume_brings_the_summary_back_after_a_detour(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = harness.user(language_code=lang)
    await _at_summary(ali, translator, lang)
    sent = await ali.send(l10n("menu-branches"))
    assert l10n("order-detour-saved") in joined(sent)
    sent = await ali.send("/resume")
    assert l10n("summary-title") in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert len(harness.fake.orders) == 1
    sent = await ali.send("/resume")  # nothing left to resume
    assert l10n("order-resume-none") in joined(sent)


async def test_an_old_summary_of_a_changed_draft_does_not_confirm(harness: BotHarness) -> None:
    ali = harness.user()
    translator = Translator()
    await _at_summary(ali, translator, "en")
    await ali.press(SummaryCb(action=SummaryAction.CHANGE))
    await ali.press(SummaryCb(action=SummaryAction.FIELD, field="sender_address"))
    await ali.send_location(41.2756, 69.2034)  # kept with the address: the draft changed
    sent = await ali.send("💰 Price")
    assert "unfinished order is saved" in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert len(harness.fake.orders) == 0
    text = joined(sent)
    assert "The order has changed since then, so nothing was sent" in text
    assert "Address where the courier collects the parcel" in text  # the step it was left on


async def test_a_detour_from_an_unfinished_step_and_a_fresh_order(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    sent = await ali.send("📋 My orders")  # nothing typed yet: nothing to keep, nothing said
    assert "unfinished order" not in joined(sent)


async def test_an_edit_survives_a_detour_and_its_save_still_works(harness: BotHarness) -> None:
    ali = harness.user()
    await _at_summary(ali, Translator(), "en")
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    order = next(iter(harness.fake.orders.values()))
    sent = await ali.send("📋 My orders")
    card = await ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:")))
    await ali.press(next(d for s in card for t, d in s.buttons() if d and "Edit" in t))
    await ali.press(SummaryCb(action=SummaryAction.FIELD, field="weight"))
    sent = await ali.send("7")
    assert "Check the changes" in joined(sent)
    sent = await ali.send("🔎 Track")
    assert "Your changes to the order are kept but not yet saved at BTS" in joined(sent)
    sent = await ali.press(SummaryCb(action=SummaryAction.SAVE))
    assert "Changes saved" in joined(sent)
    assert str(harness.fake.orders[order.order_id].fields["weight"]) in ("7", "7.0")
