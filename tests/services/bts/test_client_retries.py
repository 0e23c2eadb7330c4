"""Retries: reads repeat on failures, creates never repeat once they may have reached BTS."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal

import httpx
import pytest

from services.bts import (
    BtsClient,
    BtsCredentials,
    BtsOutcomeUnknown,
    BtsRateLimited,
    BtsUnavailable,
)
from services.bts.models import CalculateRequest, ManifestCreate, MxikGoodCreate
from services.common.http import RetryPolicy
from services.settings import RouteStyle
from tests.fakes.base import Fault
from tests.fakes.bts.fixtures import MakeBtsClient
from tests.fakes.bts.server import BtsFake
from tests.services.bts.helpers import STYLES, order_create, order_edit, parcel

pytestmark = pytest.mark.parametrize("bts_route_style", STYLES, indirect=True, ids=lambda s: s.value)

ADD = "v1/order/add"
SHORT = httpx.Timeout(0.3, connect=1.0)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every delay passed to ``asyncio.sleep`` (tenacity waits with it) while still sleeping."""
    recorded: list[float] = []
    real = asyncio.sleep

    async def recording_sleep(delay: float, *args: object, **kwargs: object) -> object:
        recorded.append(delay)
        return await real(delay, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(asyncio, "sleep", recording_sleep)
    return recorded


@pytest.fixture
async def logged_in(bts_client: BtsClient, bts_account: BtsCredentials) -> BtsClient:
    await bts_client.login(bts_account)
    return bts_client


# --- reads ---------------------------------------------------------------------------------------


async def test_429_on_a_read_waits_retry_after_and_repeats(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, sleeps: list[float]
) -> None:
    bts_fake.faults.add("v1/directory/branches", Fault(status=429, retry_after=0.1))
    assert await logged_in.list_branches(bts_account, region_id=6)
    assert bts_fake.count("v1/directory/branches") == 2
    assert 0.1 in sleeps  # the wait was Retry-After, not the (tiny) backoff


async def test_retry_after_is_capped_by_the_policy(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, sleeps: list[float]
) -> None:
    bts_fake.faults.add("v1/directory/branches", Fault(status=429, retry_after=30))
    assert await logged_in.list_branches(bts_account)
    assert 0.2 in sleeps and 30 not in sleeps  # TEST_RETRY.max_retry_after


async def test_429_for_ever_gives_up_with_the_retry_after(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/order/track", Fault(status=429, retry_after=0.01), times=None)
    with pytest.raises(BtsRateLimited) as caught:
        await logged_in.track_order(bts_account, 1)
    assert caught.value.retry_after == 0.01
    assert bts_fake.count("v1/order/track") == 3  # TEST_RETRY.attempts


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_on_a_read_is_retried(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, status: int
) -> None:
    created = await logged_in.create_order(bts_account, order_create())
    bts_fake.faults.add("v1/order/detail", Fault(status=status), times=2)
    assert (await logged_in.get_order(bts_account, created.order_id)).order_id == created.order_id
    assert bts_fake.count("v1/order/detail") == 3


async def test_503_maintenance_for_ever_is_unavailable(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/order/history", Fault(status=503, retry_after=0), times=None)
    with pytest.raises(BtsUnavailable) as caught:
        await logged_in.order_history(bts_account, 1)
    assert caught.value.status_code == 503
    assert bts_fake.count("v1/order/history") == 3


async def test_dropped_connection_on_a_read_is_retried(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/directory/branches-with-city", Fault(drop=True))
    assert await logged_in.list_branches_with_city(bts_account, city_id=198)
    assert bts_fake.count("v1/directory/branches-with-city") == 2


async def test_read_timeout_on_a_read_is_retried(
    make_bts_client: MakeBtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    bts_route_style: RouteStyle,
) -> None:
    client = make_bts_client(bts_route_style, timeout=SHORT)
    await client.login(bts_account)
    created = await client.create_order(bts_account, order_create())
    bts_fake.faults.add("v1/order/track", Fault(latency=0.6))
    track = await client.track_order(bts_account, created.order_id)
    assert track.status_id == 1
    assert bts_fake.count("v1/order/track") == 2


async def test_calculate_is_a_read_even_though_it_is_a_post(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/order/calculate", Fault(drop=True))
    bts_fake.faults.add("v1/order/calculate", Fault(status=500))
    result = await logged_in.calculate(
        bts_account, CalculateRequest(sender_city_id=3, receiver_city_id=3, weight=Decimal(1))
    )
    assert result.summary_price == Decimal(10000)
    assert bts_fake.count("v1/order/calculate") == 3


async def test_login_is_retried_like_a_read(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/auth/get-token", Fault(status=503))
    assert await bts_client.list_mxik_goods(bts_account) == []
    assert bts_fake.count("v1/auth/get-token") == 2


async def test_unreachable_server_is_unavailable(
    make_bts_client: MakeBtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    bts_route_style: RouteStyle,
) -> None:
    await bts_fake.stop()  # nothing listens on that port any more
    client = make_bts_client(bts_route_style)
    with pytest.raises(BtsUnavailable):
        await client.list_branches(bts_account)


# --- creates ---------------------------------------------------------------------------------------


async def test_create_whose_answer_is_lost_is_never_resent(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add(ADD, Fault(drop=True, after=True))
    with pytest.raises(BtsOutcomeUnknown):
        await logged_in.create_order(bts_account, order_create())
    assert bts_fake.count(ADD) == 1
    assert len(bts_fake.orders) == 1  # BTS made it; the caller must look before trying again


async def test_create_that_times_out_after_sending_is_never_resent(
    make_bts_client: MakeBtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    bts_route_style: RouteStyle,
) -> None:
    client = make_bts_client(bts_route_style, timeout=SHORT)
    await client.login(bts_account)
    bts_fake.faults.add(ADD, Fault(latency=0.6, after=True))
    with pytest.raises(BtsOutcomeUnknown):
        await client.create_order(bts_account, order_create())
    assert bts_fake.count(ADD) == 1


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_create_answered_with_5xx_is_never_resent(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, status: int
) -> None:
    bts_fake.faults.add(ADD, Fault(status=status, after=True))
    with pytest.raises(BtsOutcomeUnknown) as caught:
        await logged_in.create_order(bts_account, order_create())
    assert caught.value.status_code == status
    assert bts_fake.count(ADD) == 1


@pytest.mark.parametrize("status", [503, 429])
async def test_create_refused_with_503_or_429_is_repeated(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, status: int
) -> None:
    bts_fake.faults.add(ADD, Fault(status=status, retry_after=0))
    order = await logged_in.create_order(bts_account, order_create())
    assert bts_fake.count(ADD) == 2
    assert list(bts_fake.orders) == [order.order_id]  # made exactly once


async def test_create_that_never_connected_is_repeated(
    make_bts_client: MakeBtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    bts_route_style: RouteStyle,
) -> None:
    transport = RefuseFirstConnect(lambda request: "order/add" in str(request.url))
    client = make_bts_client(bts_route_style, transport=transport)
    await client.login(bts_account)
    await client.create_order(bts_account, order_create())
    assert transport.refused == 1
    assert bts_fake.count(ADD) == 1
    assert len(bts_fake.orders) == 1


@pytest.mark.parametrize(
    ("route", "call"),
    [
        ("v1/order/edit", lambda c, a, oid: c.edit_order(a, order_edit(oid, receiver="Aziz"))),
        ("v1/order/cancel", lambda c, a, oid: c.cancel_order(a, oid)),
        ("v1/international/add", lambda c, a, oid: c.create_international_order(a, parcel())),
        (
            "v1/mxik-goods/create",
            lambda c, a, oid: c.register_mxik_good(
                a, MxikGoodCreate(spic="08517001001020045", name="Telefon", good_price=Decimal(1))
            ),
        ),
    ],
    ids=["edit", "cancel", "international", "mxik"],
)
async def test_other_writes_are_never_resent_either(
    logged_in: BtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    route: str,
    call: Callable[[BtsClient, BtsCredentials, int], Awaitable[object]],
) -> None:
    created = await logged_in.create_order(bts_account, order_create())
    bts_fake.faults.add(route, Fault(drop=True, after=True))
    with pytest.raises(BtsOutcomeUnknown):
        await call(logged_in, bts_account, created.order_id)
    assert bts_fake.count(route) == 1


async def test_manifest_is_never_resent(
    logged_in: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    await logged_in.create_international_order(bts_account, parcel("P-9"))
    bts_fake.faults.add("v1/international/manifest", Fault(status=502, after=True))
    with pytest.raises(BtsOutcomeUnknown):
        await logged_in.send_manifest(
            bts_account,
            ManifestCreate(
                manifest_number="M-9", date=date(2024, 5, 1), parcel_number="P-9", parcels_count=1
            ),
        )
    assert bts_fake.count("v1/international/manifest") == 1
    assert len(bts_fake.manifests) == 1


async def test_no_retries_with_a_single_attempt_policy(
    make_bts_client: MakeBtsClient,
    bts_fake: BtsFake,
    bts_account: BtsCredentials,
    bts_route_style: RouteStyle,
) -> None:
    client = make_bts_client(bts_route_style, retry=RetryPolicy(attempts=1))
    await client.login(bts_account)
    bts_fake.faults.add("v1/order/track", Fault(status=503))
    with pytest.raises(BtsUnavailable):
        await client.track_order(bts_account, 1)
    assert bts_fake.count("v1/order/track") == 1


class RefuseFirstConnect(httpx.AsyncBaseTransport):
    """A real transport that refuses the first matching request before connecting."""

    def __init__(self, match: Callable[[httpx.Request], bool]) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._match = match
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.refused == 0 and self._match(request):
            self.refused += 1
            raise httpx.ConnectError("connection refused", request=request)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
