"""Fulfillment orders: totals, a create sent once, the unsure answer, refresh."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.branches import City, Region
from services.fulfillment.errors import InvalidOrderDraft, OrderCreateUnsure, WmsNotConnected
from services.fulfillment.orders import OrderDraft, OrderLine, line_problem, place_fields
from services.geodata import Names
from services.wms.errors import WmsValidationError
from storage.fulfillment_schemas import OrderState
from tests.fakes.base import Fault
from tests.fakes.wms.fixtures import WMS_INN
from tests.fulfillment.conftest import SELLER, Fulfillment


def draft(product_id: int, **overrides: object) -> OrderDraft:
    fields: dict[str, object] = {
        "full_name": "Jon Done",
        "phone": "90 000 00 00",
        "address": "Bobur ko'chasi, 5",
        "region": "Toshkent",
        "city": "Toshkent shahar",
        "zip": "100200",
        "scheduled_at": datetime(2024, 10, 3, 14, 0, tzinfo=UTC),
        "items": [
            OrderLine(
                product_id=product_id,
                name="Futbolka",
                quantity=2,
                price=Decimal(50000),
                discount=Decimal(5000),
            )
        ],
    }
    fields.update(overrides)
    return OrderDraft.model_validate(fields)


def test_final_price_and_total() -> None:
    order = draft(1)
    order.items.append(OrderLine(product_id=2, name="Shim", quantity=1, price=Decimal(120000)))
    assert order.items[0].final_price == Decimal(95000)
    assert order.total == Decimal(215000)
    assert (
        line_problem(OrderLine(product_id=1, name="x", quantity=1, price=Decimal(10), discount=Decimal(11)))
        == "discount"
    )


def test_the_wms_gets_the_uzbek_names_of_the_chosen_city_and_its_region() -> None:
    chilonzor = City(
        191, "Chilonzor tumani", 6, (1,), Names("Chilonzor tumani", "Чиланзарский район", "Chilanzar")
    )
    capital = Region(6, "Toshkent shahri", (191,), Names("Toshkent shahri", "город Ташкент", "Tashkent City"))
    assert place_fields(chilonzor, capital) == {"region": "Toshkent shahri", "city": "Chilonzor tumani"}
    # a city BTS gives no region for stands for its region too (the WMS requires one)
    assert place_fields(chilonzor, None) == {"region": "Chilonzor tumani", "city": "Chilonzor tumani"}


async def test_create_sends_the_seed_body_once_per_draft(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    product = ff.fake.add_product(wms)["id"]
    order = await ff.orders.create(SELLER, draft(product), "key-1")
    again = await ff.orders.create(SELLER, draft(product), "key-1")  # the confirm pressed twice
    assert again.id == order.id
    assert ff.fake.count("v1/order/create") == 1
    sent = wms.orders[order.wms_id or 0]
    assert sent["order_id"] == order.id
    assert sent["orderAddress"]["phone"] == "+998900000000"
    assert sent["orderItems"][0]["client_product_id"] == product
    assert order.state is OrderState.CREATED and order.total == Decimal(95000)
    assert order.customer.full_name == "Jon Done"


async def test_lost_answer_is_unsure_and_never_resent(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    product = ff.fake.add_product(wms)["id"]
    ff.fake.faults.add("v1/order/create", Fault(drop=True, after=True))
    with pytest.raises(OrderCreateUnsure) as info:
        await ff.orders.create(SELLER, draft(product), "key-2")
    with pytest.raises(OrderCreateUnsure):
        await ff.orders.create(SELLER, draft(product), "key-2")
    assert ff.fake.count("v1/order/create") == 1
    assert (await ff.orders.get(SELLER, info.value.order_id)).state is OrderState.UNSURE


async def test_refused_create_is_failed_and_told(ff: Fulfillment) -> None:
    await ff.connect()
    ff.fake.faults.add(
        "v1/order/create", Fault(status=400, body={"errors": {"phone": ["Telefon noto'g'ri."]}})
    )
    with pytest.raises(WmsValidationError) as info:
        await ff.orders.create(SELLER, draft(1), "key-3")
    assert info.value.field_errors == {"phone": ["Telefon noto'g'ri."]}
    page = await ff.orders.list(SELLER)
    assert [o.state for o in page.items] == [OrderState.FAILED]


async def test_incomplete_draft_and_no_account(ff: Fulfillment) -> None:
    with pytest.raises(WmsNotConnected):
        await ff.orders.create(SELLER, draft(1), "key-4")
    await ff.connect()
    with pytest.raises(InvalidOrderDraft):
        await ff.orders.create(SELLER, draft(1, items=[]), "key-4")
    assert ff.fake.count("v1/order/create") == 0


async def test_refresh_reads_the_view_and_records_the_change(ff: Fulfillment) -> None:
    await ff.connect()
    wms = ff.fake.account(WMS_INN)
    order = await ff.orders.create(SELLER, draft(ff.fake.add_product(wms)["id"]), "key-5")
    ff.fake.set_order_status(wms, order.wms_id or 0, 6)
    refreshed = await ff.orders.refresh(SELLER, order.id)
    assert refreshed.fulfillment_status == 6 and refreshed.is_final


async def test_customer_is_encrypted_at_rest(ff: Fulfillment) -> None:
    from sqlalchemy import select

    from storage.fulfillment_models import FulfillmentOrder

    await ff.connect()
    await ff.orders.create(SELLER, draft(1), "key-6")
    async with ff.session_factory() as session:
        raw = await session.scalar(select(FulfillmentOrder.customer_enc))
    assert raw is not None and "Jon" not in raw and "998900000000" not in raw
