"""Async client of the BTS fulfillment WMS (``http://wms.bts.uz:8040/``, seeds 001 and 002).

One ``WmsClient`` serves every seller: each call names the account (``WmsCredentials``), and the
tokens are cached per account login.

Auth: ``POST v1/auth/login`` (login = INN or phone, password) answers ``access_token`` and
``refresh_token``. The refresh route is not documented; it is a constructor argument,
``refresh_route="v1/auth/refresh"`` with body ``{"refresh_token": ...}`` by default. On a 401
the client uses the refresh token first and logs in again only if the refresh is refused, then
repeats the request once. Concurrent callers of one account share that single refresh or login
(one ``asyncio.Lock`` per account; whoever gets the lock second sees the token already renewed).

Retries (``services.common.http.call_with_retry``):
- reads and ``client-status`` acknowledgements (idempotent: marking a record delivered twice is
  harmless) on timeouts, dropped connections, 5xx and 429, honouring ``Retry-After``;
- creates only when the WMS certainly did not process them: 429, 503, a refused connection;
  a create that timed out after sending, lost its connection, or got 500/502/504 raises
  ``WmsOutcomeUnknown`` and is never re-sent (check the lists before creating again).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from services.common.http import RetryPolicy, call_with_retry, default_timeout, parse_retry_after
from services.wms.errors import (
    WmsAuthError,
    WmsBadResponse,
    WmsError,
    WmsOutcomeUnknown,
    WmsUnavailable,
    WmsValidationError,
    error_from_response,
)
from services.wms.models import (
    ClientStatusRequest,
    FulfillmentOrder,
    FulfillmentOrderCreate,
    MessageAnswer,
    PageMeta,
    Product,
    ProductCreate,
    Purveyor,
    PurveyorCreate,
    ReceivingGoods,
    ReceivingGoodsCreate,
    TokenPair,
    WmsCredentials,
    WmsPage,
)

log = logging.getLogger(__name__)

DEFAULT_RETRY = RetryPolicy()

T = TypeVar("T", bound=BaseModel)
M = TypeVar("M", bound=BaseModel)

LOGIN_ROUTE = "v1/auth/login"
DEFAULT_REFRESH_ROUTE = "v1/auth/refresh"


class Route:
    """Every WMS route the client calls, in one table."""

    PURVEYOR_CREATE = "v1/purveyor/create"
    PURVEYOR_LIST = "v1/purveyor/clients"
    PURVEYOR_STATUS = "v1/purveyor/client-status"
    PRODUCT_CREATE = "v1/product/create"
    PRODUCT_LIST = "v1/product/clients"
    PRODUCT_STATUS = "v1/product/client-status"
    RECEIVING_CREATE = "v1/receiving-goods/create"
    RECEIVING_LIST = "v1/receiving-goods/clients"
    RECEIVING_STATUS = "v1/receiving-goods/client-status"
    ORDER_CREATE = "v1/order/create"
    # Not documented as a route: the create answer links to it (``_links.self.href``).
    ORDER_VIEW = "v1/order/view"


LIST_ROUTES = {
    "purveyor": Route.PURVEYOR_LIST,
    "product": Route.PRODUCT_LIST,
    "receiving-goods": Route.RECEIVING_LIST,
}
STATUS_ROUTES = {
    "purveyor": Route.PURVEYOR_STATUS,
    "product": Route.PRODUCT_STATUS,
    "receiving-goods": Route.RECEIVING_STATUS,
}


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page of a ``clients`` list with its records as the WMS sent them (to store them as such)."""

    items: list[dict[str, Any]]
    meta: PageMeta


def wms_url(base_url: str, route: str) -> str:
    """The one place WMS URLs are built: path routes under the base (seed 002's full URL)."""
    return f"{base_url.rstrip('/')}/{route.strip('/')}"


async def iter_pages(
    fetch: Callable[[int], Awaitable[WmsPage[T]]],
    *,
    start: int = 1,
    max_pages: int = 10_000,
) -> AsyncIterator[T]:
    """Every item of a paginated list, page after page, until ``_meta`` says it was the last.

    The ``clients`` lists hold what is still unacknowledged: read them to the end first, then
    acknowledge, or the pages shift under the iteration.
    """
    page_number = start
    for _ in range(max_pages):
        page = await fetch(page_number)
        for item in page.items:
            yield item
        if not page.items or not page.has_next:
            return
        page_number = page.meta.current_page + 1 if page.meta.current_page else page_number + 1


