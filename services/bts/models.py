"""Pydantic models of the BTS courier API: requests we send, answers we read.

Requests use snake_case names with the wire names as aliases (``OrderCreate(sender_city_id=...)``
goes out as ``senderCityId``) and refuse unknown fields. Answers ignore fields they do not know,
read money and weights into ``Decimal`` (``"12000.00"``, ``"2.000"``) and phones into E.164.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SecretStr,
    model_validator,
)

from services.common.digits import is_digits
from services.common.phones import normalize_phone
from services.common.types import Money, MoneyStr, Phone

__all__ = [
    "Branch",
    "BtsCredentials",
    "CalculateRequest",
    "CalculateResult",
    "CancelResult",
    "CancellationReason",
    "HistoryEvent",
    "InternationalOrder",
    "InternationalOrderCreate",
    "InternationalProduct",
    "InternationalStatus",
    "InternationalStatusCode",
    "InternationalTrack",
    "LocalStatus",
    "ManifestCreate",
    "ManifestResult",
    "MxikGood",
    "MxikGoodCreate",
    "NestedCargo",
    "NestedOption",
    "NestedParty",
    "NestedPostType",
    "Order",
    "OrderCreate",
    "OrderEditFlat",
    "OrderEditNested",
    "OrderGood",
    "OrderOption",
    "OrderTrack",
    "Piece",
    "PostTypeItem",
    "Ref",
    "StatusRef",
    "StickerData",
]


# --- wire types ------------------------------------------------------------------------------


def _json_number(value: Decimal) -> int | float:
    # JSON has one number type and the API documents weights and prices as numbers. We never
    # compute with the float: float(str) of a decimal with <= 15 significant digits prints back
    # as the same digits, so the text on the wire is exactly the Decimal we hold.
    if value == value.to_integral_value():
        return int(value)
    return float(str(value))


WireNumber = Annotated[Money, PlainSerializer(_json_number, return_type=int | float, when_used="json")]
"""A Decimal in our code, a JSON number on the wire."""

RequestPhone = Annotated[str, AfterValidator(normalize_phone)]
"""A phone we send: must be valid, goes out as ``+998901234567``."""

IntStr = Annotated[int, PlainSerializer(str, return_type=str, when_used="json")]
"""An integer the document types as ``string`` (international orders)."""


def _lenient_date(value: object) -> object:
    if isinstance(value, str) and (not value.strip() or value.startswith("0000")):
        return None
    return value


def _lenient_datetime(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if not text or text.startswith("0000"):
            return None
        return text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
    return value


_Day = date  # a field named ``date`` would shadow the type inside its class

LenientDate = Annotated[date | None, BeforeValidator(_lenient_date)]
LenientDatetime = Annotated[datetime | None, BeforeValidator(_lenient_datetime)]


class _Request(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: wire names, ``None`` fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class _Response(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", coerce_numbers_to_str=True)


# --- statuses --------------------------------------------------------------------------------


class LocalStatus(IntEnum):
    """Local order statuses (seed 001 "Statuslar ro'yxati"). Names per locale live with the texts."""

    REJECTED = 0
    WITH_SENDER = 1
    COURIER_PICKED_UP = 2
    AT_SENDER_OFFICE = 3
    AT_DELIVERY_OFFICE = 4
    COURIER_DELIVERING = 5
    DELIVERED = 6
    RETURNING = 7
    TRANSIT_OFFICE = 8
    SORTING_CENTER = 10
    WAREHOUSE = 31
    IN_BAG = 32
    IN_TRANSPORT = 33
    RC_COURIER = 34


class InternationalStatusCode(IntEnum):
    """International order statuses (seed 001, "Xalqaro Buyurtma / Statuslar ro'yxati")."""

    WITH_SENDER = 100
    ENTERED_CUSTOMS = 110
    LEFT_CUSTOMS = 120
    CANCELLED_BY_CUSTOMS = 130
    SORTING_CENTER = 200
    AT_RECEIVER_OFFICE = 300
    COURIER_DELIVERING = 400
    DELIVERED = 500


# --- credentials -----------------------------------------------------------------------------


class BtsCredentials(BaseModel):
    """One seller account of the courier API. The password never appears in ``repr`` or logs."""

    model_config = ConfigDict(frozen=True)

    username: str = Field(min_length=1)
    password: SecretStr
    inn: str = Field(min_length=1)

    @property
    def key(self) -> str:
        """Token cache key: one token per (username, INN)."""
        return f"{self.username}\x1f{self.inn}"


# --- shared answer pieces --------------------------------------------------------------------


class Ref(_Response):
    """A referenced object: ``{"id": 2, "name": "Andijon viloyati", "regionId": 2, "code": "0101"}``."""

    id: int | None = None
    name: str | None = None
    code: str | None = None
    region_id: int | None = Field(default=None, alias="regionId")


class StatusRef(_Response):
    """``{"id": 1, "info": "Mijozda"}`` (detail), ``{"id": 0, "name": ...}`` (cancel, track) or
    ``{"code": "0101", "info": ...}`` (v1 edit)."""

    id: int | None = None
    code: str | None = None
    info: str | None = None
    name: str | None = None

    @property
    def text(self) -> str | None:
        return self.info or self.name

    @property
    def local_id(self) -> int | None:
        """The local status (seed 001's table): ``id``, or the v1 ``code`` read as its last two
        digits (seed 000 prints ``"0101"`` with "У отправителя", status 1 "with the sender")."""
        if self.id is not None:
            return self.id
        code = (self.code or "").strip()
        if is_digits(code):
            return int(code[-2:]) if len(code) == 4 else int(code)
        return None


# --- orders: requests ------------------------------------------------------------------------


class OrderGood(_Request):
    """A product line of the electronic receipt (COD): a registered MXIK good."""

    mxik_goods_id: int = Field(alias="mxikGoodsId")
    amount: int = Field(default=1, ge=1)
    good_price: WireNumber = Field(alias="goodPrice", ge=0)


class OrderOption(_Request):
    option_id: int = Field(default=2, alias="optionId")  # 2 = electronic receipt
    goods: list[OrderGood]


class PostTypeItem(_Request):
    name: str
    code: str | None = None
    count: int = Field(default=1, ge=1)
    cost: WireNumber | None = None


class OrderCreate(_Request):
    """``order/add`` (seed 001). Delivery codes: 1 = courier, 0 = BTS office (api-notes)."""

    sender_city_id: int = Field(alias="senderCityId")
    sender_address: str = Field(alias="senderAddress", min_length=1)
    sender_delivery: Literal[0, 1] = Field(default=1, alias="senderDelivery")
    sender_real: str = Field(alias="senderReal", min_length=1)
    sender_phone: RequestPhone = Field(alias="senderPhone")
    weight: WireNumber = Field(gt=0)
    package_id: int = Field(alias="packageId")
    post_type_id: int = Field(alias="postTypeId")
    receiver: str = Field(min_length=1)
    receiver_address: str = Field(alias="receiverAddress", min_length=1)
    receiver_delivery: Literal[0, 1] = Field(default=1, alias="receiverDelivery")
    receiver_city_id: int = Field(alias="receiverCityId")
    receiver_branch_id: int | None = Field(default=None, alias="receiver_branch_id")
    receiver_phone: RequestPhone = Field(alias="receiverPhone")
    receiver_phone1: RequestPhone | None = Field(default=None, alias="receiverPhone1")
    client_id: str | None = Field(default=None, alias="clientId")
    volume: WireNumber | None = None
    take_photo: Literal[0, 1] | None = Field(default=None, alias="takePhoto")
    is_test: Literal[0, 1] | None = None
    sender_sign: str | None = Field(default=None, alias="senderSign")
    receiver_sign: str | None = Field(default=None, alias="receiverSign")
    piece: int = Field(default=1, ge=1)
    sender_date: date | None = Field(default=None, alias="senderDate")
    receiver_date: date | None = Field(default=None, alias="receiverDate")
    bring_back_money: Literal[0, 1] | None = Field(default=None, alias="bringBackMoney")
    back_money: WireNumber | None = Field(default=None, alias="back_money")
    bring_back_waybill: Literal[0, 1] | None = Field(default=None, alias="bringBackWaybill")
    additional_info: str | None = Field(default=None, alias="additionalInfo")
    post_types: list[PostTypeItem] | None = Field(default=None, alias="postTypes")
    options: list[OrderOption] | None = None


class OrderEditFlat(OrderCreate):
    """``order/edit`` (seed 001): the whole flat order again, ``orderId`` in the body."""

    order_id: int = Field(alias="orderId")


class NestedParty(_Request):
    """``sender`` / ``receiver`` of the v1 edit (seed 000)."""

    name: str = Field(min_length=1)
    phone: RequestPhone
    phone1: RequestPhone | None = None
    address: str = Field(min_length=1)
    latitude: str | None = None
    longitude: str | None = None
    city_code: str | None = None
    branch_code: str | None = None


class NestedPostType(_Request):
    name: str
    code: str | None = None
    count: int = Field(default=1, ge=1)
    cost: WireNumber | None = None


class NestedOption(_Request):
    option_id: int = Field(default=2, alias="optionId")
    goods: list[OrderGood]


class NestedCargo(_Request):
    weight: WireNumber = Field(gt=0)
    volume: WireNumber | None = None
    piece: int = Field(default=1, ge=1)
    package_id: int | None = Field(default=None, alias="packageId")
    post_type_id: int | None = Field(default=None, alias="postTypeId")
    post_types: list[NestedPostType] | None = Field(default=None, alias="postTypes")
    options: list[NestedOption] | None = None


class OrderEditNested(_Request):
    """``v1/order/edit?orderId=`` (seed 000): nested sender / receiver / cargo.

    ``pickup_type``: ``self`` (seller brings it to a branch) or ``courier``;
    ``dropoff_type``: ``courier`` (to the address) or ``branch`` (receiver collects).
    """

    client_id: str | None = Field(default=None, alias="clientId")
    wcs_code: str | None = None
    pickup_type: Literal["self", "courier"]
    dropoff_type: Literal["courier", "branch"] | None = None
    is_sender_location: bool | None = None
    is_receiver_location: bool | None = None
    sender: NestedParty
    receiver: NestedParty
    bring_back_money: Literal[0, 1] | None = Field(default=None, alias="bringBackMoney")
    back_money: WireNumber | None = None
    take_photo: Literal[0, 1] | None = Field(default=None, alias="takePhoto")
    bring_back_waybill: Literal[0, 1] | None = Field(default=None, alias="bringBackWaybill")
    cargo: NestedCargo
    ready_to_take: bool | None = None


class CalculateRequest(_Request):
    """``order/calculate``. Delivery codes: 2 = courier, remote village; 1 = courier, city; 0 = office."""

    sender_city_id: int = Field(alias="senderCityId")
    receiver_city_id: int = Field(alias="receiverCityId")
    weight: WireNumber = Field(gt=0)
    volume: WireNumber | None = None
    sender_date: date | None = Field(default=None, alias="senderDate")
    sender_delivery: Literal[0, 1, 2] = Field(default=1, alias="senderDelivery")
    receiver_delivery: Literal[0, 1, 2] = Field(default=1, alias="receiverDelivery")


# --- orders: answers -------------------------------------------------------------------------


def _party_fields(prefix: str, party: Mapping[str, Any], out: dict[str, Any]) -> None:
    for wire, ours in (
        ("phone", "Phone"),
        ("phone1", "Phone1"),
        ("address", "Address"),
        ("region", "Region"),
        ("city", "City"),
        ("branch", "Branch"),
        ("latitude", "Latitude"),
        ("longitude", "Longitude"),
    ):
        if wire in party:
            out.setdefault(f"{prefix}{ours}", party[wire])


class StickerData(_Response):
    """``receiver.stickerData`` of the v1 answer (seed 000): what the label prints for sorting."""

    hub_name: str | None = Field(default=None, alias="hubName")
    city_name: str | None = Field(default=None, alias="cityName")
    branch_name: str | None = Field(default=None, alias="branchName")
    zona_id: int | None = Field(default=None, alias="zonaId")

    @property
    def branch_text(self) -> str | None:
        """``"0101 - YAKKASAROY <b> (Д-КА)</b>"`` without the markup BTS puts in it."""
        if not self.branch_name:
            return None
        return " ".join(re.sub(r"<[^>]*>", " ", self.branch_name).split()) or None


class Piece(_Response):
    """One line of ``cargo.postTypes`` in the v1 answer, with its own barcode (seed 000)."""

    child_id: int | None = None
    barcode: str | None = None
    name: str | None = None
    code: str | None = None
    count: int | None = None
    cost: Money | None = None


class Order(_Response):
    """An order as ``order/add``, ``order/detail`` and both edits answer it.

    The v1 (seed 000) nested answer (``sender{}``, ``receiver{}``, ``cargo{}``) is flattened into
    the same fields, so the bot reads one shape.
    """

    order_id: int = Field(alias="orderId")
    barcode: str | None = None
    client_id: str | None = Field(default=None, alias="clientId")
    customer: Ref | None = None
    status: StatusRef | None = None
    sender_region: Ref | None = Field(default=None, alias="senderRegion")
    sender_city: Ref | None = Field(default=None, alias="senderCity")
    sender_branch: Ref | None = Field(default=None, alias="senderBranch")
    sender_delivery: int | None = Field(default=None, alias="senderDelivery")
    sender_address: str | None = Field(default=None, alias="senderAddress")
    sender_real: str | None = Field(default=None, alias="senderReal")
    sender_phone: Phone | None = Field(default=None, alias="senderPhone")
    sender_latitude: str | None = Field(default=None, alias="senderLatitude")
    sender_longitude: str | None = Field(default=None, alias="senderLongitude")
    receiver: str | None = None
    receiver_region: Ref | None = Field(default=None, alias="receiverRegion")
    receiver_city: Ref | None = Field(default=None, alias="receiverCity")
    receiver_branch: Ref | None = Field(default=None, alias="receiverBranch")
    receiver_delivery: int | None = Field(default=None, alias="receiverDelivery")
    receiver_address: str | None = Field(default=None, alias="receiverAddress")
    receiver_phone: Phone | None = Field(default=None, alias="receiverPhone")
    receiver_phone1: Phone | None = Field(default=None, alias="receiverPhone1")
    receiver_latitude: str | None = Field(default=None, alias="receiverLatitude")
    receiver_longitude: str | None = Field(default=None, alias="receiverLongitude")
    package: Ref | None = None
    post_type: Ref | None = Field(default=None, alias="postType")
    cost: Money | None = None
    weight: Money | None = None
    volume: Money | None = None
    piece: int | None = None
    take_photo: int | None = Field(default=None, alias="takePhoto")
    bring_back_money: int | None = Field(default=None, alias="bringBackMoney")
    back_money: Money | None = None
    sender_date: LenientDate = Field(default=None, alias="senderDate")
    receiver_date: LenientDate = Field(default=None, alias="receiverDate")
    pickup_type: str | None = None
    dropoff_type: str | None = None
    label_encode: str | None = Field(default=None, alias="labelEncode")
    tracking: str | None = None
    wcs_code: str | None = None
    sticker: StickerData | None = Field(default=None, alias="stickerData")
    pieces: list[Piece] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _flatten_v1(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        out: dict[str, Any] = dict(data)
        sender = out.get("sender")
        if isinstance(sender, Mapping):
            del out["sender"]
            out.setdefault("senderReal", sender.get("name"))
            _party_fields("sender", sender, out)
        receiver = out.get("receiver")
        if isinstance(receiver, Mapping):
            out["receiver"] = receiver.get("name")
            _party_fields("receiver", receiver, out)
            if isinstance(receiver.get("stickerData"), Mapping):
                out.setdefault("stickerData", receiver["stickerData"])
        # v1 names the delivery codes: pickup self = 0 (seller brings it), dropoff branch = 0.
        if out.get("pickup_type") in ("self", "courier"):
            out.setdefault("senderDelivery", 0 if out["pickup_type"] == "self" else 1)
        if out.get("dropoff_type") in ("branch", "courier"):
            out.setdefault("receiverDelivery", 0 if out["dropoff_type"] == "branch" else 1)
        cargo = out.pop("cargo", None)
        if isinstance(cargo, Mapping):
            for key in ("weight", "volume", "piece", "package", "postType"):
                if key in cargo:
                    out.setdefault(key, cargo[key])
            pieces = cargo.get("postTypes")
            if isinstance(pieces, list):
                out.setdefault("pieces", [p for p in pieces if isinstance(p, Mapping)])
            options = cargo.get("options")
            if isinstance(options, Mapping):
                out.setdefault("bringBackMoney", options.get("bringBackMoney"))
                out.setdefault("back_money", options.get("back_money"))
                out.setdefault("takePhoto", options.get("takePhoto"))
        return out

    @property
    def status_id(self) -> int | None:
        return self.status.local_id if self.status else None

    @property
    def status_text(self) -> str | None:
        return self.status.text if self.status else None

    @property
    def piece_barcodes(self) -> list[str]:
        """The barcodes of the pieces, each once, in order (seed 000 repeats them)."""
        return list(dict.fromkeys(p.barcode for p in self.pieces if p.barcode))

    def label_bytes(self) -> bytes | None:
        """The label file decoded from ``labelEncode`` (base64), or ``None``."""
        if not self.label_encode:
            return None
        text = self.label_encode.strip()
        if text.startswith("data:") and "," in text:
            text = text.split(",", 1)[1]
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None


class OrderTrack(_Response):
    """``order/track``: ``{"orderId": 229234, "status": {"id": 1, "name": "new"}}``."""

    order_id: int = Field(alias="orderId")
    status: StatusRef

    @property
    def status_id(self) -> int | None:
        return self.status.id


class CancelResult(_Response):
    """``order/cancel``: ``{"orderId": "229234", "status": {"id": 0, "name": "Bekor qilingan buyurtma"}}``."""

    order_id: int = Field(alias="orderId")
    status: StatusRef


class HistoryEvent(_Response):
    """One step of ``order/history``; ``timestamp`` is a Unix time (UTC)."""

    message: str | None = None
    timestamp: datetime
    status_id: int | None = None
    location: str | None = None


class CancellationReason(_Response):
    """``order/cancellation``: who refused the order and why. ``date`` is printed without a zone
    (``2024-08-20 14:29:06``): read as UTC, like every other time BTS gives (Unix timestamps)."""

    employee: str | None = None
    description: str | None = None
    date: LenientDatetime = None

    @model_validator(mode="after")
    def _utc(self) -> CancellationReason:
        if self.date is not None and self.date.tzinfo is None:
            self.date = self.date.replace(tzinfo=UTC)
        return self


class CalculateResult(_Response):
    """``order/calculate`` (unwrapped): ``{"summaryPrice": 10000, "requestData": {...}}``."""

    summary_price: Money = Field(alias="summaryPrice")
    request_data: dict[str, Any] | None = Field(default=None, alias="requestData")


# --- MXIK goods ------------------------------------------------------------------------------


class MxikGoodCreate(_Request):
    """A product for electronic receipts: ``spic`` is its MXIK code (17 digits)."""

    spic: str = Field(min_length=1)
    name: str = Field(min_length=1)
    units: str = Field(default="dona", min_length=1)
    good_price: WireNumber = Field(alias="goodPrice", ge=0)


class MxikGood(_Response):
    id: int
    spic: str
    name: str
    units: str | None = None
    good_price: Money | None = Field(default=None, alias="goodPrice")


# --- international ---------------------------------------------------------------------------


class InternationalProduct(_Request):
    """A product line of an international parcel; the document types the numbers as strings."""

    description: str = Field(alias="ProductDescription", min_length=1)
    description_ru: str = Field(alias="ProductDescriptionRu", min_length=1)
    quantity: MoneyStr = Field(alias="ProductQuantity", gt=0)
    weight: MoneyStr = Field(alias="ProductWeight", gt=0)
    declare_value: MoneyStr = Field(alias="ProductDeclareValue", ge=0)
    url: str = Field(alias="ProductUrl")
    unit: str = Field(alias="ProductUnit")
    hs_code: str = Field(alias="HsCodeIs")
    product_model: str | None = Field(default=None, alias="ProductModel")
    imei: str | None = Field(default=None, alias="ProductImei")


class InternationalOrderCreate(_Request):
    """``international/add``. Wire names keep the document's spelling (``ReceiverPassposrtSerial``)."""

    parcel_number: str = Field(alias="ParcelNumber", min_length=1)
    receiver_phone: RequestPhone = Field(alias="ReceiverPhone")
    receiver_phone1: RequestPhone | None = Field(default=None, alias="ReceiverPhone1")
    receiver_patronymic: str | None = Field(default=None, alias="ReceiverPatronymic")
    receiver_surname: str = Field(alias="ReceiverSurname", min_length=1)
    receiver_first_name: str = Field(alias="ReceiverFirstName", min_length=1)
    receiver_passport_serial: str = Field(alias="ReceiverPassposrtSerial", min_length=1)
    receiver_passport_number: str = Field(alias="ReceiverPassposrtNumber", min_length=1)
    receiver_pinfl: str = Field(alias="ReceiverPinfl", min_length=1)
    receiver_address: str | None = Field(default=None, alias="ReceiverAddress")
    receiver_customs_agree: IntStr | None = Field(default=None, alias="ReceiverCustomsAgree")
    parcel_weight: MoneyStr = Field(alias="ParcelWeight", gt=0)
    parcel_value: MoneyStr | None = Field(default=None, alias="ParcelValue")
    parcel_declare_currency: str = Field(alias="ParcelDeclareCurrency", min_length=3, max_length=3)
    receiver_city_id: int | None = Field(default=None, alias="ReceiverCityId")
    receiver_branch_id: int | None = Field(default=None, alias="ReceiverBranchId")
    receiver_delivery: IntStr = Field(alias="ReceiverDelivery")
    products: list[InternationalProduct] = Field(default_factory=list)


class InternationalStatus(_Response):
    """``{"code": 200, "message": "In the sorting center"}``."""

    code: int
    message: str | None = None


class InternationalOrder(_Response):
    """The answer of ``international/add``: the parcel as stored, with its barcode when given."""

    id: int | None = None
    barcode: str | None = None
    parcel_number: str | None = Field(default=None, alias="ParcelNumber")
    receiver_phone: Phone | None = Field(default=None, alias="ReceiverPhone")
    receiver_phone1: Phone | None = Field(default=None, alias="ReceiverPhone1")
    receiver_surname: str | None = Field(default=None, alias="ReceiverSurname")
    receiver_first_name: str | None = Field(default=None, alias="ReceiverFirstName")
    receiver_patronymic: str | None = Field(default=None, alias="ReceiverPatronymic")
    receiver_address: str | None = Field(default=None, alias="ReceiverAddress")
    parcel_weight: Money | None = Field(default=None, alias="ParcelWeight")
    parcel_value: Money | None = Field(default=None, alias="ParcelValue")
    parcel_declare_currency: str | None = Field(default=None, alias="ParcelDeclareCurrency")
    receiver_delivery: int | None = Field(default=None, alias="ReceiverDelivery")
    receiver_branch_id: int | None = None
    receiver_branch_name: str | None = None
    receiver_city_id: int | None = None
    receiver_city_name: str | None = None
    status: InternationalStatus | None = None
    products: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _flatten_refs(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        out: dict[str, Any] = dict(data)
        branch = out.pop("branch", None)
        if isinstance(branch, Mapping):
            out.setdefault("receiver_branch_id", branch.get("ReceiverBranchId", branch.get("id")))
            out.setdefault("receiver_branch_name", branch.get("name"))
        city = out.pop("city", None)
        if isinstance(city, Mapping):
            out.setdefault("receiver_city_id", city.get("ReceiverCityId", city.get("id")))
            out.setdefault("receiver_city_name", city.get("name"))
        products = out.get("products")
        if isinstance(products, Mapping):  # the document shows an object of lines; accept both
            out["products"] = list(products.values())
        return out


class InternationalTrack(_Response):
    """``international/track-by-barcode``."""

    barcode: str
    status: InternationalStatus


class ManifestCreate(_Request):
    """``international/manifest``; the document types every field as a string."""

    manifest_number: str = Field(alias="ManifestNumber", min_length=1)
    date: _Day = Field(alias="Date")
    parcel_number: str = Field(alias="ParcelNumber", min_length=1)
    parcels_count: IntStr = Field(alias="ParcelsCount", ge=1)


class ManifestResult(_Response):
    success: bool
    message: str | None = None


# --- directory -------------------------------------------------------------------------------

WEEKDAYS = range(1, 8)
ALWAYS_OPEN = "27/7"  # sic: BTS writes "27/7" for round the clock


def _parse_lat_long(value: object) -> tuple[float | None, float | None]:
    if not isinstance(value, str) or "," not in value:
        return None, None
    lat_text, lon_text = value.split(",", 1)
    try:
        lat, lon = float(lat_text.strip()), float(lon_text.strip())
    except ValueError:
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


class Branch(_Response):
    """A BTS office from ``directory/branches`` or ``directory/branches-with-city``.

    ``working_hours`` maps ISO weekday 1 (Monday) .. 7 (Sunday) to the raw text:
    ``"08:00-20:00"``, ``"27/7"`` (always open) or ``""`` (closed).
    """

    id: int
    name: str
    region_id: int | None = Field(default=None, alias="regionId")
    region_name: str | None = Field(default=None, alias="regionName")
    city_id: int | None = Field(default=None, alias="cityId")
    city_name: str | None = Field(default=None, alias="cityName")
    address: str | None = None
    phone: str | None = None
    lat: float | None = None
    lon: float | None = None
    video_link: str | None = None
    working_hours: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        out: dict[str, Any] = dict(data)
        if "lat_long" in out:
            lat, lon = _parse_lat_long(out.pop("lat_long"))
            out.setdefault("lat", lat)
            out.setdefault("lon", lon)
        for key, id_key, name_key in (("region", "regionId", "regionName"), ("city", "cityId", "cityName")):
            ref = out.pop(key, None)
            if isinstance(ref, Mapping):
                out.setdefault(id_key, ref.get("id"))
                out.setdefault(name_key, ref.get("name"))
            elif isinstance(ref, str):
                out.setdefault(name_key, ref)
        hours = out.get("working_hours")
        raw: dict[int, str] = {}
        if isinstance(hours, Mapping):
            for day, text in hours.items():
                try:
                    raw[int(day)] = "" if text is None else str(text).strip()
                except (TypeError, ValueError):
                    continue
        elif isinstance(hours, list):  # a JSON array of the seven days
            raw = {i: "" if text is None else str(text).strip() for i, text in enumerate(hours, start=1)}
        out["working_hours"] = {day: raw.get(day, "") for day in WEEKDAYS}
        return out

    def hours(self, weekday: int) -> str:
        """Raw hours of ISO ``weekday`` (1..7); ``""`` when closed."""
        return self.working_hours.get(weekday, "")

    def is_always_open(self, weekday: int) -> bool:
        return self.hours(weekday).replace(" ", "") in (ALWAYS_OPEN, "24/7")

    def is_closed(self, weekday: int) -> bool:
        text = self.hours(weekday).strip().lower()
        return text in ("", "-", "—", "closed", "yopiq", "выходной", "dam olish kuni")
