"""Fixtures: ``yandex_fake`` (started, one merchant), ``yandex_api_key``, ``yandex_client``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr

from services.common.http import RetryPolicy
from services.yandex_pay.client import YandexPayClient
from tests.fakes.yandex_pay.server import YandexPayFake

YANDEX_MERCHANT_ID = "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01"

FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005, max_retry_after=0.05)


@pytest.fixture
async def yandex_fake() -> AsyncIterator[YandexPayFake]:
    fake = YandexPayFake()
    fake.add_merchant(YANDEX_MERCHANT_ID)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def yandex_api_key() -> SecretStr:
    """Sandbox: the API key is the merchant id."""
    return SecretStr(YANDEX_MERCHANT_ID)


@pytest.fixture
async def yandex_client(
    yandex_fake: YandexPayFake, yandex_api_key: SecretStr
) -> AsyncIterator[YandexPayClient]:
    async with httpx.AsyncClient() as http:
        yield YandexPayClient(
            http, yandex_fake.base_url, yandex_api_key, retry=FAST_RETRY, request_timeout_ms=5000
        )
