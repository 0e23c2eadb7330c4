"""A Yandex Pay link for a fulfillment order from its card; the sandbox panel's warehouse side."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import aiohttp
import pytest

from bot.conversations.fulfillment.callbacks import FfCb
from services.container import Services, build_services
from services.fulfillment.orders import OrderDraft, OrderLine
from tests.bot.conftest import FAST_RETRY, make_settings
from tests.bot.mocked import joined
from tests.fakes.bts.server import BtsFake
from tests.fakes.telegram import TelegramFake
from tests.fakes.wms.fixtures import WMS_INN, WMS_PASSWORD
from tests.fakes.wms.server import WmsFake
from tests.fakes.yandex_pay.fixtures import YANDEX_MERCHANT_ID
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.fulfillment.test_bot import harness
from tests.sandbox.web import ChatPage


@pytest.fixture
async def services(
    tmp_path: Path, bts_fake: BtsFake, wms_fake: WmsFake, yandex_fake: YandexPayFake
) -> AsyncIterator[Services]:
    settings = make_settings(
        tmp_path,
        bts_fake,
        wms_base_url=wms_fake.url,
        yandex_pay_base_url=yandex_fake.base_url,
        yandex_pay_sandbox_url=yandex_fake.base_url,
    )
    async with build_services(settings, retry=FAST_RETRY) as built:
        yield built


def _draft(product: int) -> OrderDraft:
    return OrderDraft(
        full_name="Odil Ahmedov",
        phone="+998901234567",
        address="Bobur ko'chasi, 5",
        region="Toshkent",
        scheduled_at=datetime.now(UTC) + timedelta(days=1),
        items=[
            OrderLine(
                product_id=product, name="Futbolka", quantity=2, price=Decimal(50000), discount=Decimal(5000)
            )
        ],
    )


async def test_payment_link_for_a_fulfillment_order(services: Services, wms_fake: WmsFake) -> None:
    product = wms_fake.add_product(wms_fake.account(WMS_INN))["id"]
    h = await harness(services, wms_fake, "ru")
    await services.wms_accounts.connect(h.chatter.user.id, WMS_INN, WMS_PASSWORD)
    order = await services.ff_orders.create(h.chatter.user.id, _draft(product), "pay-1")
    await h.send("/fulfillment")
    await h.press(FfCb(action="orders"))
    await h.press(FfCb(action="order", item=order.id))

    sent = await h.press(FfCb(action="order_pay", item=order.id))
    assert h.l10n("payment-merchant-missing") in joined(sent)

    await services.payments.save_merchant(h.chatter.user.id, YANDEX_MERCHANT_ID, YANDEX_MERCHANT_ID, True)
    sent = await h.press(FfCb(action="order_pay", item=order.id))
    urls = [data for s in sent for _, data in s.buttons() if data and data.startswith("http")]
    assert urls, joined(sent)
    assert h.l10n.money(95000) in joined(sent)


async def test_sandbox_panel_advances_an_order_and_accepts_a_delivery(wms_fake: WmsFake) -> None:
    account = wms_fake.account(WMS_INN)
    receiving = wms_fake.add_receiving(account)["id"]
    telegram = TelegramFake("1:T")
    await telegram.start()
    page = ChatPage(telegram, [], wms=wms_fake)
    url = await page.start()
    try:
        async with aiohttp.ClientSession() as http:
            headers = {
                "Authorization": "Bearer "
                + (
                    await (
                        await http.post(
                            f"{wms_fake.url}/v1/auth/login", json={"login": WMS_INN, "password": WMS_PASSWORD}
                        )
                    ).json()
                )["access_token"]
            }
            body = {
                "order_id": 77,
                "scheduled_at": "2030-01-01T10:00:00Z",
                "full_name": "A",
                "phone": "+998901234567",
                "address": "x",
                "region": "Toshkent",
                "country": "Uzbekistan",
                "order_items": [
                    {
                        "client_product_id": 1,
                        "client_product_variation_id": 1,
                        "quantity": 1,
                        "price": 1,
                        "final_price": 1,
                    }
                ],
            }
            created = await (
                await http.post(f"{wms_fake.url}/v1/order/create", json=body, headers=headers)
            ).json()
            wms_id = created["data"]["id"]
            rows = (await (await http.get(f"{url}api/wms/orders")).json())["result"]
            assert [(r["order_id"], r["status"]) for r in rows] == [(77, 5)]
            moved = await (await http.post(f"{url}api/wms/orders/{wms_id}/advance")).json()
            assert moved["result"]["status"] == 1 and account.orders[wms_id]["fulfillment_status"] == 1
            accepted = await (await http.post(f"{url}api/wms/receivings/{receiving}/accept")).json()
            assert accepted["ok"] and account.receiving[receiving]["acceptance_gate"] == "1"
            listed = (await (await http.get(f"{url}api/wms/receivings")).json())["result"]
            assert listed[0]["accepted"] is True
            missing = await http.post(f"{url}api/wms/orders/999999/advance")
            assert missing.status == 404
    finally:
        await page.stop()
        await telegram.stop()
