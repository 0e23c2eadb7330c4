"""Payment links: one Yandex order per attempt, one attempt per request.

Each attempt is a Yandex order under our own ``orderId`` (``bts<order>-<12 hex>`` or
``btsu<user>-<12 hex>`` for an amount typed by hand). The cart is the order's priced items plus
the delivery cost as its own item (seed 003), or one item of the typed amount. The ``Payment``
row is written *before* the request, so a webhook that outruns our own answer, or an answer
that is lost, still finds it.

**One link per request.** The caller names the request with an ``idempotency_key`` (the bot: the
message whose lifetime buttons were pressed): the orderId's hex part is then a keyed digest of
the seller and that key, so a second tap, or two at once, meet the same row (the orderId is
unique in the database) and the same Yandex order: one Yandex order, one link, whatever the
handler does. Without a key the hex part is random. Either way nobody can guess an orderId and
walk through other sellers' payments.

Redirects lead back to the bot through the caller's deep-link builder (``paid_<orderId>`` /
``fail_<orderId>``): no service knows the bot's address.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.deeplinks import FAIL, PAID, DeepLink, start_payload
from services.common.phones import normalize_phone_lenient
from services.errors import NotYourOrder
from services.orders import OrderView
from services.payment_rules import ensure_open_for_payment
from services.payments.machine import CREATED_EVENT_KEY, StatusMachine
from services.payments.merchants import Merchants
from services.payments.status import NOT_CREATED, PENDING
from services.payments.views import (
    MerchantNotConfigured,
    NothingToPay,
    PaymentCreateUnsure,
    PaymentInProgress,
    PaymentLink,
    parse_decimal,
)
from services.qr import qr_png
from services.yandex_pay.errors import YandexPayBadResponse, YandexPayError, YandexPayOutcomeUnknown
from services.yandex_pay.models import (
    MAX_TTL,
    MIN_TTL,
    CartItem,
    CreateOrderRequest,
    OrderSource,
    RedirectUrls,
    RenderedCart,
    build_cart,
)
from storage.crypto import SecretBox
from storage.schemas import PaymentRecord, YandexMerchantRecord
from storage.types import utc_now
from storage.uow import UnitOfWork, unit_of_work

logger = logging.getLogger(__name__)

# The link lifetimes offered to the seller (seconds): 30 min, 2 h, 24 h, 3 days.
TTL_CHOICES: tuple[int, ...] = (1800, 7200, 86_400, 259_200)
DEFAULT_TTL_SECONDS = 86_400
PURPOSE_MAX = 1000
TITLE_MAX = 2048
DELIVERY_TITLE = "Yetkazib berish"  # the Yandex payment page shows it; Uzbek is the default language
ID_HEX = 12


def cart_lines(items: Iterable[Mapping[str, Any]]) -> list[CartItem]:
    """Cart lines from an order's stored draft items (``name``, ``count``, ``cost``).

    ``cost`` is read as the price of one unit (the line is ``cost × count``), the way the seller
    types an item ("name; count; price"). Items without a positive price are not for sale and are
    left out of the cart.
    """
    lines: list[CartItem] = []
    for n, item in enumerate(items, start=1):
        price = parse_decimal(item.get("cost"))
        if price is None or price <= 0:
            continue
        count = parse_decimal(item.get("count")) or Decimal(1)
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


def build_request_cart(
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


def _checked_purpose(ttl_seconds: int, purpose: str | None) -> str | None:
    """The purpose as sent (trimmed; ``None`` when empty); a lifetime or length out of range raises."""
    if not MIN_TTL <= ttl_seconds <= MAX_TTL:
        raise ValueError(f"ttl must be within {MIN_TTL}..{MAX_TTL} seconds")
    purpose = (purpose or "").strip() or None
    if purpose is not None and len(purpose) > PURPOSE_MAX:
        raise ValueError(f"purpose is longer than {PURPOSE_MAX} characters")
    return purpose


def _create_request(
    yandex_order_id: str,
    cart: RenderedCart,
    deep_link: DeepLink,
    ttl_seconds: int,
    phone: str | None,
    purpose: str | None,
) -> CreateOrderRequest:
    """The Yandex order of one attempt; its redirects lead back to the bot."""
    return CreateOrderRequest(
        order_id=yandex_order_id,
        cart=cart,
        redirect_urls=RedirectUrls(
            on_success=deep_link(start_payload(PAID, yandex_order_id)),
            on_error=deep_link(start_payload(FAIL, yandex_order_id)),
            on_abort=deep_link(start_payload(FAIL, yandex_order_id)),
        ),
        ttl=ttl_seconds,
        billing_phone=phone,
        purpose=purpose,
        order_source=OrderSource.CRM,
    )


class LinkMaker:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        merchants: Merchants,
        machine: StatusMachine,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._merchants = merchants
        self._machine = machine

    def order_id_for(self, prefix: str, user_id: int, idempotency_key: str | None) -> str:
        if idempotency_key is None:
            return f"{prefix}-{uuid.uuid4().hex[:ID_HEX]}"
        return f"{prefix}-{self._box.digest(f'pay-link:{user_id}:{idempotency_key}', size=ID_HEX)}"

    async def create_link(
        self,
        user_id: int,
        *,
        deep_link: DeepLink,
        order: OrderView | None = None,
        amount: Decimal | None = None,
        purpose: str | None = None,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
        idempotency_key: str | None = None,
        delivery_title: str = DELIVERY_TITLE,
        now: datetime | None = None,
    ) -> PaymentLink:
        """A payment link for an order (its items and delivery) or for a typed amount and purpose.

        Raises ``MerchantNotConfigured``, ``NotYourOrder``, ``NothingToPay``,
        ``PaymentCreateUnsure`` (the answer was lost: the poller resolves it),
        ``PaymentInProgress`` (the same request is being made right now), or the client's errors.
        """
        purpose = _checked_purpose(ttl_seconds, purpose)
        now = now or utc_now()
        if order is not None:
            ensure_open_for_payment(order)  # never a link for a cancelled or delivered order
        merchant = await self._merchants.record(user_id)
        if merchant is None:
            raise MerchantNotConfigured
        cart, phone, prefix = build_request_cart(user_id, order, amount, purpose, delivery_title)
        yandex_order_id = self.order_id_for(prefix, user_id, idempotency_key)
        payment, existing = await self._record(
            user_id, yandex_order_id, cart, order, merchant, purpose, ttl_seconds, now
        )
        if existing:
            if payment.status == NOT_CREATED and idempotency_key is not None:
                # That request was refused: this one is a new attempt under a new orderId.
                return await self.create_link(
                    user_id,
                    deep_link=deep_link,
                    order=order,
                    amount=amount,
                    purpose=purpose,
                    ttl_seconds=ttl_seconds,
                    idempotency_key=None,
                    delivery_title=delivery_title,
                    now=now,
                )
            if payment.payment_url is None:
                raise PaymentInProgress
            return await self._link(payment, purpose, repeated=True)
        request = _create_request(yandex_order_id, cart, deep_link, ttl_seconds, phone, purpose)
        url, stored = await self._send(merchant, payment, request, now)
        logger.info("yandex pay: link %s for user %s, %s UZS", yandex_order_id, user_id, cart.total.amount)
        return await self._link(stored, purpose, url=url)

    async def _send(
        self,
        merchant: YandexMerchantRecord,
        payment: PaymentRecord,
        request: CreateOrderRequest,
        now: datetime,
    ) -> tuple[str, PaymentRecord]:
        """Create the Yandex order of a written payment row; its link and the row as updated."""
        client = self._merchants.client_for(merchant, merchant.sandbox)
        try:
            result = await client.create_order(request)
        except YandexPayOutcomeUnknown as exc:
            logger.warning("yandex pay: create of %s unconfirmed (%s)", request.order_id, exc)
            raise PaymentCreateUnsure(payment.id) from exc
        except YandexPayError as exc:
            if not exc.maybe_processed and not isinstance(exc, YandexPayBadResponse):
                await self._machine.close_unsent(payment.id)  # refused as sent: nothing exists upstream
            raise
        if result.payment_url is None:
            logger.warning("yandex pay: %s exists but carries no paymentUrl", request.order_id)
            raise PaymentCreateUnsure(payment.id) from YandexPayBadResponse("no paymentUrl")
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.payments.update(request.order_id, payment_url=result.payment_url, now=now)
            # A poller that read 404 while our create was on its way may have closed it: reopen.
            await uow.payments.set_status_if(payment.id, expected=NOT_CREATED, status=PENDING, now=now)
            stored = await uow.payments.get(payment.id)
        if result.payment_status is not None and not result.payment_status.is_pending:
            await self._machine.apply(
                payment.id, result.payment_status.value, source="create", event_key=None, now=now
            )
        return result.payment_url, stored or payment

    async def _record(
        self,
        user_id: int,
        yandex_order_id: str,
        cart: RenderedCart,
        order: OrderView | None,
        merchant: YandexMerchantRecord,
        purpose: str | None,
        ttl_seconds: int,
        now: datetime,
    ) -> tuple[PaymentRecord, bool]:
        """The payment row of this attempt, written before the request; ``True`` if it existed."""
        try:
            async with unit_of_work(self._sf, self._box) as uow:
                if order is not None:
                    stored = await uow.orders.get(order.id)
                    if stored is None or stored.owner_id != user_id:
                        raise NotYourOrder
                same = await self._existing(uow, yandex_order_id, user_id)
                if same is not None:
                    return same, True
                payment = await uow.payments.create(
                    yandex_order_id=yandex_order_id,
                    amount=cart.total.amount,
                    status=PENDING,
                    owner_id=user_id,
                    order_id=order.id if order is not None else None,
                    expires_at=now + timedelta(seconds=ttl_seconds),
                    sandbox=merchant.sandbox,
                    now=now,
                )
                if not uow.payments.last_created:
                    return payment, True  # another tap wrote it between our look and our insert
                await uow.payments.add_event_if_new(
                    payment.id,
                    event_key=CREATED_EVENT_KEY,
                    event_type="CREATED",
                    status=PENDING,
                    occurred_at=now,
                    payload={
                        "purpose": purpose,
                        "ttl": ttl_seconds,
                        "cart": cart.to_json(),
                        "merchantId": merchant.merchant_id,
                    },
                    now=now,
                )
                return payment, False
        except IntegrityError:
            # Two taps at once: the other one wrote the row first.
            async with self._sf() as session:
                same = await self._existing(UnitOfWork(session, self._box), yandex_order_id, user_id)
            if same is None:
                raise
            return same, True

    @staticmethod
    async def _existing(uow: UnitOfWork, yandex_order_id: str, user_id: int) -> PaymentRecord | None:
        record = await uow.payments.get_by_yandex_id(yandex_order_id)
        if record is not None and record.owner_id != user_id:
            raise NotYourOrder  # cannot happen with a keyed digest; never hand over another's link
        return record

    @staticmethod
    async def _link(
        payment: PaymentRecord, purpose: str | None, *, url: str | None = None, repeated: bool = False
    ) -> PaymentLink:
        link_url = url or payment.payment_url
        assert link_url is not None
        qr = await asyncio.to_thread(qr_png, link_url)
        return PaymentLink(
            payment_id=payment.id,
            yandex_order_id=payment.yandex_order_id,
            url=link_url,
            amount=payment.amount,
            expires_at=payment.expires_at or payment.created_at,
            qr_png=qr,
            order_id=payment.order_id,
            purpose=purpose,
            sandbox=payment.sandbox,
            repeated=repeated,
        )


__all__ = [
    "DEFAULT_TTL_SECONDS",
    "DELIVERY_TITLE",
    "PURPOSE_MAX",
    "TTL_CHOICES",
    "LinkMaker",
    "build_request_cart",
    "cart_lines",
]
