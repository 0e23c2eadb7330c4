"""An international parcel step by step through the dispatcher (uz/ru/en): passport data masked
and deleted from the chat, a field changed from the summary, confirmed once; then a manifest."""

from __future__ import annotations

import pytest
from aiogram.methods import DeleteMessage

from bot.callbacks import BusyCb, Nav, NavCb, PickCb
from bot.i18n import Translator
from services.international import pinfl_with_check
from tests.bot.conftest import BotHarness
from tests.bot.flows import login
from tests.bot.mocked import Sent, joined

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
        "intl-created",
        number="UZ-2026-001",
        # seed 001's international/add answer carries no barcode: the parcel number stands for it
        barcode="UZ-2026-001",
        passport="AC•••••15",
        pinfl=PINFL[0] + "•" * 10 + PINFL[-3:],
    ) in joined(sent)
    again = await ali.press_stale(
        BusyCb(action="iok")
    )  # a second tap: the conversation is over, nothing sent
    assert len(harness.fake.parcels) == 1 and not [
        s for s in again if s.method == "SendMessage" and "UZ-2026-001" in (s.text or "")
    ]
    body = next(b for route, b in harness.fake.bodies if route == "v1/international/add")
    assert isinstance(body, dict)
    assert body["ParcelWeight"] == "5" and body["ReceiverPassposrtNumber"] == "0579415"

    sent = await ali.press(BusyCb(action="mfs"))
    assert l10n("manifests-title", waiting=1) in joined(sent)
    await ali.press(BusyCb(action="mnew"))
    sent = await ali.send("M-77")
    assert "UZ-2026-001" in joined(sent)
    sent = await ali.press(picks(sent, "bz:msend:")[0])
    assert l10n("manifest-state-sent") in joined(sent)
    assert [m["ManifestNumber"] for m in harness.fake.manifests] == ["M-77"]
