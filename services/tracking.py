"""Tracking by barcode, for anyone: no login. Known barcodes resolve to their stored order;
others are tried as international parcels (``international/track-by-barcode``)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.accounts import AccountService
from services.bts import BtsClient, BtsCredentials
from services.common.errors import Forbidden, NotFound, UpstreamError, ValidationFailed
from services.orders import EventView, OrderService
from services.settings import Settings
from storage.crypto import SecretBox
from storage.schemas import OrderRecord, StatusEventRecord
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParcelStatus:
    barcode: str
    found: bool
    international: bool = False
    order_id: int | None = None
    status_code: int | None = None
    status_text: str | None = None
    events: tuple[EventView, ...] = ()
    tracking_url: str | None = None
    updated_at: datetime | None = None
    stale: bool = False  # BTS could not be asked: this is what we knew last


@dataclass(frozen=True, slots=True)
class FollowedParcel:
    order_id: int
    barcode: str | None
    status_code: int | None
    international: bool


@dataclass
class TrackingService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    bts: BtsClient
    accounts: AccountService
    orders: OrderService
    settings: Settings

    def _uow(self, session: AsyncSession) -> UnitOfWork:
        return UnitOfWork(session, self.box)

    async def _service_credentials(self) -> BtsCredentials | None:
        return await self.accounts.any_credentials(None)

    async def track(self, barcode: str) -> ParcelStatus:
        async with self.session_factory() as session:
            uow = self._uow(session)
            record = await uow.orders.get_by_barcode(barcode)
            stored_events = await uow.status_events.list_for_order(record.id) if record else []
        if record is not None and record.bts_order_id is not None and not record.international:
            return await self._track_local(barcode, record, stored_events)
        return await self._track_international(barcode, record)

    async def _track_local(
        self, barcode: str, record: OrderRecord, stored: Sequence[StatusEventRecord]
    ) -> ParcelStatus:
        account = await self.accounts.by_account_id(record.bts_account_id) if record.bts_account_id else None
        upstream = (record.snapshot or {}).get("order") or {}
        url = upstream.get("tracking") if isinstance(upstream, dict) else None
        if account is not None and record.bts_order_id is not None:
            try:
                track, history = await asyncio.gather(
                    self.bts.track_order(account.credentials, record.bts_order_id),
                    self.bts.order_history(account.credentials, record.bts_order_id),
                )
            except UpstreamError:
                logger.warning("tracking %s: BTS failed, showing what we stored", barcode, exc_info=True)
            else:
                await self.orders.store_history(record.id, history)
                code = track.status_id
                if code is not None and code != record.status_code:
                    location = history[-1].location if history else None
                    await self.orders.record_status(record.bts_order_id, code, location=location)
                events = tuple(EventView(e.status_id, e.timestamp, e.message, e.location) for e in history)
                return ParcelStatus(barcode, True, False, record.id, code, track.status.text, events, url)
        events = tuple(EventView(e.status_code, e.occurred_at, e.message, e.location) for e in stored)
        return ParcelStatus(
            barcode,
            True,
            False,
            record.id,
            record.status_code,
            None,
            events,
            url,
            record.updated_at,
            stale=True,
        )

    async def _track_international(self, barcode: str, record: OrderRecord | None) -> ParcelStatus:
        # A parcel made through the bot is asked about with its seller's account (BTS may show a
        # parcel only to the account that created it); any other barcode with the service account.
        account = (
            await self.accounts.by_account_id(record.bts_account_id)
            if record is not None and record.bts_account_id is not None
            else None
        )
        credentials = account.credentials if account is not None else await self._service_credentials()
        if credentials is None:
            return ParcelStatus(barcode, False)
        try:
            result = await self.bts.track_international(credentials, barcode)
        except (NotFound, ValidationFailed, Forbidden):
            return ParcelStatus(barcode, False)
        return ParcelStatus(
            barcode, True, True, record.id if record else None, result.status.code, result.status.message
        )

    async def follow(self, chat_id: int, barcode: str) -> bool:
        """Subscribe the chat to the parcel (pushes come from the poller); ``False`` if unknown."""
        async with self.session_factory() as session, session.begin():
            uow = self._uow(session)
            record = await uow.orders.get_by_barcode(barcode)
            if record is None:
                return False
            await uow.subscriptions.subscribe(chat_id, record.id)
            return True

    async def unfollow_barcode(self, chat_id: int, barcode: str) -> bool:
        async with self.session_factory() as session, session.begin():
            uow = self._uow(session)
            record = await uow.orders.get_by_barcode(barcode)
            return record is not None and await uow.subscriptions.unsubscribe(chat_id, record.id)

    async def unfollow(self, chat_id: int, order_id: int) -> bool:
        async with self.session_factory() as session, session.begin():
            return await self._uow(session).subscriptions.unsubscribe(chat_id, order_id)

    async def is_following(self, chat_id: int, order_id: int) -> bool:
        async with self.session_factory() as session:
            return await self._uow(session).subscriptions.is_subscribed(chat_id, order_id)

    async def followed(self, chat_id: int) -> list[FollowedParcel]:
        async with self.session_factory() as session:
            uow = self._uow(session)
            subs = await uow.subscriptions.list_for_chat(chat_id)
            out: list[FollowedParcel] = []
            for sub in subs:
                record = await uow.orders.get(sub.order_id)
                if record is not None:
                    out.append(
                        FollowedParcel(record.id, record.barcode, record.status_code, record.international)
                    )
        return out
