"""The database schema as typed SQLAlchemy 2 models.

Conventions:
- every timestamp is an aware UTC ``datetime`` (:class:`~storage.types.UTCDateTime`);
- money is ``Numeric(14, 2)`` read back as ``Decimal``; coordinates ``Numeric(9, 6)``;
- columns holding secrets end in ``_enc``, hold an encrypted token (``storage.crypto``, never
  plaintext) and are marked with ``info={"encrypted": True}``: ``python -m storage rotate-keys``
  and the tests find them through that mark;
- enumerations (states, kinds) are short strings; their Python enums live in ``storage.schemas``;
- the repositories, not the models, hold the queries (no ORM relationships except user roles).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import IdType, UTCDateTime, utc_now

# Deterministic constraint names: Alembic (and SQLite batch mode) need them to alter later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ENCRYPTED = {"encrypted": True}

Money = Numeric(14, 2)
Coordinate = Numeric(9, 6)
JsonType = JSON(none_as_null=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)


# --- users ---------------------------------------------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # Telegram id
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    blocked_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    roles: Mapped[list[UserRole]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True, order_by="UserRole.role"
    )


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    __table_args__ = (Index("ix_user_roles_role", "role"),)


# --- upstream accounts ----------------------------------------------------------------------


class BtsAccount(Base, Timestamps):
    __tablename__ = "bts_accounts"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(String(128))
    inn: Mapped[str] = mapped_column(String(16))
    password_enc: Mapped[str] = mapped_column(Text, info=ENCRYPTED)
    token_enc: Mapped[str | None] = mapped_column(Text, info=ENCRYPTED)
    token_obtained_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("user_id", "inn", "username", name="uq_bts_accounts_login"),)


class WmsAccount(Base, Timestamps):
    __tablename__ = "wms_accounts"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    login: Mapped[str] = mapped_column(String(64))  # INN or phone
    password_enc: Mapped[str] = mapped_column(Text, info=ENCRYPTED)
    access_token_enc: Mapped[str | None] = mapped_column(Text, info=ENCRYPTED)
    refresh_token_enc: Mapped[str | None] = mapped_column(Text, info=ENCRYPTED)
    token_obtained_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("user_id", "login", name="uq_wms_accounts_login"),)


class YandexMerchant(Base, Timestamps):
    __tablename__ = "yandex_merchants"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    merchant_id: Mapped[str] = mapped_column(String(64))
    api_key_enc: Mapped[str] = mapped_column(Text, info=ENCRYPTED)
    sandbox: Mapped[bool] = mapped_column(Boolean, default=False)


# --- address book -----------------------------------------------------------------------------


class AddressBookEntry(Base):
    """A saved sender profile (``kind='sender'``) or a recipient (``kind='recipient'``)."""

    __tablename__ = "address_book"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    phone: Mapped[str] = mapped_column(String(32))
    extra_phone: Mapped[str | None] = mapped_column(String(32))
    region_id: Mapped[int | None] = mapped_column(Integer)
    city_id: Mapped[int | None] = mapped_column(Integer)
    city_name: Mapped[str | None] = mapped_column(String(255))
    branch_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    longitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    search_text: Mapped[str] = mapped_column(Text, default="")  # casefolded name + phone digits
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (Index("ix_address_book_owner_recent", "user_id", "kind", "last_used_at"),)


# --- orders -------------------------------------------------------------------------------------


class Order(Base, Timestamps):
    """An order created or seen through the bot.

    ``bts_order_id`` is empty only while a create is in flight (the row is written first with our
    own ``reference``, sent to BTS as ``clientId``, so a lost answer can be recovered).
    """

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    bts_order_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    reference: Mapped[str | None] = mapped_column(String(64), unique=True)
    barcode: Mapped[str | None] = mapped_column(String(64), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    bts_account_id: Mapped[int | None] = mapped_column(ForeignKey("bts_accounts.id", ondelete="SET NULL"))
    international: Mapped[bool] = mapped_column(Boolean, default=False)
    receiver_name: Mapped[str | None] = mapped_column(String(255))
    receiver_phone: Mapped[str | None] = mapped_column(String(32))
    receiver_city: Mapped[str | None] = mapped_column(String(255))
    cost: Mapped[Decimal | None] = mapped_column(Money)
    cod_amount: Mapped[Decimal | None] = mapped_column(Money)
    status_code: Mapped[int | None] = mapped_column(Integer)
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    snapshot_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    search_text: Mapped[str] = mapped_column(Text, default="")  # casefolded barcode, name, phone digits

    __table_args__ = (
        CheckConstraint("bts_order_id IS NOT NULL OR reference IS NOT NULL", name="identified"),
        Index("ix_orders_owner_created", "owner_id", "created_at"),
        Index("ix_orders_final_checked", "is_final", "checked_at"),
    )


class OrderStatusEvent(Base):
    """One status change of an order; the natural key keeps a re-polled event from being stored twice."""

    __tablename__ = "order_status_events"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    status_code: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    message: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(255))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (
        UniqueConstraint("order_id", "status_code", "occurred_at", name="uq_order_status_events_natural"),
    )


# --- tracking subscriptions ------------------------------------------------------------------------


class Subscription(Base):
    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (UniqueConstraint("chat_id", "order_id", name="uq_subscriptions_chat_order"),)


class ChatPreferences(Base):
    """Per-chat notification preferences; a chat without a row has the defaults."""

    __tablename__ = "chat_preferences"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    notify: Mapped[bool] = mapped_column(Boolean, default=True)
    final_only: Mapped[bool] = mapped_column(Boolean, default=False)
    quiet_from: Mapped[int | None] = mapped_column(SmallInteger)  # hour 0..23, local time
    quiet_to: Mapped[int | None] = mapped_column(SmallInteger)
    # Tell the chat when a parcel has not moved for this many days (None: never).
    stalled_days: Mapped[int | None] = mapped_column(SmallInteger, default=5, server_default="5")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)


# --- payments -------------------------------------------------------------------------------------


class Payment(Base, Timestamps):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    yandex_order_id: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="UZS")
    status: Mapped[str] = mapped_column(String(32), index=True)
    payment_url: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sandbox: Mapped[bool] = mapped_column(Boolean, default=False)


class PaymentEvent(Base):
    """A webhook notification or a polled change; ``event_key`` dedups Yandex's retries."""

    __tablename__ = "payment_events"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id", ondelete="CASCADE"))
    event_key: Mapped[str] = mapped_column(String(255))
    event_type: Mapped[str] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (UniqueConstraint("payment_id", "event_key", name="uq_payment_events_key"),)


