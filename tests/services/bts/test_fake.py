"""The BTS fake itself: raw HTTP shapes the client tests cannot produce, its data and its helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.fakes.bts.data import BRANCHES, CITIES, REGIONS, STATUS_PATH, price
from tests.fakes.bts.server import (
    DEMO_INN,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    UNAUTHORIZED_BODY,
    BtsFake,
    start_demo,
)

LOGIN_BODY = {"username": DEMO_USERNAME, "password": DEMO_PASSWORD, "inn": DEMO_INN}


@pytest.fixture
async def raw(bts_fake: BtsFake) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=bts_fake.url, timeout=2.0) as http:
        answer = await http.post("/index.php", params={"r": "v1/auth/get-token"}, json=LOGIN_BODY)
        http.headers["Authorization"] = f"Bearer {answer.json()['data']['token']}"
        yield http


async def test_missing_order_fields_answer_the_documented_shape(raw: httpx.AsyncClient) -> None:
    answer = await raw.post("/index.php", params={"r": "v1/order/add"}, json={"senderCityId": 198})
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert errors["senderPhone"] == ["«Telefon» ni to'ldirishingiz kerak."]
    assert errors["weight"] == ["«Kg» to'ldirilishi kerak."]
    assert errors["receiverCityId"] == ["«Qabul qilish shahri» ni to'ldirishingiz kerak."]
    assert "senderCityId" not in errors
    assert set(errors) == {
        "senderAddress",
        "senderReal",
        "senderPhone",
        "weight",
        "packageId",
        "postTypeId",
        "receiver",
        "receiverAddress",
        "receiverCityId",
        "receiverPhone",
    }


async def test_missing_calculator_and_manifest_fields(raw: httpx.AsyncClient) -> None:
    answer = await raw.post("/v1/order/calculate", json={"receiverCityId": 3, "weight": 1})
    assert answer.json() == {"errors": {"senderCityId": ["«Yuborish shahri» ni to'ldirishingiz kerak."]}}
    answer = await raw.post("/v1/international/manifest", json={"Date": "2024-01-01", "ParcelNumber": "x"})
    errors = answer.json()["errors"]
    assert errors["ManifestNumber"] == ["ManifestNumber cannot be blank.."]
    assert errors["ParcelsCount"] == ["ParcelsCount bo'sh bo'lishi mumkin emas.."]


async def test_missing_international_fields(raw: httpx.AsyncClient) -> None:
    answer = await raw.post(
        "/v1/international/add", json={"ParcelNumber": "1", "products": [{"ProductUnit": "kg"}]}
    )
    errors = answer.json()["errors"]
    assert errors["ReceiverPhone"] == ["«Telefon» ni to'ldirishingiz kerak."]
    assert errors["ParcelWeight"] == ["«Kg» to'ldirilishi kerak."]
    assert "products[0][HsCodeIs]" in errors and "products[0][ProductUnit]" not in errors


async def test_both_route_forms_reach_the_same_handler(bts_fake: BtsFake, raw: httpx.AsyncClient) -> None:
    for path, params in (
        ("/index.php", {"r": "v1/directory/branches", "regionId": "9"}),
        ("/", {"r": "directory/branches", "regionId": "9"}),
        ("/v1/directory/branches", {"regionId": "9"}),
    ):
        answer = await raw.get(path, params=params)
        assert answer.status_code == 200, path
        assert {b["regionId"] for b in answer.json()["data"]} == {9}
    assert bts_fake.count("v1/directory/branches") == 3


async def test_unknown_route_method_and_token(raw: httpx.AsyncClient) -> None:
    answer = await raw.get("/index.php", params={"r": "v1/order/nothing"})
    assert answer.status_code == 404 and answer.json()["type"] == "yii\\web\\NotFoundHttpException"
    answer = await raw.get("/v1/order/add")
    assert answer.status_code == 405
    answer = await raw.get("/v1/order/track", params={"id": "1"}, headers={"Authorization": "Bearer nope"})
    assert answer.status_code == 401 and answer.json() == UNAUTHORIZED_BODY
    answer = await raw.get("/v1/order/track")
    assert answer.status_code == 400 and answer.json() == {
        "errors": {"id": ["«Buyurtma ID» ni to'ldirishingiz kerak."]}
    }


async def test_invalid_inn_answer(bts_fake: BtsFake) -> None:
    async with httpx.AsyncClient(base_url=bts_fake.url) as http:
        answer = await http.post("/v1/auth/get-token", json={**LOGIN_BODY, "inn": "1"})
    assert answer.json() == {"status": False, "data": {"text": "Invalid INN"}}
    assert bts_fake.tokens == {}


async def test_expire_tokens(bts_fake: BtsFake, raw: httpx.AsyncClient) -> None:
    assert (await raw.get("/v1/directory/branches")).status_code == 200
    bts_fake.expire_tokens()
    assert (await raw.get("/v1/directory/branches")).status_code == 401


def test_branch_directory_covers_uzbekistan() -> None:
    assert len(REGIONS) == 14
    assert {"Toshkent shahri", "Qoraqalpog'iston Respublikasi"} <= {r.name for r in REGIONS.values()}
    per_region = Counter(CITIES[b.city_id].region_id for b in BRANCHES.values())
    assert len(BRANCHES) >= 40 and set(per_region) == set(REGIONS)
    assert all(len(b.hours) == 7 for b in BRANCHES.values())
    assert any(b.hours == ("27/7",) * 7 for b in BRANCHES.values())
    assert any(b.hours[6] == "" and b.hours[0] for b in BRANCHES.values())  # closed on Sunday
    for branch in BRANCHES.values():
        lat, lon = (float(x) for x in branch.lat_long.split(","))
        assert 37 < lat < 46 and 55 < lon < 74, branch.name  # inside Uzbekistan's bounding box
    assert len({b.code for b in BRANCHES.values()}) == len(BRANCHES)
    assert len({c.code for c in CITIES.values()}) == len(CITIES)


def test_price_rule() -> None:
    from decimal import Decimal

    assert price(3, 3, Decimal(1), 1, 1) == 10000
    assert price(3, 3, Decimal("1.01"), 0, 0) == 4000 + 1000  # weight is rounded up to whole kg
    assert price(3, 30, Decimal(1), 0, 0) == 8000  # Asaka → Andijon city: same region
    assert price(3, 198, Decimal(1), 2, 0) == 15000 + 6000


async def test_status_helpers(bts_fake: BtsFake) -> None:
    order = bts_fake.create_order(
        bts_fake.accounts[DEMO_USERNAME],
        {
            "senderCityId": 198,
            "senderAddress": "a",
            "senderReal": "b",
            "senderPhone": "+998991234567",
            "weight": "1",
            "packageId": 8,
            "postTypeId": 4,
            "receiver": "c",
            "receiverAddress": "d",
            "receiverCityId": 75,
            "receiverPhone": "+998901234567",
        },
    )
    walked = [bts_fake.advance(order.order_id) for _ in range(len(STATUS_PATH) - 1)]
    assert walked == list(STATUS_PATH[1:])
    assert [event.status_id for event in order.history] == list(STATUS_PATH)
    with pytest.raises(ValueError):
        bts_fake.set_status(order.order_id, 9)
    bts_fake.set_status(order.order_id, 7)
    assert order.history[-1].location == "SAMARQAND BTS"


async def test_standalone_demo_server() -> None:
    fake = await start_demo()
    try:
        assert sorted(o.status for o in fake.orders.values()) == [1, 4, 6]
        assert {g["id"] for g in fake.accounts[DEMO_USERNAME].mxik_goods.values()} == {71, 72}
        async with httpx.AsyncClient(base_url=fake.url) as http:
            answer = await http.post("/index.php?r=v1/auth/get-token", json=LOGIN_BODY)
            assert answer.status_code == 200
    finally:
        await fake.stop()
