"""The BTS courier API client: one async class around one injected ``httpx.AsyncClient``.

One client serves every seller account: each call takes the account's ``BtsCredentials``.
Tokens are obtained lazily, cached per account (username + INN) in a ``TokenStore``, and
renewed once when the API refuses them (a 401, or a 400 that is not a field validation error,
api-notes "Auth"); callers of the same account that hit the refusal together share that one
login.

Retries (``services.common.http.call_with_retry``): reads are repeated on connection errors,
timeouts, 5xx and 429 (honouring ``Retry-After``); creates, edits and cancels only on 429/503
or when the connection was never made. Anything else that may have reached BTS on a create
raises ``BtsOutcomeUnknown`` and is never re-sent.
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from services.bts.errors import (
    BtsAuthError,
    BtsBadResponse,
    BtsError,
    BtsNotFound,
    BtsOutcomeUnknown,
    BtsRateLimited,
    BtsUnavailable,
    BtsValidationError,
    error_from_response,
    error_from_transport,
    extract_message,
)
from services.bts.models import (
    Branch,
    BtsCredentials,
    CalculateRequest,
    CalculateResult,
    CancellationReason,
    CancelResult,
    HistoryEvent,
    InternationalOrder,
    InternationalOrderCreate,
    InternationalTrack,
    ManifestCreate,
    ManifestResult,
    MxikGood,
    MxikGoodCreate,
    Order,
    OrderCreate,
    OrderEditFlat,
    OrderEditNested,
    OrderTrack,
)
from services.bts.routes import Route, build_url, normalize_route
from services.common.digits import is_digits
from services.common.http import RetryPolicy, call_with_retry, default_timeout
from services.settings import RouteStyle, Settings

__all__ = ["BtsClient", "InMemoryTokenStore", "TokenStore"]

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

DEFAULT_RETRY = RetryPolicy()  # frozen: safe to share as a default


class TokenStore(Protocol):
    """Where tokens live between calls (storage persists them encrypted; tests use memory)."""

    async def get(self, account: BtsCredentials) -> str | None: ...

    async def set(self, account: BtsCredentials, token: str | None) -> None:
        """Remember ``token`` for ``account``; ``None`` forgets it."""


class InMemoryTokenStore:
    """The default ``TokenStore``: a dict keyed by ``BtsCredentials.key``."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    async def get(self, account: BtsCredentials) -> str | None:
        return self._tokens.get(account.key)

    async def set(self, account: BtsCredentials, token: str | None) -> None:
        if token is None:
            self._tokens.pop(account.key, None)
        else:
            self._tokens[account.key] = token


class _Kind(enum.Enum):
    READ = "read"  # safe to repeat: GETs, calculate, get-token
    CREATE = "create"  # must not be repeated once it may have reached BTS


def _needs_relogin(exc: BtsError) -> bool:
    """A 401, or a 400 without field errors: the token is stale (api-notes, "Auth")."""
    if isinstance(exc, BtsAuthError):
        return True
    return isinstance(exc, BtsValidationError) and exc.status_code == 400 and not exc.field_errors


def _embedded_status(body: object) -> int | None:
    """``{"status": false, "status_code": 404, ...}`` inside a 2xx: the status it really means."""
    if not isinstance(body, Mapping):
        return None
    if body.get("status") is False or body.get("success") is False:
        code = body.get("status_code", body.get("code"))
        try:
            status = int(code) if code is not None else 0
        except (TypeError, ValueError):
            status = 0
        return status if status >= 400 else 0
    if isinstance(body.get("errors"), Mapping | list) and body.get("errors"):
        return 422
    return None


def _unwrap(body: object) -> object:
    """``{"status": true, "data": {...}}`` → ``{...}``; unwrapped answers (calculate) pass through."""
    if isinstance(body, Mapping) and isinstance(body.get("data"), Mapping | list):
        return body["data"]
    return body


class _Paged(list[Any]):
    """A JSON list answer that said how many pages there are (Yii's X-Pagination-* headers)."""

    page_count: int | None = None


