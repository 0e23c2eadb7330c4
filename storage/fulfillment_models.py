"""Tables of the BTS fulfillment (WMS) side: what the ``*/clients`` lists handed us, and our orders.

Imported at the end of :mod:`storage.models` (so ``Base.metadata`` knows them); kept apart from
the courier tables because they describe another upstream service.

- ``wms_products``, ``wms_purveyors``, ``wms_receivings``: one row per WMS record per seller
  account, keyed by ``(wms_account_id, wms_id)``. The sync upserts by that key, so a page fetched
  twice (a crash between storing and acknowledging) is stored once. ``data`` keeps the record as
  the WMS answered it (the card shows what the seed shows, nothing more); ``fingerprint`` tells a
  changed record from a repeated one.
- ``fulfillment_orders``: orders created through the bot (seed 002). The row is written before
  the create is sent (``state='sending'``) and its ``id`` is the ``order_id`` the WMS gets; the
  confirm button's ``draft_key`` is unique, so a double press creates nothing twice. Customer
  name, phone and address are personal data: they live encrypted in ``customer_enc``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import ENCRYPTED, Base, JsonType, Money
from storage.types import IdType, UTCDateTime, utc_now


class WmsProduct(Base):
    __tablename__ = "wms_products"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    wms_account_id: Mapped[int] = mapped_column(ForeignKey("wms_accounts.id", ondelete="CASCADE"))
    wms_id: Mapped[int] = mapped_column(BigInteger)
    code: Mapped[str | None] = mapped_column(String(128))
    name: Mapped[str | None] = mapped_column(String(255))
    search_text: Mapped[str] = mapped_column(Text, default="")  # casefolded name, code, barcode, article
    data: Mapped[dict[str, Any]] = mapped_column(JsonType)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (
        UniqueConstraint("wms_account_id", "wms_id", name="uq_wms_products_account_wms_id"),
        Index("ix_wms_products_account_name", "wms_account_id", "name"),
    )


class WmsPurveyor(Base):
    __tablename__ = "wms_purveyors"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    wms_account_id: Mapped[int] = mapped_column(ForeignKey("wms_accounts.id", ondelete="CASCADE"))
    wms_id: Mapped[int] = mapped_column(BigInteger)
    code: Mapped[str | None] = mapped_column(String(128))
    name: Mapped[str | None] = mapped_column(String(255))
    search_text: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JsonType)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (
        UniqueConstraint("wms_account_id", "wms_id", name="uq_wms_purveyors_account_wms_id"),
        Index("ix_wms_purveyors_account_name", "wms_account_id", "name"),
    )


class WmsReceiving(Base):
    """An inbound delivery; ``state`` is ours (``services.fulfillment.status``), derived from the record."""

    __tablename__ = "wms_receivings"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    wms_account_id: Mapped[int] = mapped_column(ForeignKey("wms_accounts.id", ondelete="CASCADE"))
    wms_id: Mapped[int] = mapped_column(BigInteger)
    number: Mapped[str | None] = mapped_column(String(64))
    counterparty: Mapped[str | None] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16))
    state_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (
        UniqueConstraint("wms_account_id", "wms_id", name="uq_wms_receivings_account_wms_id"),
        Index("ix_wms_receivings_account_seen", "wms_account_id", "first_seen_at"),
    )


class FulfillmentOrder(Base):
    __tablename__ = "fulfillment_orders"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)  # the WMS ``order_id``
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    wms_account_id: Mapped[int | None] = mapped_column(ForeignKey("wms_accounts.id", ondelete="SET NULL"))
    draft_key: Mapped[str] = mapped_column(String(64), unique=True)
    wms_id: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16))  # sending, created, unsure, failed
    fulfillment_status: Mapped[int | None] = mapped_column(Integer)
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)
    customer_enc: Mapped[str] = mapped_column(Text, info=ENCRYPTED)  # JSON: full_name, phone, address, zip
    region: Mapped[str | None] = mapped_column(String(128))
    city: Mapped[str | None] = mapped_column(String(128))
    total: Mapped[Decimal] = mapped_column(Money)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (
        UniqueConstraint("wms_account_id", "wms_id", name="uq_fulfillment_orders_account_wms_id"),
        Index("ix_fulfillment_orders_final_checked", "is_final", "checked_at"),
    )
