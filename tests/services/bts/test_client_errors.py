"""Every documented BTS error shape, through the client, against the fake, in both route styles."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr

from services.bts import (
    BtsAuthError,
    BtsBadResponse,
    BtsClient,
    BtsCredentials,
    BtsForbidden,
    BtsNotFound,
    BtsOutcomeUnknown,
    BtsValidationError,
)
from services.bts.models import CalculateRequest, MxikGoodCreate, OrderGood, OrderOption
from services.settings import RouteStyle
from tests.fakes.base import Fault
from tests.fakes.bts.fixtures import bts_base_url
from tests.fakes.bts.server import UNAUTHORIZED_BODY, BtsFake
from tests.services.bts.helpers import STYLES, nested_edit, order_create, order_edit, parcel

pytestmark = pytest.mark.parametrize("bts_route_style", STYLES, indirect=True, ids=lambda s: s.value)

LOGIN = "v1/auth/get-token"


# --- validation (400 {"errors": {...}}) ----------------------------------------------------------


async def test_branch_required_when_the_receiver_collects(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.create_order(bts_account, order_create(receiver_delivery=0))
    assert caught.value.status_code == 400
    assert caught.value.field_errors == {
        "receiver_branch_id": ["«Qabul qiluvchi filiali» ni to'ldirishingiz kerak."]
    }
    assert bts_fake.orders == {}
    assert bts_fake.count(LOGIN) == 1  # a field validation error is not a stale token
    assert bts_fake.count("v1/order/add") == 1  # nor retried


async def test_branch_must_be_in_the_receiver_city(
    bts_client: BtsClient, bts_account: BtsCredentials
) -> None:
    with pytest.raises(BtsValidationError) as caught:
        # Branch 93 is in Asaka, the receiver city is Samarqand.
        await bts_client.create_order(bts_account, order_create(receiver_delivery=0, receiver_branch_id=93))
    assert caught.value.field_errors == {
        "receiver_branch_id": ["Filial «Qabul qilish shahri»da mavjud emas."]
    }


async def test_unknown_cities_and_mxik_goods(bts_client: BtsClient, bts_account: BtsCredentials) -> None:
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.create_order(
            bts_account,
            order_create(
                sender_city_id=99999,
                bring_back_money=1,
                back_money=Decimal(5000),
                options=[OrderOption(goods=[OrderGood(mxik_goods_id=123456, good_price=Decimal(5000))])],
            ),
        )
    assert caught.value.field_errors == {
        "senderCityId": ["«Yuborish shahri» qiymati noto'g'ri."],
        "options": ["MXIK mahsulot #123456 topilmadi."],
    }


async def test_cash_on_delivery_needs_receipt_goods(
    bts_client: BtsClient, bts_account: BtsCredentials
) -> None:
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.create_order(bts_account, order_create(bring_back_money=1))
    assert set(caught.value.field_errors) == {"back_money", "options"}


async def test_calculator_validation(bts_client: BtsClient, bts_account: BtsCredentials) -> None:
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.calculate(
            bts_account, CalculateRequest(sender_city_id=424242, receiver_city_id=3, weight=Decimal(1))
        )
    assert caught.value.field_errors == {"senderCityId": ["«Yuborish shahri» qiymati noto'g'ri."]}


async def test_nested_edit_validation(bts_client: BtsClient, bts_account: BtsCredentials) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    edit = nested_edit()
    edit.receiver.branch_code = "1001"  # Samarqand's branch, receiver city is Uchtepa (Tashkent)
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.edit_order_nested(bts_account, created.order_id, edit)
    assert caught.value.field_errors == {
        "receiver[branch_code]": ["Filial «Qabul qilish shahri»da mavjud emas."]
    }


async def test_mxik_and_international_validation(bts_client: BtsClient, bts_account: BtsCredentials) -> None:
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.register_mxik_good(
            bts_account, MxikGoodCreate(spic="123", name="Telefon", good_price=Decimal(1))
        )
    assert caught.value.field_errors == {"spic": ["«MXIK» 17 ta raqamdan iborat bo'lishi kerak."]}
    await bts_client.create_international_order(bts_account, parcel("P-1"))
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.create_international_order(bts_account, parcel("P-1", receiver_pinfl="123"))
    assert caught.value.field_errors == {
        "ReceiverPinfl": ["«JSHSHIR» 14 ta raqamdan iborat bo'lishi kerak."],
        "ParcelNumber": ["«Posilka raqami» allaqachon mavjud."],
    }


async def test_validation_inside_a_200_answer_is_an_error_too(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.validation_status = 200
    with pytest.raises(BtsValidationError) as caught:
        await bts_client.create_order(bts_account, order_create(receiver_delivery=0))
    assert "receiver_branch_id" in caught.value.field_errors


# --- 401 / 403 / 404 ---------------------------------------------------------------------------


async def test_401_twice_is_an_auth_error_after_one_relogin(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/order/track", Fault(status=401, body=UNAUTHORIZED_BODY), times=2)
    with pytest.raises(BtsAuthError) as caught:
        await bts_client.track_order(bts_account, 1)
    assert caught.value.status_code == 401
    assert caught.value.message.endswith("Your request was made with invalid credentials.")
    assert bts_fake.count(LOGIN) == 2  # the lazy login and exactly one re-login
    assert bts_fake.count("v1/order/track") == 2


async def test_403_for_someone_elses_order(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    other = BtsCredentials(username="shop2", password=SecretStr("pw2"), inn="222222222")
    bts_fake.add_account("shop2", "pw2", "222222222")
    created = await bts_client.create_order(other, order_create())
    with pytest.raises(BtsForbidden) as caught:
        await bts_client.get_order(bts_account, created.order_id)
    assert caught.value.status_code == 403
    assert caught.value.body == {"status": False, "message": "Forbidden", "status_code": 403}


async def test_edit_and_cancel_refused_after_pickup(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    created = await bts_client.create_order(bts_account, order_create())
    bts_fake.advance(created.order_id)  # the courier took it
    with pytest.raises(BtsForbidden) as edit_refused:
        await bts_client.edit_order(bts_account, order_edit(created.order_id, receiver="Aziz"))
    assert "kuryer tomonidan qabul qilingan" in edit_refused.value.message
    with pytest.raises(BtsForbidden):
        await bts_client.edit_order_nested(bts_account, created.order_id, nested_edit())
    with pytest.raises(BtsForbidden) as cancel_refused:
        await bts_client.cancel_order(bts_account, created.order_id)
    assert "bekor qilib bo'lmaydi" in cancel_refused.value.message
    assert bts_fake.order(created.order_id).status == 2
    assert bts_fake.order(created.order_id).fields["receiver"] == "Odil Ahmedov"
    assert bts_fake.count(LOGIN) == 1  # a 403 is not a token problem


async def test_404_unknown_order_and_barcode(bts_client: BtsClient, bts_account: BtsCredentials) -> None:
    with pytest.raises(BtsNotFound) as caught:
        await bts_client.get_order(bts_account, 1)
    assert caught.value.body == {"status": False, "message": "error.not_found", "status_code": 404}
    with pytest.raises(BtsNotFound):
        await bts_client.order_history(bts_account, 1)
    with pytest.raises(BtsNotFound):
        await bts_client.track_international(bts_account, "01099999999")


async def test_status_false_inside_a_200_is_mapped_by_its_code(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add(
        "v1/order/detail",
        Fault(status=200, body={"status": False, "message": "error.not_found", "status_code": 404}),
    )
    with pytest.raises(BtsNotFound):
        await bts_client.get_order(bts_account, 1)


# --- login refusals ----------------------------------------------------------------------------


async def test_invalid_inn(bts_client: BtsClient, bts_fake: BtsFake) -> None:
    account = BtsCredentials(username="demo", password=SecretStr("demo123"), inn="000000000")
    with pytest.raises(BtsAuthError) as caught:
        await bts_client.list_branches(account)
    assert "Invalid INN" in caught.value.message
    assert bts_fake.count(LOGIN) == 1
    assert bts_fake.count("v1/directory/branches") == 0
    assert await bts_client.cached_token(account) is None


async def test_wrong_password(bts_client: BtsClient, bts_fake: BtsFake) -> None:
    account = BtsCredentials(username="demo", password=SecretStr("nope"), inn="123456789")
    with pytest.raises(BtsAuthError) as caught:
        await bts_client.get_order(account, 1)
    assert caught.value.message == "Login yoki parol noto'g'ri."
    assert bts_fake.count(LOGIN) == 1


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, UNAUTHORIZED_BODY),
        (400, {"text": "Invalid INN"}),
        (403, {"status": False, "message": "Forbidden", "status_code": 403}),
        (200, {"status": False, "text": "Invalid INN"}),
        (200, {"status": True, "data": {}, "message": "Login failed"}),
    ],
)
async def test_other_login_refusal_shapes(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials, status: int, body: object
) -> None:
    bts_fake.faults.add(LOGIN, Fault(status=status, body=body))
    with pytest.raises(BtsAuthError):
        await bts_client.list_mxik_goods(bts_account)
    assert bts_fake.count(LOGIN) == 1


async def test_login_answer_without_token_or_text_is_a_bad_response(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add(LOGIN, Fault(status=200, body={"status": True, "data": {"id": 5}}))
    with pytest.raises(BtsBadResponse):
        await bts_client.list_mxik_goods(bts_account)


# --- unreadable answers ------------------------------------------------------------------------


async def test_malformed_json_on_a_read(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    await bts_client.login(bts_account)
    bts_fake.faults.add("v1/order/track", Fault(malformed=True), times=None)
    with pytest.raises(BtsBadResponse):
        await bts_client.track_order(bts_account, 1)
    assert bts_fake.count("v1/order/track") == 1  # not retried: the next answer would be the same


async def test_malformed_error_body_keeps_its_status(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/order/detail", Fault(status=404, malformed=True))
    with pytest.raises(BtsNotFound):
        await bts_client.get_order(bts_account, 1)


async def test_unexpected_shape_on_a_read(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add(
        "v1/order/track", Fault(status=200, body={"status": True, "data": {"orderId": "abc"}})
    )
    with pytest.raises(BtsBadResponse):
        await bts_client.track_order(bts_account, 1)


async def test_malformed_answer_to_a_create_is_an_unknown_outcome(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.faults.add("v1/order/add", Fault(malformed=True, after=True))
    with pytest.raises(BtsOutcomeUnknown) as caught:
        await bts_client.create_order(bts_account, order_create())
    assert isinstance(caught.value.__cause__, BtsBadResponse)
    assert len(bts_fake.orders) == 1  # it was made
    assert bts_fake.count("v1/order/add") == 1


async def test_unknown_route_is_not_found(
    bts_fake: BtsFake, bts_account: BtsCredentials, bts_route_style: RouteStyle
) -> None:
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0, connect=1.0)) as http:
        client = BtsClient(
            http,
            bts_base_url(bts_fake, bts_route_style),
            bts_route_style,
            mxik_register_route="v1/no-such/create",
            mxik_list_route="v1/no-such/index",
        )
        with pytest.raises(BtsNotFound) as caught:
            await client.list_mxik_goods(bts_account)
    assert caught.value.message.endswith("Page not found.")
