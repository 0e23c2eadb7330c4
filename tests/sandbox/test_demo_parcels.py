"""The demo parcels the sandbox page offers can be tracked in a fresh sandbox (the walk found
"not found": the bot resolves barcodes from its own store and they existed only at BTS)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from services.orders import OrderFilterKind
from tests.e2e.driver import ChatDriver, buttons, data_starting
from tests.sandbox.demo import DEMO_SHOP
from tests.sandbox.runner import USERS, Sandbox

CUSTOMER = next(user.id for user in USERS if user.note == "customer")


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    running = Sandbox(data_dir=tmp_path / "sandbox", port=0)
    try:
        await running.start()
        yield running
    finally:
        await running.stop()


async def test_a_customer_tracks_and_follows_a_demo_parcel_in_a_fresh_sandbox(sandbox: Sandbox) -> None:
    assert sandbox.bts is not None and sandbox.telegram is not None
    # The three demo parcels, at three stages, exist at BTS and in the bot's store alike.
    assert sandbox.demo_barcodes == ["60000229234", "60000229235", "60000229236"]
    stages = {order.barcode: order.status for order in sandbox.bts.orders.values()}
    assert stages == {"60000229234": 1, "60000229235": 4, "60000229236": 6}
    assert DEMO_SHOP in USERS and DEMO_SHOP.id in sandbox.telegram.users

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
        odil = ChatDriver(http, sandbox.telegram.url, CUSTOMER)
        await odil.say("/start", "Choose your language")
        await odil.tap("lang:en", "How will you use the bot?")
        await odil.tap("role:c", "barcode")

        card = await odil.say("60000229235", "At the receiver's branch")
        assert "not found" not in card["text"]
        follow = data_starting(card, "tr:f:")
        assert follow, buttons(card)
        await odil.tap(follow[0], "I'll tell you when")

        delivered = await odil.say("60000229236", "Delivered")
        assert "60000229236" in delivered["text"]

        # BTS moves the followed parcel on: the bot's poller pushes it to the customer.
        mark = sandbox.telegram.mark()
        order_id = next(o.order_id for o in sandbox.bts.orders.values() if o.barcode == "60000229235")
        assert sandbox.bts.advance(order_id) == 5
        pushed = await odil.wait("Out for delivery", since=mark, timeout=40)
        assert "60000229235" in pushed["text"]


async def test_a_kept_store_is_not_seeded_twice(tmp_path: Path) -> None:
    """``--keep-data``: the demo shop's parcels are already in the store; none is made again."""
    from services.container import build_services
    from tests.bot.conftest import make_settings
    from tests.fakes.bts.server import BtsFake
    from tests.sandbox.demo import seed_demo_parcels

    bts = BtsFake()
    await bts.start()
    try:
        async with build_services(make_settings(tmp_path, bts)) as services:
            first = await seed_demo_parcels(services, bts)
            again = await seed_demo_parcels(services, bts)
            listed = await services.orders.list_orders(DEMO_SHOP.id, OrderFilterKind.ALL)
            tracked = await services.tracking.track(first[1])
        assert sorted(again) == first and listed.total == 3 and len(bts.orders) == 3
        assert tracked.found and tracked.status_code == 4
    finally:
        await bts.stop()
