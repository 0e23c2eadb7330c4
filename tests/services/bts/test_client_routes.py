"""Every BTS route, happy path, against the fake, in both route styles."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.bts import BtsClient, BtsCredentials
from services.bts.models import CalculateRequest, ManifestCreate, MxikGoodCreate, OrderGood, OrderOption
from services.settings import RouteStyle
from tests.fakes.bts.data import BRANCHES, CITIES, REGIONS
from tests.fakes.bts.server import BtsFake
from tests.services.bts.helpers import SAMARQAND, STYLES, nested_edit, order_create, order_edit, parcel

pytestmark = pytest.mark.parametrize("bts_route_style", STYLES, indirect=True, ids=lambda s: s.value)


async def test_route_form_reaches_the_fake(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, bts_route_style: RouteStyle
) -> None:
    await bts_client.list_branches(bts_account, region_id=6)
    if bts_route_style is RouteStyle.QUERY:
        assert bts_fake.paths == [
            "/index.php?r=v1/auth/get-token",
            "/index.php?r=v1/directory/branches&regionId=6",
        ]
    else:
        assert bts_fake.paths == ["/v1/auth/get-token", "/v1/directory/branches?regionId=6"]


async def test_token_is_obtained_lazily_once_and_reused(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    assert await bts_client.cached_token(bts_account) is None
    assert bts_fake.count("v1/auth/get-token") == 0
    await bts_client.list_mxik_goods(bts_account)
    await bts_client.list_mxik_goods(bts_account)
    assert bts_fake.count("v1/auth/get-token") == 1
    assert await bts_client.cached_token(bts_account) == bts_fake.issued_tokens[0]


async def test_login_returns_and_caches_a_fresh_token(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    token = await bts_client.login(bts_account)
    assert token == bts_fake.issued_tokens[-1]
    assert await bts_client.cached_token(bts_account) == token
    assert await bts_client.get_token(bts_account) != token  # get_token always asks BTS


async def test_create_order(bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials) -> None:
    order = await bts_client.create_order(bts_account, order_create(client_id="shop-42"))

    stored = bts_fake.order(order.order_id)
    assert order.barcode == stored.barcode
    assert order.barcode is not None and len(order.barcode) == 11 and order.barcode.isdigit()
    # Tashkent city → Samarqand: other region, 2.5 kg, courier at both ends (data.price):
    # 15000 + 2 extra kg * 2500 + 3000 + 3000.
    assert order.cost == Decimal(26000)
    assert order.weight == Decimal("2.5")
    assert order.status_id == 1
    assert order.status_text == "Yuboruvchida"
    assert order.client_id == "shop-42"
    # The fake prints phones as "+998 99 1234567"; we read them back as E.164.
    assert order.sender_phone == "+998991234567"
    assert order.receiver_phone == "+998901234568"
    assert order.receiver_city is not None and order.receiver_city.id == SAMARQAND
    assert order.label_bytes() is not None and order.label_bytes().startswith(b"%PDF")  # type: ignore[union-attr]
    # What went on the wire: E.164 phones and JSON numbers.
    route, body = bts_fake.bodies[-1]
    assert route == "v1/order/add"
    assert isinstance(body, dict)
    assert body["senderPhone"] == "+998991234567"
    assert body["weight"] == Decimal("2.5")


async def test_create_order_to_a_branch_with_cash_on_delivery(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    good = await bts_client.register_mxik_good(
        bts_account,
        MxikGoodCreate(spic="08517001001020045", name="Telefon", units="dona", good_price=Decimal(100000)),
    )
    order = await bts_client.create_order(
        bts_account,
        order_create(
            receiver_city_id=3,
            receiver_delivery=0,
            receiver_branch_id=93,
            bring_back_money=1,
            back_money=Decimal(200000),
            options=[
                OrderOption(goods=[OrderGood(mxik_goods_id=good.id, amount=2, good_price=Decimal(100000))])
            ],
        ),
    )
    assert order.receiver_branch is not None and order.receiver_branch.id == 93
    assert order.receiver_delivery == 0
    # Seed 001's answer does not echo the COD fields; what reached BTS is checked instead.
    assert (order.bring_back_money, order.back_money) == (None, None)
    stored = bts_fake.order(order.order_id).fields
    assert (stored["bringBackMoney"], stored["back_money"]) == (1, Decimal(200000))
    # Tashkent → Asaka (Andijon): 15000 + 2 * 2500 + courier pick-up 3000 + branch 0.
    assert order.cost == Decimal(23000)


async def test_order_detail(bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    bts_fake.advance(created.order_id)
    detail = await bts_client.get_order(bts_account, created.order_id)
    assert detail.order_id == created.order_id
    assert detail.barcode == created.barcode
    assert detail.status_id == 2
    assert detail.cost == created.cost
    assert detail.sender_real is None  # seed 001's detail prints no senderReal (add does)
    assert detail.receiver == "Odil Ahmedov"
    assert detail.customer is not None and detail.customer.name == "ООО BTS DEMO"


async def test_flat_edit(bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    edited = await bts_client.edit_order(
        bts_account, order_edit(created.order_id, weight=Decimal("1"), receiver_city_id=198, receiver="Aziz")
    )
    assert edited.order_id == created.order_id
    assert edited.receiver == "Aziz"
    assert edited.weight == Decimal(1)
    assert edited.cost == Decimal(10000)  # same city, 1 kg, courier both ends: the document's 10000
    body = bts_fake.bodies[-1][1]
    assert isinstance(body, dict) and body["orderId"] == created.order_id
    assert (await bts_client.get_order(bts_account, created.order_id)).receiver == "Aziz"


async def test_nested_v1_edit(bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    edited = await bts_client.edit_order_nested(bts_account, created.order_id, nested_edit())
    assert edited.order_id == created.order_id
    assert edited.tracking is not None and edited.tracking.startswith(
        "https://bts.uz/uz/waybill-tracking?term="
    )
    assert edited.status is not None and edited.status.code == "0101"
    assert edited.receiver == "Odil Ahkmedov"
    assert edited.receiver_phone1 == "+998901096560"
    assert edited.receiver_city is not None and edited.receiver_city.code == "0101"
    assert edited.receiver_branch is not None and edited.receiver_branch.id == 3
    assert edited.dropoff_type == "branch" and edited.receiver_delivery == 0
    assert edited.weight == Decimal(3)
    assert edited.piece == 2
    assert bts_fake.paths[-1].endswith(f"orderId={created.order_id}")
    stored = bts_fake.order(created.order_id)
    assert stored.fields["receiverCityId"] == 195
    assert stored.fields["receiver_branch_id"] == 3


async def test_cancel_and_reasons(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    result = await bts_client.cancel_order(bts_account, created.order_id)
    assert result.order_id == created.order_id
    assert result.status.id == 0
    assert result.status.text == "Bekor qilingan buyurtma"
    assert bts_fake.order(created.order_id).status == 0
    reasons = await bts_client.cancellation_reasons(bts_account, created.order_id)
    assert [r.description for r in reasons] == ["Mijoz tomonidan bekor qilindi"]
    assert reasons[0].date is not None
    # Cancelling again is harmless: same answer.
    assert (await bts_client.cancel_order(bts_account, created.order_id)).status.id == 0


async def test_cancellation_reasons_of_a_refused_order(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    bts_fake.advance(created.order_id)
    bts_fake.set_status(created.order_id, 0, reason="Noto`g`ri manzil")
    reasons = await bts_client.cancellation_reasons(bts_account, created.order_id)
    assert [(r.employee, r.description) for r in reasons] == [("BTS operator", "Noto`g`ri manzil")]


@pytest.mark.parametrize(
    ("sender", "receiver", "weight", "deliveries", "expected"),
    [
        (3, 3, "1", (1, 1), 10000),  # the document's example
        (198, 195, "3", (0, 0), 8000 + 2 * 1500),  # same region (Tashkent city), office to office
        (198, 75, "2.5", (1, 0), 15000 + 2 * 2500 + 3000),
        (66, 70, "0.4", (2, 2), 15000 + 6000 + 6000),  # remote villages at both ends
    ],
)
async def test_calculate(
    bts_client: BtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    sender: int,
    receiver: int,
    weight: str,
    deliveries: tuple[int, int],
    expected: int,
) -> None:
    result = await bts_client.calculate(
        bts_account,
        CalculateRequest(
            sender_city_id=sender,
            receiver_city_id=receiver,
            weight=Decimal(weight),
            sender_delivery=deliveries[0],
            receiver_delivery=deliveries[1],
        ),
    )
    assert result.summary_price == Decimal(expected)
    assert result.request_data is not None and result.request_data["senderCityId"] == sender


async def test_track_and_history(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    now = [1720690236.0]
    bts_fake.clock = lambda: now[0]
    created = await bts_client.create_order(bts_account, order_create())
    for _ in range(3):
        now[0] += 60
        bts_fake.advance(created.order_id)
    track = await bts_client.track_order(bts_account, created.order_id)
    assert track.order_id == created.order_id
    assert track.status_id == 10
    assert track.status.text == "Saralash markazida"
    history = await bts_client.order_history(bts_account, created.order_id)
    assert [e.status_id for e in history] == [1, 2, 3, 10]
    assert [e.timestamp for e in history] == [
        datetime.fromtimestamp(1720690236 + 60 * i, UTC) for i in range(4)
    ]
    assert history[1].location == "SHAYXONTOHUR BTS"
    assert history[3].location == "TOSHKENT SARALASH MARKAZI"


async def test_order_walks_to_delivered(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    seen = []
    for _ in range(6):
        bts_fake.advance(created.order_id)
        seen.append((await bts_client.track_order(bts_account, created.order_id)).status_id)
    assert seen == [2, 3, 10, 4, 5, 6]
    with pytest.raises(ValueError):
        bts_fake.advance(created.order_id)


async def test_mxik_goods(bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials) -> None:
    assert await bts_client.list_mxik_goods(bts_account) == []
    registered = await bts_client.register_mxik_good(
        bts_account,
        MxikGoodCreate(
            spic="04901001001000000", name="Босма китоблар", units="dona", good_price=Decimal(700000)
        ),
    )
    assert registered.spic == "04901001001000000"
    assert registered.good_price == Decimal(700000)  # answered as the string "700000"
    listed = await bts_client.list_mxik_goods(bts_account)
    assert [(g.id, g.name, g.good_price) for g in listed] == [
        (registered.id, "Босма китоблар", Decimal(700000))
    ]
    other = bts_fake.add_account("shop2", "pw", "111111111")
    assert other.mxik_goods == {}


async def test_international_add_track_and_manifest(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    documented = await bts_client.create_international_order(bts_account, parcel("1"))
    assert (documented.barcode, documented.status) == (None, None)  # seed 001 echoes the parcel only
    bts_fake.rich = True  # a barcode to track by
    created = await bts_client.create_international_order(bts_account, parcel())
    assert created.barcode is not None and len(created.barcode) == 11
    assert created.parcel_number == "366489851"
    assert created.parcel_weight == Decimal(4)
    assert created.parcel_value == Decimal(312412)
    assert created.receiver_phone == "+998991234567"
    assert (created.receiver_branch_id, created.receiver_branch_name) == (93, "ASAKA BTS")
    assert (created.receiver_city_id, created.receiver_city_name) == (3, "Asaka tumani")
    assert created.status is not None and created.status.code == 100

    track = await bts_client.track_international(bts_account, created.barcode)
    assert (track.barcode, track.status.code) == (created.barcode, 100)
    for _ in range(3):
        bts_fake.advance_parcel(created.barcode)
    track = await bts_client.track_international(bts_account, created.barcode)
    assert track.status.code == 200
    assert track.status.message == "In the sorting center"

    result = await bts_client.send_manifest(
        bts_account,
        ManifestCreate(
            manifest_number="M-2024-1",
            date=datetime(2024, 5, 1).date(),
            parcel_number="366489851",
            parcels_count=1,
        ),
    )
    assert result.success is True
    assert result.message == "Manifest processed successfully.."
    assert bts_fake.manifests[0]["ManifestNumber"] == "M-2024-1"


async def test_branch_directory(bts_client: BtsClient, bts_account: BtsCredentials) -> None:
    branches = await bts_client.list_branches(bts_account)
    assert len(branches) == len(BRANCHES) >= 40
    assert {b.region_id for b in branches} == set(REGIONS)
    karshi = next(b for b in branches if b.id == 10)
    assert (karshi.name, karshi.region_id, karshi.city_id) == ("KARSHI BTS", 14, 66)
    assert (karshi.lat, karshi.lon) == (38.837395, 65.783467)
    assert karshi.hours(1) == "08:00-20:00" and karshi.hours(7) == "08:00-16:00"
    assert any(b.is_always_open(7) for b in branches)
    assert any(b.is_closed(7) and not b.is_closed(1) for b in branches)

    tashkent = await bts_client.list_branches(bts_account, region_id=6)
    assert tashkent and all(b.region_id == 6 for b in tashkent)
    karakalpakstan = await bts_client.list_branches(bts_account, region_id=9)
    assert {b.name for b in karakalpakstan} >= {"NUKUS BTS"}
    assert await bts_client.list_branches(bts_account, region_id=999) == []


async def test_branches_with_city(
    bts_client: BtsClient, bts_account: BtsCredentials, bts_fake: BtsFake
) -> None:
    documented = await bts_client.list_branches_with_city(bts_account, city_id=198)
    assert {(b.id, b.city_id, b.region_id) for b in documented} == {(24, 198, 6), (79, 198, 6)}
    assert all(b.city_name is None and b.region_name is None for b in documented)  # seed 001: ids only
    bts_fake.rich = True
    shayxontohur = await bts_client.list_branches_with_city(bts_account, city_id=198)
    assert {b.id for b in shayxontohur} == {24, 79}
    assert all(b.city_name == CITIES[198].name and b.region_name == "Toshkent shahri" for b in shayxontohur)
    assert all(b.is_always_open(d) for d in range(1, 8) for b in shayxontohur if b.id == 24)
    assert await bts_client.list_branches_with_city(bts_account, city_id=200) == []  # Bektemir: no office
    everything = await bts_client.list_branches_with_city(bts_account)
    assert len(everything) == len(BRANCHES)
