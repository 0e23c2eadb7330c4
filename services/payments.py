"""Yandex Pay for sellers: merchant settings, payment links, and what becomes of each payment.

- **Settings.** A seller saves a merchant id and an API key (sandbox or production). The key is
  tried first with a harmless read of an order that cannot exist: 404 means the key was
  accepted, 401/403 that it was refused (``YandexPayAuthError`` is raised and nothing is saved).
  The key is stored encrypted (``AccountRepository.save_yandex``) and never shown again.
- **Links.** One Yandex order per attempt, under our own unique ``orderId``
  (``bts<order>-<random>`` or ``btsu<user>-<random>`` for an amount typed by hand). The cart is the
  order's priced items plus the delivery cost as its own item (seed 003), or one item of the
  typed amount. The ``Payment`` row is written *before* the request, so a webhook that outruns
  our own answer, or an answer that is lost, still finds it. Redirects lead back to the bot:
  ``https://t.me/<bot>?start=paid_<orderId>`` / ``fail_<orderId>`` (the Yandex orderId, not our
  row id: it carries a random part, so nobody can walk through other sellers' payments).
- **Status.** ``poll_pending`` asks Yandex about unfinished payments with a per-payment backoff
  (10 s, 20 s, ... capped at 5 min; kept in memory, a restart simply starts it again) and closes
  a link that expired unpaid as ``EXPIRED``. ``handle_webhook`` takes the body of
  ``POST …/v1/webhook``: the ES256 JWT is verified (``services.yandex_pay.webhook``) against the
  JWKS of the payment's own environment before anything in it is believed, then applied
  idempotently: Yandex repeats a notification for 24 h with a new JWT each time, so the event's
  key comes from its content (event, status), never from the token.
- **Pushes.** Every change to paid, failed, expired or refunded enqueues, in the same transaction
  as the status change, one outbox message to the seller and one to each chat following the
  linked BTS order (``push-payment-paid`` / ``-failed`` / ``-expired`` / ``-refunded``).

Local statuses are Yandex's ``paymentStatus`` values plus ``EXPIRED`` (the link ran out unpaid;
Yandex itself says FAILED then) and ``NOT_CREATED`` (Yandex refused or never received the order).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import httpx
import jwt
from pydantic import SecretStr, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.errors import UpstreamError
from services.common.http import RetryPolicy
from services.common.phones import normalize_phone_lenient
from services.errors import DomainError, NotYourOrder
from services.notifications import order_push_params
from services.orders import OrderView
from services.payment_rules import ensure_open_for_payment
from services.qr import qr_png
from services.settings import Settings
from services.yandex_pay.client import DEFAULT_REQUEST_TIMEOUT_MS, YandexPayClient
from services.yandex_pay.errors import (
    YandexPayAuthError,
    YandexPayBadResponse,
    YandexPayError,
    YandexPayNotFound,
    YandexPayOutcomeUnknown,
)
from services.yandex_pay.models import (
    MAX_TTL,
    MIN_TTL,
    CartItem,
    CreateOrderRequest,
    OrderSource,
    PaymentStatus,
    RedirectUrls,
    RenderedCart,
    build_cart,
)
from services.yandex_pay.webhook import (
    MAX_TOKEN_BYTES,
    WebhookKeysUnavailable,
    WebhookRejected,
    WebhookVerifier,
    jwks_url_for,
)
from storage.crypto import SecretBox
from storage.schemas import PaymentRecord, YandexMerchantRecord
from storage.types import utc_now
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

# --- statuses and outcomes ----------------------------------------------------------------------

PENDING = PaymentStatus.PENDING.value
AUTHORIZED = PaymentStatus.AUTHORIZED.value
EXPIRED = "EXPIRED"
NOT_CREATED = "NOT_CREATED"
POLLED_STATUSES: tuple[str, ...] = (PENDING, AUTHORIZED)

ORDER_STATUS_UPDATED = "ORDER_STATUS_UPDATED"
OPERATION_STATUS_UPDATED = "OPERATION_STATUS_UPDATED"
CREATED_EVENT_KEY = "created"

# The link lifetimes offered to the seller (seconds): 30 min, 2 h, 24 h, 3 days.
TTL_CHOICES: tuple[int, ...] = (1800, 7200, 86_400, 259_200)
DEFAULT_TTL_SECONDS = 86_400
PURPOSE_MAX = 1000
TITLE_MAX = 2048
DELIVERY_TITLE = "Yetkazib berish"  # the Yandex payment page shows it; Uzbek is the default language

# A create still on its way may answer 404 to a poller for this long.
CREATE_SETTLE = timedelta(minutes=2)

START_PAID = "paid"
START_FAIL = "fail"


class PaymentOutcome(StrEnum):
    """What a seller (and a following customer) is told about."""

    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"

    @property
    def message_key(self) -> str:
        return f"push-payment-{self.value}"


_OUTCOMES: dict[str, PaymentOutcome] = {
    PaymentStatus.CAPTURED.value: PaymentOutcome.PAID,
    PaymentStatus.CONFIRMED.value: PaymentOutcome.PAID,
    PaymentStatus.FAILED.value: PaymentOutcome.FAILED,
    PaymentStatus.VOIDED.value: PaymentOutcome.FAILED,
    EXPIRED: PaymentOutcome.EXPIRED,
    PaymentStatus.REFUNDED.value: PaymentOutcome.REFUNDED,
    PaymentStatus.PARTIALLY_REFUNDED.value: PaymentOutcome.REFUNDED,
}

# How far along a payment is: a status never moves back (notifications may arrive out of order).
_RANK: dict[str, int] = {
    PENDING: 0,
    AUTHORIZED: 1,
    PaymentStatus.CAPTURED.value: 2,
    PaymentStatus.CONFIRMED.value: 2,
    PaymentStatus.FAILED.value: 2,
    PaymentStatus.VOIDED.value: 2,
    EXPIRED: 2,
    NOT_CREATED: 2,
    PaymentStatus.PARTIALLY_REFUNDED.value: 3,
    PaymentStatus.REFUNDED.value: 4,
}


def outcome_of(status: str) -> PaymentOutcome | None:
    return _OUTCOMES.get(status)


def may_move(current: str, new: str) -> bool:
    """Whether ``current`` may become ``new``.

    Forward only; among the finished statuses only a move to paid is taken (money that arrived
    after we closed the link as expired, CAPTURED → CONFIRMED), so a late FAILED never hides a
    payment, and a stale PENDING never reopens one.
    """
    if new == current or new not in _RANK:
        return False
    if current not in _RANK:
        return True
    here, there = _RANK[current], _RANK[new]
    if there > here:
        return True
    if there == here == 2:
        return outcome_of(new) is PaymentOutcome.PAID and current != PaymentStatus.CONFIRMED.value
    return False


# --- errors -------------------------------------------------------------------------------------


class MerchantNotConfigured(DomainError):
    """The seller has no Yandex Pay merchant saved (Settings → Yandex Pay)."""

    key = "payment-merchant-missing"


class InvalidMerchant(DomainError):
    key = "payment-merchant-invalid"


class NothingToPay(DomainError):
    """The order has no priced item and no delivery cost, or the amount is not positive."""

    key = "payment-nothing-to-pay"


class PaymentCreateUnsure(DomainError):
    """The create went out and no answer confirmed it: the poller will find out what happened."""

    key = "payment-create-unsure"

    def __init__(self, payment_id: int) -> None:
        super().__init__(payment_id)
        self.payment_id = payment_id


class PaymentNotFound(DomainError):
    key = "payment-not-found"


# --- what the bot gets ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MerchantView:
    """The saved merchant, never with its key."""

    merchant_id: str
    sandbox: bool
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PaymentView:
    id: int
    yandex_order_id: str
    owner_id: int | None
    order_id: int | None
    amount: Decimal
    currency: str
    status: str
    url: str | None
    expires_at: datetime | None
    sandbox: bool
    created_at: datetime
    purpose: str | None = None

    @property
    def outcome(self) -> PaymentOutcome | None:
        return outcome_of(self.status)

    @property
    def is_open(self) -> bool:
        """Still waiting for the buyer (or for the bank)."""
        return self.status in POLLED_STATUSES


@dataclass(frozen=True, slots=True)
class PaymentLink:
    """A new payment link: the Pay button's URL, the link to copy, the QR picture."""

    payment_id: int
    yandex_order_id: str
    url: str
    amount: Decimal
    expires_at: datetime
    qr_png: bytes
    order_id: int | None = None
    purpose: str | None = None
    sandbox: bool = False
    currency: str = "UZS"


