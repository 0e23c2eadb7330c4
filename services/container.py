"""Builds every long-lived service once, from settings, and closes them at shutdown.

The one place the parts are made: ``python -m bot`` (polling or webhook), ``python -m bot worker``
and the tests all start from :func:`build_services`. With ``REDIS_URL`` it also opens the Redis
client (conversations, per-chat locks and the shared push rate limit live there).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.accounts import AccountService, StoredTokenStore
from services.admin import AdminService
from services.branches import BranchDirectory
from services.bts import BtsClient
from services.bulk import BulkService
from services.common.http import RetryPolicy, default_timeout
from services.contacts import ContactService
from services.fulfillment.accounts import WmsAccountService
from services.fulfillment.catalog import CatalogService
from services.fulfillment.orders import FulfillmentOrderService
from services.fulfillment.sync import WmsSync
from services.international import InternationalService
from services.labels import LabelService
from services.ledger import LedgerService
from services.metrics import Metrics
from services.orders import OrderService
from services.payments import PaymentService
from services.preferences import PreferenceService
from services.seller_access import SellerAccessService
from services.settings import Settings
from services.tracking import TrackingService
from services.users import UserService
from services.wms.client import WmsClient
from storage.crypto import SecretBox, load_secret_box
from storage.db import create_engine, create_session_factory, data_dir_for, upgrade_database
from storage.redis import RedisClient, create_redis
from storage.updates import UpdateLedger

logger = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    http: httpx.AsyncClient
    bts: BtsClient
    users: UserService
    accounts: AccountService
    branches: BranchDirectory
    orders: OrderService
    tracking: TrackingService
    contacts: ContactService
    preferences: PreferenceService
    payments: PaymentService
    metrics: Metrics
    updates: UpdateLedger
    admin: AdminService
    # --- fulfillment (WMS) ---
    wms: WmsClient
    wms_accounts: WmsAccountService
    ff_catalog: CatalogService
    ff_orders: FulfillmentOrderService
    ff_sync: WmsSync  # "refresh now" and the first sync after connecting (the worker has its own)
    bulk: BulkService
    labels: LabelService
    ledger: LedgerService
    international: InternationalService
    seller_access: SellerAccessService
    redis: RedisClient | None = None

    def as_kwargs(self) -> dict[str, object]:
        """What the dispatcher passes to handlers by name."""
        return {
            "settings": self.settings,
            "users": self.users,
            "accounts": self.accounts,
            "branches": self.branches,
            "orders": self.orders,
            "tracking": self.tracking,
            "contacts": self.contacts,
            "preferences": self.preferences,
            "payments": self.payments,
            "admin": self.admin,
            # --- fulfillment (WMS) ---
            "wms_accounts": self.wms_accounts,
            "ff_catalog": self.ff_catalog,
            "ff_orders": self.ff_orders,
            "ff_sync": self.ff_sync,
            "bulk": self.bulk,
            "labels": self.labels,
            "ledger": self.ledger,
            "international": self.international,
            "seller_access": self.seller_access,
        }


@asynccontextmanager
async def build_services(
    settings: Settings, *, migrate: bool = True, retry: RetryPolicy | None = None
) -> AsyncIterator[Services]:
    """Every service, built once; the HTTP client, Redis and the database closed on the way out."""
    if migrate:
        await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    box = load_secret_box(secret, data_dir_for(settings.database_url))
    metrics = _metrics(settings)
    http = httpx.AsyncClient(timeout=default_timeout(settings.bts_timeout), transport=metrics.transport())
    redis = create_redis(settings.redis_url) if settings.redis_url else None
    tokens = StoredTokenStore(session_factory, box)
    bts = _bts_client(settings, http, tokens, retry)
    users, seller_access = _people(settings, session_factory)
    accounts = AccountService(
        session_factory, box, bts, users, tokens, settings, redis=redis, access=seller_access
    )
    branches = BranchDirectory(session_factory, bts, accounts, settings)
    orders = OrderService(session_factory, box, bts, accounts, branches, settings)
    tracking = TrackingService(session_factory, box, bts, accounts, orders, settings)
    payments = PaymentService(session_factory, box, http, settings, retry=retry)
    # --- fulfillment (WMS) ---
    wms = WmsClient(http, settings.wms_base_url, retry=retry or RetryPolicy())
    wms_accounts = WmsAccountService(session_factory, box, wms)
    services = Services(
        settings,
        engine,
        session_factory,
        box,
        http,
        bts,
        users,
        accounts,
        branches,
        orders,
        tracking,
        ContactService(session_factory, box),
        PreferenceService(session_factory, box),
        payments,
        metrics,
        UpdateLedger(engine, stale_after=timedelta(seconds=settings.update_lock_timeout)),
        AdminService(session_factory, metrics),
        wms,
        wms_accounts,
        CatalogService(session_factory, box, wms, wms_accounts),
        FulfillmentOrderService(session_factory, box, wms, wms_accounts, payments),
        WmsSync(session_factory, box, wms, wms_accounts),
        BulkService(session_factory, box, bts, accounts, orders, branches),
        LabelService(orders),
        LedgerService(session_factory, box),
        InternationalService(session_factory, box, bts, accounts, orders, branches),
        seller_access,
        redis,
    )
    try:
        yield services
    finally:
        await _close(services)


def _people(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[UserService, SellerAccessService]:
    """Users and the sellers' allow-list, cached per process unless several processes share Redis."""
    # Several processes: no cache of users (another process may change them); the allow-list
    # cached 2 s so another process's change is seen at once, near enough.
    several = bool(settings.redis_url)
    users = UserService(session_factory, cache_seconds=0.0 if several else 30.0)
    return users, SellerAccessService(session_factory, cache_seconds=2.0 if several else 30.0)


def _metrics(settings: Settings) -> Metrics:
    """The request counters, each upstream named by its base URL."""
    metrics = Metrics()
    metrics.name_upstream("bts", settings.bts_base_url)
    metrics.name_upstream("yandex_pay", settings.yandex_pay_base_url)
    metrics.name_upstream("yandex_pay", settings.yandex_pay_sandbox_url)
    metrics.name_upstream("wms", settings.wms_base_url)
    return metrics


def _bts_client(
    settings: Settings, http: httpx.AsyncClient, tokens: StoredTokenStore, retry: RetryPolicy | None
) -> BtsClient:
    return BtsClient(
        http,
        settings.bts_base_url,
        settings.bts_route_style,
        mxik_register_route=settings.bts_mxik_register_route,
        mxik_list_route=settings.bts_mxik_list_route,
        retry=retry or RetryPolicy(),
        token_store=tokens,
    )


async def _close(services: Services) -> None:
    if services.redis is not None:
        await services.redis.aclose()
    await services.http.aclose()
    await services.engine.dispose()
