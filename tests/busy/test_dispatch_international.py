"""An international parcel step by step through the dispatcher (uz/ru/en): passport data masked
and deleted from the chat, a field changed from the summary, confirmed once; it waits for the BTS
barcode (the documented create answer has none), which the seller types or photographs from the
label; then BTS's status changes reach the seller and a following customer; then a manifest."""

from __future__ import annotations

import pytest
from aiogram.methods import DeleteMessage

from bot.callbacks import BusyCb, Nav, NavCb, PickCb
from bot.i18n import Translator
from bot.render import status_name
from services.international import pinfl_with_check
from tests.bot.conftest import BotHarness
from tests.bot.flows import login, onboard
from tests.bot.mocked import Sent, joined
from tests.bot.pushing import poll_and_push
from tests.busy.conftest import first_order_draft, intl_draft, label_png

LANGS = ["uz", "ru", "en"]
PINFL = pinfl_with_check("3120398765432")


def picks(sent: list[Sent], prefix: str) -> list[str]:
    return [d for s in sent for _, d in s.buttons() if d and d.startswith(prefix)]


@pytest.mark.parametrize("lang", LANGS)
async def test_international_parcel_and_manifest(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = harness.user(language_code=lang)
    await login(ali, lang)
    await ali.send(l10n("menu-tools"))
    sent = await ali.press(BusyCb(action="intl"))
    assert l10n("intl-ask-parcel-number") in joined(sent)
    assert l10n("intl-invalid-parcel-number") in joined(await ali.send("no spaces allowed!"))
    await ali.send("UZ-2026-001")
    await ali.send("Elizabeth")
    await ali.send("Emily")
    await ali.press(NavCb(action=Nav.SKIP, step="patronymic"))
    sent = await ali.send("ac 05794")  # too short
    assert l10n("intl-invalid-passport") in joined(sent)
    sent = await ali.send("AC 0579415")
    assert l10n("intl-saved-masked", value="AC•••••15") in joined(sent)
    assert any(isinstance(s.raw, DeleteMessage) for s in sent)  # the typed passport is gone
    sent = await ali.send("12345678912345")  # the document's placeholder: its check digit is wrong
    assert l10n("intl-invalid-pinfl") in joined(sent)
    sent = await ali.send(PINFL)
    assert PINFL not in joined(sent)
    await ali.send("+998 99 123 45 67")
    await ali.press(NavCb(action=Nav.SKIP, step="phone2"))
    await ali.press(PickCb(step="customs", value="1"))
    await ali.send("4")
    await ali.send("312412")
    await ali.press(PickCb(step="currency", value="RUB"))
    await ali.press(PickCb(step="delivery", value="0"))
    sent = await ali.send("Asaka")
    sent = await ali.press(picks(sent, "pk:city:c")[0])
    branches = picks(sent, "pk:branch:b")
    assert branches, joined(sent)
    await ali.press(branches[0])
    await ali.send("Futbolka")
    await ali.send("Футболка")
    await ali.send("2")
    await ali.send("4")
    await ali.send("1")
    assert l10n("intl-invalid-url") in joined(await ali.send("not a link"))
    await ali.send("https://shop.example/1")
    await ali.press(PickCb(step="p_unit", value="dona"))
    await ali.send("6211390000")
    await ali.press(NavCb(action=Nav.SKIP, step="p_model"))
    sent = await ali.press(NavCb(action=Nav.SKIP, step="p_imei"))
    assert l10n("intl-products-so-far", count=1) in joined(sent)
    sent = await ali.press(PickCb(step="p_more", value="done"))
    summary = joined(sent)
    assert "AC•••••15" in summary and "0579415" not in summary and PINFL not in summary

    await ali.press(BusyCb(action="ichg"))  # change the weight from the summary
    await ali.press(BusyCb(action="ifld", a="weight"))
    sent = await ali.send("5")
    assert l10n("intl-summary-title", number="UZ-2026-001") in joined(sent)

    sent = await ali.press(BusyCb(action="iok"))
    assert l10n(
        "intl-created", number="UZ-2026-001", passport="AC•••••15", pinfl=PINFL[0] + "•" * 10 + PINFL[-3:]
    ) in joined(sent)
    # seed 001's international/add answer carries no barcode: the parcel waits for BTS's
    assert l10n("intl-awaiting-barcode") in joined(sent)
    assert l10n("btn-add-barcode") in [t for s in sent for t, _ in s.buttons()]
    again = await ali.press_stale(
        BusyCb(action="iok")
    )  # a second tap: the conversation is over, nothing sent
    assert len(harness.fake.parcels) == 1 and not [
        s for s in again if s.method == "SendMessage" and "UZ-2026-001" in (s.text or "")
    ]
    body = next(b for route, b in harness.fake.bodies if route == "v1/international/add")
    assert isinstance(body, dict)
    assert body["ParcelWeight"] == "5" and body["ReceiverPassposrtNumber"] == "0579415"

    # The BTS barcode, typed: the parcel number is no barcode; the one on BTS's label is taken.
    sent = await ali.click(l10n("btn-add-barcode"))
    assert l10n("intl-ask-barcode", number="UZ-2026-001") in joined(sent)
    assert l10n("intl-barcode-invalid") in joined(await ali.send("UZ-2026-001"))
    barcode = harness.fake.parcel_barcode("UZ-2026-001")  # BTS gave it; its create answer did not say
    sent = await ali.send(barcode)
    assert l10n("intl-barcode-saved", barcode=barcode) in joined(sent)
    assert l10n("order-card-barcode", barcode=barcode) in joined(sent)
    assert l10n("order-card-awaiting-barcode") not in joined(sent)
    # a customer tracks it by that barcode and follows it
    customer = harness.user(3003, language_code=lang)
    await onboard(customer, lang, "c")
    sent = await customer.send(barcode)
    assert l10n("track-title", barcode=barcode) in joined(sent), joined(sent)
    await customer.click(l10n("btn-follow"))
    # BTS moves it: the poller reads it by its barcode; the seller and the customer are told
    pushes = await poll_and_push(harness, translator, lambda: harness.fake.advance_parcel(barcode))
    status = status_name(l10n, 110, international=True)
    for chat in (ali, customer):
        told = joined([p for p in pushes if p.chat_id == chat.chat.id])
        assert f"<b>{barcode}</b>: {status}" in told, told

    sent = await ali.press(BusyCb(action="mfs"))
    assert l10n("manifests-title", waiting=1) in joined(sent)
    await ali.press(BusyCb(action="mnew"))
    sent = await ali.send("M-77")
    assert "UZ-2026-001" in joined(sent)
    sent = await ali.press(picks(sent, "bz:msend:")[0])
    assert l10n("manifest-state-sent") in joined(sent)
    assert [m["ManifestNumber"] for m in harness.fake.manifests] == ["M-77"]


@pytest.mark.parametrize("lang", LANGS)
async def test_the_bts_barcode_from_a_photo_of_the_label(
    harness: BotHarness, translator: Translator, lang: str
) -> None:
    l10n = translator.get(lang)
    ali = harness.user(language_code=lang)
    await login(ali, lang)
    local = await harness.services.orders.create(ali.user.id, first_order_draft())
    assert local.order.barcode is not None
    await harness.services.international.create(ali.user.id, intl_draft("P-7"))
    sent = await ali.send(l10n("menu-my-orders"))
    assert any(t.startswith("⏳ P-7") for s in sent for t, _ in s.buttons()), joined(sent)
    sent = await ali.click("⏳ P-7")  # the card: waiting, nothing to track or share yet
    assert l10n("order-card-intl-title", number="P-7") in joined(sent)
    assert l10n("order-card-awaiting-barcode") in joined(sent)
    assert l10n("btn-share") not in [t for s in sent for t, _ in s.buttons()]
    await ali.click(l10n("btn-add-barcode"))
    assert l10n("intl-barcode-media") in joined(await ali.send_sticker())
    sent = await ali.send_picture(label_png(local.order.barcode))  # another order's label
    assert l10n("intl-barcode-taken", barcode=local.order.barcode) in joined(sent)
    barcode = harness.fake.parcel_barcode("P-7")
    sent = await ali.send_picture(label_png(barcode))
    assert l10n("intl-barcode-saved", barcode=barcode) in joined(sent)
    parcel = await harness.services.tracking.track(barcode)
    assert parcel.found and parcel.international and parcel.order_id is not None
    assert l10n("btn-add-barcode") not in [t for s in sent for t, _ in s.buttons()]
