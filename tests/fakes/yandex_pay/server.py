"""A fake Yandex Pay merchant API, Uzbekistan (seeds 003 and 004), in memory.

Served under ``/api/merchant`` like the real hosts, so ``fake.base_url`` is a drop-in for
``https://sandbox.pay.yandex.uz/api/merchant``:
- ``POST /api/merchant/v1/orders`` (fault key ``"v1/orders"``) → ``{"data": {"paymentUrl"}}``;
- ``GET /api/merchant/v1/orders/{id}`` (fault key ``"v1/orders/{id}"``) → order, operations;
- ``GET /pay/{merchant}/{orderId}`` (fault key ``"pay"``): the payment page the link points
  to, a tiny HTML form with Pay / Fail buttons (``POST`` to the same URL with ``action``).

Merchants authenticate with ``Authorization: Api-Key <key>``; in the sandbox the key is the
merchant id. Answers use the documented envelope; failures are
``{"status": "fail", "code": N, "reasonCode": "...", "reason": "..."}``. A repeated orderId
answers 409 while ``conflict_on_repeat`` is True (the default), else the existing order's
link as a success. Every request's ``X-Request-Id`` / ``X-Request-Attempt`` /
``X-Request-Timeout`` are kept in ``fake.calls``.

Notifications (issue 6): the fake holds an EC P-256 key made at start-up and publishes it at
``GET {fake.url}/api/jwks`` (fault key ``"api/jwks"``), like ``{host}/api/jwks`` of the real
hosts. ``make_webhook_token`` signs an ``ORDER_STATUS_UPDATED`` notification as Yandex does
(ES256, ``kid``, ``iat`` and ``exp`` in the header), with switches for a wrong key, an unknown
kid, an expired token or another algorithm; ``send_webhook`` POSTs one to
``{callback_url}/v1/webhook`` as ``application/octet-stream``. With ``fake.webhook_url`` set,
every status change (``mark_paid`` and friends) is also notified there, retried like Yandex
with a new JWT each attempt until it gets a 200 (``await fake.drain_webhooks()`` waits).

Standalone: ``await start_demo_yandex_pay()`` returns a started fake with a demo merchant;
``python -m tests.fakes.yandex_pay.server [port]`` serves it until interrupted.
"""

from __future__ import annotations

import asyncio
import html
import sys
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import aiohttp
import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from tests.fakes.base import FakeServer, read_json

BASE_PATH = "/api/merchant"
MIN_TTL, MAX_TTL, DEFAULT_TTL = 180, 604_800, 1800

PAYMENT_STATUSES = (
    "PENDING",
    "AUTHORIZED",
    "CAPTURED",
    "VOIDED",
    "REFUNDED",
    "CONFIRMED",
    "PARTIALLY_REFUNDED",
    "FAILED",
)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _money(value: Decimal) -> str:
    return format(value, "f")


@dataclass
class WebhookDelivery:
    """One notification POST made by the fake, and what the bot answered (``None``: no answer)."""

    url: str
    order_id: str
    status: str
    token: str
    answer: int | None
    at: float = field(default_factory=time.monotonic)


@dataclass
class RecordedCall:
    method: str
    route: str
    request_id: str | None
    attempt: str | None
    timeout_ms: str | None
    authorization: str | None
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeOrder:
    merchant_id: str
    order_id: str
    amount: Decimal
    body: dict[str, Any]
    payment_url: str
    expires_at: float
    status: str = "PENDING"
    reason: str | None = None
    operations: list[dict[str, Any]] = field(default_factory=list)
    created: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)

    def operation(
        self, kind: str, amount: Decimal, status: str = "SUCCESS", reason: str | None = None
    ) -> None:
        self.operations.append(
            {
                "operationId": str(uuid.uuid4()),
                "operationType": kind,
                "orderId": self.order_id,
                "amount": _money(amount),
                "status": status,
                "reason": reason,
                "created": _now(),
                "updated": _now(),
                "params": {},
            }
        )


