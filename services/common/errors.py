"""Error categories shared by every upstream client.

Each API package defines its own hierarchy (``BtsError`` and friends) by mixing its base class
with these categories, so the bot can turn any upstream failure into one localized message by
category, while code that cares can still tell the APIs apart.
"""

from __future__ import annotations


class UpstreamError(Exception):
    """Something went wrong talking to an upstream API."""

    service: str = "upstream"

    def __init__(
        self,
        message: str = "",
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        body: object = None,
    ) -> None:
        super().__init__(message or self.__class__.__name__)
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.body = body


class ValidationFailed(UpstreamError):
    """The upstream refused the request's fields; ``field_errors`` maps each field to its messages."""

    def __init__(
        self, message: str = "", *, field_errors: dict[str, list[str]] | None = None, **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.field_errors: dict[str, list[str]] = field_errors or {}


class AuthFailed(UpstreamError):
    """Credentials or token refused (401, a wrong INN, a refused login)."""


class Forbidden(UpstreamError):
    """The account may not do this (403)."""


class NotFound(UpstreamError):
    """The object does not exist upstream (404)."""


class Conflict(UpstreamError):
    """The object already exists (409)."""


class RateLimited(UpstreamError):
    """Too many requests (429); ``retry_after`` in seconds when the upstream said."""

    def __init__(self, message: str = "", *, retry_after: float | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class Unavailable(UpstreamError):
    """The upstream is down, in maintenance, too slow or unreachable (5xx, timeouts, resets)."""

    def __init__(self, message: str = "", *, retry_after: float | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class BadResponse(UpstreamError):
    """The upstream answered something we cannot read (malformed JSON, unexpected shape)."""


class OutcomeUnknown(UpstreamError):
    """A create was sent but no answer came back: it may or may not exist upstream.

    Never re-send such a request blindly; check first (by our reference, barcode or order id).
    """
