"""Unit tests without a server: the URL builder, the error mapping, transport errors."""

from __future__ import annotations

import httpx
import pytest

from services.bts.errors import (
    BtsAuthError,
    BtsBadResponse,
    BtsConflict,
    BtsError,
    BtsForbidden,
    BtsNotFound,
    BtsOutcomeUnknown,
    BtsRateLimited,
    BtsUnavailable,
    BtsValidationError,
    error_from_response,
    error_from_transport,
    extract_field_errors,
)
from services.bts.routes import DEFAULT_BASE_URL, Route, build_url, normalize_route
from services.common.errors import (
    AuthFailed,
    BadResponse,
    Forbidden,
    NotFound,
    OutcomeUnknown,
    RateLimited,
    Unavailable,
    ValidationFailed,
)
from services.settings import RouteStyle, Settings

# --- URLs --------------------------------------------------------------------------------------


def test_query_style_matches_the_documented_form() -> None:
    url = build_url(DEFAULT_BASE_URL, RouteStyle.QUERY, Route.ORDER_DETAIL, {"id": 1})
    assert url == "http://api.bts.uz:8080/index.php?r=v1/order/detail&id=1"


def test_path_style_matches_the_documented_form() -> None:
    url = build_url("https://apitest.bts.uz:28345/", RouteStyle.PATH, Route.ORDER_EDIT, {"orderId": 4293644})
    assert url == "https://apitest.bts.uz:28345/v1/order/edit?orderId=4293644"


def test_routes_without_params_and_none_params_dropped() -> None:
    assert (
        build_url("http://h/index.php", RouteStyle.QUERY, Route.GET_TOKEN)
        == "http://h/index.php?r=v1/auth/get-token"
    )
    assert build_url("http://h", RouteStyle.PATH, Route.DIRECTORY_BRANCHES, {"regionId": None}) == (
        "http://h/v1/directory/branches"
    )
    assert build_url("http://h", RouteStyle.QUERY, Route.DIRECTORY_BRANCHES, {"regionId": 6}) == (
        "http://h?r=v1/directory/branches&regionId=6"
    )


def test_param_values_are_encoded() -> None:
    url = build_url(
        "http://h/index.php", RouteStyle.QUERY, Route.INTERNATIONAL_TRACK, {"barcode": "01 2&r=x"}
    )
    assert url == "http://h/index.php?r=v1/international/track-by-barcode&barcode=01+2%26r%3Dx"
    url = build_url("http://h/api", RouteStyle.PATH, Route.INTERNATIONAL_TRACK, {"barcode": "a/b"})
    assert url == "http://h/api/v1/international/track-by-barcode?barcode=a/b"


def test_base_with_a_query_string_is_extended() -> None:
    assert build_url("http://h/index.php?lang=uz", RouteStyle.QUERY, "v1/order/track", {"id": 7}) == (
        "http://h/index.php?lang=uz&r=v1/order/track&id=7"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/order/add", "v1/order/add"),
        ("v1/order/add/", "v1/order/add"),
        (" order/detail ", "v1/order/detail"),
    ],
)
def test_normalize_route(raw: str, expected: str) -> None:
    assert normalize_route(raw) == expected


def test_mxik_routes_come_from_settings() -> None:
    settings = Settings(bts_mxik_register_route="/goods/add", bts_mxik_list_route="v1/goods/list")
    assert build_url(settings.bts_base_url, settings.bts_route_style, settings.bts_mxik_register_route) == (
        "http://api.bts.uz:8080/index.php?r=v1/goods/add"
    )


# --- status mapping ----------------------------------------------------------------------------

YII_401 = {
    "name": "Unauthorized",
    "message": "Your request was made with invalid credentials.",
    "code": 0,
    "status": 401,
    "type": "yii\\web\\UnauthorizedHttpException",
}


def test_validation_errors_keep_every_field_message() -> None:
    body = {
        "errors": {
            "senderPhone": ["«Telefon» ni to'ldirishingiz kerak."],
            "weight": ["«Kg» to'ldirilishi kerak."],
        }
    }
    error = error_from_response(400, body, route="v1/order/add")
    assert isinstance(error, BtsValidationError)
    assert isinstance(error, ValidationFailed)
    assert error.field_errors == {
        "senderPhone": ["«Telefon» ni to'ldirishingiz kerak."],
        "weight": ["«Kg» to'ldirilishi kerak."],
    }
    assert "«Telefon» ni to'ldirishingiz kerak." in str(error)
    assert error.status_code == 400


