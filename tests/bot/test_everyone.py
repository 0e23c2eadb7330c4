"""Branches, tracking, my parcels and settings through the dispatcher (issue 5)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.callbacks import (
    LangCb,
    PickCb,
    Section,
    SettingsAction,
    SettingsCb,
    SummaryAction,
    SummaryCb,
    TrackAction,
    TrackCb,
)
from bot.handlers.branches import branch_card
from bot.i18n import Translator
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary, onboard
from tests.bot.mocked import joined

TASHKENT = ZoneInfo("Asia/Tashkent")


async def test_branches_by_region_card_with_hours_and_pin(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali)
    sent = await ali.send("🏢 Branches")
    assert "pk:br:r6" in [d for s in sent for _, d in s.buttons()]
    sent = await ali.press(PickCb(step="br", value="r6"))
    assert "Tashkent City" in joined(sent)
    sent = await ali.press(PickCb(step="br", value="b24"))
    text = joined(sent)
    assert "SHAYXONTOHUR BTS" in text and "Open 24/7" in text
    venue = [s for s in sent if s.method == "SendVenue"]
    assert venue and abs(venue[0].raw.latitude - 41.319124) < 1e-6  # type: ignore[attr-defined]


async def test_branch_hours_closed_day_and_opening_time() -> None:
    from services.branches import BranchInfo

    l10n = Translator().get("en")
    sunday_off = {d: "09:00-18:00" for d in range(1, 6)} | {6: "09:00-15:00", 7: ""}
    branch = BranchInfo(1, "TEST BTS", 1, "R", 2, "C", "Addr", "+998", 41.0, 69.0, sunday_off)
    saturday_evening = datetime(2026, 11, 28, 19, 0, tzinfo=TASHKENT)
    text = branch_card(l10n, branch, now=saturday_evening)
    assert "Sun: closed" in text
    assert "opens on Mon at 09:00" in text
    text = branch_card(l10n, branch, now=datetime(2026, 11, 23, 10, 0, tzinfo=TASHKENT))
    assert "Open now, until 18:00" in text


async def test_nearest_branches_and_a_location_far_from_all(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali)
    sent = await ali.send_location(41.3191, 69.2403)
    assert "Nearest BTS branches" in joined(sent)
    assert "SHAYXONTOHUR BTS" in joined(sent)
    sent = await ali.send_location(55.75, 37.61)  # Moscow
    assert "km away" in joined(sent)


async def test_branch_search_latin_cyrillic_and_forged_region(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali)
    await ali.send("🏢 Branches")
    sent = await ali.send("шайхонтохур")
    assert "SHAYXONTOHUR" in joined(sent) or any("SHAYXONTOHUR" in t for s in sent for t, _ in s.buttons())
    sent = await ali.send("Samarqand")
    assert (
        any("Samarqand" in t or "SAMARQAND" in t.upper() for s in sent for t, _ in s.buttons())
        or "SAMARQAND" in joined(sent).upper()
    )
    sent = await ali.press_stale(PickCb(step="br", value="r999"))  # forged: no such region
    assert "no BTS branches in this region" in joined(sent)


async def test_track_unknown_known_international_and_several(harness: BotHarness) -> None:
    seller = harness.user(2002)
    await login(seller)
    sent = await new_order_to_summary(seller)
    await finish_after_branch(seller, first_branch(sent))
    await seller.press(SummaryCb(action=SummaryAction.CONFIRM))
    order = next(iter(harness.fake.orders.values()))
    harness.fake.advance(order.order_id)

    customer = harness.user(3003)
    await onboard(customer, "en", "c")
    sent = await customer.send("99999999999")
    assert "not found" in joined(sent)
    sent = await customer.send(f"/start track_{order.barcode}")
    text = joined(sent)
    assert order.barcode in text and "Picked up by the courier" in text and "History" in text

    from services.bts.models import InternationalOrderCreate

    creds = await harness.services.accounts.any_credentials(None)
    assert creds is not None
    body = {
        "ParcelNumber": "P-1",
        "ReceiverPhone": "+998991234567",
        "ReceiverSurname": "Emily",
        "ReceiverFirstName": "E",
        "ReceiverPassposrtSerial": "AC",
        "ReceiverPassposrtNumber": "0579415",
        "ReceiverPinfl": "12345678912345",
        "ParcelWeight": "4",
        "ParcelDeclareCurrency": "RUB",
        "ReceiverDelivery": "1",
        "ReceiverCityId": 75,
        "ReceiverAddress": "Registon 1",
        "products": [
            {
                "ProductDescription": "T",
                "ProductDescriptionRu": "T",
                "ProductQuantity": "1",
                "ProductWeight": "1",
                "ProductDeclareValue": "1",
                "ProductUrl": "u",
                "ProductUnit": "kg",
                "HsCodeIs": "6211390000",
            }
        ],
    }
    await harness.services.bts.create_international_order(
        creds, InternationalOrderCreate.model_validate(body)
    )
    barcode = next(iter(harness.fake.parcels))  # seed 001's answer does not carry it: the customer has it
    sent = await customer.send(f"{order.barcode}, {barcode}")
    text = joined(sent)
    assert order.barcode in text and barcode in text
    assert "With the sender" in text


async def test_follow_parcel_and_my_parcels_and_forged_follow(harness: BotHarness) -> None:
    seller = harness.user(2002)
    await login(seller)
    sent = await new_order_to_summary(seller)
    await finish_after_branch(seller, first_branch(sent))
    await seller.press(SummaryCb(action=SummaryAction.CONFIRM))
    order = next(iter(harness.fake.orders.values()))

    customer = harness.user(3003)
    await onboard(customer, "en", "c")
    sent = await customer.send(order.barcode)
    follow = next(d for s in sent for t, d in s.buttons() if "Follow" in t)
    sent = await customer.press(follow)
    assert "I'll tell you" in joined(sent)
    sent = await customer.send("📦 My parcels")
    assert order.barcode in joined(sent)
    sent = await customer.press(TrackCb(action=TrackAction.UNFOLLOW, barcode=order.barcode))
    sent = await customer.send("📦 My parcels")
    assert "don't follow any parcel" in joined(sent)
    sent = await customer.press_stale(
        TrackCb(action=TrackAction.FOLLOW, barcode="00000000000")
    )  # forged barcode
    assert "not in your list" in joined(sent)


async def test_settings_address_book_language_and_logout(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    sent = await ali.send("⚙️ Settings")
    assert "Settings" in joined(sent)
    sent = await ali.press(SettingsCb(section=Section.BOOK, action=SettingsAction.RECIPIENTS))
    assert "Odil Ahmedov" in " ".join(t for s in sent for t, _ in s.buttons())
    contact = next(d for s in sent for t, d in s.buttons() if "Odil" in t)
    assert contact is not None
    await ali.press(contact)
    await ali.click("Rename")
    sent = await ali.send("Odil aka")
    assert "Renamed to Odil aka" in joined(sent)
    sent = await ali.press(SettingsCb(section=Section.BOOK, action=SettingsAction.RECIPIENTS))
    assert "Odil aka" in " ".join(t for s in sent for t, _ in s.buttons())
    sent = await ali.press(contact.replace("st:contact:r:", "st:contact:del:"))
    assert "deleted" in joined(sent)
    # Someone else's contact id is refused.
    bob = harness.user(4004)
    await onboard(bob, "en", "s")
    sent = await bob.press_stale(contact)  # Ali's button, forged by Bob
    assert "no longer exists" in joined(sent)

    await ali.send("⚙️ Settings")
    await ali.press(SettingsCb(section=Section.LANGUAGE))
    sent = await ali.press(LangCb(code="ru"))
    assert "Язык: русский" in joined(sent)
    await ali.send("⚙️ Настройки")
    await ali.press(SettingsCb(section=Section.LOGOUT))
    sent = await ali.press(SettingsCb(section=Section.LOGOUT, action=SettingsAction.YES))
    assert "Вы вышли из аккаунта BTS" in joined(sent)
    assert await harness.services.accounts.find(ali.user.id) is None


async def test_notification_preferences_toggle(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali)
    await ali.send("⚙️ Settings")
    sent = await ali.press(SettingsCb(section=Section.NOTIFY))
    assert "Notifications" in joined(sent)
    await ali.press(SettingsCb(section=Section.NOTIFY, action=SettingsAction.MUTE))
    await ali.press(SettingsCb(section=Section.NOTIFY, action=SettingsAction.QUIET))
    sent = await ali.press(SettingsCb(section=Section.NOTIFY, action=SettingsAction.STALLED))
    assert any("7 days" in t for s in sent for t, _ in s.buttons())
    prefs = await harness.services.preferences.get(ali.user.id)
    assert prefs.notify is False and (prefs.quiet_from, prefs.quiet_to) == (22, 8)
    assert prefs.stalled_days == 7
