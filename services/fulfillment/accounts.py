"""WMS accounts: a login (INN or phone) and a password, checked with ``v1/auth/login``, stored encrypted.

Courier (BTS) and WMS accounts are independent: either may be missing. One WMS account per user;
connecting another replaces it. Tokens are kept encrypted beside the password, so a restart does
not log everyone in again (the client refreshes them with the refresh token, or logs in again).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.digits import digits_of, is_digits
from services.common.phones import normalize_phone_lenient
from services.fulfillment.errors import WmsNotConnected
from services.wms.client import WmsClient
from services.wms.models import WmsCredentials
from storage.crypto import SecretBox
from storage.fulfillment_schemas import WmsLogin
from storage.schemas import WmsAccountRecord
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

LOGIN_MAX = 64


@dataclass(frozen=True, slots=True)
class WmsAccountView:
    """What the rest of the domain needs to call the WMS for a seller."""

    account_id: int
    user_id: int
    login: str
    credentials: WmsCredentials


class InvalidWmsLogin(ValueError):
    """The login is neither an INN (9 digits) nor a phone number."""


def normalize_login(text: str) -> str:
    """An INN (9 digits) as typed, a phone as ``+998901234567``; raises ``InvalidWmsLogin``."""
    cleaned = text.strip()
    digits = digits_of(cleaned)
    if is_digits(cleaned) and len(cleaned) == 9:
        return cleaned
    if len(digits) >= 9 and all("0" <= ch <= "9" or ch in "+ -()" for ch in cleaned):
        phone = normalize_phone_lenient(cleaned)
        if phone and phone.startswith("+998") and len(phone) == 13:
            return phone
    raise InvalidWmsLogin(text)


class WmsAccountService:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], box: SecretBox, wms: WmsClient
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._wms = wms

    def view(self, login: WmsLogin) -> WmsAccountView:
        """A stored login as the sync needs it (tokens stay in the client's cache)."""
        return WmsAccountView(
            login.id, login.user_id, login.login, WmsCredentials(login=login.login, password=login.password)
        )

    def _view(self, record: WmsAccountRecord) -> WmsAccountView:
        credentials = WmsCredentials(login=record.login, password=record.password)
        self._wms.restore(
            credentials,
            record.access_token.get_secret_value() if record.access_token else None,
            record.refresh_token.get_secret_value() if record.refresh_token else None,
        )
        return WmsAccountView(record.id, record.user_id, record.login, credentials)

    async def connect(self, user_id: int, login: str, password: str) -> WmsAccountView:
        """Check the login with the WMS (raises ``WmsAuthError`` when refused), then store it."""
        login = normalize_login(login)
        credentials = WmsCredentials(login=login, password=SecretStr(password))
        self._wms.forget(credentials)
        await self._wms.login(credentials)
        access, refresh = self._wms.tokens(credentials)
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.users.get_or_create(user_id)
            for old in await uow.accounts.list_wms(user_id):
                if old.login != login:
                    await uow.accounts.delete_wms(old.id, user_id=user_id)
            record = await uow.accounts.save_wms(user_id, login=login, password=password)
            await uow.accounts.set_wms_tokens(record.id, access_token=access, refresh_token=refresh)
            record = await uow.accounts.get_wms(record.id) or record
        logger.info("user %s connected a WMS account", user_id)
        return self._view(record)

    async def disconnect(self, user_id: int) -> bool:
        async with unit_of_work(self._sf, self._box) as uow:
            records = await uow.accounts.list_wms(user_id)
            for record in records:
                await uow.accounts.delete_wms(record.id, user_id=user_id)
        for record in records:
            self._wms.forget(WmsCredentials(login=record.login, password=record.password))
        return bool(records)

    async def find(self, user_id: int) -> WmsAccountView | None:
        async with self._sf() as session, session.begin():
            records = await UnitOfWork(session, self._box).accounts.list_wms(user_id)
        return self._view(records[-1]) if records else None

    async def require(self, user_id: int) -> WmsAccountView:
        account = await self.find(user_id)
        if account is None:
            raise WmsNotConnected
        return account

    async def by_id(self, account_id: int) -> WmsAccountView | None:
        async with self._sf() as session, session.begin():
            record = await UnitOfWork(session, self._box).accounts.get_wms(account_id)
        return None if record is None else self._view(record)

    async def save_tokens(self, account: WmsAccountView) -> None:
        """Store the client's current tokens of the account (after the sync renewed them)."""
        access, refresh = self._wms.tokens(account.credentials)
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.accounts.set_wms_tokens(account.account_id, access_token=access, refresh_token=refresh)
