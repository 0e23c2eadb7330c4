"""Errors of the Yandex Pay merchant API, and the one place where an answer becomes one of them.

Failures come as ``{"status": "fail", "reasonCode": "...", "reason": "..."}``; every error keeps
``reason_code`` and the call's ``X-Request-Id`` (``request_id``) for support tickets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.common.errors import (
    AuthFailed,
    BadResponse,
    Conflict,
    Forbidden,
    NotFound,
    OutcomeUnknown,
    RateLimited,
    Unavailable,
    UpstreamError,
    ValidationFailed,
)


class YandexPayError(UpstreamError):
    """Any failure talking to Yandex Pay."""

    service = "yandex_pay"
    reason_code: str | None = None
    # Set by the client when the request may have been processed before it failed (a timeout
    # after sending, a dropped connection, a 500): a create must then be checked, not assumed.
    maybe_processed: bool = False


class YandexPayValidationError(YandexPayError, ValidationFailed):
    """400: the order was refused as sent (``reason`` says why, ``field_errors`` when given)."""


class YandexPayAuthError(YandexPayError, AuthFailed):
    """401: the API key is wrong or missing."""


class YandexPayForbidden(YandexPayAuthError, Forbidden):
    """403: the key is valid but may not do this (merchant not active, wrong environment)."""


class YandexPayNotFound(YandexPayError, NotFound):
    """404: no order with this id for this merchant."""


class YandexPayConflict(YandexPayError, Conflict):
    """409: an order with this ``orderId`` already exists."""


class YandexPayRateLimited(YandexPayError, RateLimited):
    """429; ``retry_after`` in seconds when Yandex said."""


class YandexPayUnavailable(YandexPayError, Unavailable):
    """5xx, timeouts, refused or reset connections."""


class YandexPayBadResponse(YandexPayError, BadResponse):
    """An answer we cannot read."""


class YandexPayOutcomeUnknown(YandexPayError, OutcomeUnknown):
    """The order may have been created but no answer confirmed it: ``get_order`` tells."""

    retryable = False


def _field_errors(body: Mapping[str, Any]) -> dict[str, list[str]]:
    """``details`` is not in our documents; read it when present, as a map or a list."""
    details = body.get("details")
    result: dict[str, list[str]] = {}
    if isinstance(details, Mapping):
        for key, value in details.items():
            result[str(key)] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    elif isinstance(details, list):
        for item in details:
            if isinstance(item, Mapping) and "field" in item:
                result.setdefault(str(item["field"]), []).append(str(item.get("message", "")))
    return result


def error_from_response(
    status: int,
    body: object,
    *,
    retry_after: float | None = None,
    request_id: str | None = None,
) -> YandexPayError:
    """The single status → exception table of the Yandex Pay client.

    ``status`` is the HTTP status; when an answer says ``"status": "fail"`` with a 2xx, its
    ``code`` field is used instead.
    """
    fields: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
    code = fields.get("code")
    if status < 400 and isinstance(code, int) and code >= 400:
        status = code
    reason_code = fields.get("reasonCode") if isinstance(fields.get("reasonCode"), str) else None
    reason = fields.get("reason") if isinstance(fields.get("reason"), str) else None
    message = reason or reason_code or f"HTTP {status}"
    kw: dict[str, Any] = {"status_code": status, "body": body, "request_id": request_id}
    error: YandexPayError
    if status in (400, 422):
        error = YandexPayValidationError(message, field_errors=_field_errors(fields), **kw)
    elif status == 401:
        error = YandexPayAuthError(message, **kw)
    elif status == 403:
        error = YandexPayForbidden(message, **kw)
    elif status == 404:
        error = YandexPayNotFound(message, **kw)
    elif status == 409:
        error = YandexPayConflict(message, **kw)
    elif status == 429:
        error = YandexPayRateLimited(message, retry_after=retry_after, **kw)
    elif status >= 500:
        error = YandexPayUnavailable(message, retry_after=retry_after, **kw)
    else:
        error = YandexPayBadResponse(message, **kw)
    error.reason_code = reason_code
    return error
