"""Yandex Pay notifications (``POST …/v1/webhook``): verified, checked against the owner, re-read.

1. The ES256 JWT is verified (``services.yandex_pay.webhook``) against the JWKS of the payment's
   own environment before anything in it is believed.
2. It must name the merchant that owns the payment (``merchantId``): the merchant the link was
   made under, and the one the seller has saved now. A token without ``merchantId``, for another
   merchant, or for a seller who removed their set-up changes nothing (answered 200, so Yandex
   stops repeating it).
3. The token only says *that* something changed: the order is read back from Yandex with the
   owner's key and Yandex's answer is applied, never the status the token claims. Yandex
   repeats a notification for 24 h with a new JWT each time, so an event's key comes from its
   content (the status read, or the operation), never from the token; a replay is recognised
   before asking Yandex again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import jwt
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.errors import UpstreamError
from services.payments.machine import StatusMachine, details_of
from services.payments.merchants import Merchants
from services.payments.polling import PaymentPoller
from services.payments.status import local_status, refunded_amount
from services.payments.views import WebhookResult
from services.yandex_pay.models import PaymentStatus
from services.yandex_pay.webhook import (
    MAX_TOKEN_BYTES,
    WebhookKeysUnavailable,
    WebhookRejected,
    WebhookVerifier,
)
from storage.crypto import SecretBox
from storage.schemas import PaymentRecord
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)

ORDER_STATUS_UPDATED = "ORDER_STATUS_UPDATED"
OPERATION_STATUS_UPDATED = "OPERATION_STATUS_UPDATED"


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _order_id_of(claims: Mapping[str, Any]) -> str | None:
    for part in ("order", "operation"):
        section = claims.get(part)
        if isinstance(section, Mapping) and isinstance(section.get("orderId"), str):
            return str(section["orderId"])
    return None


class WebhookHandler:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        merchants: Merchants,
        machine: StatusMachine,
        poller: PaymentPoller,
        verifiers: Mapping[bool, WebhookVerifier],
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._merchants = merchants
        self._machine = machine
        self._poller = poller
        self._verifiers = dict(verifiers)

    async def handle(self, body: bytes, now: datetime) -> WebhookResult:
        """200 on success, on a replay, and for what is ignored (so Yandex stops retrying); 400 for
        a body that is not a JWT, 401 for a token that is not to be trusted; 503 when the keys or
        the order cannot be read now (Yandex will retry)."""
        if len(body) > MAX_TOKEN_BYTES:
            return WebhookResult(400, "body too large")
        try:
            token = body.decode("ascii").strip()
            unverified = jwt.decode(token, options={"verify_signature": False})
        except (UnicodeDecodeError, jwt.PyJWTError):
            return WebhookResult(400, "not a JWT")
        order_id = _order_id_of(unverified)
        payment: PaymentRecord | None = None
        if order_id is not None:
            async with self._sf() as session:
                payment = await UnitOfWork(session, self._box).payments.get_by_yandex_id(order_id)
        claims, refused = await self._verify(token, payment)
        if claims is None:
            assert refused is not None
            return refused
        event = claims.get("event")
        if payment is None:
            logger.info("yandex pay webhook: %s for unknown order %r ignored", event, order_id)
            return WebhookResult(200, "unknown order")
        if not await self._owner_named(payment, claims):
            return WebhookResult(200, "merchant mismatch")
        occurred_at = _parse_time(claims.get("eventTime")) or now
        if event == ORDER_STATUS_UPDATED:
            section = claims.get("order")
            raw = section.get("paymentStatus") if isinstance(section, Mapping) else None
            try:
                claimed = PaymentStatus(str(raw))
            except ValueError:
                logger.info("yandex pay webhook: unknown paymentStatus %r for payment %s", raw, payment.id)
                return WebhookResult(200, "unknown status")
            return await self._apply_read(
                payment, claims, f"webhook:{ORDER_STATUS_UPDATED}:{claimed.value}", occurred_at, now
            )
        if event == OPERATION_STATUS_UPDATED:
            section = claims.get("operation")
            operation = section if isinstance(section, Mapping) else {}
            key = (
                f"webhook:{OPERATION_STATUS_UPDATED}:{operation.get('operationId')}:{operation.get('status')}"
            )
            return await self._apply_read(payment, claims, key, occurred_at, now)
        logger.info("yandex pay webhook: event %r ignored", event)
        return WebhookResult(200, "event ignored")

    async def _verify(
        self, token: str, payment: PaymentRecord | None
    ) -> tuple[dict[str, Any] | None, WebhookResult | None]:
        # The payment's own environment decides the keys; the token is not trusted to choose them.
        verifiers: Sequence[WebhookVerifier] = (
            [self._verifiers[payment.sandbox]]
            if payment is not None
            else list(dict.fromkeys(self._verifiers.values()))
        )
        rejection: WebhookRejected | None = None
        unavailable = False
        for verifier in verifiers:
            try:
                return await verifier.verify(token), None
            except WebhookRejected as exc:
                rejection = exc
            except WebhookKeysUnavailable as exc:
                logger.warning("yandex pay webhook: %s", exc)
                unavailable = True
        if unavailable:
            return None, WebhookResult(503, "keys unavailable")
        assert rejection is not None
        logger.warning("yandex pay webhook rejected: %s", rejection.reason)
        return None, WebhookResult(rejection.status, rejection.reason)

    async def _owner_named(self, payment: PaymentRecord, claims: Mapping[str, Any]) -> bool:
        """The token names the merchant the link was made under, and the seller still has it."""
        claimed = claims.get("merchantId")
        merchant = await self._merchants.record(payment.owner_id) if payment.owner_id is not None else None
        async with self._sf() as session:
            _, _, made_under = await details_of(UnitOfWork(session, self._box), payment.id)
        expected = made_under or (merchant.merchant_id if merchant is not None else None)
        if (
            merchant is None
            or not isinstance(claimed, str | int)
            or str(claimed) != merchant.merchant_id
            or str(claimed) != expected
        ):
            logger.warning("yandex pay webhook: merchant not the owner's for payment %s, ignored", payment.id)
            return False
        return True

    async def _apply_read(
        self,
        payment: PaymentRecord,
        claims: dict[str, Any],
        replay_key: str,
        occurred_at: datetime,
        now: datetime,
    ) -> WebhookResult:
        """Read the order back with the owner's key and apply what Yandex says it is now."""
        async with self._sf() as session:
            if (
                await UnitOfWork(session, self._box).payments.get_event(payment.id, replay_key[:255])
                is not None
            ):
                return WebhookResult(200, "no change")
        client = await self._merchants.client(payment.owner_id, payment.sandbox)
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
        expired = payment.expires_at is not None and now >= payment.expires_at
        new = local_status(info.payment_status.value, expired=expired)
        # Recorded under the key of what it claimed only when Yandex confirms it: an early or
        # forged claim leaves no key behind to hide the genuine notification that follows.
        claimed = (
            claims.get("order", {}).get("paymentStatus") if isinstance(claims.get("order"), Mapping) else None
        )
        confirmed = claimed is None or claimed == info.payment_status.value
        key = replay_key if confirmed else f"webhook:read:{new}"
        change = await self._machine.apply(
            payment.id,
            new,
            source="webhook",
            event_key=key,
            event_type=str(claims.get("event") or "WEBHOOK"),
            payload=claims,
            occurred_at=occurred_at,
            refunded=refunded_amount(info),
            now=now,
        )
        self._poller.after_change(payment.id, change, now)
        return WebhookResult(200, "applied" if change is not None else "no change", change)


__all__ = ["OPERATION_STATUS_UPDATED", "ORDER_STATUS_UPDATED", "WebhookHandler"]
