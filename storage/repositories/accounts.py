"""Upstream credentials per user: BTS accounts, WMS accounts and Yandex Pay merchant settings.

Passwords, tokens and API keys are encrypted with the :class:`~storage.crypto.SecretBox` before they
reach the database and decrypted on the way out (as ``SecretStr``).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import SecretStr
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import SecretBox
from storage.models import BtsAccount, WmsAccount, YandexMerchant
from storage.repositories._sql import insert_for
from storage.schemas import BtsAccountRecord, WmsAccountRecord, YandexMerchantRecord
from storage.types import utc_now


def _secret(value: str | None) -> SecretStr | None:
    return None if value is None else SecretStr(value)


class AccountRepository:
    def __init__(self, session: AsyncSession, box: SecretBox) -> None:
        self.session = session
        self.box = box

    # --- BTS ---------------------------------------------------------------------------------

    def _bts(self, row: BtsAccount) -> BtsAccountRecord:
        return BtsAccountRecord(
            id=row.id,
            user_id=row.user_id,
            username=row.username,
            inn=row.inn,
            password=SecretStr(self.box.decrypt(row.password_enc)),
            token=_secret(self.box.decrypt_optional(row.token_enc)),
            token_obtained_at=row.token_obtained_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    async def save_bts(
        self, user_id: int, *, username: str, inn: str, password: str, now: datetime | None = None
    ) -> BtsAccountRecord:
        """Add the account, or update the password of the same login (a cached token is dropped then)."""
        now = now or utc_now()
        password_enc = self.box.encrypt(password)
        stmt = (
            insert_for(self.session, BtsAccount)
            .values(
                user_id=user_id,
                username=username,
                inn=inn,
                password_enc=password_enc,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_update(
                index_elements=[BtsAccount.user_id, BtsAccount.inn, BtsAccount.username],
                set_={
                    "password_enc": password_enc,
                    "token_enc": None,
                    "token_obtained_at": None,
                    "updated_at": now,
                },
            )
            .returning(BtsAccount)
            .execution_options(populate_existing=True)
        )
        return self._bts((await self.session.scalars(stmt)).one())

    async def get_bts(self, account_id: int, *, user_id: int | None = None) -> BtsAccountRecord | None:
        """The account; with ``user_id`` only if it belongs to that user."""
        stmt = select(BtsAccount).where(BtsAccount.id == account_id).execution_options(populate_existing=True)
        if user_id is not None:
            stmt = stmt.where(BtsAccount.user_id == user_id)
        row = await self.session.scalar(stmt)
        return None if row is None else self._bts(row)

    async def list_bts(self, user_id: int) -> list[BtsAccountRecord]:
        rows = await self.session.scalars(
            select(BtsAccount)
            .where(BtsAccount.user_id == user_id)
            .order_by(BtsAccount.id)
            .execution_options(populate_existing=True)
        )
        return [self._bts(row) for row in rows]

    async def latest_bts(self) -> BtsAccountRecord | None:
        """The most recently saved or refreshed BTS account of any user (for public data such as the
        branch directory, when no account of the asking user is at hand)."""
        row = await self.session.scalar(
            select(BtsAccount)
            .order_by(BtsAccount.updated_at.desc(), BtsAccount.id.desc())
            .limit(1)
            .execution_options(populate_existing=True)
        )
        return None if row is None else self._bts(row)

    async def set_bts_token(self, account_id: int, token: str | None, *, now: datetime | None = None) -> None:
        """Cache a token from ``get-token`` (or forget it with ``None`` after a 401)."""
        now = now or utc_now()
        await self.session.execute(
            update(BtsAccount)
            .where(BtsAccount.id == account_id)
            .values(
                token_enc=self.box.encrypt_optional(token),
                token_obtained_at=now if token is not None else None,
                updated_at=now,
            )
        )

    async def delete_bts(self, account_id: int, *, user_id: int) -> bool:
        result = await self.session.execute(
            delete(BtsAccount)
            .where(BtsAccount.id == account_id, BtsAccount.user_id == user_id)
            .returning(BtsAccount.id)
        )
        return result.first() is not None

    # --- WMS ---------------------------------------------------------------------------------

    def _wms(self, row: WmsAccount) -> WmsAccountRecord:
        return WmsAccountRecord(
            id=row.id,
            user_id=row.user_id,
            login=row.login,
            password=SecretStr(self.box.decrypt(row.password_enc)),
            access_token=_secret(self.box.decrypt_optional(row.access_token_enc)),
            refresh_token=_secret(self.box.decrypt_optional(row.refresh_token_enc)),
            token_obtained_at=row.token_obtained_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    async def save_wms(
        self, user_id: int, *, login: str, password: str, now: datetime | None = None
    ) -> WmsAccountRecord:
        now = now or utc_now()
        password_enc = self.box.encrypt(password)
        stmt = (
            insert_for(self.session, WmsAccount)
            .values(user_id=user_id, login=login, password_enc=password_enc, created_at=now, updated_at=now)
            .on_conflict_do_update(
                index_elements=[WmsAccount.user_id, WmsAccount.login],
                set_={
                    "password_enc": password_enc,
                    "access_token_enc": None,
                    "refresh_token_enc": None,
                    "token_obtained_at": None,
                    "updated_at": now,
                },
            )
            .returning(WmsAccount)
            .execution_options(populate_existing=True)
        )
        return self._wms((await self.session.scalars(stmt)).one())

    async def get_wms(self, account_id: int, *, user_id: int | None = None) -> WmsAccountRecord | None:
        stmt = select(WmsAccount).where(WmsAccount.id == account_id).execution_options(populate_existing=True)
        if user_id is not None:
            stmt = stmt.where(WmsAccount.user_id == user_id)
        row = await self.session.scalar(stmt)
        return None if row is None else self._wms(row)

    async def list_wms(self, user_id: int) -> list[WmsAccountRecord]:
        rows = await self.session.scalars(
            select(WmsAccount)
            .where(WmsAccount.user_id == user_id)
            .order_by(WmsAccount.id)
            .execution_options(populate_existing=True)
        )
        return [self._wms(row) for row in rows]

    async def set_wms_tokens(
        self,
        account_id: int,
        *,
        access_token: str | None,
        refresh_token: str | None,
        now: datetime | None = None,
    ) -> None:
        now = now or utc_now()
        await self.session.execute(
            update(WmsAccount)
            .where(WmsAccount.id == account_id)
            .values(
                access_token_enc=self.box.encrypt_optional(access_token),
                refresh_token_enc=self.box.encrypt_optional(refresh_token),
                token_obtained_at=now if access_token is not None else None,
                updated_at=now,
            )
        )

    async def delete_wms(self, account_id: int, *, user_id: int) -> bool:
        result = await self.session.execute(
            delete(WmsAccount)
            .where(WmsAccount.id == account_id, WmsAccount.user_id == user_id)
            .returning(WmsAccount.id)
        )
        return result.first() is not None

    # --- Yandex Pay ----------------------------------------------------------------------------

    def _yandex(self, row: YandexMerchant) -> YandexMerchantRecord:
        return YandexMerchantRecord(
            id=row.id,
            user_id=row.user_id,
            merchant_id=row.merchant_id,
            api_key=SecretStr(self.box.decrypt(row.api_key_enc)),
            sandbox=row.sandbox,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    async def save_yandex(
        self, user_id: int, *, merchant_id: str, api_key: str, sandbox: bool, now: datetime | None = None
    ) -> YandexMerchantRecord:
        """Set the user's Yandex Pay merchant (one per user; saving again replaces it)."""
        now = now or utc_now()
        api_key_enc = self.box.encrypt(api_key)
        stmt = (
            insert_for(self.session, YandexMerchant)
            .values(
                user_id=user_id,
                merchant_id=merchant_id,
                api_key_enc=api_key_enc,
                sandbox=sandbox,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_update(
                index_elements=[YandexMerchant.user_id],
                set_={
                    "merchant_id": merchant_id,
                    "api_key_enc": api_key_enc,
                    "sandbox": sandbox,
                    "updated_at": now,
                },
            )
            .returning(YandexMerchant)
            .execution_options(populate_existing=True)
        )
        return self._yandex((await self.session.scalars(stmt)).one())

    async def get_yandex(self, user_id: int) -> YandexMerchantRecord | None:
        row = await self.session.scalar(
            select(YandexMerchant)
            .where(YandexMerchant.user_id == user_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else self._yandex(row)

    async def delete_yandex(self, user_id: int) -> bool:
        result = await self.session.execute(
            delete(YandexMerchant).where(YandexMerchant.user_id == user_id).returning(YandexMerchant.id)
        )
        return result.first() is not None
