"""WebhookVerifier against the fake's JWKS: ES256 only, kid lookup with one refetch, times checked."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from services.yandex_pay.webhook import (
    WebhookKeysUnavailable,
    WebhookRejected,
    WebhookVerifier,
    jwks_url_for,
)
from tests.fakes.base import Fault
from tests.fakes.yandex_pay.server import FakeOrder, YandexPayFake


class Clock:
    """Wall time for the verifier, moved by the test (tokens are signed with the real time)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def verifier(yandex_fake: YandexPayFake, clock: Clock) -> AsyncIterator[WebhookVerifier]:
    async with httpx.AsyncClient() as http:
        yield WebhookVerifier(http, jwks_url_for(yandex_fake.base_url), clock=clock, leeway=30)


@pytest.fixture
def yandex_order(yandex_fake: YandexPayFake) -> str:
    """One paid order in the fake, so that notifications have something to name."""
    merchant = next(iter(yandex_fake.api_keys.values()))
    yandex_fake.orders[(merchant, "bts1-aaaa")] = FakeOrder(
        merchant, "bts1-aaaa", Decimal("1000"), {}, f"{yandex_fake.url}/pay/x", expires_at=time.time() + 1800
    )
    yandex_fake.mark_paid("bts1-aaaa")
    return "bts1-aaaa"


def test_jwks_url_is_on_the_merchant_api_host() -> None:
    assert jwks_url_for("https://pay.yandex.uz/api/merchant") == "https://pay.yandex.uz/api/jwks"
    assert (
        jwks_url_for("https://sandbox.pay.yandex.uz/api/merchant/")
        == "https://sandbox.pay.yandex.uz/api/jwks"
    )
    assert jwks_url_for("http://127.0.0.1:5000/api/merchant") == "http://127.0.0.1:5000/api/jwks"


async def test_a_genuine_token_gives_its_claims(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order))
    claims = await verifier.verify(token)
    assert claims["event"] == "ORDER_STATUS_UPDATED"
    assert claims["order"] == {"orderId": yandex_order, "paymentStatus": "CAPTURED"}
    assert yandex_fake.count("api/jwks", "GET") == 1
    # A second token uses the cached keys.
    await verifier.verify(yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order)).encode())
    assert yandex_fake.count("api/jwks", "GET") == 1


async def test_times_in_the_claims_are_accepted_too(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order), times_in="claims")
    assert (await verifier.verify(token))["order"]["orderId"] == yandex_order


async def test_a_token_without_times_is_refused(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order), times_in="none")
    with pytest.raises(WebhookRejected, match="iat or exp"):
        await verifier.verify(token)


async def test_a_token_signed_with_another_key_is_refused(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    forged = yandex_fake.make_webhook_token(
        yandex_fake.webhook_payload(yandex_order), key=ec.generate_private_key(ec.SECP256R1())
    )
    with pytest.raises(WebhookRejected) as caught:
        await verifier.verify(forged)
    assert caught.value.status == 401
    assert "InvalidSignatureError" in caught.value.reason


async def test_a_tampered_payload_is_refused(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order, status="FAILED"))
    header, _payload, signature = token.split(".")
    changed = yandex_fake.webhook_payload(yandex_order, status="CAPTURED")
    body = base64.urlsafe_b64encode(json.dumps(changed).encode()).rstrip(b"=").decode()
    with pytest.raises(WebhookRejected):
        await verifier.verify(f"{header}.{body}.{signature}")


async def test_an_expired_token_is_refused(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str, clock: Clock
) -> None:
    payload = yandex_fake.webhook_payload(yandex_order)
    with pytest.raises(WebhookRejected, match="expired"):
        await verifier.verify(yandex_fake.make_webhook_token(payload, iat_delta=-900, exp_delta=300))
    with pytest.raises(WebhookRejected, match="expired"):
        await verifier.verify(
            yandex_fake.make_webhook_token(payload, iat_delta=-900, exp_delta=300, times_in="claims")
        )
    # Within the leeway (30 s here) a token just past its exp is still taken: clocks drift.
    await verifier.verify(yandex_fake.make_webhook_token(payload, iat_delta=-310, exp_delta=300))
    # The same genuine token is refused once our clock passes its exp.
    token = yandex_fake.make_webhook_token(payload, exp_delta=300)
    await verifier.verify(token)
    clock.now += 400
    with pytest.raises(WebhookRejected, match="expired"):
        await verifier.verify(token)


