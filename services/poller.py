"""The status poller: refreshes every unfinished order known to the bot and records its changes.

One pass (:meth:`StatusPoller.poll_once`):

1. Pick the due orders. An order that changed (or was created) within ``fresh_age`` is due every
   ``fresh_interval`` (10 min), an older one every ``stale_interval`` (45 min), each ±``jitter``
   (20 %, fixed per order and check so passes spread out instead of bunching up). Final orders
   are never polled: a final status stops polling.
2. Ask BTS, with at most ``max_in_flight`` requests in flight overall and
   ``concurrency_per_account`` per seller account: ``order/track`` for every order, and
   ``order/history`` only when the status differs from the stored one (for the events and the
   location). International parcels go through ``international/track-by-barcode``.
3. Write, one transaction per batch of answers: a changed order is upserted, its new history
   events stored and one ``push-status`` outbox row enqueued per recipient (owner and
   subscribers, preferences applied), all in that one transaction; unchanged orders are marked
   checked, and a parcel without a change for at least ``stalled_after`` (1 day; ``None`` turns
   the alerts off) is offered to ``stalled_push_items``: each recipient gets one ``push-stalled``
   row per period of its own ``stalled_days`` preference (5 by default, chosen in Settings).

An account whose login BTS refuses is paused (in memory) and its owner gets ONE ``push-relogin``
message (deduplicated per account per Tashkent day). The pause ends when the stored credentials
change (the owner logged in again) or, to notice a BTS-side fix, after ``auth_retry``.

Failures other than auth (timeouts, 5xx after the client's retries, 404) count the order as
checked: it is tried again on its normal schedule rather than hammered every pass. So do orders
of no known account (the seller logged out); orders of a paused account simply wait.

A status seen twice (4 → 8 → 4) is recorded both times but pushed once: the dedup key
``st:<order>:<status>:<chat>`` is per status.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.accounts import SellerAccount
from services.bts.models import (
    BtsCredentials,
    CancellationReason,
    HistoryEvent,
    InternationalTrack,
    OrderTrack,
)
from services.common.errors import AuthFailed, UpstreamError
from services.notifications import (
    DEFAULT_MERGE_WINDOW,
    enqueue_relogin,
    reason_lines,
    recipients_of,
    stalled_push_items,
    status_is_final,
    status_push_items,
)
from storage.crypto import SecretBox
from storage.db import is_busy
from storage.repositories.outbox import OutboxItem
from storage.schemas import OrderData, OrderRecord, StatusEventData
from storage.types import utc_now
from storage.uow import UnitOfWork, unit_of_work

__all__ = ["AccountLookup", "PollStats", "StatusPoller", "TrackingApi"]

logger = logging.getLogger(__name__)


class TrackingApi(Protocol):
    """What the poller asks BTS (``services.bts.BtsClient`` has it)."""

    async def track_order(self, account: BtsCredentials, order_id: int) -> OrderTrack: ...

    async def order_history(self, account: BtsCredentials, order_id: int) -> list[HistoryEvent]: ...

    async def track_international(self, account: BtsCredentials, barcode: str) -> InternationalTrack: ...

    async def cancellation_reasons(
        self, account: BtsCredentials, order_id: int
    ) -> list[CancellationReason]: ...


class AccountLookup(Protocol):
    """Seller accounts by id (``services.accounts.AccountService`` has it)."""

    async def by_account_id(self, account_id: int) -> SellerAccount | None: ...


@dataclass
class PollStats:
    due: int = 0  # orders due in this pass
    checked: int = 0  # orders BTS answered for
    changed: int = 0  # status changes recorded
    failed: int = 0  # orders BTS failed on (other than auth)
    skipped: int = 0  # orders of paused or unknown accounts
    pushes: int = 0  # outbox rows enqueued (status, stalled, re-login)
    paused_accounts: int = 0  # accounts paused in this pass
    requests: int = 0  # requests made to BTS (track + history)


@dataclass(frozen=True, slots=True)
class _Answer:
    order: OrderRecord
    status: int | None = None  # None: BTS failed for this order
    history: tuple[HistoryEvent, ...] = ()
    reasons: tuple[CancellationReason, ...] = ()  # why BTS rejected it (status 0)


@dataclass
class _Pause:
    fingerprint: str
    until: datetime


@dataclass
class _Pass:
    now: datetime
    stats: PollStats = field(default_factory=PollStats)
    answers: asyncio.Queue[_Answer | None] = field(default_factory=asyncio.Queue)
    auth_failed: dict[int, SellerAccount] = field(default_factory=dict)


def _fingerprint(credentials: BtsCredentials) -> str:
    """Identifies a set of credentials without keeping the password around in clear."""
    secret = f"{credentials.username}\x1f{credentials.inn}\x1f{credentials.password.get_secret_value()}"
    return hashlib.sha256(secret.encode()).hexdigest()


class StatusPoller:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        bts: TrackingApi,
        accounts: AccountLookup,
        *,
        concurrency_per_account: int = 4,
        max_in_flight: int = 16,
        fresh_interval: timedelta = timedelta(minutes=10),
        stale_interval: timedelta = timedelta(minutes=45),
        fresh_age: timedelta = timedelta(days=1),
        jitter: float = 0.2,
        stalled_after: timedelta | None = timedelta(days=1),
        push_delay: timedelta = DEFAULT_MERGE_WINDOW,
        auth_retry: timedelta = timedelta(hours=6),
        tick: timedelta = timedelta(minutes=1),
        page_size: int = 500,
        write_batch: int = 200,
        on_enqueued: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        if not 0 <= jitter < 1:
            raise ValueError("jitter must be in [0, 1)")
        self._sf = session_factory
        self._box = box
        self._bts = bts
        self._accounts = accounts
        self.concurrency_per_account = max(1, concurrency_per_account)
        self.max_in_flight = max(1, max_in_flight)
        self.fresh_interval = fresh_interval
        self.stale_interval = stale_interval
        self.fresh_age = fresh_age
        self.jitter = jitter
        self.stalled_after = stalled_after
        self.push_delay = push_delay
        self.auth_retry = auth_retry
        self.tick = tick
        self.page_size = page_size
        self.write_batch = write_batch
        self._on_enqueued = on_enqueued
        self._clock = clock
        self._paused: dict[int, _Pause] = {}
        self._in_flight = asyncio.Semaphore(self.max_in_flight)

    # --- public ------------------------------------------------------------------------------

    async def run(self, stop_event: asyncio.Event) -> None:
        """Poll every ``tick`` until ``stop_event`` is set (a pass in progress stops taking orders)."""
        logger.info("status poller started")
        while not stop_event.is_set():
            try:
                stats = await self.poll_once(self._clock(), stop_event=stop_event)
                if stats.due:
                    logger.info(
                        "poll pass: %d due, %d checked, %d changed, %d failed, %d skipped, %d pushes",
                        stats.due,
                        stats.checked,
                        stats.changed,
                        stats.failed,
                        stats.skipped,
                        stats.pushes,
                    )
            except Exception as exc:
                if is_busy(exc):  # another process held the database past the busy timeout
                    logger.warning("poll pass: the database is busy; trying again next tick")
                else:
                    logger.exception("poll pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop_event.wait(), self.tick.total_seconds())
        logger.info("status poller stopped")

    def is_paused(self, account_id: int) -> bool:
        return account_id in self._paused

    async def poll_once(
        self, now: datetime | None = None, *, stop_event: asyncio.Event | None = None
    ) -> PollStats:
        """One pass over the due orders; returns what it did."""
        run = _Pass(now or self._clock())
        orders = await self._claim(await self._due_orders(run.now), run.now)
        run.stats.due = len(orders)
        by_account = await self._group_by_account(run, orders)
        writer = asyncio.create_task(self._write_answers(run))
        try:
            async with asyncio.TaskGroup() as group:
                for account, queue in by_account:
                    for _ in range(min(self.concurrency_per_account, len(queue))):
                        group.create_task(self._account_worker(run, account, queue, stop_event))
        finally:
            run.answers.put_nowait(None)
            await writer
        if run.auth_failed:
            await self._pause_accounts(run)
        if run.stats.pushes and self._on_enqueued is not None:
            self._on_enqueued()
        return run.stats

    # --- choosing orders ----------------------------------------------------------------------

    def _interval(self, order: OrderRecord, now: datetime) -> timedelta:
        changed = order.status_changed_at or order.created_at
        return self.fresh_interval if now - changed < self.fresh_age else self.stale_interval

    def _jitter_factor(self, order: OrderRecord) -> float:
        """A fixed factor in [1 - jitter, 1 + jitter] for this order and this check."""
        stamp = int(order.checked_at.timestamp()) if order.checked_at else 0
        unit = zlib.crc32(f"{order.id}:{stamp}".encode()) / 0xFFFFFFFF
        return 1 + self.jitter * (2 * unit - 1)

    def is_due(self, order: OrderRecord, now: datetime) -> bool:
        if order.is_final or order.bts_order_id is None:
            return False
        if order.checked_at is None:
            return True
        return order.checked_at + self._interval(order, now) * self._jitter_factor(order) <= now

    async def _due_orders(self, now: datetime) -> list[OrderRecord]:
        shortest = 1 - self.jitter
        due: list[OrderRecord] = []
        after_id = 0
        async with self._sf() as session:
            repo = UnitOfWork(session, self._box).orders
            while True:
                page = await repo.list_due_for_poll(
                    fresh_since=now - self.fresh_age,
                    fresh_checked_before=now - self.fresh_interval * shortest,
                    stale_checked_before=now - self.stale_interval * shortest,
                    after_id=after_id,
                    limit=self.page_size,
                )
                due.extend(order for order in page if self.is_due(order, now))
                if len(page) < self.page_size:
                    break
                after_id = page[-1].id
        return due

    async def _claim(self, orders: list[OrderRecord], now: datetime) -> list[OrderRecord]:
        """Keep the orders this worker won: with several workers, each order is checked by one."""
        if not orders:
            return orders
        async with unit_of_work(self._sf, self._box) as uow:
            won = await uow.orders.claim_checks(
                [order.id for order in orders],
                now=now,
                checked_before=now - self.fresh_interval * (1 - self.jitter),
            )
        return [order for order in orders if order.id in won]

    async def _group_by_account(
        self, run: _Pass, orders: list[OrderRecord]
    ) -> list[tuple[SellerAccount, deque[OrderRecord]]]:
        """Due orders per account. Orders of paused accounts wait; orders of no known account
        (the seller logged out) are counted as checked, so they come back on their schedule
        rather than every pass."""
        accounts: dict[int, SellerAccount | None] = {}
        paused: dict[int, bool] = {}
        queues: dict[int, deque[OrderRecord]] = {}
        for order in orders:
            account_id = order.bts_account_id
            if account_id is not None and account_id not in accounts:
                accounts[account_id] = await self._accounts.by_account_id(account_id)
            account = accounts.get(account_id) if account_id is not None else None
            if account is None:
                run.stats.skipped += 1
                run.answers.put_nowait(_Answer(order))
                continue
            if account.account_id not in paused:
                paused[account.account_id] = self._still_paused(account, run.now)
            if paused[account.account_id]:
                run.stats.skipped += 1
                continue
            queues.setdefault(account.account_id, deque()).append(order)
        return [
            (account, queues[account_id])
            for account_id, account in accounts.items()
            if account and account_id in queues
        ]

    def _still_paused(self, account: SellerAccount, now: datetime) -> bool:
        pause = self._paused.get(account.account_id)
        if pause is None:
            return False
        if pause.fingerprint == _fingerprint(account.credentials) and now < pause.until:
            return True
        del self._paused[account.account_id]
        logger.info("BTS account %s: trying again after a refused login", account.account_id)
        return False

    # --- asking BTS ---------------------------------------------------------------------------

    async def _account_worker(
        self,
        run: _Pass,
        account: SellerAccount,
        queue: deque[OrderRecord],
        stop_event: asyncio.Event | None,
    ) -> None:
        while queue and account.account_id not in run.auth_failed:
            if stop_event is not None and stop_event.is_set():
                return
            order = queue.popleft()
            try:
                answer = await self._check(run, account, order)
            except AuthFailed:
                if account.account_id not in run.auth_failed:
                    logger.warning("BTS refused the login of account %s: pausing it", account.account_id)
                run.auth_failed[account.account_id] = account
                run.stats.skipped += 1 + len(queue)
                queue.clear()
                return
            except UpstreamError as exc:
                logger.warning("polling order %s failed: %s", order.id, exc)
                run.stats.failed += 1
                answer = _Answer(order)
            else:
                run.stats.checked += 1
            run.answers.put_nowait(answer)

    async def _check(self, run: _Pass, account: SellerAccount, order: OrderRecord) -> _Answer:
        assert order.bts_order_id is not None  # due orders have one
        credentials = account.credentials
        if order.international:
            if not order.barcode:
                return _Answer(order)
            async with self._in_flight:
                run.stats.requests += 1
                parcel = await self._bts.track_international(credentials, order.barcode)
            return _Answer(order, parcel.status.code)
        async with self._in_flight:
            run.stats.requests += 1
            track = await self._bts.track_order(credentials, order.bts_order_id)
        status = track.status_id
        if status is None or status == order.status_code:
            return _Answer(order, order.status_code if status is None else status)
        async with self._in_flight:
            run.stats.requests += 1
            history = await self._bts.order_history(credentials, order.bts_order_id)
        reasons: tuple[CancellationReason, ...] = ()
        if status == 0:  # rejected: the seller hears why, not only that
            try:
                async with self._in_flight:
                    run.stats.requests += 1
                    reasons = tuple(await self._bts.cancellation_reasons(credentials, order.bts_order_id))
            except Exception:
                logger.warning("poller: no cancellation reasons for order %s", order.id, exc_info=True)
        return _Answer(order, status, tuple(history), reasons)

    # --- writing ------------------------------------------------------------------------------

    async def _write_answers(self, run: _Pass) -> None:
        """The single writer: batches answers into transactions (SQLite has one writer anyway)."""
        done = False
        while not done:
            first = await run.answers.get()
            batch: list[_Answer] = []
            if first is None:
                done = True
            else:
                batch.append(first)
            while not done and len(batch) < self.write_batch and not run.answers.empty():
                item = run.answers.get_nowait()
                if item is None:
                    done = True
                else:
                    batch.append(item)
            if batch:
                try:
                    await self._write(run, batch)
                except Exception as exc:
                    if is_busy(exc):
                        logger.warning(
                            "poller: the database is busy; %d answers are polled again", len(batch)
                        )
                    else:
                        logger.exception(
                            "poller: writing %d answers failed; they are polled again", len(batch)
                        )

    async def _write(self, run: _Pass, batch: list[_Answer]) -> None:
        """One transaction: changed orders, their events and pushes; checks; stalled alerts."""
        now = run.now
        changes = [a for a in batch if a.status is not None and a.status != a.order.status_code]
        stalled = self._stalled(batch, {a.order.id for a in changes}, now)
        async with unit_of_work(self._sf, self._box) as uow:
            updated = await self._record_changes(uow, changes, now) if changes else []
            items = await self._push_items(uow, updated, stalled, now) if updated or stalled else []
            if items:
                run.stats.pushes += len(await uow.outbox.enqueue_many(items, now=now))
            await uow.orders.mark_checked([a.order.id for a in batch], now=now)
        run.stats.changed += len(updated)

    def _stalled(self, batch: list[_Answer], changed_ids: set[int], now: datetime) -> list[OrderRecord]:
        """Orders answered with no change whose status has stood still for ``stalled_after``."""
        if self.stalled_after is None:
            return []
        return [
            a.order
            for a in batch
            if a.status is not None
            and a.order.id not in changed_ids
            and now - (a.order.status_changed_at or a.order.created_at) >= self.stalled_after
        ]

    @staticmethod
    async def _record_changes(
        uow: UnitOfWork, changes: list[_Answer], now: datetime
    ) -> list[tuple[_Answer, OrderRecord]]:
        """The new statuses and their history; the answers whose change this write recorded."""
        results = await uow.orders.upsert_many(
            [
                OrderData(
                    bts_order_id=a.order.bts_order_id or 0,
                    status_code=a.status,
                    is_final=status_is_final(a.status or 0, international=a.order.international),
                )
                for a in changes
            ],
            now=now,
        )
        events = [
            (
                a.order.id,
                StatusEventData(
                    status_code=e.status_id,
                    occurred_at=e.timestamp,
                    message=e.message,
                    location=e.location,
                ),
            )
            for a in changes
            for e in a.history
            if e.status_id is not None
        ]
        if events:
            await uow.status_events.add_many_if_new(events, now=now)
        # An order whose very status someone else recorded meanwhile is not a change here.
        return [(a, r.order) for a, r in zip(changes, results, strict=True) if r.status_changed]

    async def _push_items(
        self,
        uow: UnitOfWork,
        updated: list[tuple[_Answer, OrderRecord]],
        stalled: list[OrderRecord],
        now: datetime,
    ) -> list[OutboxItem]:
        """The status pushes of the changed orders and the alerts of the stalled ones."""
        items: list[OutboxItem] = []
        recipients = await recipients_of(uow, [order for _, order in updated] + stalled)
        for answer, order in updated:
            items += status_push_items(
                order,
                answer.status or 0,
                recipients[order.id],
                location=_location(answer.history, answer.status or 0),
                now=now,
                delay=self.push_delay,
                reasons=reason_lines(answer.reasons),
            )
        for order in stalled:  # each chat's own "after N days" decides (Settings)
            items += stalled_push_items(
                order,
                recipients[order.id],
                since=order.status_changed_at or order.created_at,
                now=now,
            )
        return items

    async def _pause_accounts(self, run: _Pass) -> None:
        async with unit_of_work(self._sf, self._box) as uow:
            for account_id, account in run.auth_failed.items():
                self._paused[account_id] = _Pause(
                    _fingerprint(account.credentials), run.now + self.auth_retry
                )
                run.stats.paused_accounts += 1
                if await enqueue_relogin(
                    uow,
                    owner_id=account.user_id,
                    account_id=account_id,
                    username=account.username,
                    now=run.now,
                ):
                    run.stats.pushes += 1


def _location(history: tuple[HistoryEvent, ...], status: int) -> str | None:
    """Where the parcel is: the latest event of the new status, else the latest event."""
    latest_first = sorted(history, key=lambda event: event.timestamp, reverse=True)
    for event in latest_first:
        if event.status_id == status and event.location:
            return event.location
    for event in latest_first:
        if event.location:
            return event.location
    return None
