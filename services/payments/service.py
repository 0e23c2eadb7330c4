"""``PaymentService``: the one object the bot and the worker hold for Yandex Pay.

It wires the parts (``merchants``, ``links``, ``machine``, ``polling``, ``webhook``) over one
session factory, box and HTTP client, and keeps the public calls the bot uses.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.deeplinks import DeepLink
from services.common.http import RetryPolicy
from services.orders import OrderView
from services.payments.links import DEFAULT_TTL_SECONDS, DELIVERY_TITLE, LinkMaker
from services.payments.machine import StatusMachine, details_of
from services.payments.merchants import Merchants
from services.payments.polling import PaymentPoller, PollTiming
from services.payments.status import EXPIRED, POLLED_STATUSES, WATCHED_STATUSES
from services.payments.views import (
    MerchantView,
    PaymentChange,
    PaymentLink,
    PaymentNotFound,
    PaymentView,
    WebhookResult,
    view_of,
)
from services.payments.webhook import WebhookHandler
from services.settings import Settings
from services.yandex_pay.client import DEFAULT_REQUEST_TIMEOUT_MS
from services.yandex_pay.webhook import WebhookVerifier, jwks_url_for
from storage.crypto import SecretBox
from storage.db import is_busy
from storage.schemas import PaymentRecord
from storage.types import utc_now
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)


class PaymentService:
    """Yandex Pay links and payment status for sellers (see the package docstring)."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        retry: RetryPolicy | None = None,
        verifiers: Mapping[bool, WebhookVerifier] | None = None,
        request_timeout_ms: int = DEFAULT_REQUEST_TIMEOUT_MS,
        poll_min_delay: float = 10.0,
        poll_max_delay: float = 300.0,
        poll_concurrency: int = 4,
        expiry_grace: timedelta = timedelta(minutes=10),
        authorized_grace: timedelta = timedelta(days=1),
        refund_watch: timedelta = timedelta(days=30),
        watch_min_delay: float = 900.0,
        watch_max_delay: float = 43_200.0,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self.merchants = Merchants(
            session_factory,
            box,
            http,
            settings,
            retry=retry or RetryPolicy(),
            request_timeout_ms=request_timeout_ms,
        )
        self.machine = StatusMachine(session_factory, box)
        self.links = LinkMaker(session_factory, box, self.merchants, self.machine)
        timing = PollTiming(
            min_delay=poll_min_delay,
            max_delay=poll_max_delay,
            concurrency=poll_concurrency,
            expiry_grace=expiry_grace,
            authorized_grace=authorized_grace,
            refund_watch=refund_watch,
            watch_min=watch_min_delay,
            watch_max=watch_max_delay,
        )
        self.polling = PaymentPoller(session_factory, box, self.merchants, self.machine, timing)
        if verifiers is None:
            by_url: dict[str, WebhookVerifier] = {}
            verifiers = {
                sandbox: by_url.setdefault(
                    jwks_url_for(self.merchants.base_url(sandbox)),
                    WebhookVerifier(http, jwks_url_for(self.merchants.base_url(sandbox))),
                )
                for sandbox in (False, True)
            }
        self.webhook = WebhookHandler(
            session_factory, box, self.merchants, self.machine, self.polling, verifiers
        )

    # --- merchant settings -------------------------------------------------------------------------

    async def save_merchant(
        self, user_id: int, merchant_id: str, api_key: str, sandbox: bool
    ) -> MerchantView:
        return await self.merchants.save(user_id, merchant_id, api_key, sandbox)

    async def get_merchant(self, user_id: int) -> MerchantView | None:
        return await self.merchants.view(user_id)

    async def delete_merchant(self, user_id: int) -> bool:
        return await self.merchants.delete(user_id)

    # --- links --------------------------------------------------------------------------------------

    async def create_link(
        self,
        user_id: int,
        *,
        deep_link: DeepLink,
        order: OrderView | None = None,
        amount: Decimal | None = None,
        purpose: str | None = None,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
        idempotency_key: str | None = None,
        delivery_title: str = DELIVERY_TITLE,
        now: datetime | None = None,
    ) -> PaymentLink:
        """See :meth:`services.payments.links.LinkMaker.create_link`."""
        return await self.links.create_link(
            user_id,
            deep_link=deep_link,
            order=order,
            amount=amount,
            purpose=purpose,
            ttl_seconds=ttl_seconds,
            idempotency_key=idempotency_key,
            delivery_title=delivery_title,
            now=now,
        )

    # --- reading ------------------------------------------------------------------------------------

    async def _view(self, uow: UnitOfWork, record: PaymentRecord) -> PaymentView:
        purpose, refunded, _ = await details_of(uow, record.id)
        return view_of(record, purpose, refunded)

    async def get_payment(self, user_id: int, payment_id: int) -> PaymentView:
        async with self._sf() as session:
            uow = UnitOfWork(session, self._box)
            record = await uow.payments.get(payment_id)
            if record is None or record.owner_id != user_id:
                raise PaymentNotFound
            return await self._view(uow, record)

    async def payments_for_order(self, user_id: int, order_id: int) -> list[PaymentView]:
        """The order's payment attempts and their statuses, newest first (for the order card)."""
        async with self._sf() as session:
            uow = UnitOfWork(session, self._box)
            records = [r for r in await uow.payments.list_for_order(order_id) if r.owner_id == user_id]
            return [await self._view(uow, r) for r in records]

    async def refresh(self, yandex_order_id: str, *, now: datetime | None = None) -> PaymentView | None:
        """Ask Yandex now, whatever the backoff says (a buyer came back through a redirect link).

        ``None`` for an unknown id. Upstream failures leave the stored status as it is.
        """
        now = now or utc_now()
        async with self._sf() as session:
            record = await UnitOfWork(session, self._box).payments.get_by_yandex_id(yandex_order_id)
        if record is None:
            return None
        if record.status in (*POLLED_STATUSES, *WATCHED_STATUSES, EXPIRED):
            await self.polling.check(record, now)
        async with self._sf() as session:
            uow = UnitOfWork(session, self._box)
            fresh = await uow.payments.get(record.id)
            return None if fresh is None else await self._view(uow, fresh)

    # --- status -------------------------------------------------------------------------------------

    async def poll_pending(self, now: datetime | None = None) -> list[PaymentChange]:
        """Check the payments that are due (unfinished ones, and paid ones for a refund)."""
        return await self.polling.poll_pending(now or utc_now())

    async def poll_forever(self, interval: float = 5.0) -> None:
        """Run ``poll_pending`` every ``interval`` seconds until cancelled (a background task)."""
        while True:
            try:
                changes = await self.poll_pending()
                if changes:
                    logger.info("yandex pay: %d payment changes", len(changes))
            except Exception as exc:
                if is_busy(exc):
                    logger.warning("yandex pay: the database is busy; polling again shortly")
                else:
                    logger.exception("yandex pay: poll round failed")
            await asyncio.sleep(interval)

    def next_check_at(self, payment_id: int) -> datetime | None:
        return self.polling.next_check_at(payment_id)

    async def handle_webhook(self, body: bytes, *, now: datetime | None = None) -> WebhookResult:
        """The body of ``POST …/v1/webhook``; answer ``result.status`` (see ``webhook``)."""
        return await self.webhook.handle(body, now or utc_now())


__all__ = ["PaymentService"]
