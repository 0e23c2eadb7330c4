"""A fake of the BTS Express courier API (seeds 000, 001; api-notes), on a real aiohttp server.

Both route forms are served, so the client can be tested in either style:

- query (Yii): ``/index.php?r=v1/order/detail&id=1`` (also ``/?r=...``);
- path: ``/v1/order/detail?id=1``.

``route_key`` turns both into ``"v1/order/detail"``; faults are armed per route key
(``fake.faults.add("v1/order/add", Fault(drop=True, after=True))``), see ``tests/fakes/base.py``.

State a test can drive: accounts (``add_account``; a ``demo`` / ``demo123`` / INN ``123456789``
account exists by default), tokens (``expire_tokens``), local orders (``advance``,
``set_status``), international parcels (``advance_parcel``, ``set_parcel_status``; the barcode BTS
gives one, which its documented create answer does not carry: ``parcel_barcode``,
``assign_barcode``), MXIK goods
per account. The tariff is ``data.price`` (documented there). Shapes:

- answers: ``{"status": true, "message": "success", "status_code": 200, "data": ...}`` except
  ``order/calculate`` (unwrapped, api-notes); ``envelope = False`` answers everything bare;
- validation: HTTP 400 ``{"errors": {"field": ["Uzbek message"]}}``;
- 401: Yii ``UnauthorizedHttpException`` body; 403/404: ``{"status": false, "message", "status_code"}``;
- a wrong INN at login: HTTP 200 ``{"status": false, "data": {"text": "Invalid INN"}}``.

Edits and cancels are refused with a 403 once the courier took the order (status other than 1).

Standalone: ``python -m tests.fakes.bts.server --port 8081`` serves the demo data.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import functools
import itertools
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web

from services.common.phones import InvalidPhone, normalize_phone
from tests.fakes.base import FakeServer
from tests.fakes.bts.data import (
    BRANCHES,
    CANCELLED_NAME,
    CITIES,
    INTERNATIONAL_PATH,
    INTERNATIONAL_STATUS_MESSAGE,
    LOCAL_STATUS_INFO,
    PACKAGES,
    POST_TYPES,
    REGIONS,
    SORTING_CENTER,
    STATUS_PATH,
    branch_by_code,
    branch_json,
    city_by_code,
    price,
    serving_branch,
)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo123"
DEMO_INN = "123456789"
DEFAULT_MXIK_REGISTER_ROUTE = "v1/mxik-goods/create"
DEFAULT_MXIK_LIST_ROUTE = "v1/mxik-goods/index"

UNAUTHORIZED_BODY = {
    "name": "Unauthorized",
    "message": "Your request was made with invalid credentials.",
    "code": 0,
    "status": 401,
    "type": "yii\\web\\UnauthorizedHttpException",
}
FAKE_LABEL_PDF = b"%PDF-1.4\n% BTS fake label\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

# Field labels used in the Uzbek validation messages (the document's style: «Telefon», «Kg»).
LABELS: dict[str, str] = {
    "username": "Login",
    "password": "Parol",
    "inn": "INN",
    "orderId": "Buyurtma ID",
    "id": "Buyurtma ID",
    "senderCityId": "Yuborish shahri",
    "senderAddress": "Yuboruvchi manzili",
    "senderReal": "Yuboruvchi",
    "senderPhone": "Telefon",
    "weight": "Kg",
    "packageId": "Qadoqlash turi",
    "postTypeId": "Yuborish turi",
    "receiver": "Qabul qiluvchi",
    "receiverAddress": "Qabul qiluvchi manzili",
    "receiverCityId": "Qabul qilish shahri",
    "receiverPhone": "Qabul qiluvchi telefoni",
    "receiverPhone1": "Qo'shimcha telefon",
    "receiver_branch_id": "Qabul qiluvchi filiali",
    "senderDelivery": "Topshirish turi",
    "receiverDelivery": "Yetkazib berish turi",
    "back_money": "Qaytariladigan pul",
    "piece": "Soni",
    "pickup_type": "Olib ketish turi",
    "dropoff_type": "Tushirish turi",
    "spic": "MXIK",
    "name": "Nomi",
    "units": "O'lchov birligi",
    "goodPrice": "Narxi",
    "barcode": "Shtrix kod",
    "ParcelNumber": "Posilka raqami",
    "ReceiverPhone": "Telefon",
    "ReceiverSurname": "Familiya",
    "ReceiverFirstName": "Ism",
    "ReceiverPassposrtSerial": "Pasport seriyasi",
    "ReceiverPassposrtNumber": "Pasport raqami",
    "ReceiverPinfl": "JSHSHIR",
    "ParcelWeight": "Kg",
    "ParcelDeclareCurrency": "Valyuta",
    "ReceiverDelivery": "Yetkazib berish turi",
    "ReceiverCityId": "Qabul qilish shahri",
    "ReceiverBranchId": "Qabul qiluvchi filiali",
    "ReceiverAddress": "Qabul qiluvchi manzili",
}

ORDER_REQUIRED = (
    "senderCityId",
    "senderAddress",
    "senderReal",
    "senderPhone",
    "weight",
    "packageId",
    "postTypeId",
    "receiver",
    "receiverAddress",
    "receiverCityId",
    "receiverPhone",
)
CALCULATE_REQUIRED = ("senderCityId", "receiverCityId", "weight")
PARCEL_REQUIRED = (
    "ParcelNumber",
    "ReceiverPhone",
    "ReceiverSurname",
    "ReceiverFirstName",
    "ReceiverPassposrtSerial",
    "ReceiverPassposrtNumber",
    "ReceiverPinfl",
    "ParcelWeight",
    "ParcelDeclareCurrency",
    "ReceiverDelivery",
)
PRODUCT_REQUIRED = (
    "ProductDescription",
    "ProductDescriptionRu",
    "ProductQuantity",
    "ProductWeight",
    "ProductDeclareValue",
    "ProductUrl",
    "ProductUnit",
    "HsCodeIs",
)
MANIFEST_REQUIRED = ("ManifestNumber", "Date", "ParcelNumber", "ParcelsCount")


def required_message(field_name: str) -> str:
    label = LABELS.get(field_name, field_name)
    if label == "Kg":
        return "«Kg» to'ldirilishi kerak."
    return f"«{label}» ni to'ldirishingiz kerak."


def invalid_message(field_name: str) -> str:
    return f"«{LABELS.get(field_name, field_name)}» qiymati noto'g'ri."


def pretty_phone(e164: str) -> str:
    """``+998991234567`` → ``+998 99 1234567``: how the document's answers print phones."""
    if e164.startswith("+998") and len(e164) == 13:
        return f"+998 {e164[4:6]} {e164[6:]}"
    return e164


