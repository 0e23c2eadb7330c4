"""Token handling: lazy login, cache per account, one re-login on refusal, shared by concurrent callers."""

from __future__ import annotations

import asyncio
import logging

import pytest
from pydantic import SecretStr

from services.bts import BtsAuthError, BtsClient, BtsCredentials, InMemoryTokenStore
from tests.fakes.base import Fault
from tests.fakes.bts.fixtures import MakeBtsClient
from tests.fakes.bts.server import BtsFake
from tests.services.bts.helpers import STYLES, order_create

pytestmark = pytest.mark.parametrize("bts_route_style", STYLES, indirect=True, ids=lambda s: s.value)

LOGIN = "v1/auth/get-token"


async def test_expired_token_means_exactly_one_relogin(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    old = await bts_client.cached_token(bts_account)
    bts_fake.expire_tokens()

    track = await bts_client.track_order(bts_account, created.order_id)

    assert track.order_id == created.order_id
    assert bts_fake.count(LOGIN) == 2
    assert bts_fake.count("v1/order/track") == 2  # refused once, repeated once
    new = await bts_client.cached_token(bts_account)
    assert new is not None and new != old and new == bts_fake.issued_tokens[-1]


async def test_expired_token_on_a_create_repeats_it_once(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    await bts_client.login(bts_account)
    bts_fake.expire_tokens()
    await bts_client.create_order(bts_account, order_create())
    assert len(bts_fake.orders) == 1  # the 401 was not processed, the repeat was
    assert bts_fake.count("v1/order/add") == 2


async def test_a_400_without_field_errors_also_means_relogin(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    await bts_client.login(bts_account)
    bts_fake.faults.add(
        "v1/directory/branches",
        Fault(status=400, body={"name": "Bad Request", "message": "Token expired", "status": 400}),
    )
    branches = await bts_client.list_branches(bts_account, region_id=9)
    assert branches
    assert bts_fake.count(LOGIN) == 2


async def test_concurrent_callers_share_one_relogin(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    bts_fake.expire_tokens()
    logins_before = bts_fake.count(LOGIN)
    # Slow the refusals a little so all ten are in flight with the stale token together.
    bts_fake.faults.add("v1/order/track", Fault(latency=0.05), times=10)

    results = await asyncio.gather(
        *(bts_client.track_order(bts_account, created.order_id) for _ in range(10))
    )

    assert [r.order_id for r in results] == [created.order_id] * 10
    assert bts_fake.count(LOGIN) - logins_before == 1
    assert bts_fake.count("v1/order/track") == 20  # each refused once and repeated once


async def test_concurrent_first_calls_share_one_login(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add(LOGIN, Fault(latency=0.05))
    await asyncio.gather(*(bts_client.list_mxik_goods(bts_account) for _ in range(10)))
    assert bts_fake.count(LOGIN) == 1


async def test_accounts_have_their_own_tokens(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.add_account("shop2", "pw2", "222222222")
    other = BtsCredentials(username="shop2", password=SecretStr("pw2"), inn="222222222")
    mine = await bts_client.create_order(bts_account, order_create())
    theirs = await bts_client.create_order(other, order_create())
    assert bts_fake.order(mine.order_id).owner == "demo"
    assert bts_fake.order(theirs.order_id).owner == "shop2"
    assert await bts_client.cached_token(bts_account) != await bts_client.cached_token(other)
    assert bts_fake.count(LOGIN) == 2


async def test_a_seeded_token_is_used_without_login(
    make_bts_client: MakeBtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, bts_route_style
) -> None:
    first = make_bts_client(bts_route_style)
    token = await first.login(bts_account)

    store = InMemoryTokenStore()
    await store.set(bts_account, token)
    second = make_bts_client(bts_route_style, token_store=store)
    await second.list_branches(bts_account, region_id=6)

    assert bts_fake.count(LOGIN) == 1  # only the first client's
    assert second.token_store is store


async def test_a_stale_seeded_token_is_replaced_in_the_store(
    make_bts_client: MakeBtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, bts_route_style
) -> None:
    store = InMemoryTokenStore()
    client = make_bts_client(bts_route_style, token_store=store)
    await client.seed_token(bts_account, "stale-token-from-storage")
    await client.list_mxik_goods(bts_account)
    assert bts_fake.count(LOGIN) == 1
    assert await store.get(bts_account) == bts_fake.issued_tokens[-1]


async def test_failed_relogin_forgets_the_token(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    await bts_client.login(bts_account)
    bts_fake.expire_tokens()
    bts_fake.accounts["demo"].password = "changed"
    with pytest.raises(BtsAuthError):
        await bts_client.list_mxik_goods(bts_account)
    assert await bts_client.cached_token(bts_account) is None


async def test_forget_token_forces_a_new_login(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    await bts_client.list_mxik_goods(bts_account)
    await bts_client.forget_token(bts_account)
    await bts_client.list_mxik_goods(bts_account)
    assert bts_fake.count(LOGIN) == 2


async def test_token_at_top_level_and_bare_answers(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.token_at_top_level = True
    bts_fake.envelope = False
    created = await bts_client.create_order(bts_account, order_create())
    assert await bts_client.cached_token(bts_account) == bts_fake.issued_tokens[0]
    assert (await bts_client.get_order(bts_account, created.order_id)).barcode == created.barcode
    assert len(await bts_client.order_history(bts_account, created.order_id)) == 1
    assert await bts_client.list_branches(bts_account, region_id=13)


async def test_secrets_never_reach_the_logs(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await bts_client.create_order(bts_account, order_create())
    bts_fake.expire_tokens()
    bts_fake.faults.add("v1/order/detail", Fault(drop=True))
    await bts_client.list_mxik_goods(bts_account)
    with pytest.raises(BtsAuthError):
        await bts_client.get_token(BtsCredentials(username="demo", password=SecretStr("s3cr3t-pw"), inn="1"))
    assert caplog.records  # the client does log
    text = caplog.text
    assert "demo123" not in text and "s3cr3t-pw" not in text
    for token in bts_fake.issued_tokens:
        assert token not in text
