"""WmsClient against the in-memory WMS fake: routes, tokens, pagination, errors, retries."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr

from services.common.errors import OutcomeUnknown, ValidationFailed
from services.common.http import NO_RETRY, RetryPolicy
from services.wms.client import WmsClient
from services.wms.errors import (
    WmsAuthError,
    WmsBadResponse,
    WmsForbidden,
    WmsNotFound,
    WmsOutcomeUnknown,
    WmsRateLimited,
    WmsUnavailable,
    WmsValidationError,
)
from services.wms.models import (
    ClientStatusRequest,
    FulfillmentOrderCreate,
    FulfillmentOrderItem,
    FulfillmentStatus,
    ProductCreate,
    PurveyorCreate,
    ReceivingGoodsCreate,
    WmsCredentials,
)
from tests.fakes.base import Fault
from tests.fakes.wms.fixtures import FAST_RETRY, WMS_INN, WMS_PASSWORD, WMS_PHONE
from tests.fakes.wms.server import WmsFake


def product(code: str = "SKU-1", **overrides: object) -> ProductCreate:
    fields: dict[str, object] = {
        "group": "Kiyim",
        "code": code,
        "name": "Futbolka",
        "full_name": "Futbolka oq, M",
        "gtin": "4780000000011",
        "article": "TS-M",
        "nomenclature_type": "tovar",
        "shelf_life_stock": Decimal(0),
        "kis_code": "0",
        "is_set": False,
        "weight": Decimal("0.250"),
        "net_weight": Decimal("0.2"),
        "volume": Decimal("0.001"),
        "net_volume": Decimal("0.001"),
        "specification": "paxta",
        "temperature_mode": "normal",
        "base_packaging": "dona",
        "unit": "dona",
    }
    fields.update(overrides)
    return ProductCreate.model_validate(fields)


def order(order_id: int = 1220011, phone: str = "+998 90 000 00 00") -> FulfillmentOrderCreate:
    return FulfillmentOrderCreate(
        order_id=order_id,
        scheduled_at=datetime(2024, 10, 3, 14, 0, tzinfo=UTC),
        full_name="Jon Done",
        phone=phone,
        address="123 Main Street",
        region="Toshkent",
        city="Toshkent shahar",
        zip="100200",
        order_items=[
            FulfillmentOrderItem(
                client_product_id=1,
                client_product_variation_id=1,
                quantity=2,
                price=Decimal(50000),
                discount=Decimal(5000),
                final_price=Decimal(95000),
            )
        ],
    )


# --- auth -------------------------------------------------------------------------------------


async def test_login_by_inn_and_by_phone(wms_fake: WmsFake, wms_client: WmsClient) -> None:
    await wms_client.login(WmsCredentials(login=WMS_INN, password=SecretStr(WMS_PASSWORD)))
    await wms_client.login(WmsCredentials(login="998 93 555 11 22", password=SecretStr(WMS_PASSWORD)))
    assert wms_fake.count("v1/auth/login") == 2
    assert len(wms_fake.access_tokens) == 2


async def test_wrong_password_is_auth_error_and_not_retried(wms_fake: WmsFake, wms_client: WmsClient) -> None:
    bad = WmsCredentials(login=WMS_INN, password=SecretStr("wrong"))
    with pytest.raises(WmsAuthError) as info:
        await wms_client.list_products(bad)
    assert info.value.status_code == 401
    assert "parol" in info.value.message
    assert wms_fake.count("v1/auth/login") == 1
    assert wms_fake.count("v1/product/clients") == 0


async def test_login_validation_answer_becomes_auth_error(wms_fake: WmsFake, wms_client: WmsClient) -> None:
    body = {"errors": {"password": ["Parol noto'g'ri."]}}
    wms_fake.faults.add("v1/auth/login", Fault(status=422, body=body))
    with pytest.raises(WmsAuthError) as info:
        await wms_client.login(WmsCredentials(login=WMS_INN, password=SecretStr(WMS_PASSWORD)))
    assert info.value.message == "Parol noto'g'ri."


async def test_token_is_cached_per_account(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    other = wms_fake.add_account("305000777", "other-pass")
    other_creds = WmsCredentials(login=other.inn, password=SecretStr("other-pass"))
    wms_fake.add_product(other)
    for _ in range(3):
        await wms_client.list_products(wms_account)
    page = await wms_client.list_products(other_creds)
    assert wms_fake.count("v1/auth/login") == 2
    assert [p.code for p in page.items] == ["SKU1"]
    assert (await wms_client.list_products(wms_account)).items == []


async def test_expired_access_token_uses_refresh_not_login(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    await wms_client.list_purveyors(wms_account)
    wms_fake.expire_access_tokens()
    await wms_client.list_purveyors(wms_account)
    assert wms_fake.count("v1/auth/login") == 1
    assert wms_fake.count("v1/auth/refresh") == 1
    assert wms_fake.count("v1/purveyor/clients") == 3  # ok, 401, repeated once


async def test_expired_refresh_token_falls_back_to_login(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    await wms_client.list_purveyors(wms_account)
    wms_fake.expire_access_tokens()
    wms_fake.expire_refresh_tokens()
    await wms_client.list_purveyors(wms_account)
    assert wms_fake.count("v1/auth/refresh") == 1
    assert wms_fake.count("v1/auth/login") == 2


async def test_concurrent_callers_share_one_refresh(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    account = wms_fake.account(WMS_INN)
    wms_fake.add_product(account)
    await wms_client.list_products(wms_account)
    wms_fake.expire_access_tokens()
    wms_fake.refresh_latency = 0.05  # every caller gets its 401 before the refresh answers
    pages = await asyncio.gather(*(wms_client.list_products(wms_account) for _ in range(8)))
    assert all(len(p.items) == 1 for p in pages)
    # One refresh for all eight; refresh tokens rotate, so a second refresh would have failed
    # and forced a login.
    assert wms_fake.count("v1/auth/refresh") == 1
    assert wms_fake.count("v1/auth/login") == 1


async def test_revoked_credentials_end_in_auth_error(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    await wms_client.list_purveyors(wms_account)
    wms_fake.account(WMS_INN).password = "changed"
    wms_fake.expire_access_tokens()
    wms_fake.expire_refresh_tokens()
    with pytest.raises(WmsAuthError):
        await wms_client.list_purveyors(wms_account)


async def test_persistent_401_is_repeated_once_only(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    await wms_client.list_purveyors(wms_account)
    body = {
        "name": "Unauthorized",
        "message": "Your request was made with invalid credentials.",
        "status": 401,
    }
    wms_fake.faults.add("v1/purveyor/clients", Fault(status=401, body=body), times=2)
    with pytest.raises(WmsAuthError) as info:
        await wms_client.list_purveyors(wms_account)
    assert info.value.message == "Your request was made with invalid credentials."
    assert wms_fake.count("v1/purveyor/clients") == 3  # first ok, then 401 + one repeat


# --- purveyors --------------------------------------------------------------------------------


async def test_create_purveyor(wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials) -> None:
    created = await wms_client.create_purveyor(
        wms_account,
        PurveyorCreate(
            group="Asosiy",
            code="PV-1",
            name="Ipak yo'li",
            full_name="Ipak yo'li MChJ",
            inn="305111222",
            stock_percentage=Decimal("20"),
            legal_entity=True,
            is_supplier=True,
            contract_date=date(2024, 11, 11),
        ),
    )
    assert created.id > 0
    assert created.code == "PV-1"
    assert created.tax_info is not None and created.tax_info.inn == "305111222"
    assert created.entity_type is not None and created.entity_type.stock_percentage == Decimal("20.00")
    assert created.contract_bank_detail is not None
    assert created.contract_bank_detail.contract_date == date(2024, 11, 11)
    stored = wms_fake.account(WMS_INN).purveyors[created.id]
    assert stored["name"] == "Ipak yo'li"


async def test_purveyor_validation_errors_map_fields(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    payload = PurveyorCreate(group="g", code="DUP", name="n", full_name="f")
    await wms_client.create_purveyor(wms_account, payload)
    with pytest.raises(WmsValidationError) as info:
        await wms_client.create_purveyor(wms_account, payload)
    assert isinstance(info.value, ValidationFailed)
    assert info.value.status_code == 400
    assert list(info.value.field_errors) == ["code"]
    assert "band" in info.value.field_errors["code"][0]


async def test_list_iterate_and_acknowledge_purveyors(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    account = wms_fake.account(WMS_INN)
    ids = [wms_fake.add_purveyor(account, code=f"C{n}")["id"] for n in range(7)]

    page = await wms_client.list_purveyors(wms_account, per_page=3)
    assert [p.id for p in page.items] == ids[:3]
    assert (page.meta.total_count, page.meta.page_count, page.meta.current_page, page.meta.per_page) == (
        7,
        3,
        1,
        3,
    )
    assert page.links.next is None  # the seed shows self, first and last only
    assert page.links.last == "/v1/purveyor/clients?page=3&per-page=3"
    assert page.has_next  # from _meta

    seen = [p.id async for p in wms_client.iter_purveyors(wms_account, per_page=3)]
    assert seen == ids
    assert wms_fake.count("v1/purveyor/clients") == 1 + 3

    message = await wms_client.acknowledge_purveyors(wms_account, ids[:5])
    assert message == "supplier-buyers successfully updated to delivered status"
    rest = await wms_client.list_purveyors(wms_account)
    assert [p.id for p in rest.items] == ids[5:]
    assert not rest.has_next


async def test_iterating_an_empty_list_makes_one_request(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    assert [p async for p in wms_client.iter_purveyors(wms_account)] == []
    assert wms_fake.count("v1/purveyor/clients") == 1


# --- products ---------------------------------------------------------------------------------


async def test_create_product_sends_numbers_and_reads_decimals(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    created = await wms_client.create_product(
        wms_account, product(weight=Decimal("1.5"), volume=Decimal("2"))
    )
    assert created.technical is not None
    assert created.technical.weight == Decimal("1.500")
    assert isinstance(created.technical.weight, Decimal)
    assert created.technical.volume == Decimal("2.000")
    assert created.packaging is not None and created.packaging.base_packaging == "dona"
    assert created.shelf_life is not None and created.shelf_life.temperature_mode == "normal"
    assert created.supplier_buyer_id == wms_fake.account(WMS_INN).id


def test_product_numbers_go_out_as_int_when_whole() -> None:
    body = product(weight=Decimal("1.5"), volume=Decimal("2.000")).to_json()
    assert body["weight"] == "1.5"
    assert body["volume"] == 2
    assert body["is_set"] is False
    assert "comment" not in body  # unset optional fields are not sent


async def test_list_and_acknowledge_products(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    a = await wms_client.create_product(wms_account, product("A"))
    b = await wms_client.create_product(wms_account, product("B"))
    assert [p.id async for p in wms_client.iter_products(wms_account, per_page=1)] == [a.id, b.id]
    await wms_client.acknowledge_products(wms_account, [a.id])
    assert [p.code for p in (await wms_client.list_products(wms_account)).items] == ["B"]


def test_acknowledge_needs_ids() -> None:
    with pytest.raises(ValueError):
        ClientStatusRequest.ok([])


# --- receiving goods --------------------------------------------------------------------------


async def test_receiving_goods_create_list_acknowledge(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    created = await wms_client.create_receiving_goods(
        wms_account,
        ReceivingGoodsCreate(
            number="77",
            date=date(2024, 11, 11),
            counterparty="Ipak yo'li MChJ",
            nomenclature="Futbolka",
            quantity=20,
            price=Decimal("200.00"),
            total_amount=Decimal("4000.00"),
            vat_rate=Decimal("12"),
            accept_by_places=True,
        ),
    )
    assert created.number == "77"
    assert created.price == Decimal("200.00")
    assert created.total_amount == Decimal("4000.00")
    assert created.supplier_detail is not None and created.supplier_detail.vat_rate == Decimal("12.00")
    assert created.date == date(2024, 11, 11)

    items = [r async for r in wms_client.iter_receiving_goods(wms_account)]
    assert [r.id for r in items] == [created.id]
    message = await wms_client.acknowledge_receiving_goods(wms_account, [created.id])
    assert "delivered" in message
    assert (await wms_client.list_receiving_goods(wms_account)).meta.total_count == 0


# --- fulfillment orders -----------------------------------------------------------------------


async def test_create_fulfillment_order_and_view_it(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    created = await wms_client.create_fulfillment_order(wms_account, order())
    assert created.order_id == 1220011
    assert created.status is FulfillmentStatus.SCHEDULED
    assert created.address is not None and created.address.phone == "+998900000000"
    assert created.items[0].quantity == 2
    assert created.items[0].price == Decimal(50000)
    assert created.links is not None and created.links.self_ is not None
    assert created.links.self_.href is not None and created.links.self_.href.endswith(f"?id={created.id}")

    sent = wms_fake.account(WMS_INN).orders[created.id]
    assert sent["orderAddress"]["phone"] == "+998900000000"  # normalised before sending

    again = await wms_client.get_fulfillment_order(wms_account, created.id)
    assert again.id == created.id and again.order_id == created.order_id


def test_fulfillment_order_rejects_a_bad_phone() -> None:
    with pytest.raises(ValueError):
        order(phone="12")


async def test_duplicate_fulfillment_order_is_validation_error(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    await wms_client.create_fulfillment_order(wms_account, order(5))
    with pytest.raises(WmsValidationError) as info:
        await wms_client.create_fulfillment_order(wms_account, order(5))
    assert "order_id" in info.value.field_errors


async def test_unknown_order_is_not_found(wms_client: WmsClient, wms_account: WmsCredentials) -> None:
    with pytest.raises(WmsNotFound) as info:
        await wms_client.get_fulfillment_order(wms_account, 999_999)
    assert info.value.status_code == 404
    assert info.value.message == "Buyurtma topilmadi."


async def test_forbidden_shape(wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials) -> None:
    body = {"status": False, "message": "Ruxsat yo'q", "status_code": 403}
    wms_fake.faults.add("v1/product/clients", Fault(status=403, body=body))
    with pytest.raises(WmsForbidden) as info:
        await wms_client.list_products(wms_account)
    assert info.value.message == "Ruxsat yo'q"
    assert wms_fake.count("v1/product/clients") == 1


# --- retries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_reads_are_retried_on_5xx(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials, status: int
) -> None:
    wms_fake.faults.add("v1/product/clients", Fault(status=status), times=2)
    page = await wms_client.list_products(wms_account)
    assert page.items == []
    assert wms_fake.count("v1/product/clients") == 3


async def test_reads_give_up_after_the_policy(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    wms_fake.faults.add("v1/product/clients", Fault(status=503), times=None)
    with pytest.raises(WmsUnavailable):
        await wms_client.list_products(wms_account)
    assert wms_fake.count("v1/product/clients") == FAST_RETRY.attempts


async def test_429_carries_retry_after_and_is_retried(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    async with httpx.AsyncClient() as http:
        once = WmsClient(http, wms_fake.url, retry=NO_RETRY)
        wms_fake.faults.add("v1/product/clients", Fault(status=429, retry_after=7.0))
        with pytest.raises(WmsRateLimited) as info:
            await once.list_products(wms_account)
        assert info.value.retry_after == 7

    wms_fake.faults.add("v1/product/clients", Fault(status=429, retry_after=7.0))
    await wms_client.list_products(wms_account)  # waits min(7, max_retry_after) then succeeds
    assert wms_fake.count("v1/product/clients") == 3


async def test_read_timeout_and_dropped_connection_are_retried(
    wms_fake: WmsFake, wms_account: WmsCredentials
) -> None:
    async with httpx.AsyncClient() as http:
        client = WmsClient(http, wms_fake.url, retry=FAST_RETRY, timeout=0.1)
        await client.login(wms_account)
        wms_fake.faults.add("v1/product/clients", Fault(latency=0.3))
        wms_fake.faults.add("v1/product/clients", Fault(drop=True))
        page = await client.list_products(wms_account)
    assert page.items == []
    assert wms_fake.count("v1/product/clients") == 3


async def test_malformed_json_is_bad_response(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    wms_fake.faults.add("v1/product/clients", Fault(malformed=True))
    with pytest.raises(WmsBadResponse):
        await wms_client.list_products(wms_account)


async def test_create_is_retried_on_503_and_429_only_once_created(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    wms_fake.faults.add("v1/product/create", Fault(status=503, retry_after=1.0))
    wms_fake.faults.add("v1/product/create", Fault(status=429))
    created = await wms_client.create_product(wms_account, product())
    assert wms_fake.count("v1/product/create") == 3
    assert list(wms_fake.account(WMS_INN).products) == [created.id]


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_create_on_500_is_outcome_unknown_and_not_resent(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials, status: int
) -> None:
    wms_fake.faults.add("v1/order/create", Fault(status=status, after=True))
    with pytest.raises(WmsOutcomeUnknown) as info:
        await wms_client.create_fulfillment_order(wms_account, order())
    assert isinstance(info.value, OutcomeUnknown)
    assert wms_fake.count("v1/order/create") == 1
    assert len(wms_fake.account(WMS_INN).orders) == 1  # it was processed: a re-send would duplicate


async def test_create_with_lost_answer_is_outcome_unknown(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    wms_fake.faults.add("v1/order/create", Fault(drop=True, after=True))
    with pytest.raises(WmsOutcomeUnknown):
        await wms_client.create_fulfillment_order(wms_account, order())
    assert wms_fake.count("v1/order/create") == 1
    assert len(wms_fake.account(WMS_INN).orders) == 1


async def test_create_timing_out_after_sending_is_outcome_unknown(
    wms_fake: WmsFake, wms_account: WmsCredentials
) -> None:
    async with httpx.AsyncClient() as http:
        client = WmsClient(http, wms_fake.url, retry=FAST_RETRY, timeout=0.1)
        await client.login(wms_account)
        wms_fake.faults.add("v1/purveyor/create", Fault(latency=0.3))
        with pytest.raises(WmsOutcomeUnknown):
            await client.create_purveyor(
                wms_account, PurveyorCreate(group="g", code="c", name="n", full_name="f")
            )
    assert wms_fake.count("v1/purveyor/create") == 1


async def test_unreachable_server_is_unavailable_even_for_a_create(wms_account: WmsCredentials) -> None:
    probe = WmsFake()
    await probe.start()
    url = probe.url
    await probe.stop()  # nothing listens on this port any more
    async with httpx.AsyncClient() as http:
        client = WmsClient(http, url, retry=RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.002))
        with pytest.raises(WmsUnavailable):
            await client.create_purveyor(
                wms_account, PurveyorCreate(group="g", code="c", name="n", full_name="f")
            )


async def test_phone_login_works_for_api_calls(wms_fake: WmsFake, wms_client: WmsClient) -> None:
    creds = WmsCredentials(login=WMS_PHONE, password=SecretStr(WMS_PASSWORD))
    created = await wms_client.create_purveyor(
        creds, PurveyorCreate(group="g", code="c", name="n", full_name="f")
    )
    assert created.id in wms_fake.account(WMS_INN).purveyors


async def test_forget_drops_the_cached_token(
    wms_fake: WmsFake, wms_client: WmsClient, wms_account: WmsCredentials
) -> None:
    await wms_client.list_products(wms_account)
    wms_client.forget(wms_account)
    await wms_client.list_products(wms_account)
    assert wms_fake.count("v1/auth/login") == 2


async def test_demo_fake_starts_with_data() -> None:
    from tests.fakes.wms.server import DEMO_PASSWORD, DEMO_PHONE, start_demo_wms

    fake = await start_demo_wms()
    try:
        async with httpx.AsyncClient() as http:
            client = WmsClient(http, fake.url, retry=FAST_RETRY)
            creds = WmsCredentials(login=DEMO_PHONE, password=SecretStr(DEMO_PASSWORD))
            products = [p async for p in client.iter_products(creds)]
            purveyors = await client.list_purveyors(creds)
    finally:
        await fake.stop()
    assert len(products) == 3
    assert all(p.technical is not None and p.technical.weight == Decimal("0.500") for p in products)
    assert purveyors.items[0].name == "Demo ta'minotchi"