def _dumps(value: object) -> str:
    def default(obj: object) -> object:
        if isinstance(obj, Decimal):
            return int(obj) if obj == obj.to_integral_value() else float(str(obj))
        if isinstance(obj, date):
            return obj.isoformat()
        raise TypeError(type(obj).__name__)

    return json.dumps(value, ensure_ascii=False, default=default)


def json_response(body: object, status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=_dumps)


class Answer(Exception):
    """Raised inside a handler to answer at once (an error shape)."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response


def validation_error(errors: dict[str, list[str]], status: int = 400) -> Answer:
    return Answer(json_response({"errors": errors}, status=status))


def status_error(status: int, message: str) -> Answer:
    """403/404 as seed 000 shows them."""
    return Answer(json_response({"status": False, "message": message, "status_code": status}, status=status))


class Errors:
    """Collects field errors; ``raise_if_any`` answers 400 with all of them."""

    def __init__(self, status: int = 400) -> None:
        self.errors: dict[str, list[str]] = {}
        self.status = status

    def add(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    def missing(self, body: dict[str, Any], field_name: str, key: str | None = None) -> bool:
        value = body.get(field_name)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(key or field_name, required_message(field_name))
            return True
        return False

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise validation_error(self.errors, self.status)


def as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None


# --- state -----------------------------------------------------------------------------------


@dataclass
class FakeAccount:
    username: str
    password: str
    inn: str
    customer_id: int
    customer_name: str
    mxik_goods: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass
class HistoryRecord:
    message: str
    timestamp: int
    status_id: int
    location: str

    def to_json(self) -> dict[str, object]:
        return {
            "message": self.message,
            "timestamp": self.timestamp,
            "status_id": self.status_id,
            "location": self.location,
        }


@dataclass
class FakeOrder:
    order_id: int
    barcode: str
    owner: str
    fields: dict[str, Any]
    cost: Decimal
    sender_branch_id: int | None
    receiver_branch_id: int | None
    status: int = 1
    history: list[HistoryRecord] = field(default_factory=list)
    cancellation: list[dict[str, str]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # v1-only fields (wcs_code, coordinates, ...)

    @property
    def sender_city_id(self) -> int:
        return int(self.fields["senderCityId"])

    @property
    def receiver_city_id(self) -> int:
        return int(self.fields["receiverCityId"])


@dataclass
class FakeParcel:
    id: int
    barcode: str
    owner: str
    fields: dict[str, Any]
    status: int = 100
    history: list[tuple[int, int]] = field(default_factory=list)  # (code, timestamp)


Handler = Callable[[web.Request, FakeAccount | None], Awaitable[web.StreamResponse]]


class BtsFake(FakeServer):
    """The BTS courier API fake. See the module docstring for the shapes it answers."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        with_demo: bool = True,
        mxik_register_route: str = DEFAULT_MXIK_REGISTER_ROUTE,
        mxik_list_route: str = DEFAULT_MXIK_LIST_ROUTE,
        clock: Callable[[], float] = time.time,
        rich: bool = False,
    ) -> None:
        super().__init__(host, port)
        self.clock = clock
        # Off (the default): every answer has exactly the fields its document shows (the branch
        # directory: ids, no region or city names). On: names in the directory and a few fields
        # no document shows (COD fields in flat order answers, id / barcode / status of an
        # international parcel), so the bot can be tested both ways.
        self.rich = rich
        self.mxik_per_page = 20
        self.accounts: dict[str, FakeAccount] = {}
        self.tokens: dict[str, str] = {}  # token -> username
        self.issued_tokens: list[str] = []
        self.orders: dict[int, FakeOrder] = {}
        self.parcels: dict[str, FakeParcel] = {}  # by barcode
        self.manifests: list[dict[str, Any]] = []
        self.paths: list[str] = []  # path and query of every request that reached a handler
        self.bodies: list[tuple[str, object]] = []  # (route key, JSON body) of every POST read
        self.envelope = True
        self.token_at_top_level = False
        self.validation_status = 400
        self.mxik_register_route = mxik_register_route.strip("/")
        self.mxik_list_route = mxik_list_route.strip("/")
        self._order_ids = itertools.count(229234)
        self._parcel_ids = itertools.count(865704)
        self._mxik_ids = itertools.count(71)
        self._customer_ids = itertools.count(79)
        if with_demo:
            self.add_account(DEMO_USERNAME, DEMO_PASSWORD, DEMO_INN, customer_name="ООО BTS DEMO")

    # --- test API ----------------------------------------------------------------------------

    def add_account(self, username: str, password: str, inn: str, *, customer_name: str = "") -> FakeAccount:
        account = FakeAccount(
            username, password, inn, next(self._customer_ids), customer_name or f"ООО {username}"
        )
        self.accounts[username] = account
        return account

    def expire_tokens(self) -> None:
        """Every issued token is refused from now on (401), as when BTS expires them."""
        self.tokens.clear()

    def add_mxik_good(
        self, username: str, spic: str, name: str, units: str, good_price: int
    ) -> dict[str, Any]:
        good = {
            "id": next(self._mxik_ids),
            "spic": spic,
            "name": name,
            "units": units,
            "goodPrice": good_price,
        }
        self.accounts[username].mxik_goods[good["id"]] = good
        return good

    def order(self, order_id: int) -> FakeOrder:
        return self.orders[order_id]

    def advance(self, order_id: int) -> int:
        """Move an order one step along 1 → 2 → 3 → 10 → 4 → 5 → 6; returns the new status."""
        order = self.orders[order_id]
        if order.status not in STATUS_PATH or order.status == STATUS_PATH[-1]:
            raise ValueError(f"order {order_id} cannot advance from status {order.status}")
        new = STATUS_PATH[STATUS_PATH.index(order.status) + 1]
        self.set_status(order_id, new)
        return new

    def set_status(
        self, order_id: int, status: int, *, location: str | None = None, reason: str = ""
    ) -> None:
        """Set any status (0 with ``reason`` records a cancellation reason), with a history event."""
        if status not in LOCAL_STATUS_INFO:
            raise ValueError(f"unknown status {status}")
        order = self.orders[order_id]
        order.status = status
        order.history.append(
            HistoryRecord(
                LOCAL_STATUS_INFO[status], self._now(), status, location or self._location(order, status)
            )
        )
        if status == 0 and reason:
            order.cancellation.append(
                {"employee": "BTS operator", "description": reason, "date": self._stamp()}
            )

    def parcel_barcode(self, parcel_number: str, owner: str = DEMO_USERNAME) -> str:
        """The barcode BTS gave the owner's parcel ``parcel_number``: what the seller reads on
        BTS's label (seed 001's ``international/add`` answer does not carry it)."""
        return self._parcel_by_number(parcel_number, owner).barcode

    def assign_barcode(self, parcel_number: str, barcode: str, owner: str = DEMO_USERNAME) -> None:
        """BTS gives the parcel this barcode (instead of the one it drew at creation)."""
        parcel = self._parcel_by_number(parcel_number, owner)
        if barcode in self.parcels and self.parcels[barcode] is not parcel:
            raise ValueError(f"barcode {barcode} belongs to another parcel")
        del self.parcels[parcel.barcode]
        parcel.barcode = barcode
        self.parcels[barcode] = parcel

    def _parcel_by_number(self, parcel_number: str, owner: str) -> FakeParcel:
        for parcel in self.parcels.values():
            if parcel.owner == owner and parcel.fields.get("ParcelNumber") == parcel_number:
                return parcel
        raise KeyError(parcel_number)

    def advance_parcel(self, barcode: str) -> int:
        parcel = self.parcels[barcode]
        if parcel.status not in INTERNATIONAL_PATH or parcel.status == INTERNATIONAL_PATH[-1]:
            raise ValueError(f"parcel {barcode} cannot advance from status {parcel.status}")
        new = INTERNATIONAL_PATH[INTERNATIONAL_PATH.index(parcel.status) + 1]
        self.set_parcel_status(barcode, new)
        return new

    def set_parcel_status(self, barcode: str, code: int) -> None:
        if code not in INTERNATIONAL_STATUS_MESSAGE:
            raise ValueError(f"unknown international status {code}")
        parcel = self.parcels[barcode]
        parcel.status = code
        parcel.history.append((code, self._now()))

    def seed_demo_goods(self) -> None:
        """The demo account's two MXIK goods (seed 001's example ids 71 and 72)."""
        if not self.accounts[DEMO_USERNAME].mxik_goods:
            self.add_mxik_good(DEMO_USERNAME, "04901001001000000", "Босма китоблар", "dona", 700000)
            self.add_mxik_good(DEMO_USERNAME, "08517001001020045", "Telefon", "dona", 100000)

    def seed_demo(self) -> list[int]:
        """Demo data: two MXIK goods and three orders at statuses 1, 4 and 6, made at BTS only
        (the sandbox makes its demo parcels through the bot instead: ``tests/sandbox/demo.py``)."""
        account = self.accounts[DEMO_USERNAME]
        self.seed_demo_goods()
        ids = []
        for receiver_city, weight, steps in ((75, "2.5", 0), (3, "1", 4), (66, "4.2", 6)):
            order = self.create_order(
                account,
                {
                    "senderCityId": 198,
                    "senderAddress": "Toshkent sh., Bobur ko'chasi, 5-A",
                    "senderReal": "Jurabek Turdiyev",
                    "senderPhone": "+998991234567",
                    "weight": weight,
                    "packageId": 8,
                    "postTypeId": 4,
                    "receiver": "Odil Ahmedov",
                    "receiverAddress": "Gozovo qish. 41 uy",
                    "receiverCityId": receiver_city,
                    "receiverPhone": "+998901234568",
                },
            )
            for _ in range(steps):
                self.advance(order.order_id)
            ids.append(order.order_id)
        return ids

    # --- routing -----------------------------------------------------------------------------

    def route_key(self, request: web.Request) -> str:
        route = request.query.get("r") if request.path.rstrip("/") in ("", "/index.php") else None
        key = (route if route is not None else request.path).strip().strip("/")
        if key and not key.startswith("v1/"):
            key = f"v1/{key}"
        return key

    def setup_routes(self, app: web.Application) -> None:
        self._table: dict[str, tuple[str, Handler, bool]] = {
            "v1/auth/get-token": ("POST", self._get_token, False),
            "v1/order/add": ("POST", self._order_add, True),
            "v1/order/edit": ("POST", self._order_edit, True),
            "v1/order/detail": ("GET", self._order_detail, True),
            "v1/order/cancel": ("GET", self._order_cancel, True),
            "v1/order/calculate": ("POST", self._order_calculate, True),
            "v1/order/track": ("GET", self._order_track, True),
            "v1/order/history": ("GET", self._order_history, True),
            "v1/order/cancellation": ("GET", self._order_cancellation, True),
            self.mxik_register_route: ("POST", self._mxik_register, True),
            self.mxik_list_route: ("GET", self._mxik_list, True),
            "v1/international/add": ("POST", self._international_add, True),
            "v1/international/track-by-barcode": ("GET", self._international_track, True),
            "v1/international/manifest": ("POST", self._international_manifest, True),
            "v1/directory/branches": ("GET", self._branches, True),
            "v1/directory/branches-with-city": ("GET", self._branches_with_city, True),
        }
        app.router.add_route("*", "/{tail:.*}", self._dispatch)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.paths.append(request.path_qs)
        entry = self._table.get(self.route_key(request))
        if entry is None:
            return json_response(
                {
                    "name": "Not Found",
                    "message": "Page not found.",
                    "code": 0,
                    "status": 404,
                    "type": "yii\\web\\NotFoundHttpException",
                },
                status=404,
            )
        method, handler, needs_auth = entry
        if request.method != method:
            return json_response(
                {
                    "name": "Method Not Allowed",
                    "message": f"Method Not Allowed. This URL can only handle: {method}.",
                    "code": 0,
                    "status": 405,
                    "type": "yii\\web\\MethodNotAllowedHttpException",
                },
                status=405,
            )
        try:
            account = self._authenticate(request) if needs_auth else None
            return await handler(request, account)
        except Answer as answer:
            return answer.response

    def _authenticate(self, request: web.Request) -> FakeAccount:
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.startswith("Bearer ") else ""
        username = self.tokens.get(token)
        if not token or username is None or username not in self.accounts:
            raise Answer(json_response(UNAUTHORIZED_BODY, status=401))
        return self.accounts[username]

    async def _json_body(self, request: web.Request) -> dict[str, Any]:
        try:
            data = await request.json(loads=functools.partial(json.loads, parse_float=Decimal))
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise Answer(
                json_response(
                    {"name": "Bad Request", "message": "Invalid JSON", "code": 0, "status": 400}, 400
                )
            ) from None
        if not isinstance(data, dict):
            raise Answer(
                json_response(
                    {"name": "Bad Request", "message": "JSON object expected", "code": 0, "status": 400}, 400
                )
            )
        self.bodies.append((self.route_key(request), data))
        return data

    def _ok(self, data: object, message: str = "success") -> web.Response:
        if not self.envelope:
            return json_response(data)
        return json_response({"status": True, "message": message, "status_code": 200, "data": data})

    def _now(self) -> int:
        return int(self.clock())

    def _stamp(self) -> str:
        return datetime.fromtimestamp(self.clock(), UTC).strftime("%Y-%m-%d %H:%M:%S")

    def _query_int(self, request: web.Request, name: str, *, required: bool = True) -> int | None:
        raw = request.query.get(name)
        if raw is None or not raw.strip():
            if required:
                raise validation_error({name: [required_message(name)]}, self.validation_status)
            return None
        value = as_int(raw)
        if value is None:
            raise validation_error({name: [invalid_message(name)]}, self.validation_status)
        return value

    def _own_order(self, request: web.Request, account: FakeAccount | None, param: str = "id") -> FakeOrder:
        assert account is not None
        order_id = self._query_int(request, param)
        order = self.orders.get(order_id or 0)
        if order is None:
            raise status_error(404, "error.not_found")
        if order.owner != account.username:
            raise status_error(403, "Forbidden")
        return order

    # --- auth --------------------------------------------------------------------------------

    async def _get_token(self, request: web.Request, _: FakeAccount | None) -> web.StreamResponse:
        body = await self._json_body(request)
        errors = Errors(self.validation_status)
        for name in ("username", "password", "inn"):
            errors.missing(body, name)
        errors.raise_if_any()
        account = self.accounts.get(str(body["username"]))
        if account is None or account.password != str(body["password"]):
            raise validation_error({"password": ["Login yoki parol noto'g'ri."]}, self.validation_status)
        if str(body["inn"]).strip() != account.inn:
            return json_response({"status": False, "data": {"text": "Invalid INN"}})
        token = secrets.token_urlsafe(24)
        self.tokens[token] = account.username
        self.issued_tokens.append(token)
        if self.token_at_top_level:
            return json_response({"token": token})
        return json_response({"status": True, "data": {"token": token}})

    # --- local orders ------------------------------------------------------------------------

    def _validate_order(self, account: FakeAccount, body: dict[str, Any]) -> dict[str, Any]:
        errors = Errors(self.validation_status)
        for name in ORDER_REQUIRED:
            errors.missing(body, name)
        out: dict[str, Any] = {k: v for k, v in body.items() if v is not None}
        for name in ("senderCityId", "receiverCityId"):
            if name in errors.errors or body.get(name) is None:
                continue
            city_id = as_int(body[name])
            if city_id not in CITIES:
                errors.add(name, invalid_message(name))
            else:
                out[name] = city_id
        if "weight" not in errors.errors:
            weight = as_decimal(body["weight"])
            if weight is None or weight <= 0:
                errors.add("weight", "«Kg» 0 dan katta bo'lishi kerak.")
            else:
                out["weight"] = weight
        for name in ("senderPhone", "receiverPhone", "receiverPhone1"):
            if name in errors.errors or not body.get(name):
                continue
            try:
                out[name] = normalize_phone(str(body[name]))
            except InvalidPhone:
                errors.add(name, f"«{LABELS[name]}» noto'g'ri formatda.")
        for name in ("packageId", "postTypeId"):
            if name in errors.errors or body.get(name) is None:
                continue
            value = as_int(body[name])
            if value is None or value <= 0:
                errors.add(name, invalid_message(name))
            else:
                out[name] = value
        for name in ("senderDelivery", "receiverDelivery"):
            value = as_int(body.get(name, 1))
            if value not in (0, 1):
                errors.add(name, invalid_message(name))
            else:
                out[name] = value
        piece = as_int(body.get("piece", 1))
        if piece is None or piece < 1:
            errors.add("piece", invalid_message("piece"))
        else:
            out["piece"] = piece
        if out.get("receiverDelivery") == 0:
            branch_id = as_int(body.get("receiver_branch_id"))
            if branch_id is None:
                errors.add("receiver_branch_id", required_message("receiver_branch_id"))
            elif branch_id not in BRANCHES or BRANCHES[branch_id].city_id != out.get("receiverCityId"):
                errors.add("receiver_branch_id", "Filial «Qabul qilish shahri»da mavjud emas.")
            else:
                out["receiver_branch_id"] = branch_id
        self._validate_cod(account, body, errors, out)
        errors.raise_if_any()
        return out

    def _validate_cod(
        self, account: FakeAccount, body: dict[str, Any], errors: Errors, out: dict[str, Any]
    ) -> None:
        bring_back = as_int(body.get("bringBackMoney", 0))
        if bring_back not in (0, 1):
            errors.add("bringBackMoney", invalid_message("bringBackMoney"))
            return
        out["bringBackMoney"] = bring_back
        options = body.get("options")
        if bring_back == 1:
            back_money = as_decimal(body.get("back_money"))
            if back_money is None or back_money <= 0:
                errors.add("back_money", required_message("back_money"))
            else:
                out["back_money"] = back_money
            if not options:
                errors.add(
                    "options", "Naqd to'lovli (COD) buyurtma uchun elektron chek mahsulotlari majburiy."
                )
        if options is None:
            return
        if not isinstance(options, list):
            errors.add("options", invalid_message("options"))
            return
        for option in options:
            goods = option.get("goods") if isinstance(option, dict) else None
            if not isinstance(goods, list) or not goods:
                errors.add("options", "Mahsulotlar ro'yxati bo'sh.")
                continue
            for good in goods:
                good_id = as_int(good.get("mxikGoodsId")) if isinstance(good, dict) else None
                if good_id is None or good_id not in account.mxik_goods:
                    errors.add("options", f"MXIK mahsulot #{good_id} topilmadi.")

    def create_order(self, account: FakeAccount, body: dict[str, Any]) -> FakeOrder:
        """Validate and store an order (what ``order/add`` does); raises ``Answer`` on errors."""
        fields = self._validate_order(account, body)
        order_id = next(self._order_ids)
        order = FakeOrder(
            order_id=order_id,
            barcode=f"6{order_id:010d}",
            owner=account.username,
            fields=fields,
            cost=Decimal(0),
            sender_branch_id=None,
            receiver_branch_id=None,
        )
        self._apply_fields(order)
        self.orders[order_id] = order
        order.history.append(
            HistoryRecord("Buyurtma yaratildi", self._now(), 1, CITIES[order.sender_city_id].name)
        )
        return order

    def _apply_fields(self, order: FakeOrder) -> None:
        fields = order.fields
        order.cost = price(
            order.sender_city_id,
            order.receiver_city_id,
            fields["weight"],
            fields.get("senderDelivery", 1),
            fields.get("receiverDelivery", 1),
        )
        sender_branch = serving_branch(order.sender_city_id)
        if order.extras.get("sender_branch_id") in BRANCHES:
            order.sender_branch_id = order.extras["sender_branch_id"]
        else:
            order.sender_branch_id = sender_branch.id if sender_branch else None
        if fields.get("receiver_branch_id") in BRANCHES:
            order.receiver_branch_id = fields["receiver_branch_id"]
        else:
            receiver_branch = serving_branch(order.receiver_city_id)
            order.receiver_branch_id = receiver_branch.id if receiver_branch else None
        sender_date = fields.get("senderDate") or datetime.fromtimestamp(self.clock(), UTC).date().isoformat()
        fields["senderDate"] = sender_date
        if not fields.get("receiverDate"):
            days = 1 if order.sender_city_id == order.receiver_city_id else 3
            fields["receiverDate"] = (date.fromisoformat(str(sender_date)) + timedelta(days=days)).isoformat()

    def _location(self, order: FakeOrder, status: int) -> str:
        sender = BRANCHES.get(order.sender_branch_id or 0)
        receiver = BRANCHES.get(order.receiver_branch_id or 0)
        if status in (2, 3, 1, 0) and sender is not None:
            return sender.name
        if status in (10, 31, 32, 33):
            return SORTING_CENTER
        if status in (4, 5, 7, 8, 34) and receiver is not None:
            return receiver.name
        return str(order.fields.get("receiverAddress", ""))

    def _ref(self, branch_id: int | None) -> dict[str, object] | None:
        branch = BRANCHES.get(branch_id or 0)
        if branch is None:
            return None
        return {"id": branch.id, "name": branch.name, "regionId": CITIES[branch.city_id].region_id}

    def _order_json(self, order: FakeOrder, *, detail: bool = False) -> dict[str, Any]:
        """An order as seed 001 prints it (detail / add / flat edit)."""
        f = order.fields
        account = self.accounts[order.owner]
        sender_city, receiver_city = CITIES[order.sender_city_id], CITIES[order.receiver_city_id]
        data: dict[str, Any] = {
            "orderId": order.order_id,
            "customer": {"id": account.customer_id, "name": account.customer_name},
            "status": {"id": order.status, "info": LOCAL_STATUS_INFO[order.status]},
            "senderRegion": {"id": sender_city.region_id, "name": REGIONS[sender_city.region_id].name},
            "senderCity": {"id": sender_city.id, "name": sender_city.name, "regionId": sender_city.region_id},
            "senderBranch": self._ref(order.sender_branch_id),
            "senderDelivery": f.get("senderDelivery", 1),
            "senderAddress": f["senderAddress"],
            "senderReal": f["senderReal"],
            "senderPhone": pretty_phone(f["senderPhone"]),
            "receiver": f["receiver"],
            "receiverRegion": {"id": receiver_city.region_id, "name": REGIONS[receiver_city.region_id].name},
            "receiverCity": {"id": receiver_city.id, "name": receiver_city.name},
            "receiverBranch": self._ref(order.receiver_branch_id),
            "receiverDelivery": f.get("receiverDelivery", 1),
            "receiverAddress": f["receiverAddress"],
            "receiverPhone": pretty_phone(f["receiverPhone"]),
            "receiverPhone1": pretty_phone(f["receiverPhone1"]) if f.get("receiverPhone1") else None,
            "package": {"id": f["packageId"], "name": PACKAGES.get(f["packageId"], f"#{f['packageId']}")},
            "postType": {
                "id": f["postTypeId"],
                "name": POST_TYPES.get(f["postTypeId"], f"#{f['postTypeId']}"),
            },
            "cost": f"{order.cost:.2f}",
            "weight": f"{f['weight']:.3f}",
            "piece": f.get("piece", 1),
            "clientId": f.get("clientId"),
            "volume": str(f.get("volume", 0)),
            "urgent": 0,
            "takePhoto": f.get("takePhoto", 0),
            "senderSign": None,
            "receiverSign": None,
            "senderDate": f.get("senderDate"),
            "receiverDate": f.get("receiverDate"),
            "barcode": order.barcode,
            "labelEncode": base64.b64encode(FAKE_LABEL_PDF + order.barcode.encode()).decode(),
        }
        if self.rich:
            data["bringBackMoney"] = f.get("bringBackMoney", 0)
            data["back_money"] = f"{f['back_money']:.2f}" if f.get("back_money") is not None else None
        # Seed 001 prints add / edit with senderReal and clientId and without urgent; detail the
        # other way round.
        drop = ("senderReal", "clientId") if detail else ("urgent",)
        return {k: v for k, v in data.items() if k not in drop or self.rich}

    def _order_v1_json(self, order: FakeOrder) -> dict[str, Any]:
        """An order as seed 000 prints it (the nested v1 edit answer)."""
        f, x = order.fields, order.extras
        account = self.accounts[order.owner]

        def party(prefix: str, city_id: int, branch_id: int | None) -> dict[str, Any]:
            city = CITIES[city_id]
            region = REGIONS[city.region_id]
            branch = BRANCHES.get(branch_id or 0)
            return {
                "name": f["senderReal"] if prefix == "sender" else f["receiver"],
                "phone": f[f"{prefix}Phone"],
                "address": f[f"{prefix}Address"],
                "region": {"id": region.id, "name": region.name, "code": region.code},
                "city": {"id": city.id, "name": city.name, "code": city.code},
                "village": None,
                "branch": {"id": branch.id, "name": branch.name, "code": branch.code} if branch else None,
                "latitude": x.get(f"{prefix}_latitude"),
                "longitude": x.get(f"{prefix}_longitude"),
            }

        receiver = party("receiver", order.receiver_city_id, order.receiver_branch_id)
        receiver["phone1"] = f.get("receiverPhone1")
        branch = BRANCHES.get(order.receiver_branch_id or 0)
        receiver["stickerData"] = {
            "hubName": REGIONS[CITIES[order.receiver_city_id].region_id].name,
            "cityName": CITIES[order.receiver_city_id].name,
            "branchName": f"{branch.code} - {branch.name}" if branch else "",
            "zonaId": CITIES[order.receiver_city_id].region_id,
        }
        term = base64.b64encode(
            json.dumps({"waybill_id": order.order_id, "barcode": order.barcode, "is_receiver": None}).encode()
        ).decode()
        return {
            "orderId": order.order_id,
            "clientId": f.get("clientId"),
            "wcs_code": x.get("wcs_code"),
            "barcode": order.barcode,
            "customer": {"id": account.customer_id, "name": account.customer_name},
            # Seed 000 shows code "0101" for status 1; the fake prefixes "01" to the two-digit id.
            "status": {"code": f"01{order.status:02d}", "info": LOCAL_STATUS_INFO[order.status]},
            "pickup_type": "self" if f.get("senderDelivery", 1) == 0 else "courier",
            "dropoff_type": "branch" if f.get("receiverDelivery", 1) == 0 else "courier",
            "sender": party("sender", order.sender_city_id, order.sender_branch_id),
            "receiver": receiver,
            "cargo": {
                "weight": f"{f['weight']:.3f}",
                "volume": f"{Decimal(str(f.get('volume', 0))):.3f}",
                "piece": f.get("piece", 1),
                "package": {"id": f["packageId"], "name": PACKAGES.get(f["packageId"], "")},
                "postType": {"id": f["postTypeId"], "name": POST_TYPES.get(f["postTypeId"], "")},
                "postTypes": x.get("postTypes", []),
                "options": {
                    "with_unired": None,
                    "urgent": 0,
                    "takePhoto": f.get("takePhoto", 0),
                    "bringBackWaybill": f.get("bringBackWaybill", 0),
                    "bringBackMoney": f.get("bringBackMoney", 0),
                    "back_money": str(f.get("back_money", "0")),
                },
            },
            "cost": f"{order.cost:.2f}",
            "senderDate": f.get("senderDate"),
            "receiverDate": f.get("receiverDate"),
            "declarations": [],
            "goods": [],
            "inn": None,
            "ready_to_take": x.get("ready_to_take", False),
            "tracking": f"https://bts.uz/uz/waybill-tracking?term={term}",
        }

    async def _order_add(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        assert account is not None
        body = await self._json_body(request)
        order = self.create_order(account, body)
        return self._ok(self._order_json(order))

    def _refuse_if_picked_up(self, order: FakeOrder, action: str) -> None:
        if order.status == 1:
            return
        if order.status == 0:
            raise status_error(403, f"Buyurtma bekor qilingan, uni {action} bo'lmaydi.")
        raise status_error(403, f"Buyurtma kuryer tomonidan qabul qilingan, uni {action} bo'lmaydi.")

    async def _order_edit(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        assert account is not None
        if "orderId" in request.query:
            return await self._order_edit_nested(request, account)
        body = await self._json_body(request)
        if body.get("orderId") is None:
            raise validation_error({"orderId": [required_message("orderId")]}, self.validation_status)
        order = self.orders.get(as_int(body["orderId"]) or 0)
        if order is None:
            raise status_error(404, "error.not_found")
        if order.owner != account.username:
            raise status_error(403, "Forbidden")
        self._refuse_if_picked_up(order, "tahrirlab")
        fields = self._validate_order(account, {k: v for k, v in body.items() if k != "orderId"})
        fields.setdefault("senderDate", order.fields.get("senderDate"))
        order.fields = fields
        self._apply_fields(order)
        return self._ok(self._order_json(order), message="success.updated")

    async def _order_edit_nested(self, request: web.Request, account: FakeAccount) -> web.StreamResponse:
        order = self._own_order(request, account, param="orderId")
        body = await self._json_body(request)
        self._refuse_if_picked_up(order, "tahrirlab")
        errors = Errors(self.validation_status)
        fields = dict(order.fields)
        extras = dict(order.extras)
        pickup = body.get("pickup_type")
        if pickup in (None, ""):
            errors.add("pickup_type", required_message("pickup_type"))
        elif pickup not in ("self", "courier"):
            errors.add("pickup_type", invalid_message("pickup_type"))
        else:
            fields["senderDelivery"] = 0 if pickup == "self" else 1
        dropoff = body.get("dropoff_type")
        if dropoff not in (None, "courier", "branch"):
            errors.add("dropoff_type", invalid_message("dropoff_type"))
        elif dropoff is not None:
            fields["receiverDelivery"] = 0 if dropoff == "branch" else 1
        for prefix in ("sender", "receiver"):
            party = body.get(prefix)
            if not isinstance(party, dict):
                errors.add(prefix, f"«{prefix}» ni to'ldirishingiz kerak.")
                continue
            for name in ("name", "phone", "address"):
                if party.get(name) in (None, ""):
                    errors.add(f"{prefix}[{name}]", f"«{prefix}[{name}]» ni to'ldirishingiz kerak.")
            name_key = "senderReal" if prefix == "sender" else "receiver"
            if party.get("name"):
                fields[name_key] = party["name"]
            if party.get("address"):
                fields[f"{prefix}Address"] = party["address"]
            for wire, flat in (("phone", f"{prefix}Phone"), ("phone1", f"{prefix}Phone1")):
                if party.get(wire):
                    try:
                        fields[flat] = normalize_phone(str(party[wire]))
                    except InvalidPhone:
                        errors.add(f"{prefix}[{wire}]", "«Telefon» noto'g'ri formatda.")
            if party.get("city_code"):
                city = city_by_code(str(party["city_code"]))
                if city is None:
                    errors.add(f"{prefix}[city_code]", "Shahar kodi topilmadi.")
                else:
                    fields[f"{prefix}CityId"] = city.id
            if party.get("branch_code"):
                branch = branch_by_code(str(party["branch_code"]))
                if branch is None:
                    errors.add(f"{prefix}[branch_code]", "Filial kodi topilmadi.")
                elif prefix == "sender":
                    extras["sender_branch_id"] = branch.id
                else:
                    fields["receiver_branch_id"] = branch.id
            extras[f"{prefix}_latitude"] = party.get("latitude")
            extras[f"{prefix}_longitude"] = party.get("longitude")
        cargo = body.get("cargo")
        if not isinstance(cargo, dict):
            errors.add("cargo", "«cargo» ni to'ldirishingiz kerak.")
        else:
            weight = as_decimal(cargo.get("weight"))
            if cargo.get("weight") is None:
                errors.add("cargo[weight]", "«Kg» to'ldirilishi kerak.")
            elif weight is None or weight <= 0:
                errors.add("cargo[weight]", "«Kg» 0 dan katta bo'lishi kerak.")
            else:
                fields["weight"] = weight
            piece = as_int(cargo.get("piece"))
            if cargo.get("piece") is None:
                errors.add("cargo[piece]", "«Soni» ni to'ldirishingiz kerak.")
            elif piece is None or piece < 1:
                errors.add("cargo[piece]", invalid_message("piece"))
            else:
                fields["piece"] = piece
            for wire in ("packageId", "postTypeId"):
                if as_int(cargo.get(wire)):
                    fields[wire] = as_int(cargo[wire])
            if cargo.get("volume") is not None:
                fields["volume"] = as_decimal(cargo["volume"]) or Decimal(0)
            extras["postTypes"] = [
                {
                    "child_id": i + 1,
                    "barcode": f"{order.barcode}{i + 1:03d}",
                    "packageId": 0,
                    "weight": 0,
                    **item,
                }
                for i, item in enumerate(cargo.get("postTypes") or [])
                if isinstance(item, dict)
            ]
        if fields.get("receiverDelivery") == 0:
            branch_id = fields.get("receiver_branch_id")
            if branch_id is None:
                errors.add("receiver[branch_code]", required_message("receiver_branch_id"))
            elif BRANCHES[branch_id].city_id != fields["receiverCityId"]:
                errors.add("receiver[branch_code]", "Filial «Qabul qilish shahri»da mavjud emas.")
        for wire in ("bringBackMoney", "takePhoto", "bringBackWaybill"):
            if body.get(wire) is not None:
                fields[wire] = as_int(body[wire])
        if body.get("back_money") is not None:
            fields["back_money"] = as_decimal(body["back_money"])
        if body.get("clientId"):
            fields["clientId"] = body["clientId"]
        extras["wcs_code"] = body.get("wcs_code")
        extras["ready_to_take"] = bool(body.get("ready_to_take", False))
        errors.raise_if_any()
        order.fields, order.extras = fields, extras
        self._apply_fields(order)
        return json_response(
            {
                "status": True,
                "message": "success.updated",
                "status_code": 200,
                "data": self._order_v1_json(order),
            }
        )

    async def _order_detail(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        return self._ok(self._order_json(self._own_order(request, account), detail=True))

    async def _order_cancel(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        order = self._own_order(request, account)
        if order.status != 0:
            self._refuse_if_picked_up(order, "bekor qilib")
            assert account is not None
            self.set_status(order.order_id, 0)
            order.cancellation.append(
                {
                    "employee": account.customer_name,
                    "description": "Mijoz tomonidan bekor qilindi",
                    "date": self._stamp(),
                }
            )
        return self._ok({"orderId": str(order.order_id), "status": {"id": 0, "name": CANCELLED_NAME}})

    async def _order_track(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        order = self._own_order(request, account)
        return self._ok(
            {
                "orderId": order.order_id,
                "status": {"id": order.status, "name": LOCAL_STATUS_INFO[order.status]},
            }
        )

    async def _order_history(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        order = self._own_order(request, account)
        return self._ok([event.to_json() for event in order.history])

    async def _order_cancellation(
        self, request: web.Request, account: FakeAccount | None
    ) -> web.StreamResponse:
        order = self._own_order(request, account)
        return self._ok(list(order.cancellation))

    async def _order_calculate(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        body = await self._json_body(request)
        errors = Errors(self.validation_status)
        for name in CALCULATE_REQUIRED:
            errors.missing(body, name)
        cities: dict[str, int] = {}
        for name in ("senderCityId", "receiverCityId"):
            city_id = as_int(body.get(name))
            if name not in errors.errors:
                if city_id not in CITIES:
                    errors.add(name, invalid_message(name))
                else:
                    cities[name] = city_id
        weight = as_decimal(body.get("weight"))
        if "weight" not in errors.errors and (weight is None or weight <= 0):
            errors.add("weight", "«Kg» 0 dan katta bo'lishi kerak.")
        deliveries: dict[str, int] = {}
        for name in ("senderDelivery", "receiverDelivery"):
            value = as_int(body.get(name, 1))
            if value not in (0, 1, 2):
                errors.add(name, invalid_message(name))
            else:
                deliveries[name] = value
        errors.raise_if_any()
        assert weight is not None
        total = price(
            cities["senderCityId"],
            cities["receiverCityId"],
            weight,
            deliveries["senderDelivery"],
            deliveries["receiverDelivery"],
        )
        request_data = {
            "weight": body.get("weight"),
            "volume": body.get("volume"),
            "senderCityId": body.get("senderCityId"),
            "receiverCityId": body.get("receiverCityId"),
            "senderDate": body.get("senderDate"),
            "senderDelivery": deliveries["senderDelivery"],
            "receiverDelivery": deliveries["receiverDelivery"],
        }
        return json_response({"summaryPrice": total, "requestData": request_data})

    # --- MXIK goods --------------------------------------------------------------------------

    async def _mxik_register(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        assert account is not None
        body = await self._json_body(request)
        errors = Errors(self.validation_status)
        for name in ("spic", "name", "units", "goodPrice"):
            errors.missing(body, name)
        spic = str(body.get("spic", "")).strip()
        if "spic" not in errors.errors and not (spic.isdigit() and len(spic) == 17):
            errors.add("spic", "«MXIK» 17 ta raqamdan iborat bo'lishi kerak.")
        good_price = as_decimal(body.get("goodPrice"))
        if "goodPrice" not in errors.errors and (good_price is None or good_price < 0):
            errors.add("goodPrice", invalid_message("goodPrice"))
        errors.raise_if_any()
        assert good_price is not None
        good = self.add_mxik_good(
            account.username, spic, str(body["name"]), str(body["units"]), int(good_price)
        )
        # The register answer prints the price as a string, the list as a number (seed 001).
        return self._ok({**good, "goodPrice": str(good["goodPrice"])})

    async def _mxik_list(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        """The goods, ``mxik_per_page`` a page (``?page=``), pages told as Yii does: in
        ``X-Pagination-*`` headers; the body stays the documented bare list."""
        assert account is not None
        goods = list(account.mxik_goods.values())
        page = self._query_int(request, "page", required=False) or 1
        per = self.mxik_per_page
        pages = max(1, -(-len(goods) // per))
        response = self._ok(goods[(page - 1) * per : page * per])
        response.headers.update(
            {
                "X-Pagination-Total-Count": str(len(goods)),
                "X-Pagination-Page-Count": str(pages),
                "X-Pagination-Current-Page": str(page),
                "X-Pagination-Per-Page": str(per),
            }
        )
        return response

    # --- international -----------------------------------------------------------------------

    async def _international_add(
        self, request: web.Request, account: FakeAccount | None
    ) -> web.StreamResponse:
        assert account is not None
        body = await self._json_body(request)
        errors = Errors(self.validation_status)
        for name in PARCEL_REQUIRED:
            errors.missing(body, name)
        out: dict[str, Any] = dict(body)
        for name in ("ReceiverPhone", "ReceiverPhone1"):
            if name in errors.errors or not body.get(name):
                continue
            try:
                out[name] = normalize_phone(str(body[name]))
            except InvalidPhone:
                errors.add(name, "«Telefon» noto'g'ri formatda.")
        pinfl = str(body.get("ReceiverPinfl", "")).strip()
        if "ReceiverPinfl" not in errors.errors and not (pinfl.isdigit() and len(pinfl) == 14):
            errors.add("ReceiverPinfl", "«JSHSHIR» 14 ta raqamdan iborat bo'lishi kerak.")
        weight = as_decimal(body.get("ParcelWeight"))
        if "ParcelWeight" not in errors.errors and (weight is None or weight <= 0):
            errors.add("ParcelWeight", "«Kg» 0 dan katta bo'lishi kerak.")
        delivery = as_int(body.get("ReceiverDelivery"))
        city_id = as_int(body.get("ReceiverCityId"))
        branch_id = as_int(body.get("ReceiverBranchId"))
        if "ReceiverDelivery" not in errors.errors:
            if delivery not in (0, 1):
                errors.add("ReceiverDelivery", invalid_message("ReceiverDelivery"))
            elif city_id is None or city_id not in CITIES:
                errors.add("ReceiverCityId", required_message("ReceiverCityId"))
            elif delivery == 0 and (branch_id not in BRANCHES or BRANCHES[branch_id].city_id != city_id):
                errors.add("ReceiverBranchId", "Filial «Qabul qilish shahri»da mavjud emas.")
            elif delivery == 1 and not body.get("ReceiverAddress"):
                errors.add("ReceiverAddress", required_message("ReceiverAddress"))
        products = body.get("products") or []
        if isinstance(products, dict):
            products = list(products.values())
        for i, product in enumerate(products):
            for name in PRODUCT_REQUIRED:
                if not isinstance(product, dict) or product.get(name) in (None, ""):
                    errors.add(f"products[{i}][{name}]", f"«{name}» ni to'ldirishingiz kerak.")
        parcel_number = str(body.get("ParcelNumber", ""))
        if any(
            p.owner == account.username and p.fields.get("ParcelNumber") == parcel_number
            for p in self.parcels.values()
        ):
            errors.add("ParcelNumber", "«Posilka raqami» allaqachon mavjud.")
        errors.raise_if_any()
        parcel_id = next(self._parcel_ids)
        barcode = f"010{parcel_id:08d}"
        parcel = FakeParcel(parcel_id, barcode, account.username, out)
        parcel.history.append((100, self._now()))
        self.parcels[barcode] = parcel
        return self._ok(self._parcel_json(parcel))

    def _parcel_json(self, parcel: FakeParcel) -> dict[str, Any]:
        f = parcel.fields
        city = CITIES.get(as_int(f.get("ReceiverCityId")) or 0)
        branch = BRANCHES.get(as_int(f.get("ReceiverBranchId")) or 0)
        data = {
            key: value
            for key, value in f.items()
            if key not in ("ReceiverCityId", "ReceiverBranchId", "products")
        }
        data.update(
            {
                "id": parcel.id,
                "barcode": parcel.barcode,
                "ReceiverPhone": pretty_phone(str(f["ReceiverPhone"])),
                "ReceiverDelivery": as_int(f.get("ReceiverDelivery")),
                "branch": {"ReceiverBranchId": branch.id, "name": branch.name} if branch else None,
                "city": {"ReceiverCityId": city.id, "name": city.name} if city else None,
                "products": f.get("products") or [],
                "status": {"code": parcel.status, "message": INTERNATIONAL_STATUS_MESSAGE[parcel.status]},
            }
        )
        if f.get("ReceiverPhone1"):
            data["ReceiverPhone1"] = pretty_phone(str(f["ReceiverPhone1"]))
        if not self.rich:  # seed 001's answer echoes the parcel: no id, barcode or status
            for key in ("id", "barcode", "status"):
                data.pop(key, None)
        return data

    async def _international_track(
        self, request: web.Request, account: FakeAccount | None
    ) -> web.StreamResponse:
        assert account is not None
        barcode = request.query.get("barcode", "").strip()
        if not barcode:
            raise validation_error({"barcode": [required_message("barcode")]}, self.validation_status)
        parcel = self.parcels.get(barcode)
        if parcel is None:
            raise status_error(404, "error.not_found")
        if parcel.owner != account.username:
            raise status_error(403, "Forbidden")
        message = INTERNATIONAL_STATUS_MESSAGE[parcel.status]
        return self._ok({"barcode": parcel.barcode, "status": {"code": parcel.status, "message": message}})

    async def _international_manifest(
        self, request: web.Request, account: FakeAccount | None
    ) -> web.StreamResponse:
        assert account is not None
        body = await self._json_body(request)
        errors = Errors(self.validation_status)
        for name in MANIFEST_REQUIRED:
            if body.get(name) in (None, ""):
                # The document prints these two ways: English for ManifestNumber, Uzbek otherwise.
                text = "cannot be blank.." if name == "ManifestNumber" else "bo'sh bo'lishi mumkin emas.."
                errors.add(name, f"{name} {text}")
        count = as_int(body.get("ParcelsCount"))
        if "ParcelsCount" not in errors.errors and (count is None or count < 1):
            errors.add("ParcelsCount", "ParcelsCount butun son bo'lishi kerak..")
        parcel_number = body.get("ParcelNumber")
        if "ParcelNumber" not in errors.errors and not any(
            p.owner == account.username and p.fields.get("ParcelNumber") == parcel_number
            for p in self.parcels.values()
        ):
            errors.add("ParcelNumber", "ParcelNumber topilmadi..")
        errors.raise_if_any()
        self.manifests.append({"owner": account.username, **body})
        answer = {"success": True, "message": "Manifest processed successfully.."}
        return json_response(answer if not self.envelope else {**answer, "status": True, "status_code": 200})

    # --- directory ---------------------------------------------------------------------------

    async def _branches(self, request: web.Request, account: FakeAccount | None) -> web.StreamResponse:
        region_id = self._query_int(request, "regionId", required=False)
        items = [
            branch_json(b)
            for b in BRANCHES.values()
            if region_id is None or CITIES[b.city_id].region_id == region_id
        ]
        return self._ok(items)

    async def _branches_with_city(
        self, request: web.Request, account: FakeAccount | None
    ) -> web.StreamResponse:
        city_id = self._query_int(request, "cityId", required=False)
        items = [
            branch_json(b, with_city=self.rich)
            for b in BRANCHES.values()
            if city_id is None or b.city_id == city_id
        ]
        return self._ok(items)


# --- standalone ------------------------------------------------------------------------------


async def start_demo(host: str = "127.0.0.1", port: int = 0) -> BtsFake:
    """Start a fake with the demo account, its MXIK goods and three demo orders."""
    fake = BtsFake(host, port)
    fake.seed_demo()
    await fake.start()
    return fake


async def _serve(host: str, port: int) -> None:
    fake = await start_demo(host, port)
    print(
        f"BTS fake on {fake.url}  (query style: {fake.url}/index.php?r=v1/..., path style: {fake.url}/v1/...)"
    )
    print(f"demo account: {DEMO_USERNAME} / {DEMO_PASSWORD} / INN {DEMO_INN}; orders {sorted(fake.orders)}")
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the BTS courier API fake with demo data.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port))


if __name__ == "__main__":
    main()
