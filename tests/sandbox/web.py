"""The web chat page of the sandbox: an aiohttp app on 127.0.0.1 that serves the page and relays
its calls to the Telegram stand-in's control API.

Routes (the page is plain HTML/CSS/JS under ``static/``, nothing is fetched from elsewhere):

GET  /                              the chat page (``?chat=<user id>`` picks the user, ``?start=X``
                                    sends ``/start X`` once: that is where payment pages send you back)
GET  /static/{file}                 its CSS and JS
GET  /api/config                    the bot, the sandbox users, the demo accounts
GET  /api/chats/{id}/transcript     the stand-in's transcript without the files' bytes
*    /tg/{path}                     relayed to ``{stand-in}/_control/{path}`` (changes, text, press,
                                    reply_button, contact, location, photo, document, files/{id}, ...)
GET  /api/bts/orders                the BTS fake's orders (id, barcode, status)
POST /api/bts/orders/{id}/advance   move one along its status path (to see pushes arrive)
GET  /api/wms/orders                the WMS fake's fulfillment orders (id, order_id, status)
POST /api/wms/orders/{id}/advance   move one along 5 → 1 → 2 → 3 → 4 (the sync pushes the change)
GET  /api/wms/receivings            the WMS fake's receivings (id, number, accepted)
POST /api/wms/receivings/{id}/accept  accept one at a gate (the sync pushes it)
GET  /api/samples/orders.xlsx       a 50-row spreadsheet to import (5 rows with mistakes)
GET  /api/samples/label.png         a label with the barcode of the newest BTS order (to send as a photo)
POST /api/inline                    {user_id, query}: what ``@bot <query>`` offers (the bot's answer)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes.bts.data import LOCAL_STATUS_INFO
from tests.fakes.bts.server import BtsFake
from tests.fakes.telegram import TelegramFake
from tests.fakes.wms.server import WmsFake
from tests.sandbox import samples

# Names of seed 002's fulfillment statuses, for the panel.
WMS_STATUS_NAMES = {
    1: "new",
    2: "picking",
    3: "closed",
    4: "loaded",
    5: "scheduled",
    6: "cancelled",
    7: "opened",
}

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
TASHKENT = {"latitude": 41.311081, "longitude": 69.240562}
# Headers of the stand-in's answers that are passed on to the page.
_PASSED_HEADERS = ("Content-Type",)
# Long polls of /changes last up to 25 s; a relayed call may take a little longer than that.
_RELAY_TIMEOUT = aiohttp.ClientTimeout(total=90, connect=5)
SHUTDOWN_TIMEOUT = 1.0


@dataclass(frozen=True)
class SandboxUser:
    id: int
    first_name: str
    last_name: str | None = None
    phone_number: str | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "phone_number": self.phone_number,
            "note": self.note,
        }


@dataclass
class ChatPage:
    """The page's server. ``telegram`` must be started before ``start()``."""

    telegram: TelegramFake
    users: Sequence[SandboxUser]
    bts: BtsFake | None = None
    demo: Mapping[str, Any] = field(default_factory=dict)
    wms: WmsFake | None = None
    host: str = "127.0.0.1"
    port: int = 0
    _runner: web.AppRunner | None = field(default=None, init=False)
    _http: aiohttp.ClientSession | None = field(default=None, init=False)

    # --- lifecycle ------------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=25 * 1024 * 1024, middlewares=[_no_cache])
        app.router.add_get("/", self._index)
        app.router.add_static("/static/", STATIC_DIR, show_index=False)
        app.router.add_get("/api/config", self._config)
        app.router.add_get("/api/chats/{chat_id:-?\\d+}/transcript", self._transcript)
        app.router.add_get("/api/bts/orders", self._bts_orders)
        app.router.add_post("/api/bts/orders/{order_id:\\d+}/advance", self._bts_advance)
        app.router.add_get("/api/wms/orders", self._wms_orders)
        app.router.add_post("/api/wms/orders/{order_id:\\d+}/advance", self._wms_advance)
        app.router.add_get("/api/wms/receivings", self._wms_receivings)
        app.router.add_post("/api/wms/receivings/{receiving_id:\\d+}/accept", self._wms_accept)
        app.router.add_get("/api/samples/orders.xlsx", self._sample_orders)
        app.router.add_get("/api/samples/label.png", self._sample_label)
        app.router.add_post("/api/inline", self._inline)
        app.router.add_route("*", "/tg/{path:.+}", self._relay)
        return app

    async def start(self, ports: Sequence[int] = (0,)) -> str:
        """Listen on the first free port of ``ports`` (0: any free port); returns the page's URL."""
        self._http = aiohttp.ClientSession(timeout=_RELAY_TIMEOUT)
        # A stop does not wait for the page's open long polls (up to 25 s each): one second.
        self._runner = web.AppRunner(
            self.make_app(), handle_signals=False, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT
        )
        await self._runner.setup()
        last_error: OSError | None = None
        for port in ports:
            site = web.TCPSite(self._runner, self.host, port)
            try:
                await site.start()
            except OSError as error:  # taken: try the next one
                last_error = error
                continue
            server = site._server
            sockets = getattr(server, "sockets", None) or []
            self.port = sockets[0].getsockname()[1]
            return self.url
        await self.stop()
        raise OSError(f"no free port among {list(ports)}") from last_error

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._http is not None:
            await self._http.close()
            self._http = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # --- handlers -------------------------------------------------------------------------

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / "index.html")

    async def _config(self, request: web.Request) -> web.Response:
        tg = self.telegram
        return web.json_response(
            {
                "bot": {"id": tg.bot_id, "username": tg.bot_username, "first_name": tg.bot_first_name},
                "users": [user.to_json() for user in self.users],
                "default_chat": self.users[0].id if self.users else None,
                "location": TASHKENT,
                "demo": dict(self.demo),
            }
        )

    async def _transcript(self, request: web.Request) -> web.Response:
        chat_id = int(request.match_info["chat_id"])
        chat = self.telegram.chats.get(chat_id)
        if chat is None:
            return web.json_response({"ok": False, "error": f"no chat {chat_id}"}, status=404)
        body = chat.to_json()
        for message in body["messages"]:
            message.pop("file_base64", None)  # the page loads files by id, when it shows them
        return web.json_response({"ok": True, "result": body})

    async def _bts_orders(self, request: web.Request) -> web.Response:
        if self.bts is None:
            return web.json_response({"ok": True, "result": []})
        rows = [
            {
                "id": order.order_id,
                "barcode": order.barcode,
                "status": order.status,
                "status_name": LOCAL_STATUS_INFO.get(order.status, str(order.status)),
                "receiver": order.fields.get("receiver"),
                "final": order.status in (0, 6, 7),
            }
            for order in sorted(self.bts.orders.values(), key=lambda o: o.order_id, reverse=True)
        ]
        return web.json_response({"ok": True, "result": rows})

    async def _bts_advance(self, request: web.Request) -> web.Response:
        if self.bts is None:
            return web.json_response({"ok": False, "error": "no BTS fake"}, status=404)
        order_id = int(request.match_info["order_id"])
        if order_id not in self.bts.orders:
            return web.json_response({"ok": False, "error": f"no order {order_id}"}, status=404)
        try:
            status = self.bts.advance(order_id)
        except ValueError as error:
            return web.json_response({"ok": False, "error": str(error)}, status=400)
        return web.json_response(
            {
                "ok": True,
                "result": {"id": order_id, "status": status, "status_name": LOCAL_STATUS_INFO[status]},
            }
        )

    # --- the WMS warehouse side ------------------------------------------------------------

    def _wms_records(self, kind: str) -> list[tuple[Any, dict[str, Any]]]:
        if self.wms is None:
            return []
        found: list[tuple[Any, dict[str, Any]]] = []
        for account in self.wms.accounts.values():
            records = account.orders if kind == "orders" else account.receiving
            found.extend((account, record) for record in records.values())
        return sorted(found, key=lambda pair: pair[1]["id"], reverse=True)

    async def _wms_orders(self, request: web.Request) -> web.Response:
        rows = [
            {
                "id": record["id"],
                "order_id": record["order_id"],
                "status": record["fulfillment_status"],
                "status_name": WMS_STATUS_NAMES.get(record["fulfillment_status"], "?"),
                "customer": record["orderAddress"].get("full_name"),
                "final": record["fulfillment_status"] in (4, 6),
            }
            for _, record in self._wms_records("orders")
        ]
        return web.json_response({"ok": True, "result": rows})

    async def _wms_advance(self, request: web.Request) -> web.Response:
        order_id = int(request.match_info["order_id"])
        for account, record in self._wms_records("orders"):
            if record["id"] == order_id:
                assert self.wms is not None
                status = self.wms.advance_order(account, order_id)
                return web.json_response(
                    {
                        "ok": True,
                        "result": {"id": order_id, "status": status, "status_name": WMS_STATUS_NAMES[status]},
                    }
                )
        return web.json_response({"ok": False, "error": f"no order {order_id}"}, status=404)

    async def _wms_receivings(self, request: web.Request) -> web.Response:
        rows = [
            {
                "id": record["id"],
                "number": record.get("number"),
                "counterparty": record.get("counterparty"),
                "accepted": record.get("acceptance_gate") not in (None, ""),
            }
            for _, record in self._wms_records("receivings")
        ]
        return web.json_response({"ok": True, "result": rows})

    async def _wms_accept(self, request: web.Request) -> web.Response:
        receiving_id = int(request.match_info["receiving_id"])
        for account, record in self._wms_records("receivings"):
            if record["id"] == receiving_id:
                assert self.wms is not None
                self.wms.accept_receiving(account, receiving_id, gate="1")
                return web.json_response({"ok": True, "result": {"id": receiving_id, "accepted": True}})
        return web.json_response({"ok": False, "error": f"no receiving {receiving_id}"}, status=404)

    async def _sample_orders(self, request: web.Request) -> web.Response:
        return web.Response(
            body=samples.orders_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": 'attachment; filename="orders.xlsx"'},
        )

    async def _sample_label(self, request: web.Request) -> web.Response:
        orders = sorted(self.bts.orders.values(), key=lambda o: o.order_id) if self.bts else []
        barcode = request.query.get("barcode") or (orders[-1].barcode if orders else "60000229234")
        png = await asyncio.to_thread(samples.label_png, barcode)
        return web.Response(body=png, content_type="image/png")

    async def _inline(self, request: web.Request) -> web.Response:
        body = await request.json()
        action = self.telegram.send_inline_query(int(body["user_id"]), str(body.get("query", "")))
        record = self.telegram.inline_queries[action.inline_query_id or ""]
        try:
            await self.telegram.wait_until(lambda: record.answered or None, timeout=15)
        except TimeoutError:
            return web.json_response({"ok": False, "error": "the bot did not answer"}, status=504)
        return web.json_response({"ok": True, "result": record.results or []})

    async def _relay(self, request: web.Request) -> web.StreamResponse:
        """Pass the call on to the stand-in's control API and its answer back, as they are."""
        assert self._http is not None
        target = f"{self.telegram.url}/_control/{request.match_info['path']}"
        body = await request.read() if request.can_read_body else None
        headers = (
            {"Content-Type": request.headers["Content-Type"]} if "Content-Type" in request.headers else {}
        )
        try:
            async with self._http.request(
                request.method, target, params=request.query, data=body, headers=headers
            ) as upstream:
                payload = await upstream.read()
                passed = {k: upstream.headers[k] for k in _PASSED_HEADERS if k in upstream.headers}
                return web.Response(status=upstream.status, body=payload, headers=passed)
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning("relay to the stand-in failed: %s", error)
            return web.json_response(
                {"ok": False, "error": "the Telegram stand-in did not answer"}, status=502
            )


@web.middleware
async def _no_cache(request: web.Request, handler: Any) -> web.StreamResponse:
    response: web.StreamResponse = await handler(request)
    response.headers.setdefault("Cache-Control", "no-store")
    return response