async def test_a_token_from_the_future_is_refused(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order), iat_delta=600)
    with pytest.raises(WebhookRejected, match="future"):
        await verifier.verify(token)


async def test_an_unknown_kid_is_refetched_once_then_refused(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str, clock: Clock
) -> None:
    payload = yandex_fake.webhook_payload(yandex_order)
    await verifier.verify(yandex_fake.make_webhook_token(payload))
    assert yandex_fake.count("api/jwks", "GET") == 1

    with pytest.raises(WebhookRejected, match="unknown key id"):
        await verifier.verify(yandex_fake.make_webhook_token(payload, kid="no-such-key"))
    assert yandex_fake.count("api/jwks", "GET") == 2  # one refetch, then refused

    # Another unknown kid right after: no new fetch (refetches are rate-limited).
    with pytest.raises(WebhookRejected, match="unknown key id"):
        await verifier.verify(yandex_fake.make_webhook_token(payload, kid="another-key"))
    assert yandex_fake.count("api/jwks", "GET") == 2

    clock.now += 11
    with pytest.raises(WebhookRejected, match="unknown key id"):
        await verifier.verify(yandex_fake.make_webhook_token(payload, kid="another-key"))
    assert yandex_fake.count("api/jwks", "GET") == 3


async def test_a_rotated_key_is_found_by_the_refetch(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    payload = yandex_fake.webhook_payload(yandex_order)
    await verifier.verify(yandex_fake.make_webhook_token(payload))
    new_kid = yandex_fake.rotate_key()

    claims = await verifier.verify(yandex_fake.make_webhook_token(payload))
    assert claims["order"]["orderId"] == yandex_order
    assert yandex_fake.count("api/jwks", "GET") == 2
    assert new_kid in {k["kid"] for k in yandex_fake.jwks()["keys"]}


async def test_the_cache_expires(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str, clock: Clock
) -> None:
    payload = yandex_fake.webhook_payload(yandex_order)
    await verifier.verify(yandex_fake.make_webhook_token(payload))
    clock.now += 3601
    token = yandex_fake.make_webhook_token(payload, iat_delta=3601, exp_delta=300)
    await verifier.verify(token)
    assert yandex_fake.count("api/jwks", "GET") == 2


@pytest.mark.parametrize("alg", ["none", "HS256", "HS512"])
async def test_other_algorithms_are_refused_without_fetching_keys(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str, alg: str
) -> None:
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order), alg=alg)
    with pytest.raises(WebhookRejected, match="algorithm"):
        await verifier.verify(token)
    assert yandex_fake.count("api/jwks", "GET") == 0


@pytest.mark.parametrize("body", [b"", b"not a token", b"\xff\xfe", b"a.b.c", b"x" * 20_000])
async def test_garbage_is_a_bad_request(verifier: WebhookVerifier, body: bytes) -> None:
    with pytest.raises(WebhookRejected) as caught:
        await verifier.verify(body)
    assert caught.value.status == 400


async def test_keys_that_cannot_be_fetched_are_not_a_rejection(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str
) -> None:
    yandex_fake.faults.add("api/jwks", Fault(status=503), times=1)
    token = yandex_fake.make_webhook_token(yandex_fake.webhook_payload(yandex_order))
    with pytest.raises(WebhookKeysUnavailable):
        await verifier.verify(token)
    # Once the JWKS answers again the same token is accepted.
    assert (await verifier.verify(token))["order"]["orderId"] == yandex_order


async def test_cached_keys_survive_a_failed_refresh(
    verifier: WebhookVerifier, yandex_fake: YandexPayFake, yandex_order: str, clock: Clock
) -> None:
    payload = yandex_fake.webhook_payload(yandex_order)
    await verifier.verify(yandex_fake.make_webhook_token(payload))
    clock.now += 3601
    yandex_fake.faults.add("api/jwks", Fault(status=500), times=1)
    token = yandex_fake.make_webhook_token(payload, iat_delta=3601, exp_delta=300)
    assert (await verifier.verify(token))["order"]["orderId"] == yandex_order
