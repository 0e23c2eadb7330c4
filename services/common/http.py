"""What every client shares: one injected ``httpx.AsyncClient``, retries with backoff, Retry-After.

Retries use tenacity. A request is retried only when repeating it is safe:
- reads (idempotent) on connection errors, timeouts, 5xx, 429;
- any request on 429 and 503 answers, because the upstream did not process it;
- never a create whose request may have reached the server (timeout after sending,
  dropped connection, 500/502/504): that becomes ``OutcomeUnknown``.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from services.common.errors import RateLimited, Unavailable, UpstreamError

T = TypeVar("T")


def default_timeout(total: float = 15.0) -> httpx.Timeout:
    """Explicit timeouts: connecting is quick or never, reading may take the rest."""
    return httpx.Timeout(total, connect=min(5.0, total))


def parse_retry_after(value: str | None, *, cap: float = 120.0) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, min(seconds, cap))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded exponential backoff with full jitter."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 30.0

    def backoff(self, attempt: int) -> float:
        """Delay before retry number ``attempt`` (1-based): full jitter over an exponential cap."""
        cap = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return random.uniform(cap / 2, cap)


NO_RETRY = RetryPolicy(attempts=1)


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, RateLimited | Unavailable) and getattr(exc, "retryable", True)


async def call_with_retry(
    send: Callable[[int], Awaitable[T]],
    policy: RetryPolicy,
) -> T:
    """Run ``send(attempt)`` until it succeeds or a non-retryable error / the bound is hit.

    ``send`` must raise ``RateLimited`` / ``Unavailable`` only for failures that are safe to
    repeat; it decides that (it knows whether the request was a create). It receives the
    0-based attempt number (Yandex Pay sends it as ``X-Request-Attempt``).
    """

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        delay = policy.backoff(state.attempt_number)
        retry_after = getattr(exc, "retry_after", None)
        if isinstance(retry_after, int | float):
            delay = max(delay, min(float(retry_after), policy.max_retry_after))
        return delay

    attempt = 0
    async for attempt_state in AsyncRetrying(
        stop=stop_after_attempt(max(1, policy.attempts)),
        wait=wait,
        retry=retry_if_exception(_retryable),
        reraise=True,
    ):
        with attempt_state:
            result = await send(attempt)
            attempt += 1
            return result
        attempt += 1
    raise UpstreamError("unreachable")  # pragma: no cover - AsyncRetrying reraises
