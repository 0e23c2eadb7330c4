"""What every fake server shares: a real aiohttp server on 127.0.0.1 (random port) and faults.

A test arms a fault for a route (the route key each fake documents, e.g. ``"v1/order/add"``):

    fake.faults.add("v1/order/add", Fault(status=503, retry_after=1), times=1)
    fake.faults.add("v1/order/track", Fault(latency=0.2))
    fake.faults.add("*", Fault(drop=True), times=2)

Faults are consumed in order; ``times=None`` means for ever. ``after=True`` applies the fault
after the handler ran (the request was processed, the answer is lost or, with ``latency``, late):
that is how a create that "timed out after sending" is made.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(slots=True)
class Fault:
    latency: float = 0.0
    status: int | None = None
    retry_after: float | None = None
    drop: bool = False
    malformed: bool = False
    after: bool = False
    body: object = None


@dataclass(slots=True)
class _Armed:
    fault: Fault
    times: int | None


@dataclass
class FaultPlan:
    _by_route: dict[str, deque[_Armed]] = field(default_factory=dict)

    def add(self, route: str, fault: Fault, times: int | None = 1) -> None:
        self._by_route.setdefault(route, deque()).append(_Armed(fault, times))

    def clear(self) -> None:
        self._by_route.clear()

    def take(self, route: str) -> Fault | None:
        for key in (route, "*"):
            queue = self._by_route.get(key)
            while queue:
                armed = queue[0]
                if armed.times is None:
                    return armed.fault
                if armed.times > 0:
                    armed.times -= 1
                    if armed.times == 0:
                        queue.popleft()
                    return armed.fault
                queue.popleft()
        return None


def _error_response(fault: Fault) -> web.StreamResponse:
    status = fault.status or 500
    headers = {}
    if fault.retry_after is not None:
        ra = float(fault.retry_after)
        headers["Retry-After"] = str(int(ra) if ra.is_integer() else ra)
    if fault.malformed:
        return web.Response(
            status=status, text='{"broken": ', content_type="application/json", headers=headers
        )
    body = (
        fault.body
        if fault.body is not None
        else {"name": "Error", "message": f"fault {status}", "status": status}
    )
    return web.json_response(body, status=status, headers=headers)


async def _drop(request: web.Request) -> web.StreamResponse:
    transport = request.transport
    if transport is not None:
        transport.abort()
    raise asyncio.CancelledError  # aiohttp ends the handler without writing


def fault_middleware(
    route_of: Callable[[web.Request], str], plan: FaultPlan
) -> Callable[..., Awaitable[web.StreamResponse]]:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        fault = plan.take(route_of(request))
        if fault is None:
            return await handler(request)
        if fault.latency and not fault.after:
            await asyncio.sleep(fault.latency)
        if fault.after:
            response = await handler(request)
            if fault.latency:  # processed, then the answer is late (or never read: the caller left)
                await asyncio.sleep(fault.latency)
            if fault.drop:
                return await _drop(request)
            if fault.malformed and fault.status is None:
                return web.Response(text='{"data": ', content_type="application/json")
            if fault.status is not None:
                return _error_response(fault)
            return response
        if fault.drop:
            return await _drop(request)
        if fault.status is not None:
            return _error_response(fault)
        if fault.malformed:
            return web.Response(text='{"data": [1, 2', content_type="application/json")
        return await handler(request)

    return middleware


class FakeServer:
    """Base of every fake: subclasses add routes in ``setup_routes`` and define ``route_key``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.faults = FaultPlan()
        self.requests: list[tuple[str, str]] = []  # (method, route key) in arrival order
        self._runner: web.AppRunner | None = None

    def route_key(self, request: web.Request) -> str:
        return request.path.strip("/")

    def setup_routes(self, app: web.Application) -> None:
        raise NotImplementedError  # pragma: no cover - each fake defines its routes

    def make_app(self) -> web.Application:
        @web.middleware
        async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
            self.requests.append((request.method, self.route_key(request)))
            return await handler(request)

        app = web.Application(middlewares=[record, fault_middleware(self.route_key, self.faults)])
        self.setup_routes(app)
        return app

    async def start(self) -> str:
        # A stop does not wait for open long polls: one second, then they are cancelled.
        self._runner = web.AppRunner(
            self.make_app(), handle_signals=False, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1]
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def count(self, route: str, method: str | None = None) -> int:
        return sum(1 for m, r in self.requests if r == route and (method is None or m == method))


async def read_json(request: web.Request) -> dict[str, object]:
    """The body as a JSON object, or a documented-looking 400 is raised."""
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise web.HTTPBadRequest(
            text=json.dumps({"name": "Bad Request", "message": "Invalid JSON", "status": 400}),
            content_type="application/json",
        ) from None
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(
            text=json.dumps({"name": "Bad Request", "message": "JSON object expected", "status": 400}),
            content_type="application/json",
        )
    return data
