"""Background work: the status poller, the push sender, payment polling, the daily branch refresh.

It runs inside the bot process by default (``WORKER_IN_PROCESS=true``) and can run as its own
process: ``python -m bot worker`` (then set ``WORKER_IN_PROCESS=false`` for the bot).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from aiogram import Bot

from bot.i18n import Translator, group_amount
from bot.push import AiogramPushTransport, make_renderer
from services.container import Services
from services.fulfillment.sync import WmsSync
from services.notifications import OutboxSender, RenderedPush, Renderer, stored_language
from services.poller import StatusPoller

logger = logging.getLogger(__name__)

BRANCH_REFRESH_SECONDS = 6 * 3600  # checks staleness; the directory itself is refreshed daily


def _amount(value: object) -> str:
    try:
        return group_amount(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def _prepared(params: Mapping[str, Any]) -> dict[str, Any]:
    """Outbox params as the texts expect them: money grouped, an empty location named."""
    out = dict(params)
    if "amount" in out:
        out["amount"] = _amount(out["amount"])
    if "location" in out and not out["location"]:
        out["location"] = "none"
    return out


def create_renderer(services: Services, translator: Translator) -> Renderer:
    base = make_renderer(translator, stored_language(services.session_factory))

    async def render(
        chat_id: int, message_key: str, params_list: Sequence[Mapping[str, Any]]
    ) -> str | RenderedPush:
        return await base(chat_id, message_key, [_prepared(p) for p in params_list])

    return render


async def _refresh_branches(services: Services, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await services.branches.ensure_fresh(None)
        except Exception:
            logger.warning("branch directory refresh failed", exc_info=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), BRANCH_REFRESH_SECONDS)


async def _payments(services: Services, stop: asyncio.Event) -> None:
    task = asyncio.create_task(
        services.payments.poll_forever(interval=services.settings.payment_poll_interval)
    )
    await stop.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def run_worker(services: Services, bot: Bot, translator: Translator, stop: asyncio.Event) -> None:
    settings = services.settings
    merge = timedelta(seconds=settings.push_merge_window)
    sender = OutboxSender(
        services.session_factory,
        services.box,
        AiogramPushTransport(bot),
        create_renderer(services, translator),
        rate=settings.push_rate,
        merge_window=merge,
        idle_interval=min(5.0, settings.poll_tick),
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
    # --- fulfillment (WMS) ---
    wms_sync = WmsSync(
        services.session_factory,
        services.box,
        services.wms,
        services.wms_accounts,
        tick=timedelta(seconds=settings.wms_sync_interval),
        order_interval=timedelta(seconds=settings.wms_order_interval),
        on_enqueued=sender.wake,
    )
    logger.info("worker started: status poller, push sender, payment polling, branch refresh, wms sync")
    await asyncio.gather(
        poller.run(stop),
        sender.run(stop),
        _payments(services, stop),
        _refresh_branches(services, stop),
        wms_sync.run(stop),  # fulfillment (WMS)
    )
