"""Async client of the Yandex Pay merchant API, Uzbekistan (seeds 003 and 004).

One ``YandexPayClient`` per merchant API key (the bot holds one per seller): the key is fixed
at construction, so a call can never go out under another seller's key. Base URL
``https://pay.yandex.uz/api/merchant`` (sandbox ``https://sandbox.pay.yandex.uz/api/merchant``,
where the key is the merchant id); routes are appended to it.

Every request carries ``Authorization: Api-Key <key>``, ``X-Request-Id`` (a UUID, the same for
every attempt of one call), ``X-Request-Timeout`` (how long we wait, in milliseconds) and
``X-Request-Attempt`` (0, 1, 2, ... per attempt).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, SecretStr, ValidationError

from services.common.http import RetryPolicy, call_with_retry, default_timeout, parse_retry_after
from services.yandex_pay.errors import (
    YandexPayBadResponse,
    YandexPayConflict,
    YandexPayError,
    YandexPayNotFound,
    YandexPayOutcomeUnknown,
    YandexPayRateLimited,
    YandexPayUnavailable,
    error_from_response,
)
from services.yandex_pay.models import (
    CreateOrderData,
    CreateOrderRequest,
    CreateOrderResult,
    OrderInfo,
    PaymentStatus,
)

log = logging.getLogger(__name__)

DEFAULT_RETRY = RetryPolicy()

M = TypeVar("M", bound=BaseModel)

ORDERS_PATH = "v1/orders"
DEFAULT_REQUEST_TIMEOUT_MS = 10_000


def yandex_url(base_url: str, path: str) -> str:
    """The one place Yandex Pay URLs are built: ``{base}/v1/...``."""
    return f"{base_url.rstrip('/')}/{path.lstrip('/')}"


def order_path(order_id: str) -> str:
    return f"{ORDERS_PATH}/{quote(order_id, safe='')}"


class YandexPayClient:
    """The merchant API for one merchant key, over one injected ``httpx.AsyncClient``."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        api_key: SecretStr,
        *,
        retry: RetryPolicy = DEFAULT_RETRY,
        request_timeout_ms: int = DEFAULT_REQUEST_TIMEOUT_MS,
    ) -> None:
        self._http = http
        self._base_url = base_url
        self._api_key = api_key
        self._retry = retry
        self._request_timeout_ms = request_timeout_ms
        self._timeout = default_timeout(request_timeout_ms / 1000)

    async def create_order(
        self, order: CreateOrderRequest, *, request_id: str | None = None
    ) -> CreateOrderResult:
        """``POST /v1/orders``: create the order and return its ``paymentUrl``.

        Why a create may be re-sent here, unlike the BTS creates: the request is idempotent by
        our ``orderId``. If an attempt reached Yandex and its answer was lost (a timeout after
        sending, a dropped connection, a 5xx), the repeat carries the same ``orderId`` and the
        same ``X-Request-Id``; Yandex either creates the order then (the first never arrived)
        or answers that the orderId exists (409), which we treat as "exists" and resolve by
        reading the order back with ``get_order``. So a create is retried on 429, 5xx,
        timeouts and dropped connections, within the retry policy, and never makes a second
        order. The read-back is checked against our cart total so that an orderId reused for
        a different cart raises ``YandexPayConflict`` instead of returning someone else's link.

        If every attempt failed and one of them may have been processed, the result is
        ``YandexPayOutcomeUnknown``: ask ``get_order(order.order_id)`` later.
        """
        request_id = request_id or str(uuid.uuid4())
        body = order.to_json()
        maybe_processed = False

        async def attempt(number: int) -> Mapping[str, Any]:
            nonlocal maybe_processed
            try:
                return await self._exchange("POST", ORDERS_PATH, request_id, number, json=body)
            except YandexPayError as exc:
                maybe_processed = maybe_processed or exc.maybe_processed
                raise

        try:
            data = await call_with_retry(attempt, self._retry)
        except YandexPayBadResponse as exc:
            if not exc.maybe_processed:
                raise
            # A 2xx whose body we cannot read: the order exists, the order itself tells.
            log.warning("yandex pay: unreadable create answer, reading back %s", order.order_id)
            return await self._read_back(order, request_id, existed=False)
        except YandexPayConflict:
            log.info(
                "yandex pay: orderId %s exists, reading it back (request %s)", order.order_id, request_id
            )
            return await self._read_back(order, request_id)
        except (YandexPayUnavailable, YandexPayRateLimited) as exc:
            if maybe_processed:
                raise YandexPayOutcomeUnknown(
                    f"order {order.order_id} may have been created; check it with get_order",
                    status_code=exc.status_code,
                    request_id=request_id,
                ) from exc
            raise
        try:
            created = CreateOrderData.model_validate(data)
        except ValidationError:
            # Created (2xx) but the answer lacks the link: the order itself tells.
            log.warning("yandex pay: create answer without paymentUrl, reading back %s", order.order_id)
            return await self._read_back(order, request_id, existed=False)
        return CreateOrderResult(order_id=order.order_id, payment_url=created.payment_url)

    async def get_order(self, order_id: str, *, request_id: str | None = None) -> OrderInfo:
        """``GET /v1/orders/{order_id}``: status, operations and delivery of our order."""
        request_id = request_id or str(uuid.uuid4())

        async def attempt(number: int) -> Mapping[str, Any]:
            return await self._exchange("GET", order_path(order_id), request_id, number)

        data = await call_with_retry(attempt, self._retry)
        return self._parse(OrderInfo, data, request_id)

    async def _read_back(
        self, order: CreateOrderRequest, request_id: str, *, existed: bool = True
    ) -> CreateOrderResult:
        try:
            info = await self.get_order(order.order_id)
        except YandexPayNotFound as exc:
            raise YandexPayBadResponse(
                f"order {order.order_id} was reported as existing but cannot be read",
                request_id=request_id,
            ) from exc
        self._check_same_order(order, info, request_id)
        return CreateOrderResult(
            order_id=order.order_id,
            payment_url=info.payment_url,
            existed=existed,
            payment_status=info.payment_status,
        )

    @staticmethod
    def _check_same_order(order: CreateOrderRequest, info: OrderInfo, request_id: str) -> None:
        """An orderId reused for another cart must not hand back that other order's link."""
        ours = order.cart.total.amount
        theirs: Decimal | None = None
        cart = info.order.cart
        if cart is not None and cart.total is not None:
            theirs = cart.total.amount
        if theirs is None and info.payment_status in (None, PaymentStatus.PENDING):
            theirs = info.order.order_amount
        if theirs is not None and theirs != ours:
            raise YandexPayConflict(
                f"orderId {order.order_id} already used for an order of {theirs}, not {ours}",
                status_code=409,
                request_id=request_id,
            )

    async def _exchange(
        self,
        method: str,
        path: str,
        request_id: str,
        attempt: int,
        *,
        json: Mapping[str, Any] | None = None,
    ) -> Mapping[str, Any]:
        """One attempt: send, read the envelope, return ``data`` or raise the mapped error."""
        headers = {
            "Authorization": f"Api-Key {self._api_key.get_secret_value()}",
            "X-Request-Id": request_id,
            "X-Request-Timeout": str(self._request_timeout_ms),
            "X-Request-Attempt": str(attempt),
            "Accept": "application/json",
        }
        try:
            response = await self._http.request(
                method, yandex_url(self._base_url, path), json=json, headers=headers, timeout=self._timeout
            )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise YandexPayUnavailable(
                f"cannot connect to Yandex Pay: {exc.__class__.__name__}", request_id=request_id
            ) from exc
        except httpx.TransportError as exc:
            lost = YandexPayUnavailable(
                f"Yandex Pay did not answer: {exc.__class__.__name__}", request_id=request_id
            )
            lost.maybe_processed = True
            raise lost from exc
        log.debug("yandex pay %s %s attempt %d -> %s", method, path, attempt, response.status_code)
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.status_code >= 400 or (isinstance(payload, Mapping) and payload.get("status") == "fail"):
            error = error_from_response(
                response.status_code,
                payload if payload is not None else response.text[:500],
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
                request_id=request_id,
            )
            error.maybe_processed = response.status_code >= 500 and response.status_code != 503
            raise error
        if not isinstance(payload, Mapping):
            unreadable = YandexPayBadResponse(
                "unreadable answer from Yandex Pay", status_code=response.status_code, request_id=request_id
            )
            unreadable.maybe_processed = True
            raise unreadable
        data = payload.get("data")
        if not isinstance(data, Mapping):
            raise YandexPayBadResponse(
                "no data in the answer", status_code=response.status_code, request_id=request_id, body=payload
            )
        return data

    @staticmethod
    def _parse(model: type[M], data: object, request_id: str) -> M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise YandexPayBadResponse(
                f"unexpected {model.__name__} answer: {exc.error_count()} errors",
                request_id=request_id,
                body=data,
            ) from exc


__all__ = ["ORDERS_PATH", "YandexPayClient", "order_path", "yandex_url"]
