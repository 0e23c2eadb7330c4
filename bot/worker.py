"""Background work: the status poller, the push sender, payment polling, the daily branch refresh.

It runs inside the bot process by default (``WORKER_IN_PROCESS=true``) and can run as its own
process: ``python -m bot worker`` (then set ``WORKER_IN_PROCESS=false`` for the bot). Several
worker processes may run against one PostgreSQL: each parcel is taken for a check by one of them
(``OrderRepository.claim_checks``), each push by one sender (the outbox lease), and with
``REDIS_URL`` all senders share one rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from aiogram import Bot

from bot.i18n import Money, Translator
from bot.push import AiogramPushTransport, make_renderer
from services.container import Services
from services.fulfillment.sync import WmsSync
from services.notifications import OutboxSender, RenderedPush, Renderer, stored_language
from services.poller import StatusPoller
from storage.db import journal_dir_for
from storage.redis import RedisRateLimiter

logger = logging.getLogger(__name__)

BRANCH_REFRESH_SECONDS = 6 * 3600  # checks staleness; the directory itself is refreshed daily
HOUSEKEEPING_SECONDS = 3600
UNSURE_INTERVAL = 30.0  # seconds between looks for creates whose answer was lost


def _amount(value: object) -> Money | str:
    """The amount as money in the chat's language (``73 000 soʻm``, ``73,000 UZS``)."""
    try:
        return Money(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


# What a payment push names when it is known (``services.notifications.order_push_params``).
_PAYMENT_OPTIONAL = ("number", "barcode", "receiver")


def prepared_params(message_key: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Outbox params as the texts expect them: money with its currency, an empty location or an unknown
    order reference named ``none`` (the texts select on it)."""
    out = dict(params)
    if "amount" in out:
        out["amount"] = _amount(out["amount"])
    if "location" in out and not out["location"]:
        out["location"] = "none"
    if message_key.startswith("push-payment-"):
        for name in _PAYMENT_OPTIONAL:
            if not out.get(name):
                out[name] = "none"
    return out


def create_renderer(services: Services, translator: Translator) -> Renderer:
    base = make_renderer(translator, stored_language(services.session_factory))

    async def render(
        chat_id: int, message_key: str, params_list: Sequence[Mapping[str, Any]]
    ) -> str | RenderedPush:
        return await base(chat_id, message_key, [prepared_params(message_key, p) for p in params_list])

    return render


async def _refresh_branches(services: Services, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await services.branches.ensure_fresh(None)
        except Exception:
            logger.warning("branch directory refresh failed", exc_info=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), BRANCH_REFRESH_SECONDS)


async def _resolve_unsure(services: Services, stop: asyncio.Event) -> None:
    """Look for creates whose answer was lost until BTS shows them (services.orders.resolve_unsure)."""
    while not stop.is_set():
        try:
            found = await services.orders.resolve_unsure()
            if found:
                logger.info("%d unsure create(s) found at BTS", len(found))
        except Exception as exc:
            logger.warning("looking for unsure creates failed: %s", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), UNSURE_INTERVAL)


async def _payments(services: Services, stop: asyncio.Event) -> None:
    task = asyncio.create_task(
        services.payments.poll_forever(interval=services.settings.payment_poll_interval)
    )
    await stop.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


@dataclass
class Workers:
    """The background parts of one process, wired once (``python -m bot``, ``python -m bot worker``
    and the tests all use :func:`create_workers`)."""

    poller: StatusPoller
    sender: OutboxSender


def create_workers(
    services: Services,
    bot: Bot,
    translator: Translator,
    *,
    renderer: Renderer | None = None,
) -> Workers:
    """The status poller waking the push sender; with Redis, the senders of every process share
    one rate (all together under Telegram's 30 messages a second)."""
    settings = services.settings
    merge = timedelta(seconds=settings.push_merge_window)
    limiter = (
        RedisRateLimiter(services.redis, f"{settings.redis_key_prefix}:push-rate", settings.push_rate)
        if services.redis is not None
        else None
    )
    sender = OutboxSender(
        services.session_factory,
        services.box,
        AiogramPushTransport(bot),
        renderer or create_renderer(services, translator),
        rate=settings.push_rate,
        merge_window=merge,
        idle_interval=min(5.0, settings.poll_tick),
        limiter=limiter,
        journal_dir=journal_dir_for(services.engine),  # no duplicate push across a kill
    )
    poller = StatusPoller(
        services.session_factory,
        services.box,
        services.bts,
        services.accounts,
        fresh_interval=timedelta(seconds=settings.poll_fresh_interval),
        stale_interval=timedelta(seconds=settings.poll_stale_interval),
        tick=timedelta(seconds=settings.poll_tick),
        push_delay=merge,
        on_enqueued=sender.wake,
    )
    return Workers(poller, sender)


async def _housekeeping(services: Services, stop: asyncio.Event) -> None:
    """Forget handled Telegram updates older than Telegram keeps them."""
    while not stop.is_set():
        try:
            await services.updates.purge()
        except Exception:
            logger.warning("purging handled updates failed", exc_info=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), HOUSEKEEPING_SECONDS)


async def run_worker(services: Services, bot: Bot, translator: Translator, stop: asyncio.Event) -> None:
    workers = create_workers(services, bot, translator)
    settings = services.settings
    # --- fulfillment (WMS) ---
    wms_sync = WmsSync(
        services.session_factory,
        services.box,
        services.wms,
        services.wms_accounts,
        tick=timedelta(seconds=settings.wms_sync_interval),
        order_interval=timedelta(seconds=settings.wms_order_interval),
        on_enqueued=workers.sender.wake,
    )
    logger.info("worker started: status poller, push sender, payment polling, branch refresh, wms sync")
    await asyncio.gather(
        workers.poller.run(stop),
        workers.sender.run(stop),
        _payments(services, stop),
        _refresh_branches(services, stop),
        _housekeeping(services, stop),
        _resolve_unsure(services, stop),
        wms_sync.run(stop),  # fulfillment (WMS)
    )
