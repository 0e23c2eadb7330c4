"""Users and their upstream accounts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.models import BtsAccount, WmsAccount
from storage.uow import UnitOfWork, unit_of_work

T0 = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)


async def test_get_or_create_creates_once(uow: UnitOfWork) -> None:
    user, created = await uow.users.get_or_create(5, language="ru", now=T0)
    assert created and user.language == "ru" and user.created_at == T0 and not user.blocked_bot
    again, created_again = await uow.users.get_or_create(5, language="en")
    assert not created_again and again.language == "ru"
    assert await uow.users.get(6) is None


async def test_racing_creates_of_one_user_do_not_fail(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    async def create() -> bool:
        async with unit_of_work(session_factory, box) as uow:
            return (await uow.users.get_or_create(77))[1]

    results = await asyncio.gather(*(create() for _ in range(4)))
    assert sorted(results) == [False, False, False, True]


async def test_seen_blocked_language(uow: UnitOfWork) -> None:
    await uow.users.get_or_create(5, now=T0)
    await uow.users.set_blocked(5, True, now=T0 + timedelta(hours=1))
    user = await uow.users.get(5)
    assert user is not None and user.blocked_bot and user.blocked_at == T0 + timedelta(hours=1)
    await uow.users.touch(5, now=T0 + timedelta(days=1))  # writing to us means unblocked
    await uow.users.set_language(5, "uz")
    user = await uow.users.get(5)
    assert user is not None
    assert (user.blocked_bot, user.blocked_at, user.last_seen_at, user.language) == (
        False,
        None,
        T0 + timedelta(days=1),
        "uz",
    )


async def test_roles(uow: UnitOfWork) -> None:
    for user_id in (1, 2, 3):
        await uow.users.get_or_create(user_id)
    await uow.users.add_role(1, "admin")
    await uow.users.add_role(1, "admin")  # idempotent
    await uow.users.add_role(1, "merchant")
    await uow.users.set_roles(2, ["merchant"])
    user = await uow.users.get(1)
    assert user is not None and user.roles == {"admin", "merchant"}
    assert await uow.users.list_ids_by_role("merchant") == [1, 2]
    await uow.users.remove_role(1, "merchant")
    await uow.users.set_roles(2, [])
    assert await uow.users.list_ids_by_role("merchant") == []
    user = await uow.users.get(1)
    assert user is not None and user.roles == {"admin"}


async def test_reachable_users_and_count(uow: UnitOfWork) -> None:
    for user_id in (10, 11, 12, 13):
        await uow.users.get_or_create(user_id)
    await uow.users.set_blocked(11, True)
    assert await uow.users.list_reachable_ids() == [10, 12, 13]
    assert await uow.users.list_reachable_ids(after_id=10, limit=1) == [12]
    assert await uow.users.count() == 4
    assert await uow.users.count(include_blocked=False) == 3


async def test_bts_accounts_are_encrypted_and_scoped_to_their_user(
    uow: UnitOfWork, session: AsyncSession
) -> None:
    assert await uow.accounts.latest_bts() is None
    await uow.users.get_or_create(1)
    await uow.users.get_or_create(2)
    account = await uow.accounts.save_bts(1, username="shop", inn="301234567", password="pw-1", now=T0)
    assert account.password.get_secret_value() == "pw-1" and account.token is None
    assert "pw-1" not in repr(account)
    stored = await session.scalar(select(BtsAccount.password_enc))
    assert stored is not None and stored != "pw-1" and uow.box.decrypt(stored) == "pw-1"

    await uow.accounts.set_bts_token(account.id, "tok-1", now=T0 + timedelta(minutes=1))
    with_token = await uow.accounts.get_bts(account.id, user_id=1)
    assert with_token is not None and with_token.token is not None
    assert with_token.token.get_secret_value() == "tok-1"
    assert with_token.token_obtained_at == T0 + timedelta(minutes=1)
    assert await uow.accounts.get_bts(account.id, user_id=2) is None

    # Saving the same login again changes the password and forgets the token.
    again = await uow.accounts.save_bts(
        1, username="shop", inn="301234567", password="pw-2", now=T0 + timedelta(hours=2)
    )
    assert again.id == account.id and again.password.get_secret_value() == "pw-2" and again.token is None
    other = await uow.accounts.save_bts(
        1, username="shop", inn="309999999", password="pw-3", now=T0 + timedelta(hours=3)
    )
    assert [a.id for a in await uow.accounts.list_bts(1)] == [account.id, other.id]
    latest = await uow.accounts.latest_bts()
    assert latest is not None and latest.id == other.id

    await uow.accounts.set_bts_token(account.id, None)
    forgotten = await uow.accounts.get_bts(account.id)
    assert forgotten is not None and forgotten.token is None and forgotten.token_obtained_at is None
    assert not await uow.accounts.delete_bts(account.id, user_id=2)
    assert await uow.accounts.delete_bts(account.id, user_id=1)
    assert await uow.accounts.get_bts(account.id) is None


async def test_wms_accounts(uow: UnitOfWork, session: AsyncSession) -> None:
    await uow.users.get_or_create(1)
    account = await uow.accounts.save_wms(1, login="998901234567", password="wms-pw")
    await uow.accounts.set_wms_tokens(
        account.id, access_token="wms-access-token", refresh_token="wms-refresh-token", now=T0
    )
    loaded = await uow.accounts.get_wms(account.id, user_id=1)
    assert loaded is not None and loaded.access_token is not None and loaded.refresh_token is not None
    assert (loaded.access_token.get_secret_value(), loaded.refresh_token.get_secret_value()) == (
        "wms-access-token",
        "wms-refresh-token",
    )
    raw = (await session.execute(select(WmsAccount.access_token_enc, WmsAccount.refresh_token_enc))).one()
    assert "wms-access-token" not in raw[0] and "wms-refresh-token" not in raw[1]
    again = await uow.accounts.save_wms(1, login="998901234567", password="new-pw")
    assert again.id == account.id and again.access_token is None
    assert len(await uow.accounts.list_wms(1)) == 1
    assert await uow.accounts.get_wms(account.id, user_id=99) is None
    assert await uow.accounts.delete_wms(account.id, user_id=1)
    assert await uow.accounts.list_wms(1) == []


async def test_yandex_merchant_is_one_per_user(uow: UnitOfWork) -> None:
    await uow.users.get_or_create(1)
    first = await uow.accounts.save_yandex(1, merchant_id="m-1", api_key="key-1", sandbox=True)
    second = await uow.accounts.save_yandex(1, merchant_id="m-2", api_key="key-2", sandbox=False)
    assert second.id == first.id
    loaded = await uow.accounts.get_yandex(1)
    assert loaded is not None
    assert (loaded.merchant_id, loaded.api_key.get_secret_value(), loaded.sandbox) == ("m-2", "key-2", False)
    assert await uow.accounts.delete_yandex(1)
    assert await uow.accounts.get_yandex(1) is None
    assert not await uow.accounts.delete_yandex(1)


async def test_unit_of_work_commits_once_or_rolls_back(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> None:
    async with unit_of_work(session_factory, box) as uow:
        await uow.users.get_or_create(1)
        await uow.accounts.save_bts(1, username="a", inn="1", password="p")
    try:
        async with unit_of_work(session_factory, box) as uow:
            await uow.users.get_or_create(2)
            await uow.accounts.save_bts(1, username="b", inn="1", password="p")
            raise RuntimeError("the use case failed half-way")
    except RuntimeError:
        pass
    async with unit_of_work(session_factory, box) as uow:
        assert await uow.users.get(2) is None
        assert [a.username for a in await uow.accounts.list_bts(1)] == ["a"]
