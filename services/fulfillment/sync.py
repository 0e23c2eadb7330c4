"""The WMS sync: the ``*/clients`` lists into our store, then acknowledged; open orders followed.

One pass (:meth:`WmsSync.sync_once`), for every stored WMS account, for each list (purveyors,
products, receivings):

1. **Pull** page 1 (``per-page`` = ``per_page``), then pages 2..``pageCount`` with at most
   ``page_concurrency`` requests in flight (nothing is acknowledged yet, so the pages stand still),
   at most ``max_pages`` pages a pass;
2. **Store** every record in ONE transaction, upserted by ``(account, wms id)``, with the pushes
   its changes call for (a receiving recorded or accepted) in that same transaction;
3. only then **acknowledge** exactly the ids stored (``client-status``, ``ack_batch`` ids a request).

A crash between 2 and 3 leaves the records unacknowledged: the next pass gets them again and the
upsert stores each once; the push dedup keys keep the pushes single. Nothing is acknowledged that
was not committed. Records the WMS hands over again because they changed (a receiving accepted)
are stored again and compared by fingerprint.

Then fulfillment orders: every created, unfinished order not checked for ``order_interval`` is
read with ``v1/order/view`` (at most ``max_in_flight`` at once); a new ``fulfillment_status`` is
stored with its ``push-ff-status`` row in one transaction.

An account whose login the WMS refuses is paused for ``auth_retry`` (until its stored password
changes); other failures are logged and the list is tried again next pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.errors import AuthFailed, UpstreamError
from services.fulfillment.accounts import WmsAccountService, WmsAccountView
from services.fulfillment.catalog import catalog_data
from services.fulfillment.orders import record_status
from services.fulfillment.pushes import receiving_item
from services.fulfillment.status import ReceivingState
from services.wms.client import RawPage, WmsClient
from services.wms.models import Product, Purveyor, ReceivingGoods
from storage.crypto import SecretBox
from storage.fulfillment_schemas import CatalogData, CatalogKind, FulfillmentOrderRecord
from storage.repositories.outbox import OutboxItem
from storage.types import utc_now
from storage.uow import UnitOfWork, unit_of_work

__all__ = ["KINDS", "SyncStats", "WmsSync"]

logger = logging.getLogger(__name__)

KINDS = (CatalogKind.PURVEYOR, CatalogKind.PRODUCT, CatalogKind.RECEIVING)
_MODELS: dict[CatalogKind, Any] = {
    CatalogKind.PURVEYOR: Purveyor,
    CatalogKind.PRODUCT: Product,
    CatalogKind.RECEIVING: ReceivingGoods,
}

BeforeAck = Callable[[WmsAccountView, CatalogKind, list[int]], Awaitable[None]]


@dataclass
class SyncStats:
    accounts: int = 0
    pages: int = 0
    requests: int = 0  # list pages, acknowledgements and order views
    received: int = 0  # records handed over (a record on two pages counts twice)
    stored: int = 0  # distinct records stored
    created: int = 0  # of which never seen before
    acknowledged: int = 0
    rejected: int = 0  # records that did not parse: neither stored nor acknowledged
    pushes: int = 0
    orders_checked: int = 0
    orders_changed: int = 0
    failed: int = 0
    paused: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


class WmsSync:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        wms: WmsClient,
        accounts: WmsAccountService,
        *,
        per_page: int = 50,
        max_pages: int = 400,
        page_concurrency: int = 8,
        ack_batch: int = 500,
        max_in_flight: int = 8,
        order_interval: timedelta = timedelta(minutes=5),
        tick: timedelta = timedelta(minutes=2),
        auth_retry: timedelta = timedelta(hours=6),
        on_enqueued: Callable[[], None] | None = None,
        before_acknowledge: BeforeAck | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._wms = wms
        self._accounts = accounts
        self.per_page = per_page
        self.max_pages = max(1, max_pages)
        self.page_concurrency = max(1, page_concurrency)
        self.ack_batch = max(1, ack_batch)
        self.max_in_flight = max(1, max_in_flight)
        self.order_interval = order_interval
        self.tick = tick
        self.auth_retry = auth_retry
        self._on_enqueued = on_enqueued
        self._before_ack = before_acknowledge
        self._clock = clock
        self._paused: dict[int, tuple[str, datetime]] = {}

    # --- loop -----------------------------------------------------------------------------

    async def run(self, stop_event: asyncio.Event) -> None:
        logger.info("wms sync started")
        while not stop_event.is_set():
            try:
                stats = await self.sync_once(stop_event=stop_event)
                if stats.stored or stats.orders_changed or stats.failed:
                    logger.info(
                        "wms sync: %d accounts, %d stored (%d new), %d acknowledged, %d orders changed, "
                        "%d pushes, %d failed",
                        stats.accounts,
                        stats.stored,
                        stats.created,
                        stats.acknowledged,
                        stats.orders_changed,
                        stats.pushes,
                        stats.failed,
                    )
            except Exception:
                logger.exception("wms sync pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop_event.wait(), self.tick.total_seconds())
        logger.info("wms sync stopped")

    async def sync_once(
        self, now: datetime | None = None, *, stop_event: asyncio.Event | None = None
    ) -> SyncStats:
        """One pass over every account, then the open orders; a set ``stop_event`` ends it early
        between two lists (what was stored is acknowledged first, or fetched again next time)."""
        now = now or self._clock()
        stats = SyncStats()
        for account in await self._all_accounts():
            if stop_event is not None and stop_event.is_set():
                return stats
            if self._is_paused(account, now):
                stats.paused += 1
                continue
            stats.accounts += 1
            await self.sync_account(account, stats=stats, now=now, stop_event=stop_event)
        if stop_event is not None and stop_event.is_set():
            return stats
        await self.check_orders(now=now, stats=stats)
        if stats.pushes and self._on_enqueued is not None:
            self._on_enqueued()
        return stats

    async def sync_account(
        self,
        account: WmsAccountView,
        *,
        stats: SyncStats | None = None,
        now: datetime | None = None,
        stop_event: asyncio.Event | None = None,
    ) -> SyncStats:
        """Every list of one account (also right after the seller connects it)."""
        stats = stats or SyncStats()
        now = now or self._clock()
        try:
            for kind in KINDS:
                if stop_event is not None and stop_event.is_set():
                    break
                await self.sync_list(account, kind, stats=stats, now=now)
        except AuthFailed:
            logger.warning("wms account %s: login refused, pausing it", account.account_id)
            self._paused[account.account_id] = (self._fingerprint(account), now + self.auth_retry)
            stats.failed += 1
        except UpstreamError as exc:
            logger.warning("wms account %s: sync failed: %s", account.account_id, exc)
            stats.failed += 1
        else:
            with contextlib.suppress(Exception):
                await self._accounts.save_tokens(account)
        return stats

    # --- one list -------------------------------------------------------------------------

    async def sync_list(
        self, account: WmsAccountView, kind: CatalogKind, *, stats: SyncStats, now: datetime
    ) -> list[int]:
        """Pull, store, acknowledge one list; returns the acknowledged ids."""
        records = await self._pull(account, kind, stats)
        if not records:
            return []
        stored = await self._store(account, kind, records, stats, now)
        if not stored:
            return []
        if self._before_ack is not None:
            await self._before_ack(account, kind, stored)
        for start in range(0, len(stored), self.ack_batch):
            chunk = stored[start : start + self.ack_batch]
            stats.requests += 1
            await self._wms.acknowledge(account.credentials, kind.value, chunk)
            stats.acknowledged += len(chunk)
        stats.by_kind[kind.value] = stats.by_kind.get(kind.value, 0) + len(stored)
        return stored

    async def _pull(
        self, account: WmsAccountView, kind: CatalogKind, stats: SyncStats
    ) -> list[dict[str, Any]]:
        first = await self._page(account, kind, 1, stats)
        pages = [first]
        last = min(first.meta.page_count, self.max_pages)
        if last > 1:
            gate = asyncio.Semaphore(self.page_concurrency)

            async def fetch(number: int) -> RawPage:
                async with gate:
                    return await self._page(account, kind, number, stats)

            pages += await asyncio.gather(*(fetch(n) for n in range(2, last + 1)))
        return [item for page in pages for item in page.items]

    async def _page(
        self, account: WmsAccountView, kind: CatalogKind, number: int, stats: SyncStats
    ) -> RawPage:
        stats.requests += 1
        stats.pages += 1
        page = await self._wms.list_raw(account.credentials, kind.value, page=number, per_page=self.per_page)
        stats.received += len(page.items)
        return page

    async def _store(
        self,
        account: WmsAccountView,
        kind: CatalogKind,
        records: Sequence[dict[str, Any]],
        stats: SyncStats,
        now: datetime,
    ) -> list[int]:
        """ONE transaction: the records and the pushes they call for; returns the stored ids."""
        model = _MODELS[kind]
        data: list[CatalogData] = []
        for record in records:
            try:
                model.model_validate(record)
            except ValueError:
                stats.rejected += 1
                logger.warning(
                    "wms %s %s: unreadable record left unacknowledged", kind.value, record.get("id")
                )
                continue
            data.append(catalog_data(kind, record))
        if not data:
            return []
        async with unit_of_work(self._sf, self._box) as uow:
            changes = await uow.fulfillment.store_catalog(kind, account.account_id, data, now=now)
            items: list[OutboxItem] = []
            if kind is CatalogKind.RECEIVING:
                prefs = await uow.subscriptions.get_preferences(account.user_id)
                for change in changes:
                    state = ReceivingState(change.state or ReceivingState.RECORDED.value)
                    if change.previous_state == state.value:
                        continue
                    item = receiving_item(prefs, account.account_id, change.item, state, now=now)
                    if item is not None:
                        items.append(item)
            if items:
                stats.pushes += len(await uow.outbox.enqueue_many(items, now=now))
        stats.stored += len(changes)
        stats.created += sum(1 for change in changes if change.created)
        return [change.item.wms_id for change in changes]

    # --- fulfillment orders ---------------------------------------------------------------

    async def check_orders(self, *, now: datetime | None = None, stats: SyncStats | None = None) -> SyncStats:
        now = now or self._clock()
        stats = stats or SyncStats()
        async with self._sf() as session:
            due = await UnitOfWork(session, self._box).fulfillment.due_orders(
                checked_before=now - self.order_interval
            )
        accounts: dict[int, WmsAccountView | None] = {}
        gate = asyncio.Semaphore(self.max_in_flight)

        async def check(order: FulfillmentOrderRecord) -> None:
            assert order.wms_account_id is not None and order.wms_id is not None
            if order.wms_account_id not in accounts:
                accounts[order.wms_account_id] = await self._accounts.by_id(order.wms_account_id)
            account = accounts[order.wms_account_id]
            if account is None or self._is_paused(account, now):
                return
            try:
                async with gate:
                    stats.requests += 1
                    seen = await self._wms.get_fulfillment_order(account.credentials, order.wms_id)
            except UpstreamError as exc:
                logger.warning("fulfillment order %s: view failed: %s", order.id, exc)
                stats.failed += 1
                async with unit_of_work(self._sf, self._box) as uow:
                    await uow.fulfillment.mark_orders_checked([order.id], now=now)
                return
            stats.orders_checked += 1
            if seen.fulfillment_status is None:
                return
            changed, pushed = await record_status(
                self._sf, self._box, order, seen.fulfillment_status, now=now
            )
            stats.orders_changed += int(changed)
            stats.pushes += int(pushed)

        await asyncio.gather(*(check(order) for order in due if order.wms_id is not None))
        return stats

    # --- accounts -------------------------------------------------------------------------

    async def _all_accounts(self) -> list[WmsAccountView]:
        found: list[WmsAccountView] = []
        after = 0
        while True:
            async with self._sf() as session:
                logins = await UnitOfWork(session, self._box).fulfillment.wms_logins(after_id=after)
            if not logins:
                return found
            found.extend(self._accounts.view(login) for login in logins)
            after = logins[-1].id

    @staticmethod
    def _fingerprint(account: WmsAccountView) -> str:
        secret = f"{account.login}\x1f{account.credentials.password.get_secret_value()}"
        return hashlib.sha256(secret.encode()).hexdigest()

    def _is_paused(self, account: WmsAccountView, now: datetime) -> bool:
        pause = self._paused.get(account.account_id)
        if pause is None:
            return False
        if pause[0] == self._fingerprint(account) and now < pause[1]:
            return True
        del self._paused[account.account_id]
        return False
