"""The status poller against the BTS fake: changes become events and one push per recipient."""

from __future__ import annotations

from datetime import timedelta

from services.bts import BtsClient
from services.notifications import PUSH_RELOGIN, PUSH_STALLED, PUSH_STATUS
from storage.schemas import ChatPreferencesRecord, OutboxState
from storage.uow import unit_of_work
from tests.fakes.bts.server import BtsFake
from tests.pushes.conftest import T0, RecordingTransport, World
from tests.pushes.helpers import make_poller, make_sender, outbox_rows

OWNER = 1001
FOLLOWERS = (2001, 2002)


async def test_a_change_enqueues_one_message_per_recipient_and_each_is_sent_once(
    world: World, bts_client: BtsClient, transport: RecordingTransport
) -> None:
    account = await world.seller(OWNER)
    fake_order, order = await world.order(account)
    for chat in FOLLOWERS:
        await world.subscribe(chat, order.id)
    world.fake.advance(fake_order.order_id)  # 1 -> 2: the courier took it
    poller = make_poller(world, bts_client)

    stats = await poller.poll_once()

    assert (stats.due, stats.checked, stats.changed) == (1, 1, 1)
    rows = await outbox_rows(world.session_factory)
    assert sorted(row.chat_id for row in rows) == [OWNER, *FOLLOWERS]
    assert {row.message_key for row in rows} == {PUSH_STATUS}
    assert {row.dedup_key for row in rows} == {f"st:{order.id}:2:{chat}" for chat in (OWNER, *FOLLOWERS)}
    params = rows[0].params
    assert (params["barcode"], params["status"], params["final"]) == (fake_order.barcode, 2, False)
    assert params["location"]  # from order/history
    async with unit_of_work(world.session_factory, world.box) as uow:
        stored = await uow.orders.get(order.id)
        events = await uow.status_events.list_for_order(order.id)
    assert stored is not None and stored.status_code == 2 and stored.checked_at == T0
    assert [event.status_code for event in events] == [1, 2]

    sender = make_sender(world, transport)
    assert await sender.drain_once() == 3
    assert sorted(s.chat_id for s in transport.sent) == [OWNER, *FOLLOWERS]
    assert all(f"barcode={fake_order.barcode}" in s.text and "status=2" in s.text for s in transport.sent)
    assert {row.state for row in await outbox_rows(world.session_factory)} == {OutboxState.SENT}
    assert await sender.drain_once() == 0
    assert len(transport.sent) == 3


