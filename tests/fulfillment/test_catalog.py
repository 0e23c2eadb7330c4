"""Accounts, products, purveyors and receivings of the fulfillment domain."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from services.fulfillment.accounts import InvalidWmsLogin, normalize_login
from services.fulfillment.catalog import ProductDraft, PurveyorDraft, ReceivingDraft, product_request
from services.fulfillment.errors import WmsNotConnected
from services.fulfillment.status import ReceivingState, fulfillment_status, status_is_final
from services.wms.errors import WmsAuthError, WmsValidationError
from storage.models import WmsAccount
from tests.fakes.wms.fixtures import WMS_INN, WMS_PASSWORD, WMS_PHONE
from tests.fulfillment.conftest import SELLER, Fulfillment

T0 = datetime(2024, 7, 1, 5, 0, tzinfo=UTC)


def test_login_is_an_inn_or_a_phone() -> None:
    assert normalize_login(" 305999111 ") == "305999111"
    assert normalize_login("+998 93 555 11 22") == "+998935551122"
    assert normalize_login("93 555 11 22") == "+998935551122"
    for bad in ("abc", "12345", "3059991112222", ""):
        with pytest.raises(InvalidWmsLogin):
            normalize_login(bad)


def test_status_table() -> None:
    assert [fulfillment_status(c).key for c in range(1, 8)] == [f"ff-status-{c}" for c in range(1, 8)]
    assert [c for c in range(1, 8) if status_is_final(c)] == [4, 6]
    assert fulfillment_status(42).key == "ff-status-unknown" and not status_is_final(42)


async def test_connect_checks_stores_encrypted_and_replaces(ff: Fulfillment) -> None:
    with pytest.raises(WmsAuthError):
        await ff.accounts.connect(SELLER, WMS_INN, "wrong")
    assert await ff.accounts.find(SELLER) is None
    account = await ff.accounts.connect(SELLER, WMS_PHONE, WMS_PASSWORD)
    assert account.login == WMS_PHONE
    async with ff.session_factory() as session:
        row = (await session.scalars(select(WmsAccount))).one()
    assert WMS_PASSWORD not in row.password_enc and row.access_token_enc is not None
    await ff.accounts.connect(SELLER, WMS_INN, WMS_PASSWORD)
    found = await ff.accounts.find(SELLER)
    assert found is not None and found.login == WMS_INN
    assert await ff.accounts.disconnect(SELLER)
    with pytest.raises(WmsNotConnected):
        await ff.accounts.require(SELLER)


async def test_stored_tokens_survive_a_restart(ff: Fulfillment) -> None:
    await ff.connect()
    logins = ff.fake.count("v1/auth/login")
    account = await ff.accounts.find(SELLER)
    assert account is not None
    ff.client.forget(account.credentials)  # a new process: empty cache
    account = await ff.accounts.find(SELLER)  # restores the stored tokens
    assert account is not None
    await ff.client.list_products(account.credentials)
    assert ff.fake.count("v1/auth/login") == logins


async def test_products_search_by_name_code_and_barcode(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    ff.fake.add_product(wms, name="Futbolka oq", code="TS-1", gtin="4780000000011")
    ff.fake.add_product(wms, name="Shim qora", code="PN-2", gtin="4780000000028")
    await ff.sync.sync_once(T0)
    assert [p.name for p in (await ff.catalog.products(SELLER)).items] == ["Futbolka oq", "Shim qora"]
    assert [p.code for p in (await ff.catalog.products(SELLER, "futbolka")).items] == ["TS-1"]
    assert [p.code for p in (await ff.catalog.products(SELLER, "pn-2")).items] == ["PN-2"]
    assert [p.code for p in (await ff.catalog.products(SELLER, "0000000028")).items] == ["PN-2"]
    page = await ff.catalog.products(SELLER, limit=1)
    assert page.total == 2 and page.has_more


async def test_register_product_is_listed_before_the_sync(ff: Fulfillment) -> None:
    await ff.connect()
    draft = ProductDraft(
        name="Krossovka", code="SH-42", gtin="4780000000042", unit="dona", weight=Decimal("0.8"), volume=None
    )
    created = await ff.catalog.register_product(SELLER, draft)
    card = await ff.catalog.product(SELLER, created.id)
    assert card is not None and card.technical is not None and card.technical.weight == Decimal("0.800")
    await ff.sync.sync_once(T0)  # the clients list hands it over again: still one
    assert (await ff.catalog.products(SELLER)).total == 1
    with pytest.raises(WmsValidationError) as info:
        await ff.catalog.register_product(SELLER, draft)  # the same code again
    assert "code" in info.value.field_errors
    assert product_request(draft).net_weight == Decimal("0.8")


async def test_purveyor_register_and_card(ff: Fulfillment) -> None:
    await ff.connect()
    created = await ff.catalog.register_purveyor(
        SELLER, PurveyorDraft(name="Ipak yo'li", code="IY", inn="305111222", contact_info="+998901112233")
    )
    card = await ff.catalog.purveyor(SELLER, created.id)
    assert card is not None and card.tax_info is not None and card.tax_info.inn == "305111222"
    assert [p.name for p in (await ff.catalog.purveyors(SELLER, "305111")).items] == ["Ipak yo'li"]


async def test_receiving_announced_then_recorded_by_the_sync(ff: Fulfillment) -> None:
    await ff.connect()
    draft = ReceivingDraft(
        number="77",
        date=date(2024, 11, 11),
        counterparty="Ipak yo'li",
        nomenclature="Futbolka",
        quantity=20,
        price=Decimal(20000),
        vat_rate=Decimal(12),
    )
    assert draft.total == Decimal("400000.00") and draft.vat_amount == Decimal("42857.14")
    created = await ff.catalog.create_receiving(SELLER, draft)
    assert created.state is ReceivingState.ANNOUNCED
    await ff.sync.sync_once(T0)
    listed = (await ff.catalog.receivings(SELLER)).items
    assert [(r.wms_id, r.state) for r in listed] == [(created.wms_id, ReceivingState.RECORDED)]
    assert listed[0].goods.total_amount == Decimal("400000.00")
