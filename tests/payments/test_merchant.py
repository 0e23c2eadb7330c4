"""Merchant settings: the key is tried on the fake before it is stored, encrypted."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.errors import AuthFailed, Unavailable
from services.payments import InvalidMerchant, PaymentService
from services.yandex_pay.errors import YandexPayAuthError, YandexPayForbidden
from storage.models import YandexMerchant
from tests.fakes.base import Fault
from tests.fakes.yandex_pay.fixtures import YANDEX_MERCHANT_ID
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import SELLER

READ = "v1/orders/{id}"


async def stored_rows(session_factory: async_sessionmaker[AsyncSession]) -> list[YandexMerchant]:
    async with session_factory() as session:
        return list(await session.scalars(select(YandexMerchant)))


async def test_a_working_key_is_checked_then_stored_encrypted(
    payments: PaymentService, yandex_fake: YandexPayFake, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    view = await payments.save_merchant(SELLER, f" {YANDEX_MERCHANT_ID} ", YANDEX_MERCHANT_ID, sandbox=True)

    assert (view.merchant_id, view.sandbox) == (YANDEX_MERCHANT_ID, True)
    [check] = [c for c in yandex_fake.calls if c.route == READ]
    assert check.method == "GET"
    assert check.authorization == f"Api-Key {YANDEX_MERCHANT_ID}"
    [row] = await stored_rows(session_factory)
    assert row.user_id == SELLER
    assert YANDEX_MERCHANT_ID not in row.api_key_enc  # only the Fernet token is stored
    assert await payments.get_merchant(SELLER) == view
    assert "api_key" not in repr(view)


async def test_a_refused_key_is_not_stored(
    payments: PaymentService, yandex_fake: YandexPayFake, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    with pytest.raises(YandexPayAuthError) as caught:
        await payments.save_merchant(SELLER, YANDEX_MERCHANT_ID, "not-the-key", sandbox=True)
    assert isinstance(caught.value, AuthFailed)
    assert await stored_rows(session_factory) == []
    assert await payments.get_merchant(SELLER) is None


async def test_a_forbidden_key_is_refused_too(
    payments: PaymentService, yandex_fake: YandexPayFake, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    refusal = {"status": "fail", "code": 403, "reasonCode": "FORBIDDEN", "reason": "Merchant is not active"}
    yandex_fake.faults.add(READ, Fault(status=403, body=refusal), times=1)
    with pytest.raises(YandexPayForbidden):
        await payments.save_merchant(SELLER, YANDEX_MERCHANT_ID, YANDEX_MERCHANT_ID, sandbox=False)
    assert await stored_rows(session_factory) == []


async def test_yandex_down_saves_nothing(
    payments: PaymentService, yandex_fake: YandexPayFake, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    yandex_fake.faults.add(READ, Fault(status=503), times=None)
    with pytest.raises(Unavailable):
        await payments.save_merchant(SELLER, YANDEX_MERCHANT_ID, YANDEX_MERCHANT_ID, sandbox=True)
    assert await stored_rows(session_factory) == []


@pytest.mark.parametrize(("merchant_id", "key"), [("", "k"), ("m", ""), ("m", "has space"), ("m" * 65, "k")])
async def test_malformed_settings_are_refused_before_any_call(
    payments: PaymentService, yandex_fake: YandexPayFake, merchant_id: str, key: str
) -> None:
    with pytest.raises(InvalidMerchant):
        await payments.save_merchant(SELLER, merchant_id, key, sandbox=True)
    assert yandex_fake.calls == []


async def test_saving_again_replaces_and_delete_forgets(
    payments: PaymentService, yandex_fake: YandexPayFake, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    other_key = yandex_fake.add_merchant("second-merchant", api_key="second-key")
    await payments.save_merchant(SELLER, YANDEX_MERCHANT_ID, YANDEX_MERCHANT_ID, sandbox=True)
    view = await payments.save_merchant(SELLER, "second-merchant", other_key, sandbox=False)
    assert (view.merchant_id, view.sandbox) == ("second-merchant", False)
    assert len(await stored_rows(session_factory)) == 1

    assert await payments.delete_merchant(SELLER) is True
    assert await payments.get_merchant(SELLER) is None
    assert await payments.delete_merchant(SELLER) is False
