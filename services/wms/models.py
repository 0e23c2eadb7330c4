"""Pydantic models of the BTS fulfillment WMS (seeds 001 "Fulfillment WMS" and 002).

Requests are strict (``extra="forbid"``: a typo fails here, not upstream); answers tolerate
unknown fields. Money, weights, volumes and percentages are ``Decimal``. The document types
several numeric fields as ``integer`` while the answers carry ``"44.00"``: such fields go out
as a JSON integer when whole and as a decimal string otherwise (``WmsNumber``), which a Yii
``integer`` / ``number`` validator both accept.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, PlainSerializer, SecretStr, field_validator

from services.common.phones import normalize_phone
from services.common.types import Money, Phone


def _number_out(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else format(value, "f")


WmsNumber = Annotated[Money, PlainSerializer(_number_out)]
"""A Decimal sent as an integer when whole, else as a decimal string."""


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


# --- auth -----------------------------------------------------------------------------------


class WmsCredentials(BaseModel):
    """A seller's WMS login: ``login`` is the company INN or the phone number."""

    model_config = ConfigDict(frozen=True)

    login: str = Field(min_length=1)
    password: SecretStr

    @field_validator("login")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class TokenPair(_Answer):
    access_token: str = Field(min_length=1)
    refresh_token: str | None = None


# --- pagination -----------------------------------------------------------------------------


class PageMeta(_Answer):
    total_count: int = Field(0, alias="totalCount")
    page_count: int = Field(0, alias="pageCount")
    current_page: int = Field(1, alias="currentPage")
    per_page: int = Field(20, alias="perPage")


def _href(value: object) -> object:
    if isinstance(value, dict):
        return value.get("href")
    return value


class PageLinks(_Answer):
    """``_links`` of a list: plain strings, or Yii's ``{"href": ...}`` objects."""

    self_: str | None = Field(None, alias="self")
    first: str | None = None
    last: str | None = None
    next: str | None = None
    prev: str | None = None

    @field_validator("self_", "first", "last", "next", "prev", mode="before")
    @classmethod
    def _unwrap(cls, value: object) -> object:
        return _href(value)


T = TypeVar("T", bound=BaseModel)


class WmsPage(_Answer, Generic[T]):
    items: list[T] = Field(default_factory=list)
    links: PageLinks = Field(default_factory=PageLinks, alias="_links")
    meta: PageMeta = Field(default_factory=PageMeta, alias="_meta")

    @property
    def has_next(self) -> bool:
        if self.meta.page_count:
            return self.meta.current_page < self.meta.page_count
        return self.links.next is not None


class SelfLink(_Answer):
    href: str | None = None


class Links(_Answer):
    self_: SelfLink | None = Field(None, alias="self")


# --- acknowledgement (client-status) --------------------------------------------------------


class StatusAck(_Request):
    """One ``{"id": 1, "status": "ok"}`` entry: the record is stored on our side."""

    id: int
    status: str = "ok"


class ClientStatusRequest(_Request):
    status: list[StatusAck] = Field(min_length=1)

    @classmethod
    def ok(cls, ids: list[int]) -> ClientStatusRequest:
        return cls(status=[StatusAck(id=i) for i in ids])


class MessageAnswer(_Answer):
    message: str = ""


# --- purveyors (suppliers / buyers) ---------------------------------------------------------


class PurveyorCreate(_Request):
    group: str
    code: str
    name: str
    full_name: str
    name_eng: str | None = None
    stock_percentage: WmsNumber | None = None
    stock_expiry: int | None = None
    legal_entity: bool | None = None
    inn: str | None = None
    kpp: str | None = None
    okpp: str | None = None
    is_buyer: bool | None = None
    main_delivery_address: str | None = None
    depositor: bool | None = None
    contract_number: str | None = None
    contract_date: dt.date | None = None
    bank_details: str | None = None
    contact_info: str | None = None
    additional_details: str | None = None
    is_supplier: bool | None = None


class ContractBankDetail(_Answer):
    id: int | None = None
    supplier_buyer_id: int | None = None
    contract_number: str | None = None
    contract_date: dt.date | None = None
    bank_details: str | None = None
    contact_info: str | None = None
    additional_details: str | None = None
    main_delivery_address: str | None = None


class EntityType(_Answer):
    id: int | None = None
    stock_percentage: Money | None = None
    stock_expiry: int | None = None
    supplier_buyer_id: int | None = None
    legal_entity: bool | None = None


