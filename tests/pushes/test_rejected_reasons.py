"""An order BTS rejects (status 0) is pushed with the reasons BTS gives, in Tashkent time."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.i18n import Translator
from bot.push import make_renderer
from services.bts import BtsClient
from services.notifications import PUSH_STATUS
from tests.pushes.conftest import World
from tests.pushes.helpers import make_poller, outbox_rows

OWNER = 1001


async def test_a_rejection_seen_by_the_poller_carries_its_reasons_in_tashkent_time(
    world: World, bts_client: BtsClient, translator: Translator
) -> None:
    account = await world.seller(OWNER)
    fake_order, _ = await world.order(account)
    # 14:29 UTC is 19:29 in Tashkent (UTC+5)
    world.fake.clock = lambda: datetime(2024, 8, 20, 14, 29, 6, tzinfo=UTC).timestamp()
    world.fake.set_status(fake_order.order_id, 0, reason="Noto`g`ri manzil")
    poller = make_poller(world, bts_client)

    stats = await poller.poll_once()

    assert stats.changed == 1
    [row] = [r for r in await outbox_rows(world.session_factory) if r.message_key == PUSH_STATUS]
    assert row.params["status"] == 0
    assert row.params["reasons"] == "Noto`g`ri manzil (BTS operator, 20.08.2024 19:29)"

    async def english(chat_id: int) -> str:
        return "en"

    text = await make_renderer(translator, english)(OWNER, PUSH_STATUS, [row.params])
    assert isinstance(text, str)
    assert text.endswith("Why:\nNoto`g`ri manzil (BTS operator, 20.08.2024 19:29)")


async def test_no_reasons_call_for_other_changes(world: World, bts_client: BtsClient) -> None:
    account = await world.seller(OWNER)
    fake_order, _ = await world.order(account)
    world.fake.advance(fake_order.order_id)
    await make_poller(world, bts_client).poll_once()
    assert world.fake.count("v1/order/cancellation") == 0
    [row] = await outbox_rows(world.session_factory)
    assert "reasons" not in row.params
