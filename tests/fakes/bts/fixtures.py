"""Pytest fixtures of the BTS fake (loaded as a plugin by ``tests/conftest.py``).

- ``bts_fake``: a started ``BtsFake`` (demo account only), stopped after the test;
- ``bts_route_style``: ``RouteStyle.QUERY``; parametrise it by name to run a test in both
  styles: ``@pytest.mark.parametrize("bts_route_style", list(RouteStyle), indirect=True)``;
- ``bts_retry``: a tiny retry policy (fast tests); override the fixture to change it;
- ``bts_client``: a ``BtsClient`` on the fake in ``bts_route_style``;
- ``make_bts_client``: a factory for more clients (another style, retry policy or timeouts);
- ``bts_account``: the demo account's ``BtsCredentials``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from pydantic import SecretStr

from services.bts import BtsClient, BtsCredentials, TokenStore
from services.common.http import RetryPolicy
from services.settings import RouteStyle
from tests.fakes.bts.server import (
    DEFAULT_MXIK_LIST_ROUTE,
    DEFAULT_MXIK_REGISTER_ROUTE,
    DEMO_INN,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    BtsFake,
)

TEST_RETRY = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.005, max_retry_after=0.2)

MakeBtsClient = Callable[..., BtsClient]


def bts_base_url(fake: BtsFake, style: RouteStyle) -> str:
    """The base URL a client of ``style`` is configured with for ``fake``."""
    return f"{fake.url}/index.php" if style is RouteStyle.QUERY else fake.url


@pytest.fixture
async def bts_fake() -> AsyncIterator[BtsFake]:
    fake = BtsFake()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture(params=[RouteStyle.QUERY])
def bts_route_style(request: pytest.FixtureRequest) -> RouteStyle:
    return RouteStyle(request.param)


@pytest.fixture
def bts_retry() -> RetryPolicy:
    return TEST_RETRY


@pytest.fixture
def bts_account() -> BtsCredentials:
    return BtsCredentials(username=DEMO_USERNAME, password=SecretStr(DEMO_PASSWORD), inn=DEMO_INN)


@pytest.fixture
async def make_bts_client(bts_fake: BtsFake, bts_retry: RetryPolicy) -> AsyncIterator[MakeBtsClient]:
    opened: list[httpx.AsyncClient] = []

    def make(
        style: RouteStyle = RouteStyle.QUERY,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        token_store: TokenStore | None = None,
        base_url: str | None = None,
    ) -> BtsClient:
        http = httpx.AsyncClient(timeout=timeout or httpx.Timeout(2.0, connect=1.0), transport=transport)
        opened.append(http)
        return BtsClient(
            http,
            base_url or bts_base_url(bts_fake, style),
            style,
            mxik_register_route=DEFAULT_MXIK_REGISTER_ROUTE,
            mxik_list_route=DEFAULT_MXIK_LIST_ROUTE,
            retry=retry or bts_retry,
            token_store=token_store,
        )

    try:
        yield make
    finally:
        for http in opened:
            await http.aclose()


@pytest.fixture
def bts_client(make_bts_client: MakeBtsClient, bts_route_style: RouteStyle) -> BtsClient:
    return make_bts_client(bts_route_style)