def test_yii_list_shaped_validation_errors_are_read_too() -> None:
    assert extract_field_errors([{"field": "weight", "message": "«Kg» to'ldirilishi kerak."}]) == {
        "weight": ["«Kg» to'ldirilishi kerak."]
    }


@pytest.mark.parametrize(
    ("status", "body", "expected", "category"),
    [
        (400, {"name": "Bad Request", "message": "x", "status": 400}, BtsValidationError, ValidationFailed),
        (401, YII_401, BtsAuthError, AuthFailed),
        (403, {"status": False, "message": "Forbidden", "status_code": 403}, BtsForbidden, Forbidden),
        (404, {"status": False, "message": "error.not_found", "status_code": 404}, BtsNotFound, NotFound),
        (409, {"message": "exists"}, BtsConflict, BtsConflict),
        (429, {"message": "slow down"}, BtsRateLimited, RateLimited),
        (500, None, BtsUnavailable, Unavailable),
        (503, {"message": "maintenance"}, BtsUnavailable, Unavailable),
    ],
)
def test_status_mapping_for_reads(status: int, body: object, expected: type, category: type) -> None:
    error = error_from_response(status, body, {"Retry-After": "7"})
    assert type(error) is expected
    assert isinstance(error, category)
    assert error.status_code == status


def test_messages_of_documented_bodies_are_kept() -> None:
    assert error_from_response(401, YII_401).message == "Your request was made with invalid credentials."
    assert error_from_response(
        404, {"status": False, "message": "error.not_found", "status_code": 404}
    ).message == ("error.not_found")


def test_retry_after_is_read_for_429_and_503() -> None:
    limited = error_from_response(429, {}, {"Retry-After": "3"})
    assert isinstance(limited, BtsRateLimited)
    assert limited.retry_after == 3.0
    down = error_from_response(503, {}, {"retry-after": "0.5"})
    assert isinstance(down, BtsUnavailable)
    assert down.retry_after == 0.5


@pytest.mark.parametrize("status", [500, 502, 504])
def test_a_create_answered_with_5xx_has_an_unknown_outcome(status: int) -> None:
    error = error_from_response(status, None, create=True)
    assert isinstance(error, BtsOutcomeUnknown)
    assert isinstance(error, OutcomeUnknown)
    assert not isinstance(error, Unavailable)  # so call_with_retry never repeats it


@pytest.mark.parametrize("status", [429, 503])
def test_a_create_refused_with_429_or_503_stays_retryable(status: int) -> None:
    error = error_from_response(status, None, create=True)
    assert isinstance(error, RateLimited | Unavailable)


def test_unknown_4xx_is_a_plain_bts_error() -> None:
    error = error_from_response(418, {"message": "teapot"})
    assert type(error) is BtsError
    assert not isinstance(error, BadResponse)


# --- transport mapping -------------------------------------------------------------------------


def test_transport_errors_of_a_read_are_retryable() -> None:
    for exc in (httpx.ReadTimeout("t"), httpx.RemoteProtocolError("gone"), httpx.ConnectError("refused")):
        assert isinstance(error_from_transport(exc), BtsUnavailable)


def test_transport_errors_of_a_create_after_sending_are_unknown_outcomes() -> None:
    for exc in (
        httpx.ReadTimeout("t"),
        httpx.RemoteProtocolError("gone"),
        httpx.ReadError("reset"),
        httpx.WriteTimeout("w"),
    ):
        assert isinstance(error_from_transport(exc, create=True), BtsOutcomeUnknown)


def test_a_create_that_never_connected_may_be_repeated() -> None:
    for exc in (httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("pool")):
        assert isinstance(error_from_transport(exc, create=True), BtsUnavailable)


def test_a_wrong_scheme_is_not_retried() -> None:
    error = error_from_transport(httpx.UnsupportedProtocol("ftp"), create=False)
    assert type(error) is BtsError


def test_bad_response_category() -> None:
    assert issubclass(BtsBadResponse, BadResponse)
    assert issubclass(BtsBadResponse, BtsError)