# --- notification outbox ---------------------------------------------------------------------------


class OutboxMessage(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    message_key: Mapped[str] = mapped_column(String(128))
    params: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    dedup_key: Mapped[str] = mapped_column(String(255), unique=True)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)


# --- BTS branch directory cache ----------------------------------------------------------------------


class Branch(Base):
    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # BTS branch id
    name: Mapped[str] = mapped_column(String(255))
    region_id: Mapped[int | None] = mapped_column(Integer, index=True)
    city_id: Mapped[int | None] = mapped_column(Integer, index=True)
    city_name: Mapped[str | None] = mapped_column(String(255))
    address: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    longitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    phone: Mapped[str | None] = mapped_column(String(64))
    working_hours: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    raw: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CacheMeta(Base):
    """When each cached upstream directory was last fetched (one row per cache, e.g. ``branches``)."""

    __tablename__ = "cache_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())
    item_count: Mapped[int] = mapped_column(Integer, default=0)


# --- aiogram FSM ---------------------------------------------------------------------------------------


class FsmRecord(Base):
    """State and data of one conversation, keyed by aiogram's key builder (``fsm:<chat>:<user>:<destiny>``).

    ``data`` holds the JSON dict in clear; ``data_enc`` holds it encrypted when the storage is
    given a secret box (then ``data`` stays empty).
    """

    __tablename__ = "fsm_records"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    data_enc: Mapped[str | None] = mapped_column(Text, info=ENCRYPTED)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)


def encrypted_columns() -> dict[str, list[str]]:
    """Table name -> names of its columns that hold encrypted tokens."""
    found: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        names = [column.name for column in table.columns if column.info.get("encrypted")]
        if names:
            found[table.name] = names
    return found


class LearnedPlace(Base):
    """A name (and code) BTS gave for one of its regions, cities or branches in an order answer.

    The branch directory carries only ids (seed 001); order answers name the region and city
    (``senderRegion`` / ``senderCity`` in seed 001, ``region`` / ``city`` with ``code`` in seed 000).
    Every name seen is kept (``names``, a JSON list): they identify the place and become search
    aliases. ``code`` is the last non-empty code seen (``city_code`` / ``branch_code`` of the v1 edit).
    """

    __tablename__ = "learned_places"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # region | city | branch
    bts_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    names: Mapped[list[str]] = mapped_column(JSON, default=list)
    code: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)


# --- the operator's allow-list of sellers ---------------------------------------------------------


class AllowedSeller(Base):
    """One entry of the operator's optional allow-list of sellers (``services.seller_access``).

    ``kind`` says what ``value`` is: a company's INN (9 digits), a BTS API login (kept casefolded)
    or a Telegram user id. A seller is on the list when any of the three matches."""

    __tablename__ = "allowed_sellers"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # inn | login | telegram
    value: Mapped[str] = mapped_column(String(128))
    added_by: Mapped[int | None] = mapped_column(BigInteger)  # the operator's Telegram id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    __table_args__ = (UniqueConstraint("kind", "value", name="uq_allowed_sellers_entry"),)


class AllowListSettings(Base):
    """The allow-list's switch and whom a refused seller should ask (one row, ``id`` 1)."""

    __tablename__ = "allow_list_settings"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[str | None] = mapped_column(String(200))  # as the operator typed it
    updated_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)


# --- Telegram updates ------------------------------------------------------------------------------


class HandledUpdate(Base):
    """A Telegram update this bot took on: claimed while handled, then done.

    Telegram delivers an update again until it is confirmed (polling) or answered 200 (webhook);
    the row makes a redelivery of a handled update a no-op, and a claim whose process died
    (``claimed_at`` older than the lock timeout) is taken over. Old rows are purged.
    """

    __tablename__ = "handled_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)


# --- fulfillment (WMS): their own module, registered on ``Base.metadata`` by this import --------------

# The busy seller's tables live in their own module on the same Base (imported last: it needs Base).
from storage import busy_models as _busy_models  # noqa: E402
from storage import fulfillment_models  # noqa: E402, F401

_ = _busy_models
