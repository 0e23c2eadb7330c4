"""The WMS fake answers, route by route, with exactly the keys of the seeds' examples."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fakes.wms import seed_examples as seed
from tests.fakes.wms.fixtures import WMS_INN, WMS_PASSWORD
from tests.fakes.wms.server import WmsFake


def shape(value: Any) -> Any:
    """Keys and nesting only: dicts keep their keys, lists their first element, values vanish."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


PURVEYOR_BODY = {
    "group": "g",
    "code": "c",
    "name": "n",
    "full_name": "f",
    "inn": "305000001",
    "contract_date": "2024-11-11",
}
PRODUCT_BODY = {
    "group": "g",
    "code": "c",
    "name": "n",
    "full_name": "f",
    "gtin": "478",
    "article": "a",
    "nomenclature_type": "t",
    "shelf_life_stock": 0,
    "kis_code": "0",
    "is_set": 0,
    "weight": 1,
    "net_weight": 1,
    "volume": 1,
    "net_volume": 1,
    "specification": "s",
    "temperature_mode": "normal",
    "base_packaging": "dona",
    "unit": "dona",
}
RECEIVING_BODY = {
    "number": "1",
    "date": "2024-11-11",
    "counterparty": "c",
    "nomenclature": "n",
    "quantity": 1,
    "price": 1,
    "total_amount": 1,
}
ORDER_BODY = {
    "order_id": 1220011,
    "scheduled_at": "2024-10-03T14:00:00Z",
    "full_name": "Jon Done",
    "phone": "+998900000000",
    "address": "123 Main Street",
    "region": "Toshkent",
    "country": "Uzbekistan",
    "city": "Toshkent shahar",
    "zip": "100200",
    "order_items": [
        {
            "client_product_id": 1,
            "client_product_variation_id": 1,
            "quantity": 1,
            "price": 5000,
            "discount": 100,
            "final_price": 4900,
        }
    ],
}


async def _token(http: httpx.AsyncClient, fake: WmsFake) -> dict[str, str]:
    answer = await http.post(f"{fake.url}/v1/auth/login", json={"login": WMS_INN, "password": WMS_PASSWORD})
    assert shape(answer.json()) == shape(seed.LOGIN)
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.mark.parametrize(
    ("kind", "body", "created", "listed", "acknowledged"),
    [
        ("purveyor", PURVEYOR_BODY, seed.PURVEYOR_CREATE, seed.PURVEYOR_LIST, seed.PURVEYOR_STATUS),
        ("product", PRODUCT_BODY, seed.PRODUCT_CREATE, seed.PRODUCT_LIST, seed.PRODUCT_STATUS),
        (
            "receiving-goods",
            RECEIVING_BODY,
            seed.RECEIVING_CREATE,
            seed.RECEIVING_LIST,
            seed.RECEIVING_STATUS,
        ),
    ],
)
async def test_create_list_and_status_answer_the_seed_keys(
    wms_fake: WmsFake,
    kind: str,
    body: dict[str, Any],
    created: dict[str, Any],
    listed: dict[str, Any],
    acknowledged: dict[str, Any],
) -> None:
    async with httpx.AsyncClient() as http:
        auth = await _token(http, wms_fake)
        answer = await http.post(f"{wms_fake.url}/v1/{kind}/create", json=body, headers=auth)
        assert answer.status_code == 200
        assert shape(answer.json()) == shape(created)
        record_id = answer.json()["data"]["id"]

        answer = await http.get(f"{wms_fake.url}/v1/{kind}/clients", headers=auth)
        assert shape(answer.json()) == shape(listed)

        answer = await http.post(
            f"{wms_fake.url}/v1/{kind}/client-status",
            json={"status": [{"id": record_id, "status": "ok"}]},
            headers=auth,
        )
        assert answer.json() == acknowledged


async def test_order_create_and_view_answer_the_seed_keys(wms_fake: WmsFake) -> None:
    async with httpx.AsyncClient() as http:
        auth = await _token(http, wms_fake)
        answer = await http.post(f"{wms_fake.url}/v1/order/create", json=ORDER_BODY, headers=auth)
        assert shape(answer.json()) == shape(seed.ORDER_CREATE)
        href = answer.json()["data"]["_links"]["self"]["href"]
        view = await http.get(href, headers=auth)
        assert shape(view.json()["data"]) == shape(seed.ORDER_CREATE["data"])


async def test_errors_have_the_documented_shapes(wms_fake: WmsFake) -> None:
    async with httpx.AsyncClient() as http:
        refused = await http.get(f"{wms_fake.url}/v1/product/clients")
        assert refused.status_code == 401
        assert set(refused.json()) == {"name", "message", "code", "status", "type"}
        auth = await _token(http, wms_fake)
        invalid = await http.post(f"{wms_fake.url}/v1/product/create", json={}, headers=auth)
        assert invalid.status_code == 400
        assert set(invalid.json()) == {"errors"}
        assert "gtin" in invalid.json()["errors"]
        missing = await http.get(f"{wms_fake.url}/v1/order/view?id=999", headers=auth)
        assert missing.status_code == 404
        assert missing.json() == {"status": False, "message": "Buyurtma topilmadi.", "status_code": 404}


async def test_yii_next_link_only_as_an_option(wms_fake: WmsFake) -> None:
    account = wms_fake.account(WMS_INN)
    wms_fake.add_products(account, 3)
    async with httpx.AsyncClient() as http:
        auth = await _token(http, wms_fake)
        plain = await http.get(f"{wms_fake.url}/v1/product/clients?per-page=1", headers=auth)
        assert set(plain.json()["data"]["_links"]) == {"self", "first", "last"}
        wms_fake.links_next = True
        rich = await http.get(f"{wms_fake.url}/v1/product/clients?per-page=1", headers=auth)
        assert rich.json()["data"]["_links"]["next"] == "/v1/product/clients?page=2&per-page=1"