@dataclass
class _Session:
    """Tokens of one account. ``lock`` serialises login and refresh."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    access: str | None = None
    refresh: str | None = None


class WmsClient:
    """The BTS fulfillment WMS over one injected ``httpx.AsyncClient``."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        *,
        retry: RetryPolicy = DEFAULT_RETRY,
        timeout: float = 15.0,
        refresh_route: str = DEFAULT_REFRESH_ROUTE,
        per_page: int | None = None,
    ) -> None:
        self._http = http
        self._base_url = base_url
        self._retry = retry
        self._timeout = default_timeout(timeout)
        self._refresh_route = refresh_route
        self._per_page = per_page
        self._sessions: dict[str, _Session] = {}

    # --- purveyors ------------------------------------------------------------------------

    async def create_purveyor(self, account: WmsCredentials, purveyor: PurveyorCreate) -> Purveyor:
        data = await self._call(account, "POST", Route.PURVEYOR_CREATE, json=purveyor.to_json(), create=True)
        return self._parse(Purveyor, data)

    async def list_purveyors(
        self, account: WmsCredentials, *, page: int = 1, per_page: int | None = None
    ) -> WmsPage[Purveyor]:
        return await self._list(account, Route.PURVEYOR_LIST, WmsPage[Purveyor], page, per_page)

    def iter_purveyors(
        self, account: WmsCredentials, *, per_page: int | None = None
    ) -> AsyncIterator[Purveyor]:
        return iter_pages(lambda n: self.list_purveyors(account, page=n, per_page=per_page))

    async def acknowledge_purveyors(self, account: WmsCredentials, ids: Sequence[int]) -> str:
        return await self._acknowledge(account, Route.PURVEYOR_STATUS, ids)

    # --- products -------------------------------------------------------------------------

    async def create_product(self, account: WmsCredentials, product: ProductCreate) -> Product:
        data = await self._call(account, "POST", Route.PRODUCT_CREATE, json=product.to_json(), create=True)
        return self._parse(Product, data)

    async def list_products(
        self, account: WmsCredentials, *, page: int = 1, per_page: int | None = None
    ) -> WmsPage[Product]:
        return await self._list(account, Route.PRODUCT_LIST, WmsPage[Product], page, per_page)

    def iter_products(
        self, account: WmsCredentials, *, per_page: int | None = None
    ) -> AsyncIterator[Product]:
        return iter_pages(lambda n: self.list_products(account, page=n, per_page=per_page))

    async def acknowledge_products(self, account: WmsCredentials, ids: Sequence[int]) -> str:
        return await self._acknowledge(account, Route.PRODUCT_STATUS, ids)

    # --- receiving goods ------------------------------------------------------------------

    async def create_receiving_goods(
        self, account: WmsCredentials, receiving: ReceivingGoodsCreate
    ) -> ReceivingGoods:
        data = await self._call(
            account, "POST", Route.RECEIVING_CREATE, json=receiving.to_json(), create=True
        )
        return self._parse(ReceivingGoods, data)

    async def list_receiving_goods(
        self, account: WmsCredentials, *, page: int = 1, per_page: int | None = None
    ) -> WmsPage[ReceivingGoods]:
        return await self._list(account, Route.RECEIVING_LIST, WmsPage[ReceivingGoods], page, per_page)

    def iter_receiving_goods(
        self, account: WmsCredentials, *, per_page: int | None = None
    ) -> AsyncIterator[ReceivingGoods]:
        return iter_pages(lambda n: self.list_receiving_goods(account, page=n, per_page=per_page))

    async def acknowledge_receiving_goods(self, account: WmsCredentials, ids: Sequence[int]) -> str:
        return await self._acknowledge(account, Route.RECEIVING_STATUS, ids)

    # --- any clients list, raw (the sync) ---------------------------------------------------

    async def list_raw(
        self, account: WmsCredentials, kind: str, *, page: int = 1, per_page: int | None = None
    ) -> RawPage:
        """One page of the ``kind`` (``purveyor``, ``product``, ``receiving-goods``) clients list.

        Items are the JSON objects as answered (those without an integer ``id`` are dropped: they
        could be neither stored nor acknowledged).
        """
        params: dict[str, int] = {"page": page}
        size = per_page or self._per_page
        if size:
            params["per-page"] = size
        data = await self._call(account, "GET", LIST_ROUTES[kind], params=params)
        if not isinstance(data, Mapping):
            raise WmsBadResponse("a list answer without data", body=data)
        raw_items = data.get("items")
        items = [
            dict(item)
            for item in (raw_items if isinstance(raw_items, list) else [])
            if isinstance(item, Mapping)
            and isinstance(item.get("id"), int)
            and not isinstance(item["id"], bool)
        ]
        meta = self._parse(PageMeta, data.get("_meta") or {})
        return RawPage(items, meta)

    async def acknowledge(self, account: WmsCredentials, kind: str, ids: Sequence[int]) -> str:
        """``kind``/client-status with ``[{"id": N, "status": "ok"}]`` for exactly ``ids``."""
        return await self._acknowledge(account, STATUS_ROUTES[kind], ids)

    # --- fulfillment orders ---------------------------------------------------------------

    async def create_fulfillment_order(
        self, account: WmsCredentials, order: FulfillmentOrderCreate
    ) -> FulfillmentOrder:
        data = await self._call(account, "POST", Route.ORDER_CREATE, json=order.to_json(), create=True)
        return self._parse(FulfillmentOrder, data)

    async def get_fulfillment_order(self, account: WmsCredentials, wms_id: int) -> FulfillmentOrder:
        """``v1/order/view?id=`` with the WMS id (``FulfillmentOrder.id``), as linked by create."""
        data = await self._call(account, "GET", Route.ORDER_VIEW, params={"id": wms_id})
        return self._parse(FulfillmentOrder, data)

    # --- auth -----------------------------------------------------------------------------

    async def login(self, account: WmsCredentials) -> None:
        """Log in now (e.g. to check credentials a seller just typed); raises ``WmsAuthError``."""
        session = self._session(account)
        async with session.lock:
            await self._login_locked(account, session)

    def tokens(self, account: WmsCredentials) -> tuple[str | None, str | None]:
        """The cached ``(access, refresh)`` tokens of an account (to store them encrypted)."""
        session = self._sessions.get(account.login)
        return (session.access, session.refresh) if session is not None else (None, None)

    def restore(self, account: WmsCredentials, access: str | None, refresh: str | None) -> None:
        """Seed the cache with stored tokens (after a restart), unless it holds some already."""
        session = self._session(account)
        if session.access is None and access:
            session.access, session.refresh = access, refresh

    def forget(self, account: WmsCredentials) -> None:
        """Drop the cached tokens of an account (its credentials changed or were removed)."""
        self._sessions.pop(account.login, None)

    def _session(self, account: WmsCredentials) -> _Session:
        session = self._sessions.get(account.login)
        if session is None:
            session = self._sessions[account.login] = _Session()
        return session

    async def _access_token(self, account: WmsCredentials) -> str:
        session = self._session(account)
        if session.access is not None:
            return session.access
        async with session.lock:
            if session.access is None:
                await self._login_locked(account, session)
            assert session.access is not None
            return session.access

    async def _renew(self, account: WmsCredentials, stale: str) -> str:
        """After a 401 with ``stale``: refresh (or log in again), once for all concurrent callers."""
        session = self._session(account)
        async with session.lock:
            if session.access is not None and session.access != stale:
                return session.access  # another caller renewed it while we waited
            pair: TokenPair | None = None
            if session.refresh:
                try:
                    pair = await self._token_request(self._refresh_route, {"refresh_token": session.refresh})
                    log.info("wms: access token refreshed for an account")
                except WmsAuthError:
                    log.info("wms: refresh token refused, logging in again")
            if pair is None:
                session.access = session.refresh = None
                await self._login_locked(account, session)
            else:
                session.access = pair.access_token
                session.refresh = pair.refresh_token or session.refresh
            assert session.access is not None
            return session.access

    async def _login_locked(self, account: WmsCredentials, session: _Session) -> None:
        pair = await self._token_request(
            LOGIN_ROUTE, {"login": account.login, "password": account.password.get_secret_value()}
        )
        session.access = pair.access_token
        session.refresh = pair.refresh_token
        log.info("wms: logged in")

    async def _token_request(self, route: str, body: dict[str, str]) -> TokenPair:
        """Login or refresh; any refusal (400, 401, 403, 422) is an ``WmsAuthError``."""
        response = await self._send("POST", route, json=body, create=False)
        if response.status_code in (400, 401, 403, 422):
            payload = self._json_or_none(response)
            error = error_from_response(response.status_code, payload)
            field_errors = error.field_errors if isinstance(error, WmsValidationError) else {}
            detail = "; ".join(m for msgs in field_errors.values() for m in msgs) or error.message
            raise WmsAuthError(detail, status_code=response.status_code, body=payload)
        payload = self._payload(response, create=False)
        data = payload.get("data") if isinstance(payload.get("data"), Mapping) else payload
        try:
            return TokenPair.model_validate(data)
        except ValidationError as exc:
            raise WmsBadResponse(
                "no access_token in the login answer", status_code=response.status_code
            ) from exc

    # --- transport ------------------------------------------------------------------------

    async def _list(
        self,
        account: WmsCredentials,
        route: str,
        model: type[WmsPage[T]],
        page: int,
        per_page: int | None,
    ) -> WmsPage[T]:
        params: dict[str, int] = {"page": page}
        size = per_page or self._per_page
        if size:
            params["per-page"] = size
        data = await self._call(account, "GET", route, params=params)
        return self._parse(model, data)

    async def _acknowledge(self, account: WmsCredentials, route: str, ids: Sequence[int]) -> str:
        body = ClientStatusRequest.ok(list(ids)).to_json()
        data = await self._call(account, "POST", route, json=body, unwrap=False)
        return self._parse(MessageAnswer, data).message

    async def _call(
        self,
        account: WmsCredentials,
        method: str,
        route: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        create: bool = False,
        unwrap: bool = True,
    ) -> Any:
        """One API call with auth, the 401 renewal and the retry policy; returns ``data``."""

        async def attempt(number: int) -> Any:
            token = await self._access_token(account)
            response = await self._send(method, route, params=params, json=json, token=token, create=create)
            if response.status_code == 401:
                log.info("wms: 401 on %s, renewing the token", route)
                token = await self._renew(account, token)
                response = await self._send(
                    method, route, params=params, json=json, token=token, create=create
                )
            payload = self._payload(response, create=create)
            if unwrap and "data" in payload:
                return payload["data"]
            return payload

        return await call_with_retry(attempt, self._retry)

    async def _send(
        self,
        method: str,
        route: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        token: str | None = None,
        create: bool,
    ) -> httpx.Response:
        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = await self._http.request(
                method,
                wms_url(self._base_url, route),
                params=params,
                json=json,
                headers=headers,
                timeout=self._timeout,
            )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # The request never left: repeating it is safe even for a create.
            raise WmsUnavailable(f"cannot connect to the WMS: {exc.__class__.__name__}") from exc
        except httpx.TransportError as exc:
            if create:
                raise WmsOutcomeUnknown(
                    f"the WMS did not answer {route} after it was sent: {exc.__class__.__name__}"
                ) from exc
            raise WmsUnavailable(f"the WMS did not answer: {exc.__class__.__name__}") from exc
        log.debug("wms %s %s -> %s", method, route, response.status_code)
        return response

    def _payload(self, response: httpx.Response, *, create: bool) -> dict[str, Any]:
        """The JSON object of a 2xx answer; any other status raises the mapped error."""
        if response.status_code >= 400:
            raise error_from_response(
                response.status_code,
                self._json_or_none(response),
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
                is_create=create,
            )
        try:
            payload = response.json()
        except ValueError as exc:
            if create:
                raise WmsOutcomeUnknown(
                    "the WMS answered a create with unreadable JSON", status_code=response.status_code
                ) from exc
            raise WmsBadResponse("malformed JSON from the WMS", status_code=response.status_code) from exc
        if not isinstance(payload, dict):
            raise WmsBadResponse("a JSON object was expected", status_code=response.status_code, body=payload)
        return payload

    @staticmethod
    def _json_or_none(response: httpx.Response) -> object:
        try:
            return response.json()
        except ValueError:
            return response.text[:500] or None

    @staticmethod
    def _parse(model: type[M], data: object) -> M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise WmsBadResponse(
                f"unexpected {model.__name__} answer: {exc.error_count()} errors", body=data
            ) from exc


__all__ = [
    "LIST_ROUTES",
    "STATUS_ROUTES",
    "RawPage",
    "Route",
    "WmsClient",
    "WmsError",
    "iter_pages",
    "wms_url",
]