class SupplierBuyerStatus(_Answer):
    id: int | None = None
    supplier_buyer_id: int | None = None
    is_supplier: bool | None = None
    is_buyer: bool | None = None
    depositor: bool | None = None


class TaxInfo(_Answer):
    id: int | None = None
    supplier_buyer_id: int | None = None
    inn: str | None = None
    kpp: str | None = None
    okpo: str | None = None


def _text(value: object) -> object:
    """Identifiers typed ``integer`` in the document come back as strings: keep text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class Purveyor(_Answer):
    id: int
    group: str | None = None
    code: str | None = None
    name: str | None = None
    full_name: str | None = None
    name_eng: str | None = None
    contract_bank_detail: ContractBankDetail | None = Field(None, alias="contractBankDetail")
    entity_type: EntityType | None = Field(None, alias="entityType")
    supplier_buyer_status: SupplierBuyerStatus | None = Field(None, alias="supplierBuyerStatus")
    tax_info: TaxInfo | None = Field(None, alias="taxInfo")
    links: Links | None = Field(None, alias="_links")

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value: object) -> object:
        return _text(value)


# --- products -------------------------------------------------------------------------------


class ProductCreate(_Request):
    """Fields marked required in the document ("tuldirish shart") are required here."""

    group: str
    code: str
    name: str
    full_name: str
    gtin: str
    article: str
    nomenclature_type: str
    shelf_life_stock: WmsNumber
    kis_code: str
    is_set: bool
    weight: WmsNumber
    net_weight: WmsNumber
    volume: WmsNumber
    net_volume: WmsNumber
    specification: str
    temperature_mode: str
    base_packaging: str
    unit: str
    abc_class: str | None = None
    comment: str | None = None
    min_shelf_life_stock: WmsNumber | None = None
    name_eng: str | None = None
    tsd_name: str | None = None
    shelf_life_deviation_days: int | None = None
    min_shelf_life_period: int | None = None
    shelf_life_deviation_period: int | None = None
    depositor: str | None = None
    seasonal_abc_coefficient: WmsNumber | None = None
    storage_period_days: int | None = None
    default_status: str | None = None
    billing_packaging: str | None = None
    report_packaging: str | None = None


class ProductPackaging(_Answer):
    id: int | None = None
    product_id: int | None = None
    base_packaging: str | None = None
    billing_packaging: str | None = None
    report_packaging: str | None = None


class ProductShelfLife(_Answer):
    id: int | None = None
    product_id: int | None = None
    shelf_life_stock: Money | None = None
    min_shelf_life_stock: Money | None = None
    shelf_life_deviation_days: int | None = None
    shelf_life_period: int | None = None
    min_shelf_life_period: int | None = None
    shelf_life_deviation_period: int | None = None
    storage_period_days: int | None = None
    specification: str | None = None
    temperature_mode: str | None = None


class ProductTechnical(_Answer):
    id: int | None = None
    product_id: int | None = None
    weight: Money | None = None
    net_weight: Money | None = None
    volume: Money | None = None
    net_volume: Money | None = None
    is_set: bool | None = None
    kis_code: str | None = None
    default_status: str | None = None


class Product(_Answer):
    id: int
    supplier_buyer_id: int | None = None
    group: str | None = None
    code: str | None = None
    name: str | None = None
    full_name: str | None = None
    gtin: str | None = None
    article: str | None = None
    nomenclature_type: str | None = None
    unit: str | None = None
    comment: str | None = None
    # The WMS spells these "productPackagin" and "productShelfLive"; accept the fixed spelling too.
    packaging: ProductPackaging | None = Field(
        None, validation_alias=AliasChoices("productPackagin", "productPackaging")
    )
    shelf_life: ProductShelfLife | None = Field(
        None, validation_alias=AliasChoices("productShelfLive", "productShelfLife")
    )
    technical: ProductTechnical | None = Field(None, alias="productTechnical")
    links: Links | None = Field(None, alias="_links")

    @field_validator("code", "gtin", "unit", "nomenclature_type", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return _text(value)


# --- receiving goods (inbound deliveries to the warehouse) ----------------------------------


class ReceivingGoodsCreate(_Request):
    number: str
    date: dt.date
    counterparty: str
    nomenclature: str
    quantity: int = Field(ge=0)
    price: WmsNumber
    total_amount: WmsNumber
    arrival_date: dt.date | None = None
    comment: str | None = None
    vehicle_model: str | None = None
    vehicle_number: str | None = None
    driver_name: str | None = None
    driver_document: str | None = None
    contract_number: str | None = None
    contract_date: dt.date | None = None
    kis_number: str | None = None
    kis_date: dt.date | None = None
    accept_by_places: bool | None = None
    vehicle_type: str | None = None
    vat_rate: WmsNumber | None = None
    vat_amount: WmsNumber | None = None
    price_includes_vat: bool | None = None
    discount_amount: WmsNumber | None = None
    under_delivery_percent: WmsNumber | None = None
    over_delivery_percent: WmsNumber | None = None
    nomenclature_package: str | None = None
    package_quantity: int | None = None


class SupplierDetail(_Answer):
    id: int | None = None
    supplier_id: int | None = None
    kis_number: str | None = None
    kis_date: dt.date | None = None
    accept_by_places: bool | None = None
    vehicle_type: str | None = None
    vat_rate: Money | None = None
    vat_amount: Money | None = None
    price_includes_vat: bool | None = None
    discount_amount: Money | None = None
    under_delivery_percent: Money | None = None
    over_delivery_percent: Money | None = None


class SupplierPackage(_Answer):
    id: int | None = None
    supplier_id: int | None = None
    nomenclature_package: str | None = None
    package_quantity: int | None = None


class ReceivingGoods(_Answer):
    id: int
    number: str | None = None
    date: dt.date | None = None
    counterparty: str | None = None
    arrival_date: dt.date | None = None
    comment: str | None = None
    vehicle_model: str | None = None
    vehicle_number: str | None = None
    driver_name: str | None = None
    driver_document: str | None = None
    contract_number: str | None = None
    contract_date: dt.date | None = None
    acceptance_gate: str | None = None
    nomenclature: str | None = None
    quantity: int | None = None
    price: Money | None = None
    total_amount: Money | None = None
    supplier_detail: SupplierDetail | None = Field(None, alias="supplierDetail")
    supplier_package: SupplierPackage | None = Field(None, alias="supplierPackage")
    links: Links | None = Field(None, alias="_links")

    @field_validator("number", "vehicle_number", "contract_number", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return _text(value)


# --- fulfillment orders (seed 002) ----------------------------------------------------------


class FulfillmentStatus(IntEnum):
    """``fulfillment_status`` of seed 002."""

    NEW = 1
    PICKING = 2
    CLOSED = 3
    LOADED = 4
    SCHEDULED = 5
    CANCELLED = 6
    OPENED = 7


class FulfillmentOrderItem(_Request):
    client_product_id: int
    client_product_variation_id: int
    quantity: int = Field(gt=0)
    price: WmsNumber
    discount: WmsNumber = Decimal(0)
    final_price: WmsNumber


class FulfillmentOrderCreate(_Request):
    """``POST v1/order/create``: our order number, the customer's address, our WMS products."""

    order_id: int
    scheduled_at: dt.datetime
    full_name: str = Field(min_length=1)
    phone: str
    address: str = Field(min_length=1)
    region: str = Field(min_length=1)
    country: str = "Uzbekistan"
    city: str | None = None
    zip: str | None = None
    fulfillment_status: FulfillmentStatus | None = None
    order_items: list[FulfillmentOrderItem] = Field(min_length=1)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        return normalize_phone(value)


class OrderAddress(_Answer):
    id: int | None = None
    order_id: int | None = None
    full_name: str | None = None
    phone: Phone | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    zip: str | None = None
    country: str | None = None
    status: int | None = None


class OrderItem(_Answer):
    id: int | None = None
    order_id: int | None = None
    product_id: int | None = None
    client_product_id: int | None = None
    quantity: int | None = None
    price: Money | None = None
    status: int | None = None


class FulfillmentOrder(_Answer):
    id: int
    order_id: int | None = None
    supplier_buyer_id: int | None = None
    fulfillment_status: int | None = None
    created_at: dt.datetime | None = None
    address: OrderAddress | None = Field(None, alias="orderAddress")
    items: list[OrderItem] = Field(default_factory=list, alias="orderItems")
    links: Links | None = Field(None, alias="_links")

    @property
    def status(self) -> FulfillmentStatus | None:
        """The status as an enum; ``None`` for a value the document does not list."""
        try:
            return FulfillmentStatus(self.fulfillment_status) if self.fulfillment_status is not None else None
        except ValueError:
            return None
