"""Fixtures for the fulfillment domain: a migrated database per test, the WMS fake, the services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fulfillment.accounts import WmsAccountService, WmsAccountView
from services.fulfillment.catalog import CatalogService
from services.fulfillment.orders import FulfillmentOrderService
from services.fulfillment.sync import WmsSync
from services.wms.client import WmsClient
from storage.crypto import SecretBox
from tests.fakes.wms.fixtures import FAST_RETRY, WMS_INN, WMS_PASSWORD
from tests.fakes.wms.server import WmsFake
from tests.storage.conftest import box, database_url, engine, migrated_template, session_factory

__all__ = ["box", "database_url", "engine", "migrated_template", "session_factory"]

SELLER = 7001


@dataclass
class Fulfillment:
    fake: WmsFake
    client: WmsClient
    accounts: WmsAccountService
    catalog: CatalogService
    orders: FulfillmentOrderService
    sync: WmsSync
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox

    async def connect(self, user_id: int = SELLER) -> WmsAccountView:
        return await self.accounts.connect(user_id, WMS_INN, WMS_PASSWORD)


@pytest.fixture
async def ff(
    wms_fake: WmsFake, session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> AsyncIterator[Fulfillment]:
    async with httpx.AsyncClient() as http:
        client = WmsClient(http, wms_fake.url, retry=FAST_RETRY, timeout=5.0)
        accounts = WmsAccountService(session_factory, box, client)
        yield Fulfillment(
            wms_fake,
            client,
            accounts,
            CatalogService(session_factory, box, client, accounts),
            FulfillmentOrderService(session_factory, box, client, accounts),
            WmsSync(session_factory, box, client, accounts, per_page=5),
            session_factory,
            box,
        )
