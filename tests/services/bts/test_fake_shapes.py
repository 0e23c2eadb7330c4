"""The BTS fake answers, by default, exactly the fields the seeds show for each route.

``SHAPES`` is the answer of every route as seed 000 / 001 prints it (keys only; a dict's value is
the shape of a nested object, a one-element list the shape of each item). One test checks the
transcription against the seed files themselves (every key is printed in the route's section);
one test per route compares the keys of the fake's answer with it, both ways: nothing invented,
nothing left out. The richer shape stays behind ``BtsFake(rich=True)``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.bts import BtsClient, BtsCredentials
from services.bts.models import (
    CalculateRequest,
    InternationalProduct,
    ManifestCreate,
    MxikGoodCreate,
    NestedCargo,
    NestedPostType,
)
from tests.fakes.bts.server import BtsFake
from tests.services.bts.helpers import nested_edit, order_create, order_edit, parcel

# ``../shared/seeds`` beside the checkout (README); a worktree looks further up.
SEEDS = next(
    (
        p / "shared" / "seeds"
        for p in Path(__file__).resolve().parents[3:]
        if (p / "shared" / "seeds").is_dir()
    ),
    Path(__file__).resolve().parents[4] / "shared" / "seeds",
)
SEED_000 = SEEDS / "000_1c1b0e4d23106b8a.txt"
SEED_001 = SEEDS / "001_ad56e6adfb6b3db7.txt"

Shape = dict[str, Any]

REF = {"id": None, "name": None}
# Seed 001, "Buyurtma yaratish" (order/add) and "Buyurtmani taxrirlash" (flat order/edit).
ORDER_ADD: Shape = {
    "orderId": None,
    "customer": REF,
    "status": {"id": None, "info": None},
    "senderRegion": REF,
    "senderCity": {"id": None, "name": None, "regionId": None},
    "senderBranch": {"id": None, "name": None, "regionId": None},
    "senderDelivery": None,
    "senderAddress": None,
    "senderReal": None,
    "senderPhone": None,
    "receiver": None,
    "receiverRegion": REF,
    "receiverCity": REF,
    "receiverBranch": {"id": None, "name": None, "regionId": None},
    "receiverDelivery": None,
    "receiverAddress": None,
    "receiverPhone": None,
    "receiverPhone1": None,
    "package": REF,
    "postType": REF,
    "cost": None,
    "weight": None,
    "piece": None,
    "clientId": None,
    "volume": None,
    "takePhoto": None,
    "senderSign": None,
    "receiverSign": None,
    "senderDate": None,
    "receiverDate": None,
    "barcode": None,
    "labelEncode": None,
}
# Seed 001, "Buyurtma ma'lumotlari" (order/detail): no senderReal, no clientId, plus urgent.
ORDER_DETAIL: Shape = {k: v for k, v in ORDER_ADD.items() if k not in ("senderReal", "clientId")} | {
    "urgent": None
}
BRANCH: Shape = {
    "id": None,
    "name": None,
    "regionId": None,
    "cityId": None,
    "address": None,
    "lat_long": None,
    "phone": None,
    "video_link": None,
    "working_hours": {str(day): None for day in range(1, 8)},
}
MXIK: Shape = {"id": None, "spic": None, "name": None, "units": None, "goodPrice": None}
PRODUCT = {
    "ProductDescription": None,
    "ProductDescriptionRu": None,
    "ProductQuantity": None,
    "ProductWeight": None,
    "ProductDeclareValue": None,
    "ProductUrl": None,
    "ProductUnit": None,
    "HsCodeIs": None,
    "ProductModel": None,
    "ProductImei": None,
}
PARCEL: Shape = {
    "ParcelNumber": None,
    "ReceiverPhone": None,
    "ReceiverPhone1": None,
    "ReceiverPatronymic": None,
    "ReceiverSurname": None,
    "ReceiverFirstName": None,
    "ReceiverPassposrtSerial": None,
    "ReceiverPassposrtNumber": None,
    "ReceiverPinfl": None,
    "ReceiverAddress": None,
    "ReceiverCustomsAgree": None,
    "ParcelWeight": None,
    "ParcelValue": None,
    "ParcelDeclareCurrency": None,
    "ReceiverDelivery": None,
    "branch": {"ReceiverBranchId": None, "name": None},
    "city": {"ReceiverCityId": None, "name": None},
    "products": [PRODUCT],
}
V1_PARTY = {
    "name": None,
    "phone": None,
    "address": None,
    "region": {"id": None, "name": None, "code": None},
    "city": {"id": None, "name": None, "code": None},
    "village": None,
    "branch": {"id": None, "name": None, "code": None},
    "latitude": None,
    "longitude": None,
}
# Seed 000, the v1 edit's answer (``data``).
ORDER_V1: Shape = {
    "orderId": None,
    "clientId": None,
    "wcs_code": None,
    "barcode": None,
    "customer": REF,
    "status": {"code": None, "info": None},
    "pickup_type": None,
    "dropoff_type": None,
    "sender": V1_PARTY,
    "receiver": V1_PARTY
    | {
        "phone1": None,
        "stickerData": {"hubName": None, "cityName": None, "branchName": None, "zonaId": None},
    },
    "cargo": {
        "weight": None,
        "volume": None,
        "piece": None,
        "package": REF,
        "postType": REF,
        "postTypes": [
            {
                "child_id": None,
                "barcode": None,
                "packageId": None,
                "weight": None,
                "name": None,
                "code": None,
                "count": None,
                "cost": None,
            }
        ],
        "options": {
            "with_unired": None,
            "urgent": None,
            "takePhoto": None,
            "bringBackWaybill": None,
            "bringBackMoney": None,
            "back_money": None,
        },
    },
    "cost": None,
    "senderDate": None,
    "receiverDate": None,
    "declarations": None,
    "goods": None,
    "inn": None,
    "ready_to_take": None,
    "tracking": None,
}

# route -> (seed file, the heading that starts its section in the seed, shape)
SHAPES: dict[str, tuple[Path, str, Any]] = {
    "v1/order/add": (SEED_001, "Buyurtma yaratish", ORDER_ADD),
    "v1/order/edit": (SEED_001, "Buyurtmani taxrirlash", ORDER_ADD),
    "v1/order/edit?orderId": (SEED_000, "RESPONSE", ORDER_V1),
    "v1/order/detail": (SEED_001, "Buyurtma ma'lumotlari", ORDER_DETAIL),
    "v1/order/cancel": (SEED_001, "Buyurtmani o'chirish", {"orderId": None, "status": REF}),
    "v1/order/calculate": (
        SEED_001,
        "Buyurtma kalkulyator",
        {
            "summaryPrice": None,
            "requestData": {
                "weight": None,
                "volume": None,
                "senderCityId": None,
                "receiverCityId": None,
                "senderDate": None,
                "senderDelivery": None,
                "receiverDelivery": None,
            },
        },
    ),
    "v1/order/track": (SEED_001, "Hozirgi holat", {"orderId": None, "status": REF}),
    "v1/order/history": (
        SEED_001,
        "GET /order/history",
        [{"message": None, "timestamp": None, "status_id": None, "location": None}],
    ),
    "v1/order/cancellation": (
        SEED_001,
        "Bekor qilish sabablari",
        [{"employee": None, "description": None, "date": None}],
    ),
    "mxik/create": (SEED_001, "Elektron kassa cheki uchun mahsulotni", MXIK),
    "mxik/list": (SEED_001, "Elektron kassa cheki uchun mahsulotlar", [MXIK]),
    "v1/international/add": (SEED_001, "Xalqaro Buyurtma", PARCEL),
    "v1/international/track-by-barcode": (
        SEED_001,
        "GET /international/track-by-barcode",
        {"barcode": None, "status": {"code": None, "message": None}},
    ),
    "v1/international/manifest": (SEED_001, "In the sorting center", {"success": None, "message": None}),
    "v1/directory/branches": (SEED_001, "GET /directory/branches&regionId", [BRANCH]),
    "v1/directory/branches-with-city": (SEED_001, "Filiallar (cityId)", [BRANCH]),
}


def keys_of(shape: Any, prefix: str = "") -> set[str]:
    """Every key path of a shape or an answer: ``{"a": {"b": 1}}`` → ``{"a", "a.b"}``."""
    out: set[str] = set()
    if isinstance(shape, dict):
        for key, value in shape.items():
            path = f"{prefix}{key}"
            out.add(path)
            out |= keys_of(value, f"{path}.")
    elif isinstance(shape, list) and shape:
        out |= keys_of(shape[0], f"{prefix}[].")
    return out


def leaf_names(shape: Any) -> set[str]:
    return {path.rsplit(".", 1)[-1] for path in keys_of(shape) if not path.endswith("[]")}


@pytest.mark.parametrize("route", list(SHAPES))
def test_the_shapes_are_the_seeds(route: str) -> None:
    """Each key of the transcription is printed in the route's section of its seed."""
    seed, heading, shape = SHAPES[route]
    if not seed.exists():
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    text = seed.read_text(encoding="utf-8")
    start = text.index(heading)
    section = text[start : start + 9000]
    missing = sorted(name for name in leaf_names(shape) if not re.search(rf'"{re.escape(name)}"', section))
    assert missing == [], f"{route}: not printed in {seed.name} after {heading!r}: {missing}"


