"""Sellers' Yandex Pay merchants: the key checked, stored encrypted, one client per key.

A seller saves a merchant id and an API key (sandbox or production). The key is tried first
with a harmless read of an order that cannot exist: 404 means the key was accepted, 401/403 that
it was refused (``YandexPayAuthError`` is raised and nothing is saved). The key is stored
encrypted (``AccountRepository.save_yandex``) and never shown again.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

import httpx
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.http import RetryPolicy
from services.payments.views import InvalidMerchant, MerchantView
from services.settings import Settings
from services.yandex_pay.client import YandexPayClient
from services.yandex_pay.errors import YandexPayAuthError, YandexPayNotFound
from storage.crypto import SecretBox
from storage.schemas import YandexMerchantRecord
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

MERCHANT_ID_MAX = 64


class Merchants:
    """Saved merchants and their API clients (cached while the key stays the same)."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        retry: RetryPolicy,
        request_timeout_ms: int,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._http = http
        self._settings = settings
        self._retry = retry
        self._request_timeout_ms = request_timeout_ms
        self._clients: dict[tuple[int, bool], tuple[datetime, YandexPayClient]] = {}

    def base_url(self, sandbox: bool) -> str:
        return self._settings.yandex_pay_sandbox_url if sandbox else self._settings.yandex_pay_base_url

    def _new_client(self, sandbox: bool, api_key: SecretStr) -> YandexPayClient:
        return YandexPayClient(
            self._http,
            self.base_url(sandbox),
            api_key,
            retry=self._retry,
            request_timeout_ms=self._request_timeout_ms,
        )

    async def save(self, user_id: int, merchant_id: str, api_key: str, sandbox: bool) -> MerchantView:
        """Check the key with a harmless call, then store it encrypted (replacing a previous one).

        Raises ``YandexPayAuthError`` (an ``AuthFailed``) when Yandex refuses the key, and the
        client's ``Unavailable`` / ``RateLimited`` when it cannot be asked now.
        """
        merchant_id, api_key = merchant_id.strip(), api_key.strip()
        if (
            not merchant_id
            or not api_key
            or len(merchant_id) > MERCHANT_ID_MAX
            or any(c.isspace() for c in api_key)
        ):
            raise InvalidMerchant
        client = self._new_client(sandbox, SecretStr(api_key))
        probe = f"bts-keycheck-{uuid.uuid4().hex}"
        try:
            await client.get_order(probe)
        except YandexPayNotFound:
            pass  # the key was accepted; the order, of course, does not exist
        except YandexPayAuthError:
            logger.info("yandex pay: key of user %s refused (sandbox=%s)", user_id, sandbox)
            raise
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.users.get_or_create(user_id)
            record = await uow.accounts.save_yandex(
                user_id, merchant_id=merchant_id, api_key=api_key, sandbox=sandbox
            )
        self.forget(user_id)
        logger.info("yandex pay: merchant saved for user %s (sandbox=%s)", user_id, sandbox)
        return MerchantView(record.merchant_id, record.sandbox, record.updated_at)

    async def view(self, user_id: int) -> MerchantView | None:
        record = await self.record(user_id)
        return None if record is None else MerchantView(record.merchant_id, record.sandbox, record.updated_at)

    async def delete(self, user_id: int) -> bool:
        async with unit_of_work(self._sf, self._box) as uow:
            deleted = await uow.accounts.delete_yandex(user_id)
        self.forget(user_id)
        return deleted

    async def record(self, user_id: int) -> YandexMerchantRecord | None:
        async with self._sf() as session:
            return await UnitOfWork(session, self._box).accounts.get_yandex(user_id)

    def forget(self, user_id: int) -> None:
        for key in [k for k in self._clients if k[0] == user_id]:
            del self._clients[key]

    def client_for(self, merchant: YandexMerchantRecord, sandbox: bool) -> YandexPayClient:
        """The merchant's client for an environment, built on first use and kept while the key stays."""
        key = (merchant.user_id, sandbox)
        cached = self._clients.get(key)
        if cached is not None and cached[0] == merchant.updated_at:
            return cached[1]
        client = self._new_client(sandbox, merchant.api_key)
        self._clients[key] = (merchant.updated_at, client)
        return client

    async def client(self, owner_id: int | None, sandbox: bool) -> YandexPayClient | None:
        if owner_id is None:
            return None
        merchant = await self.record(owner_id)
        return None if merchant is None else self.client_for(merchant, sandbox)


__all__ = ["Merchants"]
