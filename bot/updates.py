"""Taking updates from Telegram so that none is lost and none is handled twice.

Telegram keeps an update until the bot confirms it: in polling, by asking for a later offset; by
webhook, by answering 200. Both paths here confirm only *after* the handling is committed (the
conversation flushed, the ledger row marked done), so a process killed mid-update leaves the
update to Telegram, which delivers it again (to this process after a restart, or to another web
process). The :class:`~storage.updates.UpdateLedger` turns the redelivery of an update that was
in fact handled into a no-op, and an update being handled elsewhere right now into "come back
later" (503 to a webhook; polling never sees one twice at a time).

:func:`poll_updates` is the polling loop (instead of aiogram's, which confirms an update as soon
as it is read): updates are handled concurrently (one chat at a time, by the dispatcher's event
isolation); the offset asked for is the oldest update still in flight, so nothing unfinished is
ever confirmed; updates already started are skipped when Telegram returns them again.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Sequence
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.types import Update

from bot.middlewares.flush import Flushable
from storage.updates import Claim, UpdateLedger

logger = logging.getLogger(__name__)

POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates open when nothing is in flight
IN_FLIGHT_RECHECK = 0.25  # seconds between looks for new updates while some are still handled
RETRY_DELAY = 1.0  # after a failed getUpdates
STOP_GRACE = 10.0  # seconds a stopping poller waits for updates in flight


class UpdateHandler:
    """One update, start to committed: claim it in the ledger, dispatch, flush, mark done."""

    def __init__(
        self, dp: Dispatcher, bot: Bot, ledger: UpdateLedger, storage: object, *, exclusive: bool = False
    ) -> None:
        """``exclusive``: this is the only process taking updates (polling): a read of the ledger
        replaces the claim (what is in flight here is known to the poller)."""
        self.dp = dp
        self.bot = bot
        self.ledger = ledger
        self.exclusive = exclusive
        self._flushable = storage if isinstance(storage, Flushable) else None

    async def _claim(self, update_id: int) -> Claim:
        if self.exclusive:
            return Claim.DONE if await self.ledger.is_done(update_id) else Claim.MINE
        return await self.ledger.claim(update_id)

    async def handle(self, update: Update) -> Claim:
        claim = await self._claim(update.update_id)
        if claim is not Claim.MINE:
            logger.info("update %s is %s: not handled again", update.update_id, claim.value)
            return claim
        try:
            result = await self.dp.feed_update(self.bot, update)
            if isinstance(result, TelegramMethod):
                await self.dp.silent_call_request(self.bot, result)
        except asyncio.CancelledError:
            # Stopped before it finished: let the next delivery (here or elsewhere) take it at once.
            if not self.exclusive:
                with contextlib.suppress(Exception):
                    await asyncio.shield(self.ledger.release(update.update_id))
            raise
        except Exception:
            # The error handlers answered what they could; a poison update is not retried forever.
            logger.exception("update %s: unhandled error", update.update_id)
        if self._flushable is not None:
            await self._flushable.flush()  # the conversation on disk before the update is confirmed
        await self.ledger.finish(update.update_id)
        return Claim.MINE


class _Polling:
    """What the polling loop keeps between two getUpdates: the updates being handled, those whose
    handling broke (fetched again) and the next offset (everything below it was started)."""

    def __init__(self, handler: UpdateHandler, stop: asyncio.Event) -> None:
        self.handler = handler
        self.stop = stop
        self.in_flight: dict[int, asyncio.Task[Claim]] = {}
        self.failed: list[int] = []  # handling broke before it was committed: fetch these again
        self.next_offset: int | None = None  # everything below it was started (and maybe finished)

    async def retry_failed(self) -> None:
        if self.failed and self.next_offset is not None:
            self.next_offset = min(self.next_offset, *self.failed)  # the ledger skips what was done since
            self.failed.clear()
            await _sleep_or_stop(self.stop, RETRY_DELAY)

    async def fetch(
        self, stopping: asyncio.Future[Any], allowed_updates: Sequence[str] | None, poll_timeout: int
    ) -> list[Update] | None:
        """The next updates; None when stopped while waiting or after a failed getUpdates."""
        fetch = asyncio.ensure_future(
            self.handler.bot.get_updates(
                offset=min(self.in_flight) if self.in_flight else self.next_offset,
                timeout=0 if self.in_flight else poll_timeout,
                allowed_updates=list(allowed_updates) if allowed_updates is not None else None,
                request_timeout=poll_timeout + 30,
            )
        )
        racing: set[asyncio.Future[Any]] = {fetch, stopping}
        await asyncio.wait(racing, return_when=asyncio.FIRST_COMPLETED)
        if not fetch.done():
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await fetch
            return None
        try:
            return fetch.result()
        except (TelegramNetworkError, TelegramAPIError, TimeoutError, OSError) as exc:
            logger.warning("getUpdates failed (%s); retrying", exc)
            await _sleep_or_stop(self.stop, RETRY_DELAY)
            return None

    def start(self, updates: Sequence[Update]) -> int:
        """Hand each update not started yet to the handler; how many were started."""
        started = 0
        for update in updates:
            uid = update.update_id
            if uid in self.in_flight or (self.next_offset is not None and uid < self.next_offset):
                continue  # started earlier; Telegram returns it until we confirm past it
            task = asyncio.create_task(self.handler.handle(update), name=f"update-{uid}")
            self.in_flight[uid] = task
            task.add_done_callback(functools.partial(_done, self.in_flight, self.failed, uid))
            self.next_offset = max(self.next_offset or 0, uid + 1)
            started += 1
        return started

    async def wait_some(self, stopping: asyncio.Future[Any]) -> None:
        waiting: set[asyncio.Future[Any]] = {*self.in_flight.values(), stopping}
        await asyncio.wait(waiting, timeout=IN_FLIGHT_RECHECK, return_when=asyncio.FIRST_COMPLETED)

    async def wind_down(self) -> None:
        if self.in_flight:
            await asyncio.wait(list(self.in_flight.values()), timeout=STOP_GRACE)
        # Nothing is confirmed on the way out: the next start gets the unconfirmed updates again
        # and the ledger skips those that were handled.
        for task in self.in_flight.values():
            task.cancel()


async def poll_updates(
    handler: UpdateHandler,
    stop: asyncio.Event,
    *,
    allowed_updates: Sequence[str] | None = None,
    poll_timeout: int = POLL_TIMEOUT,
) -> None:
    """Long-poll until ``stop`` is set, confirming each update only once it was handled."""
    polling = _Polling(handler, stop)
    stopping = asyncio.ensure_future(stop.wait())
    try:
        while not stop.is_set():
            await polling.retry_failed()
            updates = await polling.fetch(stopping, allowed_updates, poll_timeout)
            if updates is None:
                continue  # stopped (the loop ends), or getUpdates failed and is asked again
            started = polling.start(updates)
            if polling.in_flight and not started:
                await polling.wait_some(stopping)
    finally:
        stopping.cancel()
        await polling.wind_down()
        logger.info("Polling stopped")  # aiogram's words: operators' log searches keep working


def _done(
    in_flight: dict[int, asyncio.Task[Claim]], failed: list[int], update_id: int, task: asyncio.Task[Claim]
) -> None:
    in_flight.pop(update_id, None)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("update %s: handling not committed; taken again", update_id, exc_info=task.exception())
        failed.append(update_id)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
