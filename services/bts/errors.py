"""BTS errors: one base class mixed with the shared categories, and ONE mapping function.

Every failure of the courier API surfaces as a ``BtsError`` subclass that is also one of the
categories in ``services.common.errors``: the bot renders by category, code that cares about
BTS specifically catches ``BtsError``.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

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
from services.common.http import parse_retry_after

__all__ = [
    "BtsAuthError",
    "BtsBadResponse",
    "BtsConflict",
    "BtsError",
    "BtsForbidden",
    "BtsNotFound",
    "BtsOutcomeUnknown",
    "BtsRateLimited",
    "BtsUnavailable",
    "BtsValidationError",
    "error_from_response",
    "error_from_transport",
    "extract_field_errors",
    "extract_message",
]


class BtsError(UpstreamError):
    """Any failure of the BTS courier API."""

    service = "bts"


class BtsValidationError(BtsError, ValidationFailed):
    """400/422 or an ``{"errors": {...}}`` body: ``field_errors`` keeps BTS's (Uzbek) messages per field."""


class BtsAuthError(BtsError, AuthFailed):
    """401, a refused login (wrong password, ``"Invalid INN"``), or a token refused twice."""


class BtsForbidden(BtsError, Forbidden):
    """403: this account may not do this (or the order can no longer be changed)."""


class BtsNotFound(BtsError, NotFound):
    """404 / 410: no such order, barcode or route."""


class BtsConflict(BtsError, Conflict):
    """409."""


class BtsRateLimited(BtsError, RateLimited):
    """429 (the request was not processed); ``retry_after`` from the header."""


class BtsUnavailable(BtsError, Unavailable):
    """5xx, maintenance (503), timeouts or connection failures of a request safe to repeat."""


class BtsBadResponse(BtsError, BadResponse):
    """An answer we cannot read: malformed JSON or a shape our models reject."""


class BtsOutcomeUnknown(BtsError, OutcomeUnknown):
    """A create/edit/cancel may have been processed but we got no readable answer. Never re-sent."""


# Statuses that say "we did not process it": safe to repeat even a create.
NOT_PROCESSED_STATUSES = frozenset({429, 503})


def extract_field_errors(body: object) -> dict[str, list[str]]:
    """``{"errors": {"field": ["msg", ...]}}`` → ``{"field": ["msg", ...]}`` (also a bare string per field).

    Yii's other validation shape, ``[{"field": "x", "message": "..."}]``, is read as well.
    """
    errors: object = None
    if isinstance(body, Mapping):
        errors = body.get("errors")
        if errors is None and isinstance(body.get("data"), Mapping):
            errors = body["data"].get("errors")
    elif isinstance(body, list):
        errors = body
    result: dict[str, list[str]] = {}
    if isinstance(errors, Mapping):
        for field, messages in errors.items():
            if isinstance(messages, str):
                result[str(field)] = [messages]
            elif isinstance(messages, list):
                result[str(field)] = [str(m) for m in messages if m is not None]
    elif isinstance(errors, list):
        for item in errors:
            if isinstance(item, Mapping) and "field" in item:
                result.setdefault(str(item["field"]), []).append(str(item.get("message", "")))
    return result


def extract_message(body: object) -> str:
    """The human text of an error body: ``message`` (Yii, 403/404), ``text`` ("Invalid INN"), ``error``."""
    if isinstance(body, Mapping):
        for key in ("message", "text", "error", "name"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        data = body.get("data")
        if isinstance(data, Mapping):
            return extract_message(data)
    if isinstance(body, str):
        return body.strip()[:300]
    return ""


def error_from_response(
    status: int,
    body: object,
    headers: Mapping[str, str] | None = None,
    *,
    create: bool = False,
    route: str = "",
    request_id: str | None = None,
) -> BtsError:
    """THE status-to-exception mapping of the BTS API (api-notes, "Errors").

    ``create`` marks a request that must not be repeated blindly (order add/edit/cancel,
    international add, manifest, MXIK register): a 500/502/504 may mean it was processed, so it
    becomes ``BtsOutcomeUnknown``; 429 and 503 mean it was not, so they stay retryable.
    """
    headers = headers or {}
    field_errors = extract_field_errors(body)
    message = extract_message(body) or "; ".join(f"{k}: {v[0]}" for k, v in field_errors.items() if v)
    message = message or f"HTTP {status}"
    if route:
        message = f"{route}: {message}"
    retry_after = parse_retry_after(headers.get("Retry-After") or headers.get("retry-after"))

    if field_errors or status in (400, 422):
        return BtsValidationError(
            message, field_errors=field_errors, status_code=status, request_id=request_id, body=body
        )
    if status == 401:
        return BtsAuthError(message, status_code=status, request_id=request_id, body=body)
    if status == 403:
        return BtsForbidden(message, status_code=status, request_id=request_id, body=body)
    if status in (404, 410):
        return BtsNotFound(message, status_code=status, request_id=request_id, body=body)
    if status == 409:
        return BtsConflict(message, status_code=status, request_id=request_id, body=body)
    if status == 429:
        return BtsRateLimited(
            message, retry_after=retry_after, status_code=status, request_id=request_id, body=body
        )
    if status >= 500:
        if create and status not in NOT_PROCESSED_STATUSES:
            return BtsOutcomeUnknown(message, status_code=status, request_id=request_id, body=body)
        return BtsUnavailable(
            message, retry_after=retry_after, status_code=status, request_id=request_id, body=body
        )
    return BtsError(message, status_code=status, request_id=request_id, body=body)


# The request never left this machine: repeating it is safe even for a create.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def error_from_transport(exc: httpx.TransportError, *, create: bool = False, route: str = "") -> BtsError:
    """A failure below HTTP (connect, timeout, reset) as a BTS error.

    For a create, anything that may have happened after the request was written (read timeout,
    dropped connection, protocol error) is ``BtsOutcomeUnknown``: the order may exist.
    """
    message = f"{route}: {type(exc).__name__}" if route else type(exc).__name__
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.ProxyError):
        return BtsError(f"{message} (check the BTS base URL)")
    if create and not isinstance(exc, _NEVER_SENT):
        return BtsOutcomeUnknown(message)
    return BtsUnavailable(message)