class Recorder(httpx.AsyncBaseTransport):
    """Keeps the JSON answer of every request the client makes (the ``data`` of an envelope)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.answers: list[tuple[str, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        try:
            data = httpx.Response(200, content=body).json()
        except ValueError:
            data = None
        if isinstance(data, dict) and "data" in data and "status_code" in data:
            data = data["data"]
        self.answers.append((str(request.url), data))
        return httpx.Response(response.status_code, headers=response.headers, content=body)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def answers_of_every_route(
    bts_fake: BtsFake, make_bts_client: Any, bts_account: BtsCredentials
) -> dict[str, Any]:
    recorder = Recorder()
    client: BtsClient = make_bts_client(transport=recorder)
    got: dict[str, Any] = {}

    def last() -> Any:
        return recorder.answers[-1][1]

    good = await client.register_mxik_good(
        bts_account,
        MxikGoodCreate(spic="08517001001020045", name="Telefon", units="dona", good_price=Decimal(100000)),
    )
    got["mxik/create"] = last()
    await client.list_mxik_goods(bts_account)
    got["mxik/list"] = last()
    created = await client.create_order(bts_account, order_create(receiver_phone1="+998 90 1112233"))
    got["v1/order/add"] = last()
    await client.edit_order(bts_account, order_edit(created.order_id, receiver="Aziz"))
    got["v1/order/edit"] = last()
    cargo = NestedCargo(
        weight=Decimal(3),
        piece=2,
        package_id=4,
        post_type_id=26,
        post_types=[NestedPostType(name="Kitob", code="ZFD21AD", count=1, cost=Decimal(10000))],
    )
    await client.edit_order_nested(bts_account, created.order_id, nested_edit(cargo=cargo))
    got["v1/order/edit?orderId"] = last()
    await client.get_order(bts_account, created.order_id)
    got["v1/order/detail"] = last()
    await client.track_order(bts_account, created.order_id)
    got["v1/order/track"] = last()
    await client.order_history(bts_account, created.order_id)
    got["v1/order/history"] = last()
    await client.calculate(
        bts_account,
        CalculateRequest(
            sender_city_id=3, receiver_city_id=3, weight=Decimal(1), sender_date=created.sender_date
        ),
    )
    got["v1/order/calculate"] = last()
    await client.cancel_order(bts_account, created.order_id)
    got["v1/order/cancel"] = last()
    await client.cancellation_reasons(bts_account, created.order_id)
    got["v1/order/cancellation"] = last()
    added = await client.create_international_order(
        bts_account,
        parcel(
            receiver_patronymic="Jane",
            receiver_customs_agree=1,
            receiver_city_id=3,
            receiver_branch_id=93,
            receiver_delivery=0,
            products=[
                InternationalProduct(
                    description="Futbolka",
                    description_ru="Футболка",
                    quantity=Decimal(2),
                    weight=Decimal(4),
                    declare_value=Decimal(1),
                    url="https://shop.example/1",
                    unit="kg",
                    hs_code="6211390000",
                    product_model="2324345",
                    imei="2342342341245",
                )
            ],
        ),
    )
    got["v1/international/add"] = last()
    barcode = next(iter(bts_fake.parcels))
    await client.track_international(bts_account, barcode)
    got["v1/international/track-by-barcode"] = last()
    await client.send_manifest(
        bts_account,
        ManifestCreate(
            manifest_number="M-1",
            date=created.sender_date,
            parcel_number=added.parcel_number,
            parcels_count=1,
        ),
    )
    got["v1/international/manifest"] = last()
    await client.list_branches(bts_account)
    got["v1/directory/branches"] = last()
    await client.list_branches_with_city(bts_account)
    got["v1/directory/branches-with-city"] = last()
    assert good.id
    return got


async def test_every_route_answers_the_seeds_keys(
    bts_fake: BtsFake, make_bts_client: Any, bts_account: BtsCredentials
) -> None:
    got = await answers_of_every_route(bts_fake, make_bts_client, bts_account)
    assert set(got) == set(SHAPES)
    for route, (_, _, shape) in SHAPES.items():
        answer = got[route]
        if route == "v1/international/manifest" and isinstance(answer, dict):
            # the fake's envelope (seed 000's) around seed 001's bare manifest answer
            answer = {k: v for k, v in answer.items() if k not in ("status", "status_code")}
        assert keys_of(answer) == keys_of(shape), (
            f"{route}: invented {sorted(keys_of(answer) - keys_of(shape))}, "
            f"missing {sorted(keys_of(shape) - keys_of(answer))}"
        )


async def test_the_rich_fake_names_regions_and_cities(
    bts_fake: BtsFake, make_bts_client: Any, bts_account: BtsCredentials
) -> None:
    bts_fake.rich = True
    got = await answers_of_every_route(bts_fake, make_bts_client, bts_account)
    extra = keys_of(got["v1/directory/branches-with-city"]) - keys_of(
        SHAPES["v1/directory/branches-with-city"][2]
    )
    assert extra == {"[].city", "[].city.id", "[].city.name", "[].region", "[].region.id", "[].region.name"}


async def test_the_sandbox_runs_the_documented_shape() -> None:
    from tests.fakes.bts.server import start_demo

    fake = await start_demo()
    try:
        assert fake.rich is False
        async with httpx.AsyncClient() as http:
            token = (
                await http.post(
                    f"{fake.url}/index.php?r=v1/auth/get-token",
                    json={"username": "demo", "password": "demo123", "inn": "123456789"},
                )
            ).json()["data"]["token"]
            answer = await http.get(
                f"{fake.url}/index.php?r=v1/directory/branches-with-city",
                headers={"Authorization": f"Bearer {token}"},
            )
        assert keys_of(answer.json()["data"]) == keys_of([BRANCH])
    finally:
        await fake.stop()
