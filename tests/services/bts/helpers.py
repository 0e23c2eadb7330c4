"""Request builders shared by the BTS client tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from services.bts.models import (
    InternationalOrderCreate,
    InternationalProduct,
    NestedCargo,
    NestedParty,
    OrderCreate,
    OrderEditFlat,
    OrderEditNested,
)
from services.settings import RouteStyle

STYLES = [RouteStyle.QUERY, RouteStyle.PATH]

# Shayxontohur (Tashkent city, 198) → Samarqand shahri (75): different regions.
TASHKENT_SHAYXONTOHUR = 198
SAMARQAND = 75
ASAKA = 3
ASAKA_BRANCH = 93


def order_create(**changes: Any) -> OrderCreate:
    data: dict[str, Any] = {
        "sender_city_id": TASHKENT_SHAYXONTOHUR,
        "sender_address": "Toshkent sh., Bobur ko'chasi, 5-A",
        "sender_real": "Jurabek Turdiyev",
        "sender_phone": "+998 99 1234567",
        "weight": Decimal("2.5"),
        "package_id": 8,
        "post_type_id": 4,
        "receiver": "Odil Ahmedov",
        "receiver_address": "Gozovo qish. 41 uy",
        "receiver_city_id": SAMARQAND,
        "receiver_phone": "+998 90 1234568",
    }
    data.update(changes)
    return OrderCreate.model_validate(data)


def order_edit(order_id: int, **changes: Any) -> OrderEditFlat:
    return OrderEditFlat.model_validate({**order_create(**changes).model_dump(), "order_id": order_id})


def nested_edit(**changes: Any) -> OrderEditNested:
    data: dict[str, Any] = {
        "client_id": "abc123mn12",
        "wcs_code": "900001",
        "pickup_type": "courier",
        "dropoff_type": "branch",
        "sender": NestedParty(
            name="Jurabek Turdiyev",
            phone="+998991234560",
            address="Toshkent sh., Bobur ko‘chasi, 5-A",
            latitude="41.311081",
            longitude="69.240262",
            city_code="0101",
        ),
        "receiver": NestedParty(
            name="Odil Ahkmedov",
            phone="+998991234567",
            phone1="+998901096560",
            address="Gozovo qish. 41 uy",
            city_code="0101",
            branch_code="0101",
        ),
        "cargo": NestedCargo(weight=Decimal(3), piece=2, package_id=4, post_type_id=26),
        "ready_to_take": True,
    }
    data.update(changes)
    return OrderEditNested.model_validate(data)


def parcel(number: str = "366489851", **changes: Any) -> InternationalOrderCreate:
    data: dict[str, Any] = {
        "parcel_number": number,
        "receiver_phone": "+998 99 1234567",
        "receiver_phone1": "+998 88 1234567",
        "receiver_surname": "Elizabeth",
        "receiver_first_name": "Emily",
        "receiver_passport_serial": "AC",
        "receiver_passport_number": "0579415",
        "receiver_pinfl": "12345678912345",
        "receiver_address": "Toshkent sh., Bobur ko‘chasi, 5-A",
        "parcel_weight": Decimal("4"),
        "parcel_value": Decimal("312412"),
        "parcel_declare_currency": "RUB",
        "receiver_delivery": 0,
        "receiver_city_id": ASAKA,
        "receiver_branch_id": ASAKA_BRANCH,
        "products": [
            InternationalProduct(
                description="Futbolka",
                description_ru="Футболка",
                quantity=Decimal(2),
                weight=Decimal(4),
                declare_value=Decimal(1),
                url="https://shop.example/1",
                unit="kg",
                hs_code="6211390000",
            )
        ],
    }
    data.update(changes)
    return InternationalOrderCreate.model_validate(data)
