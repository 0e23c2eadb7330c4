"""What ``GET /metrics`` shows (Prometheus text format, through ``prometheus-client``).

One :class:`Metrics` per process, on its own registry (nothing registered at import time):

- ``bot_updates_total{type, outcome}`` and ``bot_update_seconds{type}``: updates handled and how
  long the handling took (the dispatcher's metrics middleware);
- ``upstream_requests_total{api, outcome}`` and ``upstream_request_seconds{api}``: calls to BTS,
  Yandex Pay and the WMS by answer class (``2xx``, ``4xx``, ``5xx``, ``error`` when no answer);
- ``outbox_messages{state}``: pushes waiting, sent, failed and dead (from the outbox table, so
  every process shows the same figures, whichever worker sent them);
- ``poll_lag_seconds``: how long the longest-waiting unfinished parcel has gone unchecked.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repositories.orders import OrderRepository
from storage.repositories.outbox import OutboxRepository
from storage.types import utc_now

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.updates = Counter("bot_updates", "Telegram updates handled", ["type", "outcome"], registry=r)
        self.update_seconds = Histogram(
            "bot_update_seconds", "Time to handle an update", ["type"], buckets=_LATENCY_BUCKETS, registry=r
        )
        self.upstream = Counter(
            "upstream_requests", "Calls to upstream APIs by outcome", ["api", "outcome"], registry=r
        )
        self.upstream_seconds = Histogram(
            "upstream_request_seconds", "Upstream call time", ["api"], buckets=_LATENCY_BUCKETS, registry=r
        )
        self.outbox = Gauge("outbox_messages", "Push outbox rows by state", ["state"], registry=r)
        self.poll_lag = Gauge(
            "poll_lag_seconds", "Longest time an unfinished parcel has gone unchecked", registry=r
        )
        self._hosts: dict[str, str] = {}

    def name_upstream(self, api: str, base_url: str) -> None:
        """Calls to ``base_url``'s host:port count as ``api``."""
        self._hosts[urlsplit(base_url).netloc] = api

    def api_of(self, request: httpx.Request) -> str:
        return self._hosts.get(request.url.netloc.decode(), "other")

    def transport(self, inner: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncBaseTransport:
        """An ``httpx`` transport that counts and times every upstream call (also those that fail)."""
        return _CountingTransport(inner or httpx.AsyncHTTPTransport(), self)

    async def refresh(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        """The gauges read from the database: outbox rows by state, the poll lag."""
        async with session_factory() as session:
            counts = await OutboxRepository(session).count_by_state()
            oldest = await OrderRepository(session).oldest_check()
        for state, count in counts.items():
            self.outbox.labels(state.value).set(count)
        self.poll_lag.set(max(0.0, (utc_now() - oldest).total_seconds()) if oldest is not None else 0.0)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _CountingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, metrics: Metrics) -> None:
        self._inner = inner
        self._metrics = metrics

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        api = self._metrics.api_of(request)
        started = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
        except Exception:
            self._metrics.upstream.labels(api, "error").inc()
            raise
        finally:
            self._metrics.upstream_seconds.labels(api).observe(time.perf_counter() - started)
        self._metrics.upstream.labels(api, f"{response.status_code // 100}xx").inc()
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