def _page_count(data: object) -> int | None:
    if isinstance(data, _Paged):
        return data.page_count
    body = _unwrap(data)
    meta = body.get("_meta") if isinstance(body, Mapping) else None
    if isinstance(meta, Mapping):
        try:
            return int(meta.get("pageCount"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
    return None


def _as_list(data: object) -> object:
    if isinstance(data, Mapping):
        for key in ("items", "list", "branches", "history"):
            if isinstance(data.get(key), list):
                return data[key]
    return data


class BtsClient:
    """BTS courier API (seeds 000, 001). Every method takes the seller account's credentials."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        route_style: RouteStyle,
        *,
        mxik_register_route: str,
        mxik_list_route: str,
        retry: RetryPolicy = DEFAULT_RETRY,
        token_store: TokenStore | None = None,
        language: str | None = "uz",
    ) -> None:
        self._http = http
        self._base_url = base_url
        self._route_style = RouteStyle(route_style)
        self._mxik_register_route = normalize_route(mxik_register_route)
        self._mxik_list_route = normalize_route(mxik_list_route)
        self._retry = retry
        self._tokens: TokenStore = token_store if token_store is not None else InMemoryTokenStore()
        self._language = language
        self._login_locks: dict[str, asyncio.Lock] = {}
        self._owns_http = False

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        http: httpx.AsyncClient | None = None,
        token_store: TokenStore | None = None,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> BtsClient:
        """Build from settings; without ``http`` the client makes (and ``aclose`` closes) its own."""
        owns = http is None
        if http is None:
            http = httpx.AsyncClient(timeout=default_timeout(settings.bts_timeout))
        client = cls(
            http,
            settings.bts_base_url,
            settings.bts_route_style,
            mxik_register_route=settings.bts_mxik_register_route,
            mxik_list_route=settings.bts_mxik_list_route,
            retry=retry,
            token_store=token_store,
            language=settings.default_language,
        )
        client._owns_http = owns
        return client

    async def aclose(self) -> None:
        """Close the HTTP client if this object made it (an injected one belongs to its owner)."""
        if self._owns_http:
            await self._http.aclose()

    @property
    def route_style(self) -> RouteStyle:
        return self._route_style

    def url(self, route: str, params: Mapping[str, str | int | None] | None = None) -> str:
        return build_url(self._base_url, self._route_style, route, params)

    # --- tokens ----------------------------------------------------------------------------

    @property
    def token_store(self) -> TokenStore:
        return self._tokens

    async def cached_token(self, account: BtsCredentials) -> str | None:
        return await self._tokens.get(account)

    async def seed_token(self, account: BtsCredentials, token: str) -> None:
        """Start from a token kept elsewhere (e.g. decrypted from storage)."""
        await self._tokens.set(account, token)

    async def forget_token(self, account: BtsCredentials) -> None:
        await self._tokens.set(account, None)

    async def get_token(self, account: BtsCredentials) -> str:
        """``v1/auth/get-token``: a fresh token (not cached; ``login`` caches it).

        A refusal (wrong password, ``"Invalid INN"``, 401/403/400) is ``BtsAuthError``.
        """
        body = {
            "username": account.username,
            "password": account.password.get_secret_value(),
            "inn": account.inn,
        }
        try:
            answer = await self._send(_Kind.READ, "POST", Route.GET_TOKEN, token=None, body=body)
        except (BtsRateLimited, BtsUnavailable, BtsBadResponse, BtsNotFound, BtsOutcomeUnknown):
            raise
        except BtsValidationError as exc:
            # Field errors of the login form are a refusal of the credentials.
            texts = [m for msgs in exc.field_errors.values() for m in msgs]
            raise BtsAuthError(
                "; ".join(texts) or exc.message, status_code=exc.status_code, request_id=exc.request_id
            ) from None
        except BtsError as exc:
            raise BtsAuthError(exc.message, status_code=exc.status_code, request_id=exc.request_id) from None
        token = self._token_from(answer)
        if token is None:
            text = extract_message(answer)
            if text:
                raise BtsAuthError(f"{Route.GET_TOKEN}: {text}", status_code=200)
            raise BtsBadResponse(f"{Route.GET_TOKEN}: no token in the answer", status_code=200)
        logger.info("BTS login ok for account %s", account.username)
        return token

    @staticmethod
    def _token_from(answer: object) -> str | None:
        if not isinstance(answer, Mapping):
            return None
        data = answer.get("data")
        for holder in (data, answer):
            if isinstance(holder, Mapping):
                token = holder.get("token")
                if isinstance(token, str) and token.strip():
                    return token.strip()
        return None

    async def login(self, account: BtsCredentials) -> str:
        """Log in now and cache the token."""
        return await self._relogin(account, stale=None, force=True)

    async def _current_token(self, account: BtsCredentials) -> str:
        token = await self._tokens.get(account)
        if token:
            return token
        return await self._relogin(account, stale=None)

    async def _relogin(self, account: BtsCredentials, *, stale: str | None, force: bool = False) -> str:
        """One login per account at a time; whoever waited reuses the token the first one got."""
        lock = self._login_locks.setdefault(account.key, asyncio.Lock())
        async with lock:
            current = await self._tokens.get(account)
            if not force and current and current != stale:
                return current
            try:
                token = await self.get_token(account)
            except BtsAuthError:
                await self._tokens.set(account, None)
                raise
            await self._tokens.set(account, token)
            return token

    # --- transport -------------------------------------------------------------------------

    async def _call(
        self,
        account: BtsCredentials,
        kind: _Kind,
        method: str,
        route: str,
        *,
        params: Mapping[str, str | int | None] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> object:
        token = await self._current_token(account)
        try:
            return await self._send(kind, method, route, token=token, params=params, body=body)
        except BtsError as exc:
            if not _needs_relogin(exc):
                raise
            logger.info("BTS %s refused the token (HTTP %s): logging in again", route, exc.status_code)
        token = await self._relogin(account, stale=token)
        return await self._send(kind, method, route, token=token, params=params, body=body)

    async def _send(
        self,
        kind: _Kind,
        method: str,
        route: str,
        *,
        token: str | None,
        params: Mapping[str, str | int | None] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> object:
        url = self.url(route, params)
        headers = {"Accept": "application/json"}
        if self._language:
            headers["language"] = self._language
        if token:
            headers["Authorization"] = f"Bearer {token}"
        create = kind is _Kind.CREATE

        async def attempt(number: int) -> object:
            try:
                response = await self._http.request(method, url, headers=headers, json=body)
            except httpx.TransportError as exc:
                error = error_from_transport(exc, create=create, route=route)
                logger.warning("BTS %s %s failed (attempt %d): %s", method, route, number + 1, error)
                raise error from exc
            logger.debug("BTS %s %s -> %d (attempt %d)", method, route, response.status_code, number + 1)
            return self._read(response, route=route, create=create)

        return await call_with_retry(attempt, self._retry)

    @staticmethod
    def _read(response: httpx.Response, *, route: str, create: bool) -> object:
        status = response.status_code
        request_id = response.headers.get("x-request-id")
        malformed = False
        body: object = None
        if response.content:
            try:
                body = response.json()
            except (json.JSONDecodeError, UnicodeDecodeError):
                malformed = True
                body = response.text[:500]
        if not 200 <= status < 300:
            raise error_from_response(
                status, body, response.headers, create=create, route=route, request_id=request_id
            )
        if malformed or body is None:
            problem = BtsBadResponse(f"{route}: unreadable answer", status_code=status, request_id=request_id)
            if create:
                raise BtsOutcomeUnknown(
                    f"{route}: answer lost (unreadable)", status_code=status, request_id=request_id
                ) from problem
            raise problem
        embedded = _embedded_status(body)
        if embedded is not None:
            raise error_from_response(
                embedded or status, body, response.headers, create=create, route=route, request_id=request_id
            )
        pages = response.headers.get("x-pagination-page-count")
        if pages and is_digits(pages.strip()):
            items = body if isinstance(body, list) else _unwrap(body)
            if isinstance(items, list):
                paged = _Paged(items)
                paged.page_count = int(pages)
                return paged
        return body

    @staticmethod
    def _parse(model: type[M], data: object, *, route: str, create: bool = False) -> M:
        try:
            return model.model_validate(_unwrap(data))
        except ValidationError as exc:
            raise BtsClient._shape_error(route, create, exc) from exc

    @staticmethod
    def _parse_list(model: type[M], data: object, *, route: str) -> list[M]:
        try:
            return TypeAdapter(list[model]).validate_python(_as_list(_unwrap(data)))  # type: ignore[valid-type]
        except ValidationError as exc:
            raise BtsClient._shape_error(route, False, exc) from exc

    @staticmethod
    def _shape_error(route: str, create: bool, exc: ValidationError) -> BtsError:
        detail = f"{route}: unexpected answer ({exc.error_count()} problems)"
        if create:
            # It was accepted (2xx) but we cannot read what was made: check before repeating.
            return BtsOutcomeUnknown(detail, status_code=200)
        return BtsBadResponse(detail, status_code=200)

    # --- local orders ----------------------------------------------------------------------

    async def create_order(self, account: BtsCredentials, order: OrderCreate) -> Order:
        """``order/add``: never re-sent once it may have reached BTS (``BtsOutcomeUnknown``)."""
        data = await self._call(account, _Kind.CREATE, "POST", Route.ORDER_ADD, body=order.to_wire())
        return self._parse(Order, data, route=Route.ORDER_ADD, create=True)

    async def edit_order(self, account: BtsCredentials, edit: OrderEditFlat) -> Order:
        """``order/edit`` (flat, seed 001): the whole order with ``orderId`` in the body."""
        data = await self._call(account, _Kind.CREATE, "POST", Route.ORDER_EDIT, body=edit.to_wire())
        return self._parse(Order, data, route=Route.ORDER_EDIT, create=True)

    async def edit_order_nested(self, account: BtsCredentials, order_id: int, edit: OrderEditNested) -> Order:
        """``v1/order/edit?orderId=`` (nested, seed 000)."""
        data = await self._call(
            account,
            _Kind.CREATE,
            "POST",
            Route.ORDER_EDIT,
            params={"orderId": order_id},
            body=edit.to_wire(),
        )
        return self._parse(Order, data, route=Route.ORDER_EDIT, create=True)

    async def get_order(self, account: BtsCredentials, order_id: int) -> Order:
        data = await self._call(account, _Kind.READ, "GET", Route.ORDER_DETAIL, params={"id": order_id})
        return self._parse(Order, data, route=Route.ORDER_DETAIL)

    async def cancel_order(self, account: BtsCredentials, order_id: int) -> CancelResult:
        data = await self._call(account, _Kind.CREATE, "GET", Route.ORDER_CANCEL, params={"id": order_id})
        return self._parse(CancelResult, data, route=Route.ORDER_CANCEL, create=True)

    async def calculate(self, account: BtsCredentials, request: CalculateRequest) -> CalculateResult:
        """``order/calculate``: a POST, but a pure read, so retried like one."""
        data = await self._call(account, _Kind.READ, "POST", Route.ORDER_CALCULATE, body=request.to_wire())
        return self._parse(CalculateResult, data, route=Route.ORDER_CALCULATE)

    async def track_order(self, account: BtsCredentials, order_id: int) -> OrderTrack:
        data = await self._call(account, _Kind.READ, "GET", Route.ORDER_TRACK, params={"id": order_id})
        return self._parse(OrderTrack, data, route=Route.ORDER_TRACK)

    async def order_history(self, account: BtsCredentials, order_id: int) -> list[HistoryEvent]:
        data = await self._call(account, _Kind.READ, "GET", Route.ORDER_HISTORY, params={"id": order_id})
        return self._parse_list(HistoryEvent, data, route=Route.ORDER_HISTORY)

    async def cancellation_reasons(self, account: BtsCredentials, order_id: int) -> list[CancellationReason]:
        data = await self._call(account, _Kind.READ, "GET", Route.ORDER_CANCELLATION, params={"id": order_id})
        return self._parse_list(CancellationReason, data, route=Route.ORDER_CANCELLATION)

    # --- MXIK goods ------------------------------------------------------------------------

    async def register_mxik_good(self, account: BtsCredentials, good: MxikGoodCreate) -> MxikGood:
        route = self._mxik_register_route
        data = await self._call(account, _Kind.CREATE, "POST", route, body=good.to_wire())
        return self._parse(MxikGood, data, route=route, create=True)

    async def list_mxik_goods(self, account: BtsCredentials, *, max_pages: int = 50) -> list[MxikGood]:
        """Every registered good, all pages: a Yii list says its pages in ``X-Pagination-Page-Count``
        (or in ``_meta.pageCount`` of an ``items`` answer); ``?page=2`` and on are read until the last."""
        route = self._mxik_list_route
        goods: list[MxikGood] = []
        page = 1
        while True:
            data = await self._call(
                account, _Kind.READ, "GET", route, params={"page": page} if page > 1 else None
            )
            goods.extend(self._parse_list(MxikGood, data, route=route))
            pages = _page_count(data)
            if pages is None or page >= min(pages, max_pages):
                break
            page += 1
        return list({g.id: g for g in goods}.values())

    # --- international ---------------------------------------------------------------------

    async def create_international_order(
        self, account: BtsCredentials, order: InternationalOrderCreate
    ) -> InternationalOrder:
        route = Route.INTERNATIONAL_ADD
        data = await self._call(account, _Kind.CREATE, "POST", route, body=order.to_wire())
        return self._parse(InternationalOrder, data, route=route, create=True)

    async def track_international(self, account: BtsCredentials, barcode: str) -> InternationalTrack:
        route = Route.INTERNATIONAL_TRACK
        data = await self._call(account, _Kind.READ, "GET", route, params={"barcode": barcode})
        return self._parse(InternationalTrack, data, route=route)

    async def send_manifest(self, account: BtsCredentials, manifest: ManifestCreate) -> ManifestResult:
        route = Route.INTERNATIONAL_MANIFEST
        data = await self._call(account, _Kind.CREATE, "POST", route, body=manifest.to_wire())
        return self._parse(ManifestResult, data, route=route, create=True)

    # --- directory -------------------------------------------------------------------------

    async def list_branches(self, account: BtsCredentials, region_id: int | None = None) -> list[Branch]:
        """``directory/branches[?regionId=]``: BTS offices, all or of one region."""
        route = Route.DIRECTORY_BRANCHES
        data = await self._call(account, _Kind.READ, "GET", route, params={"regionId": region_id})
        return self._parse_list(Branch, data, route=route)

    async def list_branches_with_city(
        self, account: BtsCredentials, city_id: int | None = None
    ) -> list[Branch]:
        """``directory/branches-with-city[?cityId=]``: BTS offices, all or of one city."""
        route = Route.DIRECTORY_BRANCHES_WITH_CITY
        data = await self._call(account, _Kind.READ, "GET", route, params={"cityId": city_id})
        return self._parse_list(Branch, data, route=route)
