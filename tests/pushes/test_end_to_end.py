"""Both workers together: a parcel moves at BTS, the owner's Telegram chat gets the push."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.i18n import Translator
from bot.push import AiogramPushTransport, make_renderer
from services.bts import BtsClient
from services.notifications import OutboxSender, stored_language
from services.poller import StatusPoller
from storage.uow import unit_of_work
from tests.fakes.telegram.fixtures import make_bot
from tests.fakes.telegram.server import TelegramFake
from tests.pushes.conftest import World


async def test_a_parcel_moving_at_bts_reaches_its_followers_on_telegram(
    world: World,
    bts_client: BtsClient,
    telegram_fake: TelegramFake,
    translator: Translator,
) -> None:
    owner = telegram_fake.add_user(language_code="en").id
    follower = telegram_fake.add_user().id
    account = await world.seller(owner)
    fake_order, order = await world.order(account)
    await world.subscribe(follower, order.id)
    async with unit_of_work(world.session_factory, world.box) as uow:
        await uow.users.set_language(owner, "en")
        await uow.users.set_language(follower, "ru")
    world.fake.advance(fake_order.order_id)

    bot = make_bot(telegram_fake)
    try:
        renderer = make_renderer(translator, stored_language(world.session_factory))
        sender = OutboxSender(
            world.session_factory,
            world.box,
            AiogramPushTransport(bot),
            renderer,
            merge_window=timedelta(0),
            idle_interval=0.05,
        )
        poller = StatusPoller(
            world.session_factory,
            world.box,
            bts_client,
            world.accounts,
            push_delay=timedelta(0),
            tick=timedelta(seconds=30),
            on_enqueued=sender.wake,
        )
        stop = asyncio.Event()
        workers = asyncio.gather(poller.run(stop), sender.run(stop))
        try:
            await telegram_fake.wait_for(owner, timeout=5)
            await telegram_fake.wait_for(follower, timeout=5)
        finally:
            stop.set()
            await asyncio.wait_for(workers, 5)
    finally:
        await bot.session.close()

    [to_owner] = telegram_fake.transcript(owner).bot_messages
    [to_follower] = telegram_fake.transcript(follower).bot_messages
    assert to_owner.text is not None and to_owner.text.startswith(
        f"📦 {fake_order.barcode}: Picked up by the courier"
    )
    assert to_follower.text is not None and fake_order.barcode in to_follower.text
    assert to_follower.text != to_owner.text  # each in their own language