async def test_a_second_poll_without_a_change_enqueues_nothing(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    fake_order, order = await world.order(account)
    await world.subscribe(FOLLOWERS[0], order.id)
    world.fake.advance(fake_order.order_id)
    poller = make_poller(world, bts_client)
    await poller.poll_once()
    before = await outbox_rows(world.session_factory)
    history_calls = world.fake.count("v1/order/history")

    world.clock.advance(minutes=13)  # past the fresh interval even with +20 % jitter
    stats = await poller.poll_once()

    assert (stats.checked, stats.changed, stats.pushes) == (1, 0, 0)
    assert await outbox_rows(world.session_factory) == before
    assert world.fake.count("v1/order/history") == history_calls  # history only on a change


async def test_orders_are_not_polled_again_before_their_interval(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    await world.order(account)
    poller = make_poller(world, bts_client)
    assert (await poller.poll_once()).checked == 1

    world.clock.advance(minutes=7)  # under 10 min − 20 %
    assert (await poller.poll_once()).due == 0
    world.clock.advance(minutes=6)  # 13 min: over 10 min + 20 %
    assert (await poller.poll_once()).due == 1


async def test_older_orders_are_polled_less_often(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    await world.order(account)
    world.clock.advance(days=2)  # no change for two days: a stale order
    poller = make_poller(world, bts_client, stalled_after=None)
    assert (await poller.poll_once()).checked == 1

    world.clock.advance(minutes=20)  # a fresh order would be due; this one is not (45 min ± 20 %)
    assert (await poller.poll_once()).due == 0
    world.clock.advance(minutes=35)
    assert (await poller.poll_once()).due == 1


async def test_a_final_status_stops_polling(world: World, bts_client: BtsClient, bts_fake: BtsFake) -> None:
    account = await world.seller(OWNER)
    fake_order, order = await world.order(account, status=5)
    bts_fake.set_status(fake_order.order_id, 6)  # delivered
    poller = make_poller(world, bts_client)

    stats = await poller.poll_once()
    assert stats.changed == 1
    rows = await outbox_rows(world.session_factory)
    assert [(row.chat_id, row.params["final"], row.params["notable"]) for row in rows] == [
        (OWNER, True, True)
    ]
    async with unit_of_work(world.session_factory, world.box) as uow:
        stored = await uow.orders.get(order.id)
    assert stored is not None and stored.is_final

    tracks = bts_fake.count("v1/order/track")
    world.clock.advance(days=1)
    assert (await poller.poll_once()).due == 0
    assert bts_fake.count("v1/order/track") == tracks


async def test_preferences_are_applied_when_enqueuing(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    fake_order, order = await world.order(account)
    muted, final_only = FOLLOWERS
    for chat in FOLLOWERS:
        await world.subscribe(chat, order.id)
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.subscriptions.set_preferences(ChatPreferencesRecord(chat_id=muted, notify=False))
        await uow.subscriptions.set_preferences(ChatPreferencesRecord(chat_id=final_only, final_only=True))
    poller = make_poller(world, bts_client)

    world.fake.advance(fake_order.order_id)  # 2: not final
    await poller.poll_once()
    assert [row.chat_id for row in await outbox_rows(world.session_factory)] == [OWNER]

    world.fake.set_status(fake_order.order_id, 6)  # delivered: what "final only" still wants
    world.clock.advance(minutes=13)
    await poller.poll_once()
    rows = await outbox_rows(world.session_factory)
    assert sorted((row.chat_id, row.params["status"]) for row in rows) == [
        (OWNER, 2),
        (OWNER, 6),
        (final_only, 6),
    ]


async def test_a_refused_login_pauses_the_account_and_asks_the_owner_once(
    world: World, bts_client: BtsClient, bts_fake: BtsFake
) -> None:
    account = await world.seller(OWNER)
    for _ in range(3):
        await world.order(account)
    bts_fake.accounts[account.username].password = "changed-at-bts"  # our stored password is stale now
    poller = make_poller(world, bts_client)

    stats = await poller.poll_once()

    assert stats.checked == 0 and stats.paused_accounts == 1
    assert poller.is_paused(account.account_id)
    rows = await outbox_rows(world.session_factory)
    assert [(row.chat_id, row.message_key, row.params["username"]) for row in rows] == [
        (OWNER, PUSH_RELOGIN, account.username)
    ]

    requests = len(bts_fake.requests)
    world.clock.advance(minutes=30)
    stats = await poller.poll_once()
    assert stats.skipped == 3 and stats.checked == 0
    assert len(bts_fake.requests) == requests  # a paused account is not asked at all
    assert len(await outbox_rows(world.session_factory)) == 1

    # The owner logs in again with the new password: the account is polled again.
    relogged = await world.seller(OWNER, password="changed-at-bts")
    assert relogged.account_id == account.account_id
    world.clock.advance(minutes=30)
    stats = await poller.poll_once()
    assert stats.checked == 3 and not poller.is_paused(account.account_id)


async def test_a_parcel_without_change_gets_one_stalled_alert_per_period(
    world: World, bts_client: BtsClient
) -> None:
    account = await world.seller(OWNER)
    _, order = await world.order(account, status=4)
    await world.subscribe(FOLLOWERS[0], order.id)
    poller = make_poller(world, bts_client, stalled_after=timedelta(days=5))

    await poller.poll_once()
    assert await outbox_rows(world.session_factory) == []

    world.clock.advance(days=5, minutes=1)
    await poller.poll_once()
    world.clock.advance(hours=1)
    await poller.poll_once()  # the same period: nothing new
    rows = await outbox_rows(world.session_factory)
    assert sorted((row.chat_id, row.message_key, row.params["days"]) for row in rows) == [
        (OWNER, PUSH_STALLED, 5),
        (FOLLOWERS[0], PUSH_STALLED, 5),
    ]

    world.clock.advance(days=5)
    await poller.poll_once()
    assert len(await outbox_rows(world.session_factory)) == 4


async def test_bts_failures_count_the_order_as_checked(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    fake_order, _ = await world.order(account)
    world.fake.advance(fake_order.order_id)
    from tests.fakes.base import Fault

    world.fake.faults.add("v1/order/track", Fault(status=500), times=None)
    poller = make_poller(world, bts_client)

    stats = await poller.poll_once()
    assert (stats.failed, stats.changed) == (1, 0)
    assert await outbox_rows(world.session_factory) == []
    world.fake.faults.clear()
    world.clock.advance(minutes=5)
    assert (await poller.poll_once()).due == 0  # retried on its schedule, not every pass
    world.clock.advance(minutes=8)
    assert (await poller.poll_once()).changed == 1


async def test_requests_stay_within_the_limits(
    world: World, bts_client: BtsClient, bts_fake: BtsFake
) -> None:
    from tests.fakes.base import Fault

    first = await world.seller(OWNER)
    second = await world.seller(OWNER + 1, username="second", password="pw2", inn="222222222")
    for account in (first, second):
        for _ in range(12):
            fake_order, _ = await world.order(account)
            world.fake.advance(fake_order.order_id)
    bts_fake.faults.add("*", Fault(latency=0.02), times=None)
    in_flight = peak = 0
    per_account_peak: dict[str, int] = {}
    per_account: dict[str, int] = {}
    original = bts_client._http.request

    async def counting(method: str, url: str, **kwargs: object) -> object:
        nonlocal in_flight, peak
        headers = kwargs.get("headers") or {}
        token = str(headers.get("Authorization", "")) if isinstance(headers, dict) else ""
        in_flight += 1
        per_account[token] = per_account.get(token, 0) + 1
        peak = max(peak, in_flight)
        per_account_peak[token] = max(per_account_peak.get(token, 0), per_account[token])
        try:
            return await original(method, url, **kwargs)  # type: ignore[arg-type]
        finally:
            in_flight -= 1
            per_account[token] -= 1

    bts_client._http.request = counting  # type: ignore[method-assign]
    poller = make_poller(world, bts_client, max_in_flight=5, concurrency_per_account=2)

    stats = await poller.poll_once()

    assert stats.changed == 24
    assert 1 < peak <= 5
    assert max(v for k, v in per_account_peak.items() if k) <= 2


async def test_orders_of_an_unknown_account_are_not_reread_every_pass(
    world: World, bts_client: BtsClient, bts_fake: BtsFake
) -> None:
    account = await world.seller(OWNER)
    await world.order(account)
    del world.accounts.by_id[account.account_id]  # the seller logged out: no credentials to poll with
    poller = make_poller(world, bts_client)

    stats = await poller.poll_once()

    assert (stats.due, stats.skipped, stats.checked) == (1, 1, 0)
    assert bts_fake.count("v1/order/track") == 0
    world.clock.advance(minutes=5)
    assert (await poller.poll_once()).due == 0  # back on its schedule, not on every pass


async def test_stalled_alerts_follow_each_chats_own_setting(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    _, order = await world.order(account, status=4)
    await world.subscribe(FOLLOWERS[0], order.id)
    await world.subscribe(FOLLOWERS[1], order.id)
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.subscriptions.set_preferences(ChatPreferencesRecord(chat_id=FOLLOWERS[0], stalled_days=2))
        await uow.subscriptions.set_preferences(
            ChatPreferencesRecord(chat_id=FOLLOWERS[1], stalled_days=None)
        )
    poller = make_poller(world, bts_client, stalled_after=timedelta(days=1))

    world.clock.advance(days=2, minutes=1)
    await poller.poll_once()
    rows = await outbox_rows(world.session_factory)
    assert [(row.chat_id, row.params["days"]) for row in rows] == [(FOLLOWERS[0], 2)]

    world.clock.advance(days=3)  # five days: the owner's default; two full periods for follower 0
    await poller.poll_once()
    rows = await outbox_rows(world.session_factory)
    assert sorted(row.chat_id for row in rows) == sorted([FOLLOWERS[0], FOLLOWERS[0], OWNER])
