"""Counts and times every update the dispatcher handles (``GET /metrics``: ``bot_updates_total``,
``bot_update_seconds``)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update

from services.metrics import Metrics


class MetricsMiddleware(BaseMiddleware):
    """Outer middleware on ``update``: outcome ``handled``, ``unhandled`` (no handler matched) or
    ``error`` (an exception left the dispatcher)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._timers: dict[str, Any] = {}  # the labelled series, looked up once per label
        self._counters: dict[tuple[str, str], Any] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        kind = (event.event_type if isinstance(event, Update) else None) or "unknown"
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        finally:
            timer = self._timers.get(kind)
            if timer is None:
                timer = self._timers[kind] = self.metrics.update_seconds.labels(kind)
            timer.observe(time.perf_counter() - started)
            counter = self._counters.get((kind, outcome))
            if counter is None:
                counter = self._counters[kind, outcome] = self.metrics.updates.labels(kind, outcome)
            counter.inc()
