"""Seller accounts: BTS credentials checked by a real get-token call, stored encrypted."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.bts import BtsClient, BtsCredentials
from services.errors import NotLoggedIn
from services.seller_access import SellerAccessService, SellerRefused
from services.settings import Settings
from services.users import SELLER, UserService
from storage.crypto import SecretBox
from storage.redis import RedisClient
from storage.repositories.accounts import AccountRepository
from storage.repositories.users import UserRepository
from storage.schemas import BtsAccountRecord

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SellerAccount:
    """What the rest of the services need to call BTS for a seller."""

    account_id: int
    user_id: int
    username: str
    inn: str
    credentials: BtsCredentials


class StoredTokenStore:
    """The BTS client's token cache, persisted encrypted so a restart doesn't log everyone in again."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], box: SecretBox) -> None:
        self._sf = session_factory
        self._box = box
        self._tokens: dict[str, str] = {}
        self._account_ids: dict[str, int] = {}

    def bind(self, account: SellerAccount, token: str | None) -> None:
        key = account.credentials.key
        self._account_ids[key] = account.account_id
        if token:
            self._tokens[key] = token

    async def get(self, account: BtsCredentials) -> str | None:
        return self._tokens.get(account.key)

    async def set(self, account: BtsCredentials, token: str | None) -> None:
        key = account.key
        if token is None:
            self._tokens.pop(key, None)
        else:
            self._tokens[key] = token
        account_id = self._account_ids.get(key)
        if account_id is not None:
            async with self._sf() as session, session.begin():
                await AccountRepository(session, self._box).set_bts_token(account_id, token)


PENDING_PASSWORD_SECONDS = 600.0