@dataclass(frozen=True, slots=True)
class PaymentChange:
    """A status change that was stored (and pushed when ``outcome`` is set)."""

    payment_id: int
    yandex_order_id: str
    owner_id: int | None
    order_id: int | None
    previous: str
    status: str
    outcome: PaymentOutcome | None
    source: str  # "poll", "webhook" or "create"
    notified: tuple[int, ...] = ()  # chats a push was enqueued for


@dataclass(frozen=True, slots=True)
class WebhookResult:
    """What to answer Yandex: ``status`` is the HTTP status (200 also for a replay)."""

    status: int
    detail: str
    change: PaymentChange | None = None


@dataclass(slots=True)
class _Backoff:
    delay: float
    next_at: datetime


# --- helpers --------------------------------------------------------------------------------------


def start_payload(kind: str, yandex_order_id: str) -> str:
    """The ``/start`` parameter a redirect carries back to the bot (``paid_<id>`` / ``fail_<id>``)."""
    return f"{kind}_{yandex_order_id}"


def parse_start_payload(payload: str) -> tuple[str, str] | None:
    """``("paid" | "fail", yandex order id)`` from a ``/start`` parameter, ``None`` if it is not one."""
    kind, sep, rest = payload.partition("_")
    if not sep or kind not in (START_PAID, START_FAIL) or not rest:
        return None
    return kind, rest


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def cart_lines(items: Iterable[Mapping[str, Any]]) -> list[CartItem]:
    """Cart lines from an order's stored draft items (``name``, ``count``, ``cost``).

    ``cost`` is read as the price of one unit (the line is ``cost × count``), the way the seller
    types an item ("name; count; price"). Items without a positive price are not for sale and are
    left out of the cart.
    """
    lines: list[CartItem] = []
    for n, item in enumerate(items, start=1):
        price = _decimal(item.get("cost"))
        if price is None or price <= 0:
            continue
        count = _decimal(item.get("count")) or Decimal(1)
        if count <= 0:
            continue
        title = str(item.get("name") or "").strip()[:TITLE_MAX] or f"#{n}"
        code = str(item.get("code") or "").strip()
        lines.append(
            CartItem.line(
                f"item-{n}",
                title,
                price.quantize(Decimal("0.01")),
                count,
                description=code[:TITLE_MAX] or None,
            )
        )
    return lines


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _view(record: PaymentRecord, purpose: str | None = None) -> PaymentView:
    return PaymentView(
        id=record.id,
        yandex_order_id=record.yandex_order_id,
        owner_id=record.owner_id,
        order_id=record.order_id,
        amount=record.amount,
        currency=record.currency,
        status=record.status,
        url=record.payment_url,
        expires_at=record.expires_at,
        sandbox=record.sandbox,
        created_at=record.created_at,
        purpose=purpose,
    )


