"""Fulfillment conversations through the real dispatcher, in uz, ru and en, against the WMS fake:
happy paths, invalid input, upstream errors and stale buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiogram.filters.callback_data import CallbackData
from sqlalchemy import select

from bot.app import create_dispatcher
from bot.callbacks import LangCb, Nav, NavCb, PickCb, Role, RoleCb, SummaryAction, SummaryCb
from bot.conversations.fulfillment.callbacks import FfCb
from bot.conversations.fulfillment.engine import FLOWS
from bot.i18n import LANGUAGES, Localizer, Translator
from bot.middlewares.flush import FlushBeforeSend
from services.container import Services, build_services
from storage.fsm import SqlStorage
from storage.models import FsmRecord
from tests.bot.conftest import FAST_RETRY, make_settings, no_logged_errors
from tests.bot.mocked import Chatter, MockedBot, Sent, joined
from tests.fakes.base import Fault
from tests.fakes.bts.server import BtsFake
from tests.fakes.wms.fixtures import WMS_INN, WMS_PASSWORD
from tests.fakes.wms.server import WmsFake

__all__ = ["no_logged_errors"]


@dataclass
class FfHarness:
    chatter: Chatter
    services: Services
    wms: WmsFake
    l10n: Localizer
    storage: SqlStorage

    async def press(self, data: str | CallbackData) -> list[Sent]:
        return await self.chatter.press(data)

    async def press_stale(self, data: str | CallbackData) -> list[Sent]:
        return await self.chatter.press_stale(data)

    async def send(self, text: str) -> list[Sent]:
        return await self.chatter.send(text)


@pytest.fixture
async def services(tmp_path: Path, bts_fake: BtsFake, wms_fake: WmsFake) -> AsyncIterator[Services]:
    settings = make_settings(tmp_path, bts_fake, wms_base_url=wms_fake.url)
    async with build_services(settings, retry=FAST_RETRY) as built:
        yield built


async def harness(services: Services, wms_fake: WmsFake, lang: str, user_id: int = 3001) -> FfHarness:
    translator = Translator()
    storage = SqlStorage(services.session_factory, box=services.box)  # as bot.__main__ does
    dp = create_dispatcher(services, translator, storage)
    bot = MockedBot()
    bot.session.middleware(FlushBeforeSend(storage))
    chatter = Chatter(dp, bot, user_id=user_id, language_code=lang)
    await chatter.send("/start")
    await chatter.press(LangCb(code=lang))
    await chatter.press(RoleCb(role=Role.CUSTOMER))
    return FfHarness(chatter, services, wms_fake, translator.get(lang), storage)


def datas(sent: list[Sent]) -> list[str]:
    return [d for s in sent for _, d in s.buttons() if d]


async def connect(h: FfHarness) -> list[Sent]:
    sent = await h.send("/fulfillment")
    assert h.l10n("ff-btn-connect") in [t for s in sent for t, _ in s.buttons()]
    await h.press(FfCb(action="connect"))
    sent = await h.send("12345")
    assert h.l10n("ff-connect-login-invalid").split(".")[0] in joined(sent)
    await h.send(WMS_INN)
    sent = await h.send("wrong-password")
    assert any(s.method == "DeleteMessage" for s in sent), "the password message is deleted"
    assert h.l10n("ff-connect-wrong").split(".")[0] in joined(sent)
    await h.send(WMS_INN)
    sent = await h.send(WMS_PASSWORD)
    assert any(s.method == "DeleteMessage" for s in sent)
    return sent


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_connect_then_create_a_fulfillment_order(
    services: Services, wms_fake: WmsFake, lang: str
) -> None:
    account = wms_fake.account(WMS_INN)
    product = wms_fake.add_product(account, name="Futbolka", code="TS-1")["id"]
    h = await harness(services, wms_fake, lang)
    sent = await connect(h)
    assert h.l10n("ff-connected", login=WMS_INN, products=1) in joined(sent)

    await h.press(FfCb(action="new_order"))
    sent = await h.send("")  # empty is refused, the step goes on
    sent = await h.send("Odil Ahmedov")
    sent = await h.send("12")  # not a phone
    assert h.l10n("ff-invalid-phone").split(".")[0] in joined(sent)
    sent = await h.send("90 123 45 67")
    assert PickCb(step="city", value="r6").pack() in datas(sent), joined(sent)  # the regions
    await h.send("Samarqand")  # the courier flows' picker: found by name
    sent = await h.press(PickCb(step="city", value="c75").pack())
    sent = await h.send("Bobur ko'chasi, 5")
    sent = await h.send("12")  # a postcode has 6 digits
    assert h.l10n("ff-invalid-zip").split(",")[0] in joined(sent)
    sent = await h.press(NavCb(action=Nav.SKIP, step="zip"))
    sent = await h.press(PickCb(step="scheduled_at", value="1-10"))
    assert f"pk:item_product:{product}" in datas(sent)
    stale = "pk:scheduled_at:1-15"
    sent = await h.press(PickCb(step="item_product", value=str(product)))
    sent = await h.press(stale)  # a button of a step already answered
    assert not [s for s in sent if s.method == "SendMessage"], "a stale press sends nothing"
    sent = await h.send("0")
    assert h.l10n("ff-invalid-count", high=10000).split(" ")[0] in joined(sent)
    await h.send("2")
    await h.send("50000")
    sent = await h.send("200000")  # more than the line
    assert h.l10n("ff-invalid-discount", gross=h.l10n.money(100000)) in joined(sent)
    sent = await h.send("5000")
    assert h.l10n.money(95000) in joined(sent)
    sent = await h.press(PickCb(step="item_more", value="done"))
    assert h.l10n("ff-btn-confirm-order") in [t for s in sent for t, _ in s.buttons()]
    assert h.l10n.money(95000) in joined(sent)

    sent = await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    again = await h.press(SummaryCb(action=SummaryAction.CONFIRM))  # confirm once
    assert wms_fake.count("v1/order/create") == 1
    order = next(iter(account.orders.values()))
    assert h.l10n("ff-order-created", id=order["order_id"]) in joined(sent)
    assert h.l10n("ff-order-created", id=order["order_id"]) not in joined(again)
    assert order["orderItems"][0]["client_product_id"] == product
    assert order["orderAddress"]["phone"] == "+998901234567"
    assert (order["orderAddress"]["region"], order["orderAddress"]["city"]) == (
        "Samarqand viloyati",
        "Samarqand",
    )

    # The warehouse moves it on; the card's refresh shows it.
    wms_fake.advance_order(account, order["id"])
    sent = await h.press(FfCb(action="order_refresh", item=order["order_id"]))
    assert h.l10n("ff-status-1") in joined(sent)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_register_a_product_with_invalid_input_and_an_upstream_failure(
    services: Services, wms_fake: WmsFake, lang: str
) -> None:
    h = await harness(services, wms_fake, lang)
    await connect(h)
    await h.press(FfCb(action="products"))
    await h.press(FfCb(action="new_product"))
    await h.send("Krossovka")
    sent = await h.send("SH 42")  # a code has no spaces
    assert "nav:c:code" in datas(sent)
    await h.send("SH-42")
    sent = await h.send("12ab")
    assert h.l10n("ff-invalid-gtin") in joined(sent)
    await h.send("4780000000042")
    await h.press(NavCb(action=Nav.SKIP, step="group"))
    await h.press(PickCb(step="unit", value="dona"))
    sent = await h.send("-1")
    assert "nav:c:weight" in datas(sent)
    await h.send("0,8")
    await h.press(NavCb(action=Nav.SKIP, step="volume"))
    sent = await h.press(PickCb(step="temperature_mode", value="cold"))
    assert h.l10n("ff-temp-cold") in joined(sent)

    wms_fake.faults.add("v1/product/create", Fault(status=503), times=None)
    sent = await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert h.l10n("ff-error-unavailable") in joined(sent)
    assert "sm:ok:" in datas(sent), "the summary comes back: nothing is lost"
    wms_fake.faults.clear()
    sent = await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    created = next(iter(wms_fake.account(WMS_INN).products.values()))
    assert created["code"] == "SH-42" and created["productTechnical"]["weight"] == "0.800"
    assert h.l10n("ff-product-registered", name="Krossovka", id=created["id"]) in joined(sent)

    # Listed and searchable at once, with its card.
    sent = await h.press(FfCb(action="products"))
    assert f"ff:product:{created['id']}:0" in datas(sent)
    await h.press(FfCb(action="product_search"))
    sent = await h.send("4780000000042")
    assert f"ff:product:{created['id']}:0" in datas(sent)
    sent = await h.press(FfCb(action="product", item=created["id"]))
    assert "SH-42" in joined(sent) and "0.8" in joined(sent)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_supplier_then_a_delivery_to_the_warehouse(
    services: Services, wms_fake: WmsFake, lang: str
) -> None:
    h = await harness(services, wms_fake, lang)
    await connect(h)
    await h.press(FfCb(action="purveyors"))
    await h.press(FfCb(action="new_purveyor"))
    await h.send("Ipak yo'li")
    await h.press(NavCb(action=Nav.SKIP, step="full_name"))
    await h.send("IY")
    sent = await h.send("123")
    assert h.l10n("ff-invalid-inn") in joined(sent)
    await h.send("305111222")
    await h.press(NavCb(action=Nav.SKIP, step="contact_info"))
    sent = await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    purveyor = next(iter(wms_fake.account(WMS_INN).purveyors.values()))
    assert h.l10n("ff-purveyor-registered", name="Ipak yo'li", id=purveyor["id"]) in joined(sent)
    sent = await h.press(FfCb(action="purveyors"))
    assert f"ff:purveyor:{purveyor['id']}:0" in datas(sent)
    sent = await h.press(FfCb(action="purveyor", item=purveyor["id"]))
    assert "305111222" in joined(sent) and "IY" in joined(sent)

    await h.send("/fulfillment")
    await h.press(FfCb(action="receivings"))
    await h.press(FfCb(action="new_receiving"))
    await h.send("77")
    await h.press(PickCb(step="date", value="0"))
    sent = await h.send("Nobody")  # not a supplier of this account
    assert "nav:c:counterparty" in datas(sent)
    sent = await h.press(PickCb(step="counterparty", value=str(purveyor["id"])))
    await h.send("Isuzu")
    await h.send("01 A 123 BC")
    await h.press(NavCb(action=Nav.SKIP, step="driver_name"))
    await h.send("Futbolka")
    await h.send("20")
    await h.send("20 000")
    sent = await h.press(PickCb(step="vat_rate", value="12"))
    assert h.l10n.money(400000) in joined(sent) and h.l10n.money("42857.14") in joined(sent)
    # Change a field from the summary, come back to it.
    await h.press(SummaryCb(action=SummaryAction.CHANGE, field="quantity"))
    sent = await h.send("10")
    assert h.l10n.money(200000) in joined(sent)
    sent = await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    receiving = next(iter(wms_fake.account(WMS_INN).receiving.values()))
    assert receiving["counterparty"] == "Ipak yo'li" and receiving["quantity"] == 10
    assert h.l10n("ff-receiving-announced") in joined(sent)
    sent = await h.press(FfCb(action="receivings"))
    assert "77" in joined(sent)


async def test_cancel_back_and_unconnected(services: Services, wms_fake: WmsFake) -> None:
    h = await harness(services, wms_fake, "en")
    # A start button from before the account was connected (or after it was unlinked).
    sent = await h.press_stale(FfCb(action="new_order"))
    assert h.l10n("ff-btn-connect") in [t for s in sent for t, _ in s.buttons()]
    await connect(h)
    await h.press(FfCb(action="new_order"))
    await h.send("Odil")
    sent = await h.press(NavCb(action=Nav.BACK, step="phone"))
    assert h.l10n("ff-ask-order-name") in joined(sent)
    sent = await h.press(NavCb(action=Nav.CANCEL, step="full_name"))
    assert h.l10n("cancelled") in joined(sent)
    sent = await h.send("Odil")  # no conversation any more: the fallback answers
    assert h.l10n("ff-ask-order-phone") not in joined(sent)


async def test_an_order_draft_on_disk_holds_no_name_or_phone_in_plain_text(
    services: Services, wms_fake: WmsFake
) -> None:
    h = await harness(services, wms_fake, "en")
    await connect(h)
    await h.press(FfCb(action="new_order"))
    await h.send("Odil Ahmedov")
    sent = await h.send("+998901234567")
    assert PickCb(step="city", value="r6").pack() in datas(sent), joined(sent)
    await h.storage.flush()
    async with services.session_factory() as session:
        rows = (await session.execute(select(FsmRecord.key, FsmRecord.data, FsmRecord.data_enc))).all()
    drafts = [row for row in rows if row.data_enc is not None or row.data]
    assert drafts, "the conversation left no row"
    for row in drafts:
        assert row.data is None  # never the plain JSON column
        assert "Odil" not in row.data_enc and "998901234567" not in row.data_enc
    assert any("998901234567" in services.box.decrypt(row.data_enc) for row in drafts)


async def test_lost_create_answer_is_told_and_never_resent(services: Services, wms_fake: WmsFake) -> None:
    account = wms_fake.account(WMS_INN)
    product = wms_fake.add_product(account)["id"]
    h = await harness(services, wms_fake, "uz")
    await connect(h)
    await h.press(FfCb(action="new_order"))
    await h.send("Odil Ahmedov")
    sent = await h.send("+998901234567")
    await h.send("Samarqand")
    await h.press(PickCb(step="city", value="c75").pack())
    await h.send("Bobur ko'chasi, 5")
    await h.press(NavCb(action=Nav.SKIP, step="zip"))
    await h.press(PickCb(step="scheduled_at", value="2-10"))
    await h.press(PickCb(step="item_product", value=str(product)))
    await h.send("1")
    await h.send("10000")
    await h.press(NavCb(action=Nav.SKIP, step="item_discount"))
    await h.press(PickCb(step="item_more", value="done"))
    wms_fake.faults.add("v1/order/create", Fault(drop=True, after=True))
    sent = await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert h.l10n("ff-order-unsure") in joined(sent)
    await h.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert wms_fake.count("v1/order/create") == 1


def test_every_changeable_step_has_a_short_label() -> None:
    translator = Translator()
    for lang in LANGUAGES:
        known = translator.message_ids(lang)
        for flow in FLOWS.values():
            for step in flow.steps:
                assert step.question in known, (lang, step.question)
                if step.changeable:
                    assert f"{step.question}-short" in known, (lang, step.question)