@dataclass
class AccountService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    bts: BtsClient
    users: UserService
    tokens: StoredTokenStore
    settings: Settings
    _accounts: dict[int, SellerAccount] = field(default_factory=dict)
    # A password typed during login waits here (memory only, never on disk) for the INN step; with
    # several processes (``redis``) it waits in Redis, encrypted, for the same 10 minutes, so the INN
    # may reach another process than the password did.
    _pending: dict[int, tuple[float, str]] = field(default_factory=dict)
    redis: RedisClient | None = None
    access: SellerAccessService | None = None  # the operator's allow-list of sellers

    def _pending_key(self, user_id: int) -> str:
        return f"{self.settings.redis_key_prefix}:login-password:{user_id}"

    async def hold_password(self, user_id: int, password: str) -> None:
        if self.redis is not None:
            ttl = int(PENDING_PASSWORD_SECONDS)
            await self.redis.set(self._pending_key(user_id), self.box.encrypt(password), ex=ttl)
            return
        now = time.monotonic()
        self._pending = {k: v for k, v in self._pending.items() if v[0] > now}
        self._pending[user_id] = (now + PENDING_PASSWORD_SECONDS, password)

    async def held_password(self, user_id: int) -> str | None:
        """The password typed a moment ago (``None`` after a restart or 10 minutes: ask again)."""
        if self.redis is not None:
            token = await self.redis.get(self._pending_key(user_id))
            if not token:
                return None
            return self.box.decrypt(token.decode() if isinstance(token, bytes) else token)
        held = self._pending.get(user_id)
        if held is None or held[0] <= time.monotonic():
            self._pending.pop(user_id, None)
            return None
        return held[1]

    async def drop_password(self, user_id: int) -> None:
        if self.redis is not None:
            await self.redis.delete(self._pending_key(user_id))
            return
        self._pending.pop(user_id, None)

    def _seller(self, record: BtsAccountRecord) -> SellerAccount:
        credentials = BtsCredentials(username=record.username, password=record.password, inn=record.inn)
        account = SellerAccount(record.id, record.user_id, record.username, record.inn, credentials)
        self.tokens.bind(account, record.token.get_secret_value() if record.token else None)
        self._accounts[record.user_id] = account
        return account

    async def login(self, user_id: int, username: str, password: str, inn: str) -> SellerAccount:
        """Check the credentials with BTS (raises ``BtsAuthError`` when refused), then store them."""
        if self.access is not None:  # judged before BTS sees the password
            refused = await self.access.refusal(user_id, username, inn)
            if refused is not None:
                raise refused
        credentials = BtsCredentials(username=username, password=SecretStr(password), inn=inn)
        await self.bts.forget_token(credentials)
        token = await self.bts.login(credentials)
        async with self.session_factory() as session, session.begin():
            repo = AccountRepository(session, self.box)
            for old in await repo.list_bts(user_id):
                if (old.username, old.inn) != (username, inn):
                    await repo.delete_bts(old.id, user_id=user_id)
            record = await repo.save_bts(user_id, username=username, inn=inn, password=password)
            await repo.set_bts_token(record.id, token)
            record = await repo.get_bts(record.id) or record
        await self.users.add_role(user_id, SELLER)
        logger.info("user %s logged in to BTS as %s", user_id, username)
        return self._seller(record)

    async def logout(self, user_id: int) -> bool:
        account = self._accounts.pop(user_id, None)
        async with self.session_factory() as session, session.begin():
            repo = AccountRepository(session, self.box)
            records = await repo.list_bts(user_id)
            for record in records:
                await repo.delete_bts(record.id, user_id=user_id)
        if account is not None:
            await self.bts.forget_token(account.credentials)
        await self.users.remove_role(user_id, SELLER)
        return bool(records)

    async def find(self, user_id: int) -> SellerAccount | None:
        cached = self._accounts.get(user_id)
        if cached is not None and self.redis is None:  # several processes: another may have logged out
            return cached
        async with self.session_factory() as session:
            records = await AccountRepository(session, self.box).list_bts(user_id)
        return self._seller(records[-1]) if records else None

    async def require(self, user_id: int, *, check_access: bool = True) -> SellerAccount:
        """The seller's account for a seller action (refused when the allow-list leaves them out;
        ``check_access=False`` for the worker finishing what the seller started earlier)."""
        account = await self.find(user_id)
        if account is None:
            raise NotLoggedIn
        if check_access and self.access is not None:
            refused = await self.access.refusal(user_id, account.username, account.inn, logged_in=True)
            if refused is not None:
                raise refused
        return account

    async def refusal(self, user_id: int) -> SellerRefused | None:
        """Why this logged-in seller may not act as a seller now (the allow-list), or ``None``."""
        if self.access is None or not (await self.access.current()).active:
            return None
        account = await self.find(user_id)
        if account is None:
            return None
        return await self.access.refusal(user_id, account.username, account.inn, logged_in=True)

    async def login_refusal(self, user_id: int) -> SellerRefused | None:
        """Refuse a login before its first question when the answer is known already."""
        if self.access is None:
            return None
        return await self.refusal(user_id) or await self.access.refusal_at_start(user_id)

    async def by_account_id(self, account_id: int) -> SellerAccount | None:
        for account in self._accounts.values():
            if account.account_id == account_id:
                return account
        async with self.session_factory() as session:
            record = await AccountRepository(session, self.box).get_bts(account_id)
        return None if record is None else self._seller(record)

    def service_credentials(self) -> BtsCredentials | None:
        """The optional service account (settings) for what no seller login covers."""
        s = self.settings
        if s.bts_service_username and s.bts_service_password and s.bts_service_inn:
            return BtsCredentials(
                username=s.bts_service_username, password=s.bts_service_password, inn=s.bts_service_inn
            )
        return None

    async def any_credentials(self, user_id: int | None = None) -> BtsCredentials | None:
        """The user's own account if logged in, else the service account, else any stored seller's.

        Used only for public data (the branch directory, international tracking)."""
        if user_id is not None:
            account = await self.find(user_id)
            if account is not None:
                return account.credentials
        service = self.service_credentials()
        if service is not None:
            return service
        if self._accounts:
            return next(iter(self._accounts.values())).credentials
        async with self.session_factory() as session:
            for seller_id in await UserRepository(session).list_ids_by_role(SELLER):
                records = await AccountRepository(session, self.box).list_bts(seller_id)
                if records:
                    return self._seller(records[-1]).credentials
        return None
