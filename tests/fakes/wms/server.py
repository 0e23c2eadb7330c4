"""A fake BTS fulfillment WMS (seeds 001 "Fulfillment WMS" and 002), in memory.

Routes (fault keys are the paths without slashes, e.g. ``"v1/purveyor/create"``):
- ``POST v1/auth/login`` (login = INN or phone, password) → ``access_token`` + ``refresh_token``;
- ``POST v1/auth/refresh`` (``refresh_token``; not documented, the client's default) → a new
  pair, the old refresh token is spent (rotation);
- ``POST v1/{purveyor,product,receiving-goods}/create``, ``GET .../clients`` (paginated with
  ``page`` / ``per-page``, ``_links``, ``_meta``), ``POST .../client-status`` (acknowledge:
  acknowledged records leave the ``clients`` list);
- ``POST v1/order/create`` (seed 002) and ``GET v1/order/view?id=`` (the link create returns).

Error shapes: validation ``400 {"errors": {"field": ["..."]}}`` (seed 001 lists 400 for the
WMS; the body is the BTS shape api-notes settles; ``validation_status=422`` is an option);
401 the Yii ``UnauthorizedHttpException`` body; 404 ``{"status": false, "message": ...,
"status_code": 404}``.

By default every answer carries exactly the keys of the seed's example for its route (checked
key by key in ``tests/services/wms/test_fake_shapes.py``): list ``_links`` are ``self``,
``first`` and ``last`` as the seed shows them; Yii's ``next`` / ``prev`` only with
``links_next=True``.

The warehouse side, for tests and the sandbox panel: ``advance_order`` moves a fulfillment
order one status on (5 scheduled → 1 new → 2 picking → 3 closed → 4 loaded); ``accept_receiving``
records a delivery as accepted at a gate (``acceptance_gate``, ``arrival_date``). A record the
warehouse changed is handed out again by its ``clients`` list (it is no longer "delivered"), as
the acknowledgement contract implies.

Standalone: ``await start_demo_wms()`` returns a started fake with a demo account and data;
``python -m tests.fakes.wms.server [port]`` serves it until interrupted.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import secrets
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web

from services.common.phones import normalize_phone_lenient
from tests.fakes.base import FakeServer, read_json

REQUIRED = "«{}» to'ldirilishi shart."
TAKEN = "«{}» qiymati allaqachon band qilingan."

UNAUTHORIZED_BODY = {
    "name": "Unauthorized",
    "message": "Your request was made with invalid credentials.",
    "code": 0,
    "status": 401,
    "type": "yii\\web\\UnauthorizedHttpException",
}

PURVEYOR_REQUIRED = ("group", "code", "name", "full_name")
PRODUCT_REQUIRED = (
    "group",
    "code",
    "name",
    "full_name",
    "gtin",
    "article",
    "nomenclature_type",
    "shelf_life_stock",
    "kis_code",
    "is_set",
    "weight",
    "net_weight",
    "volume",
    "net_volume",
    "specification",
    "temperature_mode",
    "base_packaging",
    "unit",
)
RECEIVING_REQUIRED = ("number", "date", "counterparty", "nomenclature", "quantity", "price", "total_amount")
ORDER_REQUIRED = ("order_id", "full_name", "phone", "address", "region", "country", "order_items")
ITEM_REQUIRED = ("client_product_id", "client_product_variation_id", "quantity", "price", "final_price")


@dataclass
class WmsAccount:
    id: int
    inn: str
    password: str
    phone: str | None = None
    purveyors: dict[int, dict[str, Any]] = field(default_factory=dict)
    products: dict[int, dict[str, Any]] = field(default_factory=dict)
    receiving: dict[int, dict[str, Any]] = field(default_factory=dict)
    orders: dict[int, dict[str, Any]] = field(default_factory=dict)
    delivered: dict[str, set[int]] = field(
        default_factory=lambda: {"purveyor": set(), "product": set(), "receiving-goods": set()}
    )

    def matches(self, login: str) -> bool:
        login = login.strip()
        if login == self.inn:
            return True
        return self.phone is not None and normalize_phone_lenient(login) == self.phone


@dataclass
class _Token:
    account_id: int
    expires_at: float


def _json(data: object, status: int = 200) -> web.Response:
    return web.json_response(data, status=status)


def _validation(errors: dict[str, list[str]], status: int = 400) -> web.Response:
    return _json({"errors": errors}, status=status)


def _not_found(message: str = "Sahifa topilmadi.") -> web.Response:
    return _json({"status": False, "message": message, "status_code": 404}, status=404)


def _dec(value: object, places: int) -> str | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return f"{number:.{places}f}"


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None and value != "" else None
    except ValueError:
        return None


def _bool(value: object) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "да")
    return bool(value)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _missing(body: dict[str, Any], required: tuple[str, ...]) -> dict[str, list[str]]:
    return {name: [REQUIRED.format(name)] for name in required if body.get(name) in (None, "", [])}


class WmsFake(FakeServer):
    """In-memory WMS: accounts, tokens that expire, records per account, pagination."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        access_ttl: float = 3600.0,
        refresh_ttl: float = 30 * 86400.0,
        default_per_page: int = 20,
        max_per_page: int = 50,
        validation_status: int = 400,
        links_next: bool = False,
    ) -> None:
        super().__init__(host, port)
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.default_per_page = default_per_page
        self.max_per_page = max_per_page
        self.validation_status = validation_status
        self.links_next = links_next
        self.accounts: dict[int, WmsAccount] = {}
        self.access_tokens: dict[str, _Token] = {}
        self.refresh_tokens: dict[str, _Token] = {}
        self.refresh_latency = 0.0  # seconds a refresh takes (to let concurrent callers pile up)
        self._ids = itertools.count(1)

    # --- test controls --------------------------------------------------------------------

    def add_account(self, inn: str, password: str, *, phone: str | None = None) -> WmsAccount:
        account = WmsAccount(
            id=next(self._ids), inn=inn, password=password, phone=normalize_phone_lenient(phone)
        )
        self.accounts[account.id] = account
        return account

    def account(self, login: str) -> WmsAccount:
        return next(a for a in self.accounts.values() if a.matches(login))

    def expire_access_tokens(self) -> None:
        for token in self.access_tokens.values():
            token.expires_at = 0.0

    def expire_refresh_tokens(self) -> None:
        for token in self.refresh_tokens.values():
            token.expires_at = 0.0

    def add_purveyor(self, account: WmsAccount, **fields: Any) -> dict[str, Any]:
        body = {"group": "Asosiy", "code": f"P{len(account.purveyors) + 1}", "name": "Ta'minotchi"}
        body.setdefault("full_name", body["name"])
        body.update(fields)
        return self._store_purveyor(account, body)

    def add_product(self, account: WmsAccount, **fields: Any) -> dict[str, Any]:
        n = len(account.products) + 1
        body: dict[str, Any] = {
            "group": "Kiyim",
            "code": f"SKU{n}",
            "name": f"Mahsulot {n}",
            "full_name": f"Mahsulot {n}",
            "gtin": f"478{n:010d}",
            "article": f"A-{n}",
            "nomenclature_type": "tovar",
            "shelf_life_stock": 0,
            "kis_code": "0",
            "is_set": False,
            "weight": "0.500",
            "net_weight": "0.450",
            "volume": "0.002",
            "net_volume": "0.002",
            "specification": "-",
            "temperature_mode": "normal",
            "base_packaging": "dona",
            "unit": "dona",
        }
        body.update(fields)
        return self._store_product(account, body)

    def add_receiving(self, account: WmsAccount, **fields: Any) -> dict[str, Any]:
        n = len(account.receiving) + 1
        body: dict[str, Any] = {
            "number": str(1000 + n),
            "date": "2024-11-11",
            "counterparty": "Ta'minotchi MChJ",
            "nomenclature": "Kiyim",
            "quantity": 10,
            "price": "200.00",
            "total_amount": "2000.00",
        }
        body.update(fields)
        return self._store_receiving(account, body)

    def add_products(self, account: WmsAccount, count: int) -> list[int]:
        """Many products at once (the sync benchmark)."""
        return [self.add_product(account)["id"] for _ in range(count)]

    # --- the warehouse side (tests, the sandbox panel) --------------------------------------

    ORDER_PATH = (5, 1, 2, 3, 4)

    def advance_order(self, account: WmsAccount, rid: int) -> int:
        """Move an order one status on along ``ORDER_PATH``; returns the new status."""
        record = account.orders[rid]
        current = int(record["fulfillment_status"])
        path = self.ORDER_PATH
        position = path.index(current) if current in path else -1
        record["fulfillment_status"] = path[min(position + 1, len(path) - 1)]
        return int(record["fulfillment_status"])

    def set_order_status(self, account: WmsAccount, rid: int, status: int) -> None:
        account.orders[rid]["fulfillment_status"] = status

    def accept_receiving(
        self, account: WmsAccount, rid: int, *, gate: str = "1", day: str | None = None
    ) -> None:
        """The warehouse accepted the delivery at ``gate``: the record changes and is handed out again."""
        record = account.receiving[rid]
        record["acceptance_gate"] = gate
        record["arrival_date"] = day or time.strftime("%Y-%m-%d")
        account.delivered["receiving-goods"].discard(rid)

    def touch(self, account: WmsAccount, kind: str, rid: int, **fields: Any) -> None:
        """Change a record on the warehouse side: it leaves the acknowledged set."""
        self._records(account, kind)[rid].update(fields)
        account.delivered[kind].discard(rid)

    # --- server ---------------------------------------------------------------------------

    def setup_routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/auth/login", self._login)
        app.router.add_post("/v1/auth/refresh", self._refresh)
        for kind in ("purveyor", "product", "receiving-goods"):
            app.router.add_post(f"/v1/{kind}/create", self._create(kind))
            app.router.add_get(f"/v1/{kind}/clients", self._list(kind))
            app.router.add_post(f"/v1/{kind}/client-status", self._acknowledge(kind))
        app.router.add_post("/v1/order/create", self._order_create)
        app.router.add_get("/v1/order/view", self._order_view)
        app.router.add_route("*", "/{tail:.*}", self._unknown)

    async def _unknown(self, request: web.Request) -> web.Response:
        return _not_found()

    def _issue(self, account: WmsAccount) -> dict[str, str]:
        access, refresh = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        now = time.monotonic()
        self.access_tokens[access] = _Token(account.id, now + self.access_ttl)
        self.refresh_tokens[refresh] = _Token(account.id, now + self.refresh_ttl)
        return {"access_token": access, "refresh_token": refresh}

    def _authorized(self, request: web.Request) -> WmsAccount | None:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        token = self.access_tokens.get(header[len("Bearer ") :].strip())
        if token is None or token.expires_at <= time.monotonic():
            return None
        return self.accounts.get(token.account_id)

    async def _login(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        missing = _missing(body, ("login", "password"))
        if missing:
            return _validation(missing, self.validation_status)
        login, password = str(body["login"]), str(body["password"])
        account = next((a for a in self.accounts.values() if a.matches(login)), None)
        if account is None or account.password != password:
            return _json({**UNAUTHORIZED_BODY, "message": "Login yoki parol noto'g'ri."}, status=401)
        return _json(self._issue(account))

    async def _refresh(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        if self.refresh_latency:
            await asyncio.sleep(self.refresh_latency)
        token = self.refresh_tokens.pop(str(body.get("refresh_token", "")), None)
        if token is None or token.expires_at <= time.monotonic():
            return _json({**UNAUTHORIZED_BODY, "message": "Refresh token yaroqsiz."}, status=401)
        return _json(self._issue(self.accounts[token.account_id]))

    # --- records --------------------------------------------------------------------------

    def _links(self, kind: str, record_id: int) -> dict[str, Any]:
        return {"self": {"href": f"{self.url}/v1/{kind}/view?id={record_id}"}}

    def _store_purveyor(self, account: WmsAccount, body: dict[str, Any]) -> dict[str, Any]:
        rid = next(self._ids)
        sub = {"supplier_buyer_id": rid}
        record = {
            "id": rid,
            **{k: _text(body.get(k)) for k in ("group", "code", "name", "full_name", "name_eng")},
            "contractBankDetail": {
                "id": rid,
                **sub,
                "contract_number": _text(body.get("contract_number")),
                "contract_date": body.get("contract_date"),
                "bank_details": body.get("bank_details"),
                "contact_info": body.get("contact_info"),
                "additional_details": body.get("additional_details"),
                "main_delivery_address": body.get("main_delivery_address"),
            },
            "entityType": {
                "id": rid,
                "stock_percentage": _dec(body.get("stock_percentage") or 0, 2),
                "stock_expiry": _int(body.get("stock_expiry")) or 0,
                **sub,
                "legal_entity": _bool(body.get("legal_entity")),
            },
            "supplierBuyerStatus": {
                "id": rid,
                **sub,
                "is_supplier": _bool(body.get("is_supplier")),
                "is_buyer": _bool(body.get("is_buyer")),
                "depositor": _bool(body.get("depositor")),
            },
            "taxInfo": {
                "id": rid,
                **sub,
                "inn": _text(body.get("inn")),
                "kpp": _text(body.get("kpp")),
                "okpo": _text(body.get("okpp") or body.get("okpo")),
            },
            "_links": self._links("purveyor", rid),
        }
        account.purveyors[rid] = record
        return record

    def _store_product(self, account: WmsAccount, body: dict[str, Any]) -> dict[str, Any]:
        rid = next(self._ids)
        record = {
            "id": rid,
            "supplier_buyer_id": account.id,
            **{
                k: _text(body.get(k))
                for k in (
                    "group",
                    "code",
                    "name",
                    "full_name",
                    "gtin",
                    "article",
                    "nomenclature_type",
                    "unit",
                )
            },
            "comment": body.get("comment"),
            "productPackagin": {
                "id": rid,
                "product_id": rid,
                **{k: body.get(k) for k in ("base_packaging", "billing_packaging", "report_packaging")},
            },
            "productShelfLive": {
                "id": rid,
                "product_id": rid,
                "shelf_life_stock": _dec(body.get("shelf_life_stock"), 2),
                "min_shelf_life_stock": _dec(body.get("min_shelf_life_stock") or 0, 2),
                **{
                    k: _int(body.get(k)) or 0
                    for k in (
                        "shelf_life_deviation_days",
                        "shelf_life_period",
                        "min_shelf_life_period",
                        "shelf_life_deviation_period",
                        "storage_period_days",
                    )
                },
                "specification": body.get("specification"),
                "temperature_mode": body.get("temperature_mode"),
            },
            "productTechnical": {
                "id": rid,
                "product_id": rid,
                **{k: _dec(body.get(k), 3) for k in ("weight", "net_weight", "volume", "net_volume")},
                "is_set": _bool(body.get("is_set")),
                "kis_code": _text(body.get("kis_code")),
                "default_status": body.get("default_status"),
            },
            "_links": self._links("product", rid),
        }
        account.products[rid] = record
        return record

    def _store_receiving(self, account: WmsAccount, body: dict[str, Any]) -> dict[str, Any]:
        rid = next(self._ids)
        record = {
            "id": rid,
            **{
                k: _text(body.get(k))
                for k in (
                    "number",
                    "counterparty",
                    "comment",
                    "vehicle_model",
                    "vehicle_number",
                    "driver_name",
                    "driver_document",
                    "contract_number",
                    "nomenclature",
                )
            },
            "date": body.get("date"),
            "arrival_date": body.get("arrival_date"),
            "contract_date": body.get("contract_date"),
            "acceptance_gate": None,
            "quantity": _int(body.get("quantity")),
            "price": _dec(body.get("price"), 2),
            "total_amount": _dec(body.get("total_amount"), 2),
            "supplierDetail": {
                "id": rid,
                "supplier_id": rid,
                "kis_number": _text(body.get("kis_number")),
                "kis_date": body.get("kis_date"),
                "accept_by_places": _bool(body.get("accept_by_places")),
                "vehicle_type": body.get("vehicle_type"),
                **{
                    k: _dec(body.get(k) or 0, 2)
                    for k in (
                        "vat_rate",
                        "vat_amount",
                        "discount_amount",
                        "under_delivery_percent",
                        "over_delivery_percent",
                    )
                },
                "price_includes_vat": _bool(body.get("price_includes_vat")),
            },
            "supplierPackage": {
                "id": rid,
                "supplier_id": rid,
                "nomenclature_package": body.get("nomenclature_package"),
                "package_quantity": _int(body.get("package_quantity")) or 0,
            },
            "_links": self._links("receiving-goods", rid),
        }
        account.receiving[rid] = record
        return record

    def _records(self, account: WmsAccount, kind: str) -> dict[int, dict[str, Any]]:
        return {
            "purveyor": account.purveyors,
            "product": account.products,
            "receiving-goods": account.receiving,
        }[kind]

    def _create(self, kind: str) -> Any:
        required = {
            "purveyor": PURVEYOR_REQUIRED,
            "product": PRODUCT_REQUIRED,
            "receiving-goods": RECEIVING_REQUIRED,
        }[kind]
        store = {
            "purveyor": self._store_purveyor,
            "product": self._store_product,
            "receiving-goods": self._store_receiving,
        }[kind]

        async def handler(request: web.Request) -> web.Response:
            account = self._authorized(request)
            if account is None:
                return _json(UNAUTHORIZED_BODY, status=401)
            body = await read_json(request)
            errors = _missing(body, required)
            code = body.get("code")
            records = self._records(account, kind).values()
            if kind != "receiving-goods" and code and any(r.get("code") == str(code) for r in records):
                errors.setdefault("code", []).append(TAKEN.format("code"))
            if errors:
                return _validation(errors, self.validation_status)
            record = store(account, body)
            return _json({"message": "Record successfully created.", "data": record})

        return handler

    def _list(self, kind: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            account = self._authorized(request)
            if account is None:
                return _json(UNAUTHORIZED_BODY, status=401)
            delivered = account.delivered[kind]
            items = [r for rid, r in self._records(account, kind).items() if rid not in delivered]
            per_page = _int(request.query.get("per-page")) or self.default_per_page
            per_page = max(1, min(per_page, self.max_per_page))
            page_count = max(1, math.ceil(len(items) / per_page)) if items else 0
            page = _int(request.query.get("page")) or 1
            page = max(1, min(page, max(page_count, 1)))  # Yii clamps to the last page
            start = (page - 1) * per_page
            extra = "" if "per-page" not in request.query else f"&per-page={per_page}"

            def link(n: int) -> str:
                return f"/v1/{kind}/clients?page={n}{extra}"

            links = {"self": link(page), "first": link(1), "last": link(max(page_count, 1))}
            if self.links_next and page < page_count:
                links["next"] = link(page + 1)
            if self.links_next and page > 1:
                links["prev"] = link(page - 1)
            return _json(
                {
                    "message": "Data successfully retrieved.",
                    "data": {
                        "items": items[start : start + per_page],
                        "_links": links,
                        "_meta": {
                            "totalCount": len(items),
                            "pageCount": page_count,
                            "currentPage": page,
                            "perPage": per_page,
                        },
                    },
                }
            )

        return handler

    def _acknowledge(self, kind: str) -> Any:
        message = {
            "purveyor": "supplier-buyers successfully updated to delivered status",
            "product": "products successfully updated to delivered status",
            "receiving-goods": "supplier successfully updated to delivered status",
        }[kind]

        async def handler(request: web.Request) -> web.Response:
            account = self._authorized(request)
            if account is None:
                return _json(UNAUTHORIZED_BODY, status=401)
            body = await read_json(request)
            entries = body.get("status")
            if not isinstance(entries, list) or not entries:
                return _validation({"status": [REQUIRED.format("status")]}, self.validation_status)
            records = self._records(account, kind)
            for entry in entries:
                if not isinstance(entry, dict) or _int(entry.get("id")) is None:
                    return _validation({"status": ["Noto'g'ri format."]}, self.validation_status)
                rid = _int(entry["id"])
                if rid is not None and str(entry.get("status", "")).lower() == "ok" and rid in records:
                    account.delivered[kind].add(rid)
            return _json({"message": message})

        return handler

    # --- fulfillment orders ---------------------------------------------------------------

    async def _order_create(self, request: web.Request) -> web.Response:
        account = self._authorized(request)
        if account is None:
            return _json(UNAUTHORIZED_BODY, status=401)
        body = await read_json(request)
        errors = _missing(body, ORDER_REQUIRED)
        order_id = _int(body.get("order_id"))
        if body.get("order_id") is not None and order_id is None:
            errors["order_id"] = ["«order_id» butun son bo'lishi kerak."]
        if order_id is not None and any(o["order_id"] == order_id for o in account.orders.values()):
            errors["order_id"] = [TAKEN.format("order_id")]
        status = _int(body.get("fulfillment_status")) or (5 if body.get("scheduled_at") else 1)
        if status == 5 and not body.get("scheduled_at"):
            errors["scheduled_at"] = [REQUIRED.format("scheduled_at")]
        items = body.get("order_items")
        if isinstance(items, list):
            for n, item in enumerate(items):
                if not isinstance(item, dict):
                    errors[f"order_items[{n}]"] = ["Noto'g'ri format."]
                    continue
                for name, messages in _missing(item, ITEM_REQUIRED).items():
                    errors[f"order_items[{n}].{name}"] = messages
        if errors:
            return _validation(errors, self.validation_status)
        assert order_id is not None and isinstance(items, list)
        rid = next(self._ids)
        record = {
            "id": rid,
            "order_id": order_id,
            "supplier_buyer_id": account.id,
            "fulfillment_status": status,
            "created_at": time.strftime("%Y-%m-%d %H:%M:%S"),
            "orderAddress": {
                "id": rid,
                "order_id": rid,
                **{
                    k: body.get(k)
                    for k in ("full_name", "phone", "address", "city", "region", "zip", "country")
                },
                "status": 1,
            },
            "orderItems": [
                {
                    "id": next(self._ids),
                    "order_id": rid,
                    "product_id": _int(item["client_product_id"])
                    if _int(item["client_product_id"]) in account.products
                    else None,
                    "client_product_id": _int(item["client_product_id"]),
                    "quantity": _int(item["quantity"]),
                    "price": _int(item["price"]) if _int(item["price"]) is not None else item["price"],
                    "status": 0,
                }
                for item in items
            ],
            "_links": {"self": {"href": f"{self.url}/v1/order/view?id={rid}"}},
        }
        account.orders[rid] = record
        return _json({"message": "Record successfully created.", "data": record})

    async def _order_view(self, request: web.Request) -> web.Response:
        account = self._authorized(request)
        if account is None:
            return _json(UNAUTHORIZED_BODY, status=401)
        record = account.orders.get(_int(request.query.get("id")) or -1)
        if record is None:
            return _not_found("Buyurtma topilmadi.")
        return _json({"message": "Data successfully retrieved.", "data": record})


DEMO_INN = "305123456"
DEMO_PHONE = "+998901234567"
DEMO_PASSWORD = "demo-password"


async def start_demo_wms(host: str = "127.0.0.1", port: int = 0) -> WmsFake:
    """A started fake with one demo account (login by INN or phone) and a little data."""
    fake = WmsFake(host, port)
    account = fake.add_account(DEMO_INN, DEMO_PASSWORD, phone=DEMO_PHONE)
    fake.add_purveyor(account, name="Demo ta'minotchi", full_name="Demo ta'minotchi MChJ", inn="305000001")
    for _ in range(3):
        fake.add_product(account)
    fake.add_receiving(account)
    await fake.start()
    return fake


async def _serve(port: int) -> None:  # pragma: no cover - manual use
    fake = await start_demo_wms(port=port)
    print(f"WMS fake on {fake.url} (login {DEMO_INN} or {DEMO_PHONE}, password {DEMO_PASSWORD})")
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


if __name__ == "__main__":  # pragma: no cover - manual use
    asyncio.run(_serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8040))
