"""Errors of the BTS fulfillment WMS, and the one place where an answer becomes one of them.

Each class mixes ``WmsError`` with a shared category from ``services.common.errors`` so the bot
can answer by category (``except ValidationFailed``) while WMS-specific code can still catch
``WmsError``.
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


class WmsError(UpstreamError):
    """Any failure talking to the WMS."""

    service = "wms"


class WmsValidationError(WmsError, ValidationFailed):
    """400 / 422: the WMS refused fields (``field_errors``: field → Uzbek messages)."""


class WmsAuthError(WmsError, AuthFailed):
    """401, or the login / refresh refused: the account's login or password is wrong."""


class WmsForbidden(WmsError, Forbidden):
    """403."""


class WmsNotFound(WmsError, NotFound):
    """404."""


class WmsConflict(WmsError, Conflict):
    """409."""


class WmsRateLimited(WmsError, RateLimited):
    """429; ``retry_after`` in seconds when the WMS said."""


class WmsUnavailable(WmsError, Unavailable):
    """5xx, timeouts, refused or reset connections (only when repeating is safe)."""


class WmsBadResponse(WmsError, BadResponse):
    """The WMS answered something we cannot read."""


class WmsOutcomeUnknown(WmsError, OutcomeUnknown):
    """A create reached the WMS (or may have) and its answer was lost: never re-sent blindly."""

    retryable = False


def _field_errors(body: object) -> dict[str, list[str]]:
    """BTS shape ``{"errors": {"field": ["msg", ...]}}``; Yii REST shape ``[{"field", "message"}]``."""
    errors: object = body.get("errors") if isinstance(body, Mapping) else body
    result: dict[str, list[str]] = {}
    if isinstance(errors, Mapping):
        for field, messages in errors.items():
            if isinstance(messages, list):
                result[str(field)] = [str(m) for m in messages]
            elif messages is not None:
                result[str(field)] = [str(messages)]
    elif isinstance(errors, list):
        for item in errors:
            if isinstance(item, Mapping) and "field" in item:
                result.setdefault(str(item["field"]), []).append(str(item.get("message", "")))
    return result


def _message(body: object, fallback: str) -> str:
    if isinstance(body, Mapping):
        for key in ("message", "error", "name"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    return fallback


def error_from_response(
    status: int,
    body: object,
    *,
    retry_after: float | None = None,
    is_create: bool = False,
) -> WmsError:
    """The single status → exception table of the WMS client.

    ``is_create``: a create that got 500/502/504 may have been processed before the server
    failed, so it becomes ``WmsOutcomeUnknown`` (never re-sent); 429 and 503 mean "not
    processed" and stay retryable for every request.
    """
    message = _message(body, f"HTTP {status}")
    kw: dict[str, Any] = {"status_code": status, "body": body}
    if status in (400, 422):
        return WmsValidationError(message, field_errors=_field_errors(body), **kw)
    if status == 401:
        return WmsAuthError(message, **kw)
    if status == 403:
        return WmsForbidden(message, **kw)
    if status in (404, 410):
        return WmsNotFound(message, **kw)
    if status == 409:
        return WmsConflict(message, **kw)
    if status == 429:
        return WmsRateLimited(message, retry_after=retry_after, **kw)
    if status == 503:
        return WmsUnavailable(message, retry_after=retry_after, **kw)
    if status >= 500:
        if is_create:
            return WmsOutcomeUnknown(message, **kw)
        return WmsUnavailable(message, retry_after=retry_after, **kw)
    return WmsBadResponse(message, **kw)
