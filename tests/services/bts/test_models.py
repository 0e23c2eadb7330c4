"""Unit tests of the BTS models on the documents' own examples (seeds 000, 001)."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pydantic import SecretStr, ValidationError

from services.bts.models import (
    Branch,
    BtsCredentials,
    CalculateResult,
    CancellationReason,
    HistoryEvent,
    InternationalOrderCreate,
    InternationalProduct,
    ManifestCreate,
    Order,
    OrderCreate,
    OrderGood,
    OrderOption,
)

SEED_001_ORDER = {
    "orderId": "229234",
    "customer": {"id": 79, "name": "ООО JOHD "},
    "status": {"id": 1, "info": "Mijozda"},
    "senderRegion": {"id": 2, "name": "Andijon viloyati"},
    "senderCity": {"id": 3, "name": "Asaka tumani", "regionId": 2},
    "senderBranch": {"id": 93, "name": "ASAKA BTS", "regionId": 2},
    "senderDelivery": 1,
    "senderAddress": "Toshkent sh., Bobur ko‘chasi, 7-A",
    "senderReal": "Jurabek Turdiyev",
    "senderPhone": "+998 99 1234567",
    "receiver": "Odil Ahkmedov",
    "receiverCity": {"id": 3, "name": "Asaka tumani"},
    "receiverDelivery": 1,
    "receiverAddress": "Gozovo qish. 41 uy",
    "receiverPhone": "+998 99 1234568",
    "receiverPhone1": None,
    "package": {"id": 8, "name": "BTS PAKETLAR"},
    "postType": {"id": 4, "name": "HUJJATLAR"},
    "cost": "12000.00",
    "weight": "2.000",
    "piece": 1,
    "clientId": "abc123mn12",
    "volume": 0,
    "urgent": 0,
    "takePhoto": 0,
    "senderSign": None,
    "senderDate": "2018-02-06",
    "receiverDate": "2018-02-07",
    "barcode": "60000006106",
    "labelEncode": base64.b64encode(b"%PDF-1.4 label").decode(),
    "something_new": {"the": "API may add fields"},
}


def test_seed_001_order_reads_into_decimals_and_e164() -> None:
    order = Order.model_validate(SEED_001_ORDER)
    assert order.order_id == 229234
    assert order.cost == Decimal("12000.00")
    assert isinstance(order.weight, Decimal)
    assert order.weight == Decimal("2.000")
    assert order.sender_phone == "+998991234567"
    assert order.receiver_phone == "+998991234568"
    assert order.status_id == 1
    assert order.status_text == "Mijozda"
    assert order.sender_city is not None and order.sender_city.region_id == 2
    assert order.sender_date == date(2018, 2, 6)
    assert order.barcode == "60000006106"
    assert order.label_bytes() == b"%PDF-1.4 label"
    assert order.tracking is None


def test_seed_000_nested_answer_is_flattened() -> None:
    data = {
        "orderId": 4293644,
        "clientId": "abc123mn12",
        "barcode": "019914293644",
        "status": {"code": "0101", "info": "У отправителя (У ОТПРАВИТЕЛЯ)"},
        "pickup_type": "courier",
        "dropoff_type": "branch",
        "sender": {
            "name": None,
            "phone": "+998991234560",
            "address": "Toshkent sh., Bobur ko‘chasi, 5-A",
            "region": {"id": 6, "name": "город Ташкент", "code": "0101"},
            "city": {"id": 195, "name": "Учтепа тумани", "code": "0101"},
            "branch": {"id": 3, "name": "YAKKASAROY", "code": None},
            "latitude": "41.311081",
        },
        "receiver": {
            "name": "Odil Ahkmedov",
            "phone": "+998991234567",
            "phone1": "+998901096560",
            "address": "Gozovo qish. 41 uy",
            "city": {"id": 195, "name": "Учтепа тумани", "code": None},
            "branch": {"id": 3, "name": "YAKKASAROY", "code": None},
            "stickerData": {"hubName": "Тошкент шахри   01", "zonaId": 26},
        },
        "cargo": {
            "weight": "3.000",
            "volume": "0.000",
            "piece": 2,
            "package": {"id": 4, "name": "СУМКА"},
            "postType": {"id": 26, "name": "KANTSELYARIYA TOVARLARI"},
            "options": {"bringBackMoney": 1, "back_money": "10000", "takePhoto": 1},
        },
        "cost": "227000.00",
        "tracking": "https://bts.uz/uz/waybill-tracking?term=eyJ3",
    }
    order = Order.model_validate(data)
    assert order.status is not None and order.status.code == "0101"
    assert order.status_id == 1  # "0101": status 1, with the sender (read from the code)
    assert order.receiver == "Odil Ahkmedov"
    assert order.receiver_phone1 == "+998901096560"
    assert order.sender_city is not None and order.sender_city.code == "0101"
    assert order.receiver_branch is not None and order.receiver_branch.id == 3
    assert order.weight == Decimal("3.000")
    assert order.piece == 2
    assert order.back_money == Decimal("10000")
    assert order.bring_back_money == 1
    assert order.post_type is not None and order.post_type.id == 26
    assert (order.sender_delivery, order.receiver_delivery) == (1, 0)
    assert order.sender_latitude == "41.311081"
    assert order.tracking == "https://bts.uz/uz/waybill-tracking?term=eyJ3"


def test_label_that_is_not_base64_gives_none() -> None:
    assert Order.model_validate({"orderId": 1, "labelEncode": "<encoded_file>"}).label_bytes() is None


def test_calculate_history_and_reasons() -> None:
    assert (
        CalculateResult.model_validate({"summaryPrice": 10000, "requestData": {"weight": 1}}).summary_price
        == 10000
    )
    event = HistoryEvent.model_validate(
        {"message": "m", "timestamp": 1720690236, "status_id": 4, "location": "QUSHBEGI BTS (PVZ)"}
    )
    assert event.timestamp == datetime(2024, 7, 11, 9, 30, 36, tzinfo=UTC)
    reason = CancellationReason.model_validate(
        {"employee": "Jon Done", "description": "Noto`g`ri manzil", "date": "2024-08-23 14:29:06"}
    )
    assert reason.date == datetime(2024, 8, 23, 14, 29, 6, tzinfo=UTC)  # read as UTC, shown in Tashkent time


def test_branch_from_the_document() -> None:
    branch = Branch.model_validate(
        {
            "id": 10,
            "name": "KARSHI BTS",
            "regionId": 14,
            "cityId": 66,
            "address": "KARSHI 5-Mikro rayon",
            "lat_long": "38.837395,65.783467",
            "phone": "1230",
            "video_link": "",
            "working_hours": {"1": "08:00-20:00", "6": "08:00-16:00", "7": ""},
        }
    )
    assert (branch.lat, branch.lon) == (38.837395, 65.783467)
    assert branch.region_id == 14 and branch.city_id == 66
    assert branch.phone == "1230"  # a short number stays as it is
    assert sorted(branch.working_hours) == [1, 2, 3, 4, 5, 6, 7]
    assert branch.hours(1) == "08:00-20:00"
    assert branch.is_closed(7) and branch.is_closed(2)
    assert not branch.is_always_open(1)


@pytest.mark.parametrize("raw", ["", "41.33", "north,east", "141.3,69.2", None])
def test_branch_without_usable_coordinates(raw: str | None) -> None:
    branch = Branch.model_validate({"id": 1, "name": "X", "lat_long": raw})
    assert (branch.lat, branch.lon) == (None, None)


def test_branch_city_and_region_objects() -> None:
    branch = Branch.model_validate(
        {
            "id": 24,
            "name": "SHAYXONTOHUR BTS",
            "city": {"id": 198, "name": "Shayxontohur tumani"},
            "region": {"id": 6, "name": "Toshkent shahri"},
            "lat_long": " 41.319124 , 69.240262 ",
            "working_hours": {str(d): "27/7" for d in range(1, 8)},
        }
    )
    assert (branch.city_id, branch.city_name, branch.region_id, branch.region_name) == (
        198,
        "Shayxontohur tumani",
        6,
        "Toshkent shahri",
    )
    assert branch.lat == 41.319124
    assert all(branch.is_always_open(d) for d in range(1, 8))


def _order(**changes: object) -> OrderCreate:
    data: dict[str, object] = {
        "sender_city_id": 198,
        "sender_address": "Bobur ko'chasi 5",
        "sender_real": "Jurabek",
        "sender_phone": "+998 99 1234567",
        "weight": Decimal("2.5"),
        "package_id": 8,
        "post_type_id": 4,
        "receiver": "Odil",
        "receiver_address": "Gozovo 41",
        "receiver_city_id": 75,
        "receiver_phone": "90 123 45 68",
    }
    data.update(changes)
    return OrderCreate.model_validate(data)


def test_order_create_goes_out_with_wire_names_numbers_and_e164() -> None:
    wire = _order(
        bring_back_money=1,
        back_money=Decimal("800000"),
        options=[OrderOption(goods=[OrderGood(mxik_goods_id=71, good_price=Decimal("700000"))])],
    ).to_wire()
    assert wire["senderCityId"] == 198
    assert wire["senderPhone"] == "+998991234567"
    assert wire["receiverPhone"] == "+998901234568"
    assert wire["weight"] == 2.5
    assert wire["back_money"] == 800000 and isinstance(wire["back_money"], int)
    assert wire["options"] == [
        {"optionId": 2, "goods": [{"mxikGoodsId": 71, "amount": 1, "goodPrice": 700000}]}
    ]
    assert "receiver_branch_id" not in wire  # None fields are left out


def test_order_create_refuses_bad_input() -> None:
    with pytest.raises(ValidationError):
        _order(sender_phone="12")
    with pytest.raises(ValidationError):
        _order(weight=Decimal(0))
    with pytest.raises(ValidationError):
        _order(receiver_delivery=2)  # 2 exists only in the calculator
    with pytest.raises(ValidationError):
        OrderCreate.model_validate({"senderCityId": 1, "unknownField": 1})


def test_international_numbers_go_out_as_strings() -> None:
    product = InternationalProduct(
        description="Futbolka",
        description_ru="Футболка",
        quantity=Decimal(2),
        weight=Decimal("0.4"),
        declare_value=Decimal(1),
        url="https://shop.example/1",
        unit="dona",
        hs_code="6211390000",
    )
    order = InternationalOrderCreate(
        parcel_number="366489851",
        receiver_phone="+998 99 1234567",
        receiver_surname="Elizabeth",
        receiver_first_name="Emily",
        receiver_passport_serial="AC",
        receiver_passport_number="0579415",
        receiver_pinfl="12345678912345",
        parcel_weight=Decimal("4"),
        parcel_declare_currency="RUB",
        receiver_delivery=0,
        receiver_city_id=3,
        receiver_branch_id=93,
        products=[product],
    )
    wire = order.to_wire()
    assert wire["ParcelWeight"] == "4"
    assert wire["ReceiverDelivery"] == "0"
    assert wire["ReceiverPassposrtSerial"] == "AC"
    assert wire["ReceiverPhone"] == "+998991234567"
    assert wire["products"][0]["ProductWeight"] == "0.4"
    manifest = ManifestCreate(
        manifest_number="M-1", date=date(2024, 5, 1), parcel_number="366489851", parcels_count=1
    )
    assert manifest.to_wire() == {
        "ManifestNumber": "M-1",
        "Date": "2024-05-01",
        "ParcelNumber": "366489851",
        "ParcelsCount": "1",
    }


def test_credentials_never_show_the_password() -> None:
    account = BtsCredentials(username="demo", password=SecretStr("demo123"), inn="123456789")
    assert "demo123" not in repr(account)
    assert "demo123" not in str(account)
    assert account.key != BtsCredentials(username="demo", password=SecretStr("x"), inn="987654321").key
