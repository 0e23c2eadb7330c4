"""Builds every long-lived service once, from settings, and closes them at shutdown."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.accounts import AccountService, StoredTokenStore
from services.branches import BranchDirectory
from services.bts import BtsClient
from services.bulk import BulkService
from services.common.http import RetryPolicy, default_timeout
from services.contacts import ContactService
from services.international import InternationalService
from services.labels import LabelService
from services.ledger import LedgerService
from services.orders import OrderService
from services.payments import PaymentService
from services.preferences import PreferenceService
from services.settings import Settings
from services.tracking import TrackingService
from services.users import UserService
from storage.crypto import SecretBox, load_secret_box
from storage.db import create_engine, create_session_factory, data_dir_for, upgrade_database

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
    bulk: BulkService
    labels: LabelService
    ledger: LedgerService
    international: InternationalService

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
            "bulk": self.bulk,
            "labels": self.labels,
            "ledger": self.ledger,
            "international": self.international,
        }


@asynccontextmanager
async def build_services(
    settings: Settings, *, migrate: bool = True, retry: RetryPolicy | None = None
) -> AsyncIterator[Services]:
    if migrate:
        await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    box = load_secret_box(secret, data_dir_for(settings.database_url))
    http = httpx.AsyncClient(timeout=default_timeout(settings.bts_timeout))
    tokens = StoredTokenStore(session_factory, box)
    bts = BtsClient(
        http,
        settings.bts_base_url,
        settings.bts_route_style,
        mxik_register_route=settings.bts_mxik_register_route,
        mxik_list_route=settings.bts_mxik_list_route,
        retry=retry or RetryPolicy(),
        token_store=tokens,
    )
    users = UserService(session_factory)
    accounts = AccountService(session_factory, box, bts, users, tokens, settings)
    branches = BranchDirectory(session_factory, bts, accounts, settings)
    orders = OrderService(session_factory, box, bts, accounts, branches, settings)
    tracking = TrackingService(session_factory, box, bts, accounts, orders, settings)
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
        PaymentService(session_factory, box, http, settings, retry=retry),
        BulkService(session_factory, box, bts, accounts, orders, branches),
        LabelService(orders),
        LedgerService(session_factory, box),
        InternationalService(session_factory, box, bts, accounts, orders),
    )
    try:
        yield services
    finally:
        await http.aclose()
        await engine.dispose()
