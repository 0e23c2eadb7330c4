"""What the repositories hand out (and some of what they take in): frozen pydantic objects, never ORM rows.

Secrets come out decrypted but wrapped in ``SecretStr`` (``.get_secret_value()`` to use them), so
logging a record never prints them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SecretStr

T = TypeVar("T")


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a list plus the total number of matching rows."""

    model_config = ConfigDict(frozen=True)

    items: tuple[T, ...]
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


# --- users ----------------------------------------------------------------------------------------


class UserRecord(Record):
    id: int
    language: str | None
    roles: frozenset[str] = frozenset()
    created_at: datetime
    last_seen_at: datetime
    blocked_bot: bool
    blocked_at: datetime | None


# --- accounts -------------------------------------------------------------------------------------


class BtsAccountRecord(Record):
    id: int
    user_id: int
    username: str
    inn: str
    password: SecretStr
    token: SecretStr | None
    token_obtained_at: datetime | None
    created_at: datetime
    updated_at: datetime


class AllowEntryRecord(Record):
    """An entry of the operator's allow-list of sellers."""

    id: int
    kind: str  # inn | login | telegram
    value: str
    created_at: datetime


class AllowListSettingsRecord(Record):
    enabled: bool = False
    contact: str | None = None


class SellerLoginRecord(Record):
    """The BTS login a seller is logged in with (what the allow-list is matched against)."""

    user_id: int
    username: str
    inn: str


class WmsAccountRecord(Record):
    id: int
    user_id: int
    login: str
    password: SecretStr
    access_token: SecretStr | None
    refresh_token: SecretStr | None
    token_obtained_at: datetime | None
    created_at: datetime
    updated_at: datetime


class YandexMerchantRecord(Record):
    id: int
    user_id: int
    merchant_id: str
    api_key: SecretStr
    sandbox: bool
    created_at: datetime
    updated_at: datetime


# --- address book ---------------------------------------------------------------------------------


class ContactKind(StrEnum):
    SENDER = "sender"
    RECIPIENT = "recipient"


class ContactData(Record):
    """A sender profile or a recipient as the bot collected it (phones already normalised)."""

    name: str = Field(min_length=1, max_length=255)
    phone: str = Field(min_length=1, max_length=32)
    extra_phone: str | None = Field(default=None, max_length=32)
    region_id: int | None = None
    city_id: int | None = None
    city_name: str | None = Field(default=None, max_length=255)
    branch_id: int | None = None
    address: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class ContactRecord(ContactData):
    id: int
    user_id: int
    kind: ContactKind
    created_at: datetime
    last_used_at: datetime


# --- orders ---------------------------------------------------------------------------------------


class OrderData(Record):
    """What the bot knows of an upstream order; ``None`` fields leave stored values unchanged on upsert."""

    bts_order_id: int
    barcode: str | None = None
    owner_id: int | None = None
    bts_account_id: int | None = None
    reference: str | None = None
    international: bool | None = None
    receiver_name: str | None = None
    receiver_phone: str | None = None
    receiver_city: str | None = None
    cost: Decimal | None = None
    cod_amount: Decimal | None = None
    status_code: int | None = None
    is_final: bool | None = None
    snapshot: dict[str, Any] | None = None


class OrderRecord(Record):
    id: int
    bts_order_id: int | None
    reference: str | None
    barcode: str | None
    owner_id: int | None
    bts_account_id: int | None
    international: bool
    receiver_name: str | None
    receiver_phone: str | None
    receiver_city: str | None
    cost: Decimal | None
    cod_amount: Decimal | None
    status_code: int | None
    is_final: bool
    status_changed_at: datetime | None
    snapshot: dict[str, Any] | None
    snapshot_at: datetime | None
    checked_at: datetime | None
    created_at: datetime
    updated_at: datetime


class OrderUpsertResult(Record):
    order: OrderRecord
    created: bool
    status_changed: bool
    previous_status: int | None


class StatusEventData(Record):
    status_code: int
    occurred_at: datetime
    message: str | None = None
    location: str | None = None


class StatusEventRecord(StatusEventData):
    id: int
    order_id: int
    recorded_at: datetime


# --- subscriptions --------------------------------------------------------------------------------


class SubscriptionRecord(Record):
    id: int
    chat_id: int
    order_id: int
    created_at: datetime


class ChatPreferencesRecord(Record):
    chat_id: int
    notify: bool = True
    final_only: bool = False
    quiet_from: int | None = Field(default=None, ge=0, le=23)
    quiet_to: int | None = Field(default=None, ge=0, le=23)
    stalled_days: int | None = Field(default=5, ge=1, le=60)


# --- payments -------------------------------------------------------------------------------------


class PaymentRecord(Record):
    id: int
    yandex_order_id: str
    owner_id: int | None
    order_id: int | None
    amount: Decimal
    currency: str
    status: str
    payment_url: str | None
    expires_at: datetime | None
    sandbox: bool
    created_at: datetime
    updated_at: datetime


class PaymentEventRecord(Record):
    id: int
    payment_id: int
    event_key: str
    event_type: str
    status: str | None
    occurred_at: datetime
    payload: dict[str, Any] | None
    recorded_at: datetime


# --- outbox ---------------------------------------------------------------------------------------


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting for its first attempt
    CLAIMED = "claimed"  # a worker holds it until lease_until
    RETRY = "retry"  # an attempt failed; due again at next_attempt_at
    SENT = "sent"
    DEAD = "dead"  # given up (too many attempts, or a permanent error such as a blocked bot)


class OutboxRecord(Record):
    id: int
    chat_id: int
    message_key: str
    params: dict[str, Any]
    dedup_key: str
    state: OutboxState
    attempts: int
    next_attempt_at: datetime
    claimed_by: str | None
    lease_until: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None


# --- branch cache ---------------------------------------------------------------------------------


class BranchData(Record):
    id: int
    name: str
    region_id: int | None = None
    city_id: int | None = None
    city_name: str | None = None
    address: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    phone: str | None = None
    working_hours: dict[str, Any] | None = None
    raw: dict[str, Any] | None = None


class BranchRecord(BranchData):
    fetched_at: datetime


class CityRecord(Record):
    id: int
    name: str | None
    region_id: int | None


# --- learned place names ---------------------------------------------------------------------------


class LearnedPlaceData(Record):
    """What BTS called one of its regions / cities / branches in an order answer."""

    kind: str  # region | city | branch
    bts_id: int
    names: tuple[str, ...] = ()
    code: str | None = None