# --- the service ----------------------------------------------------------------------------------


class PaymentService:
    """Yandex Pay links and payment status for sellers (see the module docstring)."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        retry: RetryPolicy | None = None,
        verifiers: Mapping[bool, WebhookVerifier] | None = None,
        request_timeout_ms: int = DEFAULT_REQUEST_TIMEOUT_MS,
        poll_min_delay: float = 10.0,
        poll_max_delay: float = 300.0,
        poll_concurrency: int = 4,
        expiry_grace: timedelta = timedelta(minutes=10),
        authorized_grace: timedelta = timedelta(days=1),
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._http = http
        self._settings = settings
        self._retry = retry or RetryPolicy()
        self._request_timeout_ms = request_timeout_ms
        self._poll_min = poll_min_delay
        self._poll_max = poll_max_delay
        self._poll_concurrency = max(1, poll_concurrency)
        self._expiry_grace = expiry_grace
        self._authorized_grace = authorized_grace
        self._clients: dict[tuple[int, bool], tuple[datetime, YandexPayClient]] = {}
        self._backoff: dict[int, _Backoff] = {}
        self._verifiers = dict(verifiers) if verifiers is not None else self._default_verifiers()

    def _default_verifiers(self) -> dict[bool, WebhookVerifier]:
        by_url: dict[str, WebhookVerifier] = {}
        verifiers: dict[bool, WebhookVerifier] = {}
        for sandbox in (False, True):
            url = jwks_url_for(self._base_url(sandbox))
            verifiers[sandbox] = by_url.setdefault(url, WebhookVerifier(self._http, url))
        return verifiers

    def _base_url(self, sandbox: bool) -> str:
        return self._settings.yandex_pay_sandbox_url if sandbox else self._settings.yandex_pay_base_url

    def _uow(self, session: AsyncSession) -> UnitOfWork:
        return UnitOfWork(session, self._box)

    def _new_client(self, sandbox: bool, api_key: SecretStr) -> YandexPayClient:
        return YandexPayClient(
            self._http,
            self._base_url(sandbox),
            api_key,
            retry=self._retry,
            request_timeout_ms=self._request_timeout_ms,
        )

    # --- merchant settings -------------------------------------------------------------------------

    async def save_merchant(
        self, user_id: int, merchant_id: str, api_key: str, sandbox: bool
    ) -> MerchantView:
        """Check the key with a harmless call, then store it encrypted (replacing a previous one).

        Raises ``YandexPayAuthError`` (an ``AuthFailed``) when Yandex refuses the key, and the
        client's ``Unavailable`` / ``RateLimited`` when it cannot be asked now.
        """
        merchant_id, api_key = merchant_id.strip(), api_key.strip()
        if not merchant_id or not api_key or len(merchant_id) > 64 or any(c.isspace() for c in api_key):
            raise InvalidMerchant
        client = self._new_client(sandbox, SecretStr(api_key))
        probe = f"bts-keycheck-{uuid.uuid4().hex}"
        try:
            await client.get_order(probe)
        except YandexPayNotFound:
            pass  # the key was accepted; the order, of course, does not exist
        except YandexPayAuthError:
            logger.info("yandex pay: key of user %s refused (sandbox=%s)", user_id, sandbox)
            raise
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.users.get_or_create(user_id)
            record = await uow.accounts.save_yandex(
                user_id, merchant_id=merchant_id, api_key=api_key, sandbox=sandbox
            )
        self._forget_clients(user_id)
        logger.info("yandex pay: merchant saved for user %s (sandbox=%s)", user_id, sandbox)
        return MerchantView(record.merchant_id, record.sandbox, record.updated_at)

    async def get_merchant(self, user_id: int) -> MerchantView | None:
        record = await self._merchant(user_id)
        return None if record is None else MerchantView(record.merchant_id, record.sandbox, record.updated_at)

    async def delete_merchant(self, user_id: int) -> bool:
        async with unit_of_work(self._sf, self._box) as uow:
            deleted = await uow.accounts.delete_yandex(user_id)
        self._forget_clients(user_id)
        return deleted

    async def _merchant(self, user_id: int) -> YandexMerchantRecord | None:
        async with self._sf() as session:
            return await self._uow(session).accounts.get_yandex(user_id)

    def _forget_clients(self, user_id: int) -> None:
        for key in [k for k in self._clients if k[0] == user_id]:
            del self._clients[key]

    def _client_for(self, merchant: YandexMerchantRecord, sandbox: bool) -> YandexPayClient:
        """The merchant's client for an environment, built on first use and kept while the key stays."""
        key = (merchant.user_id, sandbox)
        cached = self._clients.get(key)
        if cached is not None and cached[0] == merchant.updated_at:
            return cached[1]
        client = self._new_client(sandbox, merchant.api_key)
        self._clients[key] = (merchant.updated_at, client)
        return client

    async def _client(self, owner_id: int | None, sandbox: bool) -> YandexPayClient | None:
        if owner_id is None:
            return None
        merchant = await self._merchant(owner_id)
        return None if merchant is None else self._client_for(merchant, sandbox)

    # --- links --------------------------------------------------------------------------------------

    async def create_link(
        self,
        user_id: int,
        *,
        order: OrderView | None = None,
        amount: Decimal | None = None,
        purpose: str | None = None,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
        bot_username: str,
        delivery_title: str = DELIVERY_TITLE,
        now: datetime | None = None,
    ) -> PaymentLink:
        """A new payment link for an order (its items and delivery) or for a typed amount and purpose.

        Every call is a new attempt under a new Yandex orderId. Raises ``MerchantNotConfigured``,
        ``NotYourOrder``, ``NothingToPay``, ``PaymentCreateUnsure`` (the answer was lost: the
        poller resolves it), or the client's errors (``YandexPayValidationError`` and so on).
        """
        if not MIN_TTL <= ttl_seconds <= MAX_TTL:
            raise ValueError(f"ttl must be within {MIN_TTL}..{MAX_TTL} seconds")
        purpose = (purpose or "").strip() or None
        if purpose is not None and len(purpose) > PURPOSE_MAX:
            raise ValueError(f"purpose is longer than {PURPOSE_MAX} characters")
        now = now or utc_now()
        if order is not None:
            ensure_open_for_payment(order)  # never a link for a cancelled or delivered order
        merchant = await self._merchant(user_id)
        if merchant is None:
            raise MerchantNotConfigured
        cart, phone, prefix = self._cart(user_id, order, amount, purpose, delivery_title)
        yandex_order_id = f"{prefix}-{uuid.uuid4().hex[:12]}"
        fail_url = f"https://t.me/{bot_username}?start={start_payload(START_FAIL, yandex_order_id)}"
        request = CreateOrderRequest(
            order_id=yandex_order_id,
            cart=cart,
            redirect_urls=RedirectUrls(
                on_success=f"https://t.me/{bot_username}?start={start_payload(START_PAID, yandex_order_id)}",
                on_error=fail_url,
                on_abort=fail_url,
            ),
            ttl=ttl_seconds,
            billing_phone=phone,
            purpose=purpose,
            order_source=OrderSource.CRM,
        )
        expires_at = now + timedelta(seconds=ttl_seconds)
        async with unit_of_work(self._sf, self._box) as uow:
            if order is not None:
                stored = await uow.orders.get(order.id)
                if stored is None or stored.owner_id != user_id:
                    raise NotYourOrder
            payment = await uow.payments.create(
                yandex_order_id=yandex_order_id,
                amount=cart.total.amount,
                status=PENDING,
                owner_id=user_id,
                order_id=order.id if order is not None else None,
                expires_at=expires_at,
                sandbox=merchant.sandbox,
                now=now,
            )
            await uow.payments.add_event_if_new(
                payment.id,
                event_key=CREATED_EVENT_KEY,
                event_type="CREATED",
                status=PENDING,
                occurred_at=now,
                payload={"purpose": purpose, "ttl": ttl_seconds, "cart": cart.to_json()},
                now=now,
            )
        client = self._client_for(merchant, merchant.sandbox)
        try:
            result = await client.create_order(request)
        except YandexPayOutcomeUnknown as exc:
            logger.warning("yandex pay: create of %s unconfirmed (%s)", yandex_order_id, exc)
            raise PaymentCreateUnsure(payment.id) from exc
        except YandexPayError as exc:
            if not exc.maybe_processed and not isinstance(exc, YandexPayBadResponse):
                await self._close_unsent(payment.id)  # refused as sent: nothing exists upstream
            raise
        if result.payment_url is None:
            logger.warning("yandex pay: %s exists but carries no paymentUrl", yandex_order_id)
            raise PaymentCreateUnsure(payment.id) from YandexPayBadResponse("no paymentUrl")
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.payments.update(yandex_order_id, payment_url=result.payment_url, now=now)
            # A poller that read 404 while our create was on its way may have closed it: reopen.
            await uow.payments.set_status_if(payment.id, expected=NOT_CREATED, status=PENDING, now=now)
        if result.payment_status is not None and not result.payment_status.is_pending:
            await self._apply(
                payment.id, result.payment_status.value, source="create", event_key=None, now=now
            )
        qr = await asyncio.to_thread(qr_png, result.payment_url)
        logger.info("yandex pay: link %s for user %s, %s UZS", yandex_order_id, user_id, cart.total.amount)
        return PaymentLink(
            payment_id=payment.id,
            yandex_order_id=yandex_order_id,
            url=result.payment_url,
            amount=cart.total.amount,
            expires_at=expires_at,
            qr_png=qr,
            order_id=payment.order_id,
            purpose=purpose,
            sandbox=merchant.sandbox,
        )

    @staticmethod
    def _cart(
        user_id: int,
        order: OrderView | None,
        amount: Decimal | None,
        purpose: str | None,
        delivery_title: str,
    ) -> tuple[RenderedCart, str | None, str]:
        """The cart, the billing phone and the orderId prefix of one link."""
        try:
            if order is not None:
                lines = cart_lines(order.items)
                delivery = order.cost if order.cost is not None and order.cost > 0 else None
                if not lines and delivery is None:
                    raise NothingToPay
                cart = build_cart(lines, delivery_price=delivery, delivery_title=delivery_title)
                phone = normalize_phone_lenient(order.receiver_phone) if order.receiver_phone else None
                return cart, phone if phone and phone.startswith("+998") else None, f"bts{order.id}"
            if amount is None or purpose is None:
                raise ValueError("give an order, or an amount and a purpose")
            if not amount.is_finite() or amount <= 0:
                raise NothingToPay
            line = CartItem.line("payment", purpose[:TITLE_MAX], amount.quantize(Decimal("0.01")))
            return build_cart([line]), None, f"btsu{user_id}"
        except ValidationError as exc:
            raise ValueError(f"the cart cannot be built: {exc.error_count()} errors") from exc

    async def _close_unsent(self, payment_id: int) -> None:
        """The create certainly failed: the attempt is closed so that nothing polls it."""
        try:
            async with unit_of_work(self._sf, self._box) as uow:
                await uow.payments.set_status_if(payment_id, expected=PENDING, status=NOT_CREATED)
        except Exception:  # the original error matters more than this bookkeeping
            logger.exception("yandex pay: could not close payment %s after a failed create", payment_id)

    # --- reading ------------------------------------------------------------------------------------

    async def get_payment(self, user_id: int, payment_id: int) -> PaymentView:
        async with self._sf() as session:
            uow = self._uow(session)
            record = await uow.payments.get(payment_id)
            if record is None or record.owner_id != user_id:
                raise PaymentNotFound
            return _view(record, await self._purpose(uow, record.id))

    async def payments_for_order(self, user_id: int, order_id: int) -> list[PaymentView]:
        """The order's payment attempts, newest first."""
        async with self._sf() as session:
            uow = self._uow(session)
            records = [r for r in await uow.payments.list_for_order(order_id) if r.owner_id == user_id]
            return [_view(r, await self._purpose(uow, r.id)) for r in records]

    async def refresh(self, yandex_order_id: str, *, now: datetime | None = None) -> PaymentView | None:
        """Ask Yandex now, whatever the backoff says (a buyer came back through a redirect link).

        ``None`` for an unknown id. Upstream failures leave the stored status as it is.
        """
        now = now or utc_now()
        async with self._sf() as session:
            record = await self._uow(session).payments.get_by_yandex_id(yandex_order_id)
        if record is None:
            return None
        if record.status in (*POLLED_STATUSES, EXPIRED):
            await self._check(record, now)
        async with self._sf() as session:
            uow = self._uow(session)
            fresh = await uow.payments.get(record.id)
            return None if fresh is None else _view(fresh, await self._purpose(uow, record.id))

    @staticmethod
    async def _purpose(uow: UnitOfWork, payment_id: int) -> str | None:
        created = await uow.payments.get_event(payment_id, CREATED_EVENT_KEY)
        value = (created.payload or {}).get("purpose") if created is not None else None
        return value if isinstance(value, str) else None

    # --- polling ------------------------------------------------------------------------------------

    async def poll_pending(self, now: datetime | None = None) -> list[PaymentChange]:
        """Check the unfinished payments that are due (per-payment backoff); the changes stored."""
        now = now or utc_now()
        async with self._sf() as session:
            payments = await self._uow(session).payments.list_to_poll(
                POLLED_STATUSES, expires_after=now - max(self._expiry_grace, self._authorized_grace)
            )
        due = [p for p in payments if self._is_due(p.id, now)]
        if not due:
            return []
        gate = asyncio.Semaphore(self._poll_concurrency)

        async def one(payment: PaymentRecord) -> PaymentChange | None:
            async with gate:
                try:
                    return await self._poll_one(payment, now)
                except Exception:
                    logger.exception("yandex pay: polling payment %s failed", payment.id)
                    self._grow_backoff(payment.id, now)
                    return None

        results = await asyncio.gather(*(one(p) for p in due))
        return [change for change in results if change is not None]

    async def poll_forever(self, interval: float = 5.0) -> None:
        """Run ``poll_pending`` every ``interval`` seconds until cancelled (a background task)."""
        while True:
            try:
                changes = await self.poll_pending()
                if changes:
                    logger.info("yandex pay: %d payment changes", len(changes))
            except Exception:
                logger.exception("yandex pay: poll round failed")
            await asyncio.sleep(interval)

    def next_check_at(self, payment_id: int) -> datetime | None:
        """When the payment is due again (``None``: now, or never seen)."""
        state = self._backoff.get(payment_id)
        return None if state is None else state.next_at

    def _is_due(self, payment_id: int, now: datetime) -> bool:
        state = self._backoff.get(payment_id)
        return state is None or now >= state.next_at

    def _grow_backoff(self, payment_id: int, now: datetime) -> None:
        state = self._backoff.get(payment_id)
        delay = self._poll_min if state is None else min(state.delay * 2, self._poll_max)
        self._backoff[payment_id] = _Backoff(delay, now + timedelta(seconds=delay))

    def _reset_backoff(self, payment_id: int, now: datetime) -> None:
        self._backoff[payment_id] = _Backoff(self._poll_min, now + timedelta(seconds=self._poll_min))

    async def _poll_one(self, payment: PaymentRecord, now: datetime) -> PaymentChange | None:
        if (
            payment.status == PENDING
            and payment.expires_at is not None
            and now >= payment.expires_at + self._expiry_grace
        ):
            # Checked in vain for the whole grace period: close it without Yandex's word.
            self._backoff.pop(payment.id, None)
            return await self._apply(payment.id, EXPIRED, source="poll", event_key=f"poll:{EXPIRED}", now=now)
        return await self._check(payment, now)

    async def _check(self, payment: PaymentRecord, now: datetime) -> PaymentChange | None:
        """One ``GET /v1/orders/{id}`` and what it changes; the backoff moves on either way."""
        client = await self._client(payment.owner_id, payment.sandbox)
        if client is None:
            logger.warning("yandex pay: payment %s has no merchant to ask with", payment.id)
            self._grow_backoff(payment.id, now)
            return None
        try:
            info = await client.get_order(payment.yandex_order_id)
        except YandexPayNotFound:
            settled = now - payment.created_at > CREATE_SETTLE
            if payment.payment_url is None and payment.status == PENDING and settled:
                # The unconfirmed create never reached Yandex: nothing to wait for.
                self._backoff.pop(payment.id, None)
                await self._close_unsent(payment.id)
                logger.info("yandex pay: %s was never created", payment.yandex_order_id)
                return None
            logger.warning("yandex pay: %s not found upstream", payment.yandex_order_id)
            self._grow_backoff(payment.id, now)
            return None
        except UpstreamError as exc:
            logger.warning(
                "yandex pay: checking %s failed: %s", payment.yandex_order_id, exc.__class__.__name__
            )
            self._grow_backoff(payment.id, now)
            return None
        status = info.payment_status
        if status is None:
            self._grow_backoff(payment.id, now)
            return None
        new = self._local_status(status.value, payment, now)
        if payment.payment_url is None and info.payment_url:
            async with unit_of_work(self._sf, self._box) as uow:
                await uow.payments.update(payment.yandex_order_id, payment_url=info.payment_url, now=now)
        change = await self._apply(
            payment.id,
            new,
            source="poll",
            event_key=f"poll:{new}",
            event_type="POLL",
            payload={"paymentStatus": status.value, "reason": info.order.reason},
            now=now,
        )
        if new in POLLED_STATUSES:
            if change is not None:
                self._reset_backoff(payment.id, now)
            else:
                self._grow_backoff(payment.id, now)
        else:
            self._backoff.pop(payment.id, None)
        return change

    @staticmethod
    def _local_status(status: str, payment: PaymentRecord, now: datetime) -> str:
        """Yandex's word, except that an unpaid link past its expiry is ``EXPIRED``."""
        expired = payment.expires_at is not None and now >= payment.expires_at
        if expired and status in (PENDING, PaymentStatus.FAILED.value):
            return EXPIRED
        return status

    # --- applying a change ------------------------------------------------------------------------

    async def _apply(
        self,
        payment_id: int,
        new: str,
        *,
        source: str,
        event_key: str | None,
        event_type: str | None = None,
        payload: dict[str, Any] | None = None,
        occurred_at: datetime | None = None,
        now: datetime,
    ) -> PaymentChange | None:
        """Store the event and the new status and enqueue the pushes, in one transaction.

        ``None`` when nothing changed: a replayed event, the same status, or a move backwards.
        A notification is recorded even then (its key recognises Yandex's retries); a poll that
        saw nothing new leaves no trace.
        """
        async with unit_of_work(self._sf, self._box) as uow:
            current = await uow.payments.get(payment_id)
            if current is None:
                return None
            if source != "webhook" and not may_move(current.status, new):
                return None
            if event_key is not None:
                event = await uow.payments.add_event_if_new(
                    payment_id,
                    event_key=event_key[:255],
                    event_type=(event_type or source.upper())[:64],
                    status=new[:32],
                    occurred_at=occurred_at or now,
                    payload=payload,
                    now=now,
                )
                if event is None:
                    return None
            if not may_move(current.status, new):
                return None
            updated = await uow.payments.set_status_if(
                payment_id, expected=current.status, status=new, now=now
            )
            if updated is None:
                return None
            outcome = outcome_of(new)
            notified: tuple[int, ...] = ()
            if outcome is not None and (
                outcome != outcome_of(current.status) or outcome is PaymentOutcome.REFUNDED
            ):
                notified = await self._enqueue_pushes(uow, updated, outcome, now)
        logger.info("yandex pay: payment %s %s -> %s (%s)", payment_id, current.status, new, source)
        return PaymentChange(
            payment_id=updated.id,
            yandex_order_id=updated.yandex_order_id,
            owner_id=updated.owner_id,
            order_id=updated.order_id,
            previous=current.status,
            status=new,
            outcome=outcome,
            source=source,
            notified=notified,
        )

    async def _enqueue_pushes(
        self, uow: UnitOfWork, payment: PaymentRecord, outcome: PaymentOutcome, now: datetime
    ) -> tuple[int, ...]:
        """One message to the seller and one to every chat following the linked order."""
        params: dict[str, Any] = {
            "amount": format(payment.amount, "f"),
            "currency": payment.currency,
            "payment_id": payment.id,
            "status": payment.status,
        }
        purpose = await self._purpose(uow, payment.id)
        if purpose:
            params["purpose"] = purpose
        recipients: dict[int, str] = {}
        if payment.owner_id is not None:
            recipients[payment.owner_id] = "seller"
        if payment.order_id is not None:
            order = await uow.orders.get(payment.order_id)
            params.update(order_push_params(order))
            for chat in await uow.subscriptions.subscribers(payment.order_id):
                if chat.notify and chat.chat_id not in recipients:
                    recipients[chat.chat_id] = "customer"
        notified: list[int] = []
        for chat_id, audience in recipients.items():
            queued = await uow.outbox.enqueue(
                chat_id=chat_id,
                message_key=outcome.message_key,
                params={**params, "audience": audience},
                dedup_key=f"pay:{payment.id}:{payment.status}:{chat_id}",
                now=now,
            )
            if queued is not None:
                notified.append(chat_id)
        return tuple(notified)

    # --- webhook ------------------------------------------------------------------------------------

    async def handle_webhook(self, body: bytes, *, now: datetime | None = None) -> WebhookResult:
        """The body of ``POST …/v1/webhook``: verify, then apply once. Answer ``result.status``.

        200 on success, on a replay, and for an order we do not know (so Yandex stops retrying);
        400 for a body that is not a JWT, 401 for a token that is not to be trusted; 503 when
        the keys or the order cannot be fetched now (Yandex will retry).
        """
        now = now or utc_now()
        if len(body) > MAX_TOKEN_BYTES:
            return WebhookResult(400, "body too large")
        try:
            token = body.decode("ascii").strip()
            unverified = jwt.decode(token, options={"verify_signature": False})
        except (UnicodeDecodeError, jwt.PyJWTError):
            return WebhookResult(400, "not a JWT")
        order_id = self._order_id_of(unverified)
        payment: PaymentRecord | None = None
        if order_id is not None:
            async with self._sf() as session:
                payment = await self._uow(session).payments.get_by_yandex_id(order_id)
        # The payment's own environment decides the keys; the token is not trusted to choose them.
        verifiers: Sequence[WebhookVerifier] = (
            [self._verifiers[payment.sandbox]]
            if payment is not None
            else list(dict.fromkeys(self._verifiers.values()))
        )
        claims: dict[str, Any] | None = None
        rejection: WebhookRejected | None = None
        unavailable = False
        for verifier in verifiers:
            try:
                claims = await verifier.verify(token)
                break
            except WebhookRejected as exc:
                rejection = exc
            except WebhookKeysUnavailable as exc:
                logger.warning("yandex pay webhook: %s", exc)
                unavailable = True
        if claims is None:
            if unavailable:
                return WebhookResult(503, "keys unavailable")
            assert rejection is not None
            logger.warning("yandex pay webhook rejected: %s", rejection.reason)
            return WebhookResult(rejection.status, rejection.reason)
        event = claims.get("event")
        if payment is None:
            logger.info("yandex pay webhook: %s for unknown order %r ignored", event, order_id)
            return WebhookResult(200, "unknown order")
        merchant = await self._merchant(payment.owner_id) if payment.owner_id is not None else None
        claimed_merchant = claims.get("merchantId")
        if (
            merchant is not None
            and claimed_merchant is not None
            and str(claimed_merchant) != merchant.merchant_id
        ):
            logger.warning("yandex pay webhook: merchant mismatch for payment %s, ignored", payment.id)
            return WebhookResult(200, "merchant mismatch")
        occurred_at = _parse_time(claims.get("eventTime")) or now
        if event == ORDER_STATUS_UPDATED:
            return await self._order_event(payment, claims, occurred_at, now)
        if event == OPERATION_STATUS_UPDATED:
            return await self._operation_event(payment, claims, occurred_at, now)
        logger.info("yandex pay webhook: event %r ignored", event)
        return WebhookResult(200, "event ignored")

    @staticmethod
    def _order_id_of(claims: Mapping[str, Any]) -> str | None:
        for part in ("order", "operation"):
            section = claims.get(part)
            if isinstance(section, Mapping) and isinstance(section.get("orderId"), str):
                return str(section["orderId"])
        return None

    async def _order_event(
        self, payment: PaymentRecord, claims: dict[str, Any], occurred_at: datetime, now: datetime
    ) -> WebhookResult:
        section = claims.get("order")
        raw = section.get("paymentStatus") if isinstance(section, Mapping) else None
        try:
            status = PaymentStatus(str(raw))
        except ValueError:
            logger.info("yandex pay webhook: unknown paymentStatus %r for payment %s", raw, payment.id)
            return WebhookResult(200, "unknown status")
        new = self._local_status(status.value, payment, now)
        # Yandex's retries of one event differ only in the JWT around it: the key is the content.
        key = f"webhook:{ORDER_STATUS_UPDATED}:{status.value}"
        change = await self._apply(
            payment.id,
            new,
            source="webhook",
            event_key=key,
            event_type=ORDER_STATUS_UPDATED,
            payload=claims,
            occurred_at=occurred_at,
            now=now,
        )
        self._after_webhook(payment.id, change, now)
        return WebhookResult(200, "applied" if change is not None else "no change", change)

    async def _operation_event(
        self, payment: PaymentRecord, claims: dict[str, Any], occurred_at: datetime, now: datetime
    ) -> WebhookResult:
        """A capture, refund or void changed: the order itself says what the payment is now."""
        section = claims.get("operation")
        operation = section if isinstance(section, Mapping) else {}
        key = f"webhook:{OPERATION_STATUS_UPDATED}:{operation.get('operationId')}:{operation.get('status')}"
        async with self._sf() as session:
            if await self._uow(session).payments.get_event(payment.id, key[:255]) is not None:
                return WebhookResult(200, "no change")
        client = await self._client(payment.owner_id, payment.sandbox)
        if client is None:
            return WebhookResult(200, "no merchant")
        try:
            info = await client.get_order(payment.yandex_order_id)
        except UpstreamError as exc:
            logger.warning(
                "yandex pay webhook: cannot read %s: %s", payment.yandex_order_id, exc.__class__.__name__
            )
            return WebhookResult(503, "order unavailable")
        if info.payment_status is None:
            return WebhookResult(200, "unknown status")
        new = self._local_status(info.payment_status.value, payment, now)
        change = await self._apply(
            payment.id,
            new,
            source="webhook",
            event_key=key,
            event_type=OPERATION_STATUS_UPDATED,
            payload=claims,
            occurred_at=occurred_at,
            now=now,
        )
        self._after_webhook(payment.id, change, now)
        return WebhookResult(200, "applied" if change is not None else "no change", change)

    def _after_webhook(self, payment_id: int, change: PaymentChange | None, now: datetime) -> None:
        if change is None:
            return
        if change.status in POLLED_STATUSES:
            self._reset_backoff(payment_id, now)
        else:
            self._backoff.pop(payment_id, None)


__all__ = [
    "DEFAULT_TTL_SECONDS",
    "EXPIRED",
    "NOT_CREATED",
    "TTL_CHOICES",
    "InvalidMerchant",
    "MerchantNotConfigured",
    "MerchantView",
    "NothingToPay",
    "PaymentChange",
    "PaymentCreateUnsure",
    "PaymentLink",
    "PaymentNotFound",
    "PaymentOutcome",
    "PaymentService",
    "PaymentView",
    "WebhookResult",
    "cart_lines",
    "may_move",
    "outcome_of",
    "parse_start_payload",
    "start_payload",
]
