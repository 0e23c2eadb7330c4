"""What the fulfillment repository hands out: frozen pydantic records, never ORM rows."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import SecretStr

from storage.schemas import Record


class CatalogKind(StrEnum):
    """The three ``*/clients`` lists of the WMS, named as in its routes."""

    PURVEYOR = "purveyor"
    PRODUCT = "product"
    RECEIVING = "receiving-goods"


class CatalogData(Record):
    """One WMS record to store (products and purveyors; receivings add ``state``)."""

    wms_id: int
    code: str | None = None
    name: str | None = None
    search_text: str = ""
    data: dict[str, Any]
    fingerprint: str
    # receivings only
    number: str | None = None
    counterparty: str | None = None
    state: str | None = None


class CatalogRecord(Record):
    id: int
    wms_account_id: int
    wms_id: int
    code: str | None
    name: str | None
    data: dict[str, Any]
    fingerprint: str
    first_seen_at: datetime
    updated_at: datetime
    # receivings only
    number: str | None = None
    counterparty: str | None = None
    state: str | None = None
    state_changed_at: datetime | None = None


class CatalogChange(Record):
    """One stored record and what it was before: ``created`` (never seen), ``changed`` (new content)."""

    item: CatalogData
    created: bool
    changed: bool
    state: str | None = None  # receivings: the state stored now
    previous_state: str | None = None


class OrderState(StrEnum):
    """Where our create of a fulfillment order stands (not the WMS's ``fulfillment_status``)."""

    SENDING = "sending"  # written, the create is on its way
    CREATED = "created"  # the WMS answered with its id
    UNSURE = "unsure"  # the answer was lost: it may exist upstream; never re-sent
    FAILED = "failed"  # refused (validation, auth): nothing exists upstream


class Customer(Record):
    full_name: str
    phone: str
    address: str
    zip: str | None = None


class FulfillmentOrderRecord(Record):
    id: int
    owner_id: int | None
    wms_account_id: int | None
    draft_key: str
    wms_id: int | None
    state: OrderState
    fulfillment_status: int | None
    is_final: bool
    customer: Customer
    region: str | None
    city: str | None
    total: Decimal
    items: list[dict[str, Any]]
    scheduled_at: datetime | None
    status_changed_at: datetime | None
    checked_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WmsLogin(Record):
    """A stored WMS account as the sync needs it (secrets wrapped)."""

    id: int
    user_id: int
    login: str
    password: SecretStr