class _Fail(Exception):
    def __init__(self, status: int, reason_code: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason_code, self.reason = status, reason_code, reason

    def response(self) -> web.Response:
        return web.json_response(
            {"status": "fail", "code": self.status, "reasonCode": self.reason_code, "reason": self.reason},
            status=self.status,
        )


def _success(data: dict[str, Any]) -> web.Response:
    return web.json_response({"status": "success", "code": 200, "data": data})


def _amount(value: object, where: str) -> Decimal:
    """Amounts are decimal strings (``"123.45"``): a JSON number is refused, like a bad string."""
    if not isinstance(value, str):
        raise _Fail(400, "BAD_REQUEST", f"{where}: a decimal string is expected")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _Fail(400, "BAD_REQUEST", f"{where}: {value!r} is not a decimal") from None
    if not number.is_finite() or number < 0:
        raise _Fail(400, "BAD_REQUEST", f"{where}: must be a non-negative amount")
    return number


class YandexPayFake(FakeServer):
    """In-memory merchant API with a payment page; ``set_status`` plays the buyer and the bank."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, conflict_on_repeat: bool = True) -> None:
        super().__init__(host, port)
        self.conflict_on_repeat = conflict_on_repeat
        self.api_keys: dict[str, str] = {}  # api key -> merchant id
        self.orders: dict[tuple[str, str], FakeOrder] = {}
        self.calls: list[RecordedCall] = []
        # Notifications: the signing keys published in the JWKS (kid -> private key).
        self.signing_keys: dict[str, ec.EllipticCurvePrivateKey] = {}
        self.kid = self.rotate_key()
        self.webhook_url: str | None = None
        self.webhook_attempts = 3
        self.webhook_retry_delay = 0.01
        self.webhooks: list[WebhookDelivery] = []
        self._webhook_tasks: set[asyncio.Task[int | None]] = set()

    @property
    def base_url(self) -> str:
        """What the client takes as its base URL (``.../api/merchant``)."""
        return f"{self.url}{BASE_PATH}"

    # --- test controls --------------------------------------------------------------------

    def add_merchant(self, merchant_id: str | None = None, *, api_key: str | None = None) -> str:
        """A merchant; returns its API key (the merchant id itself, as in the sandbox)."""
        merchant_id = merchant_id or str(uuid.uuid4())
        key = api_key or merchant_id
        self.api_keys[key] = merchant_id
        return key

    def order(self, order_id: str, merchant_id: str | None = None) -> FakeOrder:
        matches = [
            o
            for (m, oid), o in self.orders.items()
            if oid == order_id and (merchant_id is None or m == merchant_id)
        ]
        if len(matches) != 1:
            raise KeyError(order_id)
        return matches[0]

    def set_status(
        self,
        order_id: str,
        status: str,
        *,
        merchant_id: str | None = None,
        reason: str | None = None,
        amount: Decimal | None = None,
    ) -> FakeOrder:
        """Move an order as Yandex would, adding the matching operation (capture, refund, ...)."""
        status = str(status)
        if status not in PAYMENT_STATUSES:
            raise ValueError(status)
        order = self.order(order_id, merchant_id)
        value = amount if amount is not None else order.amount
        if status == "AUTHORIZED":
            order.operation("AUTHORIZE", value)
        elif status in ("CAPTURED", "CONFIRMED"):
            order.operation("CAPTURE", value)
        elif status in ("REFUNDED", "PARTIALLY_REFUNDED"):
            order.operation("REFUND", value)
        elif status == "VOIDED":
            order.operation("VOID", value)
        elif status == "FAILED":
            order.operation("AUTHORIZE", value, status="FAIL", reason=reason or "Payment declined")
        order.status = status
        order.reason = reason if reason is not None else ("Payment declined" if status == "FAILED" else None)
        order.updated = _now()
        if self.webhook_url is not None:
            self._notify_later(self.webhook_url, order)
        return order

    def mark_paid(self, order_id: str) -> FakeOrder:
        return self.set_status(order_id, "CAPTURED")

    def mark_failed(self, order_id: str, reason: str = "Payment declined") -> FakeOrder:
        return self.set_status(order_id, "FAILED", reason=reason)

    def mark_refunded(self, order_id: str, amount: Decimal | None = None) -> FakeOrder:
        order = self.order(order_id)
        partial = amount is not None and amount < order.amount
        return self.set_status(order_id, "PARTIALLY_REFUNDED" if partial else "REFUNDED", amount=amount)

    def expire(self, order_id: str) -> FakeOrder:
        """The link's ttl ran out unpaid: Yandex moves the order to FAILED (seed 003)."""
        return self.set_status(order_id, "FAILED", reason="Order expired")

    # --- notifications (JWKS, signed webhooks) ---------------------------------------------

    def rotate_key(self, kid: str | None = None) -> str:
        """A new signing key, published in the JWKS beside the old ones, used from now on."""
        kid = kid or f"fake-{uuid.uuid4().hex[:8]}"
        self.signing_keys[kid] = ec.generate_private_key(ec.SECP256R1())
        self.kid = kid
        return kid

    def jwks(self) -> dict[str, Any]:
        keys = []
        for kid, private in self.signing_keys.items():
            jwk = ECAlgorithm.to_jwk(private.public_key(), as_dict=True)
            keys.append({**jwk, "kid": kid, "alg": "ES256", "use": "sig"})
        return {"keys": keys}

    def webhook_payload(
        self,
        order_id: str,
        *,
        status: str | None = None,
        event: str = "ORDER_STATUS_UPDATED",
        merchant_id: str | None = None,
        event_time: str | None = None,
    ) -> dict[str, Any]:
        """What Yandex notifies: ``merchantId``, ``event``, ``eventTime``, ``order`` (seed-free:
        the public Yandex Pay documentation of ``/v1/webhook``)."""
        order = self.order(order_id)
        return {
            "merchantId": merchant_id or order.merchant_id,
            "event": event,
            "eventTime": event_time or order.updated,
            "order": {"orderId": order.order_id, "paymentStatus": status or order.status},
        }

    def make_webhook_token(
        self,
        payload: Mapping[str, Any],
        *,
        key: ec.EllipticCurvePrivateKey | None = None,
        kid: str | None = None,
        exp_delta: float = 300,
        iat_delta: float = 0,
        alg: str = "ES256",
        times_in: str = "header",
    ) -> str:
        """A notification JWT signed like Yandex's: ES256, ``kid`` and ``iat``/``exp`` in the header.

        ``key`` signs with another key (a forgery), ``kid`` names another key id (an unknown
        kid), ``exp_delta`` < 0 makes it expired, ``alg="none"`` makes an unsigned token,
        ``times_in="claims"`` puts ``iat``/``exp`` in the payload, ``"none"`` leaves them out.
        """
        kid = kid or self.kid
        now = int(time.time() + iat_delta)
        times = {"iat": now, "exp": int(now + exp_delta)}
        headers: dict[str, Any] = {"kid": kid, "typ": "JWT"}
        claims = dict(payload)
        if times_in == "header":
            headers.update(times)
        elif times_in == "claims":
            claims.update(times)
        if alg == "none":
            return jwt.encode(claims, None, algorithm="none", headers=headers)
        if alg != "ES256":
            secret = uuid.uuid4().hex + uuid.uuid4().hex  # 64 bytes: no short-key warning
            return jwt.encode(claims, secret, algorithm=alg, headers=headers)
        signing = key or self.signing_keys[self.kid if kid not in self.signing_keys else kid]
        return jwt.encode(claims, signing, algorithm="ES256", headers=headers)

    async def send_webhook(
        self,
        callback_url: str,
        order_id: str,
        *,
        status: str | None = None,
        event: str = "ORDER_STATUS_UPDATED",
        token: str | None = None,
        **token_options: Any,
    ) -> int | None:
        """POST one signed notification to ``{callback_url}/v1/webhook``; the HTTP status answered.

        ``token_options`` go to ``make_webhook_token`` (``key``, ``kid``, ``exp_delta``, ``alg``).
        """
        if token is None:
            payload = self.webhook_payload(order_id, status=status, event=event)
            token = self.make_webhook_token(payload, **token_options)
        url = f"{callback_url.rstrip('/')}/v1/webhook"
        answer: int | None
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.post(
                    url,
                    data=token.encode("ascii"),
                    headers={
                        "Content-Type": "application/octet-stream",
                        "User-Agent": "YandexPay/1.0",
                        "X-Request-Id": uuid.uuid4().hex,
                    },
                    timeout=aiohttp.ClientTimeout(total=5),
                ) as response,
            ):
                await response.read()
                answer = response.status
        except (aiohttp.ClientError, TimeoutError):
            answer = None
        sent_status = status or self.order(order_id).status
        self.webhooks.append(WebhookDelivery(url, order_id, sent_status, token, answer))
        return answer

    def _notify_later(self, callback_url: str, order: FakeOrder) -> None:
        """Notify in the background, retrying with a new JWT each time until a 200."""
        status = order.status

        async def deliver() -> int | None:
            answer: int | None = None
            for attempt in range(max(1, self.webhook_attempts)):
                if attempt:
                    await asyncio.sleep(self.webhook_retry_delay)
                answer = await self.send_webhook(callback_url, order.order_id, status=status)
                if answer == 200:
                    break
            return answer

        task = asyncio.get_running_loop().create_task(deliver())
        self._webhook_tasks.add(task)
        task.add_done_callback(self._webhook_tasks.discard)

    async def drain_webhooks(self) -> None:
        """Wait until every background notification is delivered (or given up)."""
        while self._webhook_tasks:
            await asyncio.gather(*list(self._webhook_tasks))

    async def stop(self) -> None:
        await self.drain_webhooks()
        await super().stop()

    def request_ids(self, route: str = "v1/orders") -> list[str | None]:
        return [c.request_id for c in self.calls if c.route == route]

    def attempts(self, route: str = "v1/orders") -> list[str | None]:
        return [c.attempt for c in self.calls if c.route == route]

    # --- server ---------------------------------------------------------------------------

    def route_key(self, request: web.Request) -> str:
        path = request.path
        if path.startswith(BASE_PATH + "/"):
            path = path[len(BASE_PATH) :]
        parts = path.strip("/").split("/")
        if parts[:2] == ["v1", "orders"] and len(parts) > 2:
            return "v1/orders/{id}"
        if parts[0] == "pay":
            return "pay"
        if parts == ["api", "jwks"]:
            return "api/jwks"
        return "/".join(parts)

    def make_app(self) -> web.Application:
        app = super().make_app()

        @web.middleware
        async def record_headers(request: web.Request, handler: Any) -> web.StreamResponse:
            h = request.headers
            self.calls.append(
                RecordedCall(
                    request.method,
                    self.route_key(request),
                    h.get("X-Request-Id"),
                    h.get("X-Request-Attempt"),
                    h.get("X-Request-Timeout"),
                    h.get("Authorization"),
                )
            )
            response: web.StreamResponse = await handler(request)
            return response

        app.middlewares.insert(0, record_headers)
        return app

    def setup_routes(self, app: web.Application) -> None:
        app.router.add_post(f"{BASE_PATH}/v1/orders", self._create)
        app.router.add_get(f"{BASE_PATH}/v1/orders/{{order_id}}", self._get)
        app.router.add_get("/pay/{merchant_id}/{order_id}", self._pay_page)
        app.router.add_post("/pay/{merchant_id}/{order_id}", self._pay_action)
        app.router.add_get("/api/jwks", self._jwks)
        app.router.add_route("*", "/{tail:.*}", self._unknown)

    async def _jwks(self, request: web.Request) -> web.Response:
        return web.json_response(self.jwks())

    async def _unknown(self, request: web.Request) -> web.Response:
        return _Fail(404, "NOT_FOUND", "Unknown route").response()

    def _merchant(self, request: web.Request) -> str:
        header = request.headers.get("Authorization", "")
        scheme, _, key = header.partition(" ")
        merchant = self.api_keys.get(key.strip()) if scheme == "Api-Key" else None
        if merchant is None:
            raise _Fail(401, "AUTHENTICATION_ERROR", "Invalid or missing Api-Key")
        return merchant

    async def _create(self, request: web.Request) -> web.Response:
        try:
            merchant = self._merchant(request)
            body = await read_json(request)
            order_id, amount, ttl = self._validate(body)
        except _Fail as fail:
            return fail.response()
        except web.HTTPBadRequest:
            return _Fail(400, "BAD_REQUEST", "The body is not a JSON object").response()
        existing = self.orders.get((merchant, order_id))
        if existing is not None:
            if self.conflict_on_repeat:
                return _Fail(409, "ORDER_ALREADY_EXISTS", f"Order {order_id} already exists").response()
            return _success({"paymentUrl": existing.payment_url})
        url = f"{self.url}/pay/{quote(merchant, safe='')}/{quote(order_id, safe='')}"
        self.orders[(merchant, order_id)] = FakeOrder(
            merchant, order_id, amount, body, url, expires_at=time.time() + ttl
        )
        return _success({"paymentUrl": url})

    def _validate(self, body: dict[str, Any]) -> tuple[str, Decimal, int]:
        order_id = body.get("orderId")
        if not isinstance(order_id, str) or not order_id:
            raise _Fail(400, "BAD_REQUEST", "orderId is required")
        if body.get("currencyCode") != "UZS":
            raise _Fail(400, "BAD_REQUEST", "currencyCode must be UZS")
        cart = body.get("cart")
        if not isinstance(cart, dict) or not isinstance(cart.get("items"), list) or not cart["items"]:
            raise _Fail(400, "BAD_REQUEST", "cart.items must not be empty")
        total = Decimal(0)
        seen: set[str] = set()
        for n, item in enumerate(cart["items"]):
            if not isinstance(item, dict):
                raise _Fail(400, "BAD_REQUEST", f"cart.items[{n}] must be an object")
            product_id = item.get("productId")
            if not isinstance(product_id, str) or not product_id or not item.get("title"):
                raise _Fail(400, "BAD_REQUEST", f"cart.items[{n}]: productId and title are required")
            if product_id in seen:
                raise _Fail(400, "BAD_REQUEST", f"cart.items[{n}].productId {product_id} is not unique")
            seen.add(product_id)
            quantity = item.get("quantity")
            if not isinstance(quantity, dict):
                raise _Fail(400, "BAD_REQUEST", f"cart.items[{n}].quantity is required")
            _amount(quantity.get("count"), f"cart.items[{n}].quantity.count")
            for name in ("unitPrice", "discountedUnitPrice", "subtotal"):
                if name in item:
                    _amount(item[name], f"cart.items[{n}].{name}")
            total += _amount(item.get("total"), f"cart.items[{n}].total")
        cart_total = cart.get("total")
        amount = _amount(
            cart_total.get("amount") if isinstance(cart_total, dict) else None, "cart.total.amount"
        )
        if amount != total:
            raise _Fail(400, "BAD_REQUEST", f"cart.total.amount {amount} differs from the items' sum {total}")
        ttl = body.get("ttl", DEFAULT_TTL)
        if not isinstance(ttl, int) or not MIN_TTL <= ttl <= MAX_TTL:
            raise _Fail(400, "BAD_REQUEST", f"ttl must be within {MIN_TTL}..{MAX_TTL}")
        redirects = body.get("redirectUrls")
        if not isinstance(redirects, dict) or not redirects.get("onSuccess") or not redirects.get("onError"):
            raise _Fail(400, "BAD_REQUEST", "redirectUrls.onSuccess and onError are required")
        return order_id, amount, ttl

    def _expire_if_due(self, order: FakeOrder) -> None:
        if order.status == "PENDING" and time.time() > order.expires_at:
            self.expire(order.order_id)

    def _order_json(self, order: FakeOrder) -> dict[str, Any]:
        cart = order.body.get("cart", {})
        return {
            "order": {
                "orderId": order.order_id,
                "merchantId": order.merchant_id,
                "paymentStatus": order.status,
                "paymentUrl": order.payment_url,
                "orderAmount": _money(order.amount),
                "currencyCode": order.body.get("currencyCode"),
                "isPrepayment": bool(order.body.get("isPrepayment", False)),
                "metadata": order.body.get("metadata"),
                "reason": order.reason,
                "created": order.created,
                "updated": order.updated,
                "cart": {
                    "cartId": f"cart-{order.order_id}",
                    "externalId": cart.get("externalId"),
                    "items": cart.get("items", []),
                    "total": cart.get("total"),
                },
            },
            "operations": list(order.operations),
            "delivery": None,
        }

    async def _get(self, request: web.Request) -> web.Response:
        try:
            merchant = self._merchant(request)
        except _Fail as fail:
            return fail.response()
        order = self.orders.get((merchant, request.match_info["order_id"]))
        if order is None:
            return _Fail(404, "ORDER_NOT_FOUND", "Order not found").response()
        self._expire_if_due(order)
        return _success(self._order_json(order))

    # --- payment page (sandbox) -----------------------------------------------------------

    def _page_order(self, request: web.Request) -> FakeOrder:
        order = self.orders.get((request.match_info["merchant_id"], request.match_info["order_id"]))
        if order is None:
            raise web.HTTPNotFound(text="Order not found")
        self._expire_if_due(order)
        return order

    async def _pay_page(self, request: web.Request) -> web.Response:
        order = self._page_order(request)
        title = html.escape(order.order_id)
        lines = "".join(
            f"<li>{html.escape(str(i.get('title')))}: {html.escape(str(i.get('total')))}</li>"
            for i in order.body.get("cart", {}).get("items", [])
        )
        buttons = (
            '<form method="post"><button name="action" value="pay">Pay</button> '
            '<button name="action" value="fail">Fail</button></form>'
            if order.status == "PENDING"
            else ""
        )
        page = (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>Yandex Pay (fake) {title}</title></head>"
            f"<body><h1>Order {title}</h1><ul>{lines}</ul>"
            f"<p>Total: {html.escape(_money(order.amount))} UZS</p>"
            f"<p>Status: <b id='status'>{order.status}</b></p>{buttons}</body></html>"
        )
        return web.Response(text=page, content_type="text/html")

    async def _pay_action(self, request: web.Request) -> web.StreamResponse:
        order = self._page_order(request)
        form = await request.post()
        action = form.get("action")
        if order.status == "PENDING" and action in ("pay", "fail"):
            if action == "pay":
                self.mark_paid(order.order_id)
            else:
                self.mark_failed(order.order_id)
        redirects = order.body.get("redirectUrls") or {}
        target = redirects.get("onSuccess" if order.status == "CAPTURED" else "onError")
        if isinstance(target, str) and target.startswith(("http://", "https://")):
            raise web.HTTPFound(target)
        raise web.HTTPFound(request.path)


DEMO_MERCHANT_ID = "00000000-0000-4000-8000-000000000001"


async def start_demo_yandex_pay(host: str = "127.0.0.1", port: int = 0) -> YandexPayFake:
    """A started fake with one demo merchant (sandbox: its API key is ``DEMO_MERCHANT_ID``)."""
    fake = YandexPayFake(host, port)
    fake.add_merchant(DEMO_MERCHANT_ID)
    await fake.start()
    return fake


async def _serve(port: int) -> None:  # pragma: no cover - manual use
    fake = await start_demo_yandex_pay(port=port)
    print(f"Yandex Pay fake: base URL {fake.base_url}, Api-Key {DEMO_MERCHANT_ID}")
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


if __name__ == "__main__":  # pragma: no cover - manual use
    asyncio.run(_serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8090))
