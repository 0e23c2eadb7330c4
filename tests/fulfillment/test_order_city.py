"""The fulfillment order's city: the courier flows' shared picker (any spelling, Tashkent city
and Tashkent region apart, regions by name, a shared location), and the region and city the
WMS create (seed 002) gets for the chosen place, in uz, ru and en."""

from __future__ import annotations

import pytest

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from bot.conversations.fulfillment.callbacks import FfCb
from bot.i18n import LANGUAGES
from services.container import Services
from tests.bot.mocked import Sent, joined
from tests.fakes.wms.fixtures import WMS_INN, WMS_PASSWORD
from tests.fakes.wms.server import WmsFake
from tests.fulfillment.test_bot import FfHarness, harness, services

__all__ = ["services"]

CITY = "city"

# typed at the city step → the buttons to press (values of the step's PickCb) → region and city
# of the WMS order (Uzbek names, whatever the seller's language: Tashkent city and Tashkent
# region stay apart).
CASES = [
    ("Toshkent", ("r6", "c191"), "Toshkent shahri", "Chilonzor tumani"),
    ("Ташкент", ("r1", "c21"), "Toshkent viloyati", "Chirchiq"),
    ("Samarqand", ("c75",), "Samarqand viloyati", "Samarqand"),
]
# The two Tashkents as the seller reads them (never a bare id).
TASHKENTS = {
    "uz": ("Toshkent shahri", "Toshkent viloyati"),
    "ru": ("город Ташкент", "Ташкентская область"),
    "en": ("Tashkent City", "Tashkent Region"),
}


def labels(sent: list[Sent]) -> dict[str, str]:
    """The city step's buttons: value → text."""
    prefix = f"pk:{CITY}:"
    return {d.removeprefix(prefix): t for s in sent for t, d in s.buttons() if d and d.startswith(prefix)}


async def connected(services: Services, wms_fake: WmsFake, lang: str) -> tuple[FfHarness, int]:
    """Connected, a new order begun, the customer's name and phone given: the city step."""
    account = wms_fake.account(WMS_INN)
    product = wms_fake.add_product(account, name="Futbolka", code="TS-1")["id"]
    h = await harness(services, wms_fake, lang)
    await h.send("/fulfillment")
    await h.chatter.press(FfCb(action="connect"))
    await h.send(WMS_INN)
    await h.send(WMS_PASSWORD)
    await h.chatter.press(FfCb(action="new_order"))
    await h.send("Odil Ahmedov")
    sent = await h.send("90 123 45 67")
    assert h.l10n("ff-ask-order-city") in joined(sent)
    return h, product


async def finish_order(h: FfHarness, product: int) -> list[Sent]:
    """From the address to the confirmed create; the summary is returned."""
    sent = await h.send("Bobur ko'chasi, 5")
    assert h.l10n("ff-ask-order-zip") in joined(sent)
    await h.chatter.press(NavCb(action=Nav.SKIP, step="zip"))
    await h.chatter.press(PickCb(step="scheduled_at", value="1-10"))
    await h.chatter.press(PickCb(step="item_product", value=str(product)))
    await h.send("2")
    await h.send("50000")
    await h.chatter.press(NavCb(action=Nav.SKIP, step="item_discount"))
    summary = await h.chatter.press(PickCb(step="item_more", value="done"))
    await h.chatter.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert h.wms.count("v1/order/create") == 1
    return summary


def created_address(wms_fake: WmsFake) -> dict[str, object]:
    """The address fields of the create request, as the fake stored them from its body."""
    (order,) = wms_fake.account(WMS_INN).orders.values()
    address: dict[str, object] = order["orderAddress"]
    return address


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("typed", "presses", "region", "city"), CASES)
async def test_a_typed_city_reaches_the_wms_order(
    services: Services,
    wms_fake: WmsFake,
    lang: str,
    typed: str,
    presses: tuple[str, ...],
    region: str,
    city: str,
) -> None:
    h, product = await connected(services, wms_fake, lang)
    sent = await h.send(typed)
    assert h.l10n("place-matches") in joined(sent)
    found = labels(sent)
    if typed != "Samarqand":  # both Tashkents offered, by name in the seller's language
        assert (found.get("r6"), found.get("r1")) == TASHKENTS[lang], found
    assert presses[0] in found, found
    shown = ""
    for value in presses:
        shown = labels(sent)[value]
        sent = await h.chatter.press(PickCb(step=CITY, value=value))
    summary = await finish_order(h, product)
    assert shown in joined(summary), "the summary names the city as its button did"
    address = created_address(wms_fake)
    assert (address["region"], address["city"], address["country"]) == (region, city, "Uzbekistan")


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_shared_location_picks_the_city(services: Services, wms_fake: WmsFake, lang: str) -> None:
    h, product = await connected(services, wms_fake, lang)
    sent = await h.chatter.send_location(41.2756, 69.2034)  # Chilonzor, Tashkent city
    assert h.l10n("ff-ask-order-address") in joined(sent)
    await finish_order(h, product)
    address = created_address(wms_fake)
    assert (address["region"], address["city"]) == ("Toshkent shahri", "Chilonzor tumani")


async def test_an_unknown_place_offers_the_regions_and_the_step_goes_on(
    services: Services, wms_fake: WmsFake
) -> None:
    h, product = await connected(services, wms_fake, "en")
    sent = await h.send("Narniya")
    assert h.l10n("place-not-found", query="Narniya") in joined(sent)
    assert labels(sent)["r10"] == "Samarkand Region"
    sent = await h.chatter.press(PickCb(step=CITY, value="r10"))
    sent = await h.chatter.press(PickCb(step=CITY, value="c75"))
    assert h.l10n("ff-ask-order-address") in joined(sent)
    await finish_order(h, product)
    address = created_address(wms_fake)
    assert (address["region"], address["city"]) == ("Samarqand viloyati", "Samarqand")
