"""Fixtures: ``wms_fake`` (started, one account), ``wms_account`` (its credentials), ``wms_client``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr

from services.common.http import RetryPolicy
from services.wms.client import WmsClient
from services.wms.models import WmsCredentials
from tests.fakes.wms.server import WmsFake

WMS_INN = "305999111"
WMS_PHONE = "+998935551122"
WMS_PASSWORD = "s3cret-pass"

FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005, max_retry_after=0.05)


@pytest.fixture
async def wms_fake() -> AsyncIterator[WmsFake]:
    fake = WmsFake()
    fake.add_account(WMS_INN, WMS_PASSWORD, phone=WMS_PHONE)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def wms_account() -> WmsCredentials:
    return WmsCredentials(login=WMS_INN, password=SecretStr(WMS_PASSWORD))


@pytest.fixture
async def wms_client(wms_fake: WmsFake) -> AsyncIterator[WmsClient]:
    async with httpx.AsyncClient() as http:
        yield WmsClient(http, wms_fake.url, retry=FAST_RETRY, timeout=5.0)
