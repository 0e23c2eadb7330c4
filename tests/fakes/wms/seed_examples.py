"""The example answers of seeds 001 ("Fulfillment WMS") and 002, with the braces the copy lost put back.

Only the keys and their nesting matter here (``tests/services/wms/test_fake_shapes.py`` compares
the fake's answers with them key by key); values are the seeds' own.
"""

from __future__ import annotations

from typing import Any

LOGIN: dict[str, Any] = {"access_token": "string", "refresh_token": "string"}

_PURVEYOR: dict[str, Any] = {
    "id": 12,
    "group": "string",
    "code": "string",
    "name": "string",
    "full_name": "string",
    "name_eng": "string",
    "contractBankDetail": {
        "id": 9,
        "supplier_buyer_id": 12,
        "contract_number": "string",
        "contract_date": "2024-10-10",
        "bank_details": "string",
        "contact_info": "string",
        "additional_details": "string",
        "main_delivery_address": "string",
    },
    "entityType": {
        "id": 9,
        "stock_percentage": "20.00",
        "stock_expiry": 0,
        "supplier_buyer_id": 12,
        "legal_entity": True,
    },
    "supplierBuyerStatus": {
        "id": 9,
        "supplier_buyer_id": 12,
        "is_supplier": True,
        "is_buyer": True,
        "depositor": True,
    },
    "taxInfo": {"id": 9, "supplier_buyer_id": 12, "inn": "string", "kpp": "string", "okpo": "string"},
    "_links": {"self": {"href": ""}},
}

_PRODUCT: dict[str, Any] = {
    "id": 39,
    "supplier_buyer_id": 5,
    "group": "stringcceee",
    "code": "stringcccee",
    "name": "stringcceee",
    "full_name": "string",
    "gtin": "112",
    "article": "string",
    "nomenclature_type": "11",
    "unit": "22",
    "comment": "string",
    "productPackagin": {
        "id": 7,
        "product_id": 39,
        "base_packaging": "string",
        "billing_packaging": "string",
        "report_packaging": "string",
    },
    "productShelfLive": {
        "id": 10,
        "product_id": 39,
        "shelf_life_stock": "22.00",
        "min_shelf_life_stock": "0.00",
        "shelf_life_deviation_days": 2,
        "shelf_life_period": 2,
        "min_shelf_life_period": 2,
        "shelf_life_deviation_period": 2,
        "storage_period_days": 2,
        "specification": "string",
        "temperature_mode": "string",
    },
    "productTechnical": {
        "id": 18,
        "product_id": 39,
        "weight": "88.000",
        "net_weight": "55.000",
        "volume": "77.000",
        "net_volume": "44.000",
        "is_set": True,
        "kis_code": "99",
        "default_status": "string",
    },
    "_links": {"self": {"href": ""}},
}

_RECEIVING: dict[str, Any] = {
    "id": 10,
    "number": "string",
    "date": "2024-11-11",
    "counterparty": "string",
    "arrival_date": "2024-11-11",
    "comment": "string",
    "vehicle_model": "string",
    "vehicle_number": "string",
    "driver_name": "string",
    "driver_document": "string",
    "contract_number": "string",
    "contract_date": "2024-11-11",
    "acceptance_gate": None,
    "nomenclature": "string",
    "quantity": 20,
    "price": "200.00",
    "total_amount": "2000.00",
    "supplierDetail": {
        "id": 7,
        "supplier_id": 10,
        "kis_number": None,
        "kis_date": "2024-11-11",
        "accept_by_places": True,
        "vehicle_type": None,
        "vat_rate": "20.00",
        "vat_amount": "30.00",
        "price_includes_vat": True,
        "discount_amount": "40.00",
        "under_delivery_percent": "25.00",
        "over_delivery_percent": "50.00",
    },
    "supplierPackage": {
        "id": 1,
        "supplier_id": 10,
        "nomenclature_package": "string11",
        "package_quantity": 0,
    },
    "_links": {"self": {"href": ""}},
}


def _list(kind: str, item: dict[str, Any], total: int) -> dict[str, Any]:
    return {
        "message": "Data successfully retrieved.",
        "data": {
            "items": [item],
            "_links": {
                "self": f"/v1/{kind}/clients?page=1",
                "first": f"/v1/{kind}/clients?page=1",
                "last": f"/v1/{kind}/clients?page=1",
            },
            "_meta": {"totalCount": total, "pageCount": 1, "currentPage": 1, "perPage": 20},
        },
    }


def _created(item: dict[str, Any]) -> dict[str, Any]:
    return {"message": "Record successfully created.", "data": item}


PURVEYOR_CREATE = _created(_PURVEYOR)
PURVEYOR_LIST = _list("purveyor", _PURVEYOR, 11)
PURVEYOR_STATUS = {"message": "supplier-buyers successfully updated to delivered status"}

PRODUCT_CREATE = _created(_PRODUCT)
PRODUCT_LIST = _list("product", _PRODUCT, 3)
PRODUCT_STATUS = {"message": "products successfully updated to delivered status"}

RECEIVING_CREATE = _created(_RECEIVING)
RECEIVING_LIST = _list("receiving-goods", _RECEIVING, 2)
RECEIVING_STATUS = {"message": "supplier successfully updated to delivered status"}

ORDER_CREATE: dict[str, Any] = {
    "message": "Record successfully created.",
    "data": {
        "id": 4,
        "order_id": 1220011,
        "supplier_buyer_id": 4,
        "fulfillment_status": 5,
        "created_at": "2026-01-26 13:28:49",
        "orderAddress": {
            "id": 4,
            "order_id": 4,
            "full_name": "Jon Done",
            "phone": "+998900000000",
            "address": "123 Main Street",
            "city": "Toshkent shahar",
            "region": "Toshkent",
            "zip": "100200",
            "country": "Uzbekistan",
            "status": 1,
        },
        "orderItems": [
            {
                "id": 1,
                "order_id": 4,
                "product_id": 5,
                "client_product_id": 1,
                "quantity": 1,
                "price": 5000,
                "status": 0,
            }
        ],
        "_links": {"self": {"href": "http://localhost:8070/v1/order/view?id=4"}},
    },
}
