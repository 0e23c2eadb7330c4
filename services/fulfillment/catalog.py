"""Products, purveyors (suppliers) and receivings (inbound deliveries) of a seller's WMS account.

Lists and cards are read from what the sync stored (the ``*/clients`` lists hand each record
over once: our store is the seller's copy); searches match name, code, barcode (GTIN) and article.
Registering something creates it in the WMS first and stores the answer at once, so the seller
sees it before the next sync (which then finds it again and deduplicates).

Each register asks the seller for the fields a person can answer; the other fields the document
marks as required get the defaults in :func:`product_request` / :func:`purveyor_request`, in one
place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fulfillment.accounts import WmsAccountService
from services.fulfillment.status import ReceivingState, receiving_state
from services.wms.client import WmsClient
from services.wms.models import (
    Product,
    ProductCreate,
    Purveyor,
    PurveyorCreate,
    ReceivingGoods,
    ReceivingGoodsCreate,
)
from storage.crypto import SecretBox
from storage.fulfillment_schemas import CatalogData, CatalogKind, CatalogRecord
from storage.repositories._sql import search_text
from storage.schemas import Page
from storage.uow import UnitOfWork, unit_of_work

CENT = Decimal("0.01")


def fingerprint(record: Mapping[str, Any]) -> str:
    """Tells a changed record from a repeated one (key order does not matter)."""
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def catalog_data(
    kind: CatalogKind, record: Mapping[str, Any], *, state: ReceivingState | None = None
) -> CatalogData:
    """What the repository stores of one record as the WMS sent it."""
    data = dict(record)
    if kind is CatalogKind.RECEIVING:
        return CatalogData(
            wms_id=int(data["id"]),
            code=_text(data.get("number")),
            name=_text(data.get("nomenclature")),
            data=data,
            fingerprint=fingerprint(data),
            number=_text(data.get("number")),
            counterparty=_text(data.get("counterparty")),
            state=(state or receiving_state(data)).value,
        )
    texts: tuple[str | None, ...]
    if kind is CatalogKind.PRODUCT:
        texts = tuple(_text(data.get(k)) for k in ("name", "full_name", "code", "gtin", "article"))
    else:
        found = data.get("taxInfo")
        tax: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        texts = (*(_text(data.get(k)) for k in ("name", "full_name", "code")), _text(tax.get("inn")))
    return CatalogData(
        wms_id=int(data["id"]),
        code=_text(data.get("code")),
        name=_text(data.get("name")),
        search_text=search_text(texts=texts),
        data=data,
        fingerprint=fingerprint(data),
    )


# --- drafts the bot fills step by step ----------------------------------------------------------


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ProductDraft(_Draft):
    name: str | None = None
    code: str | None = None
    gtin: str | None = None
    group: str | None = None
    unit: str | None = None
    weight: Decimal | None = None  # kg
    volume: Decimal | None = None  # m³
    temperature_mode: str | None = None


DEFAULT_PRODUCT_GROUP = "Asosiy"


def product_request(draft: ProductDraft) -> ProductCreate:
    """The create body: the asked fields, and for the other required ones the plain defaults
    (full name = name, article = code, net = gross, packaging = unit, no shelf-life reserve)."""
    if not (draft.name and draft.code and draft.gtin and draft.unit and draft.weight is not None):
        raise ValueError("the product draft is incomplete")
    volume = draft.volume if draft.volume is not None else Decimal(0)
    return ProductCreate(
        group=draft.group or DEFAULT_PRODUCT_GROUP,
        code=draft.code,
        name=draft.name,
        full_name=draft.name,
        gtin=draft.gtin,
        article=draft.code,
        nomenclature_type="tovar",
        shelf_life_stock=Decimal(0),
        kis_code="0",
        is_set=False,
        weight=draft.weight,
        net_weight=draft.weight,
        volume=volume,
        net_volume=volume,
        specification=draft.name,
        temperature_mode=draft.temperature_mode or "normal",
        base_packaging=draft.unit,
        unit=draft.unit,
    )


class PurveyorDraft(_Draft):
    name: str | None = None
    full_name: str | None = None
    code: str | None = None
    inn: str | None = None
    contact_info: str | None = None


DEFAULT_PURVEYOR_GROUP = "Yetkazib beruvchilar"


def purveyor_request(draft: PurveyorDraft) -> PurveyorCreate:
    if not (draft.name and draft.code):
        raise ValueError("the purveyor draft is incomplete")
    return PurveyorCreate(
        group=DEFAULT_PURVEYOR_GROUP,
        code=draft.code,
        name=draft.name,
        full_name=draft.full_name or draft.name,
        inn=draft.inn,
        contact_info=draft.contact_info,
        legal_entity=bool(draft.inn),
        is_supplier=True,
        is_buyer=False,
    )


class ReceivingDraft(_Draft):
    number: str | None = None
    date: dt.date | None = None
    counterparty: str | None = None
    vehicle_model: str | None = None
    vehicle_number: str | None = None
    driver_name: str | None = None
    nomenclature: str | None = None
    quantity: int | None = Field(None, ge=1)
    price: Decimal | None = None
    vat_rate: Decimal | None = None  # percent; the price includes it

    @property
    def total(self) -> Decimal | None:
        if self.quantity is None or self.price is None:
            return None
        return (self.price * self.quantity).quantize(CENT, ROUND_HALF_UP)

    @property
    def vat_amount(self) -> Decimal | None:
        total = self.total
        if total is None or not self.vat_rate:
            return Decimal(0) if total is not None else None
        return (total * self.vat_rate / (100 + self.vat_rate)).quantize(CENT, ROUND_HALF_UP)


def receiving_request(draft: ReceivingDraft) -> ReceivingGoodsCreate:
    total = draft.total
    if not (draft.number and draft.date and draft.counterparty and draft.nomenclature) or total is None:
        raise ValueError("the receiving draft is incomplete")
    assert draft.quantity is not None and draft.price is not None
    return ReceivingGoodsCreate(
        number=draft.number,
        date=draft.date,
        counterparty=draft.counterparty,
        nomenclature=draft.nomenclature,
        quantity=draft.quantity,
        price=draft.price,
        total_amount=total,
        vehicle_model=draft.vehicle_model,
        vehicle_number=draft.vehicle_number,
        driver_name=draft.driver_name,
        vat_rate=draft.vat_rate if draft.vat_rate is not None else Decimal(0),
        vat_amount=draft.vat_amount,
        price_includes_vat=True,
    )


# --- views ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReceivingView:
    wms_id: int
    state: ReceivingState
    goods: ReceivingGoods


def _product(record: CatalogRecord) -> Product:
    return Product.model_validate(record.data)


def _purveyor(record: CatalogRecord) -> Purveyor:
    return Purveyor.model_validate(record.data)


def _receiving(record: CatalogRecord) -> ReceivingView:
    state = ReceivingState(record.state) if record.state else receiving_state(record.data)
    return ReceivingView(record.wms_id, state, ReceivingGoods.model_validate(record.data))


def _page(items: tuple[Any, ...], page: Page[CatalogRecord]) -> Page[Any]:
    return Page(items=items, total=page.total, offset=page.offset, limit=page.limit)


class CatalogService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        wms: WmsClient,
        accounts: WmsAccountService,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._wms = wms
        self._accounts = accounts

    async def _search(
        self, kind: CatalogKind, account_id: int, query: str | None, offset: int, limit: int
    ) -> Page[CatalogRecord]:
        async with self._sf() as session:
            return await UnitOfWork(session, self._box).fulfillment.search_catalog(
                kind, account_id, query, offset=offset, limit=limit
            )

    async def _get(self, kind: CatalogKind, account_id: int, wms_id: int) -> CatalogRecord | None:
        async with self._sf() as session:
            return await UnitOfWork(session, self._box).fulfillment.get_catalog(kind, account_id, wms_id)

    async def _store(self, kind: CatalogKind, account_id: int, data: CatalogData) -> CatalogRecord:
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.fulfillment.store_catalog(kind, account_id, [data])
            record = await uow.fulfillment.get_catalog(kind, account_id, data.wms_id)
        assert record is not None
        return record

    # --- products ---------------------------------------------------------------------------

    async def products(
        self, user_id: int, query: str | None = None, *, offset: int = 0, limit: int = 8
    ) -> Page[Product]:
        account = await self._accounts.require(user_id)
        page = await self._search(CatalogKind.PRODUCT, account.account_id, query, offset, limit)
        return _page(tuple(_product(r) for r in page.items), page)

    async def product(self, user_id: int, wms_id: int) -> Product | None:
        account = await self._accounts.require(user_id)
        record = await self._get(CatalogKind.PRODUCT, account.account_id, wms_id)
        return None if record is None else _product(record)

    async def register_product(self, user_id: int, draft: ProductDraft) -> Product:
        """Create it in the WMS (raises the client's errors: validation, outcome unknown, ...)."""
        account = await self._accounts.require(user_id)
        created = await self._wms.create_product(account.credentials, product_request(draft))
        raw = created.model_dump(mode="json", by_alias=True, exclude_none=True)
        await self._store(CatalogKind.PRODUCT, account.account_id, catalog_data(CatalogKind.PRODUCT, raw))
        return created

    # --- purveyors --------------------------------------------------------------------------

    async def purveyors(
        self, user_id: int, query: str | None = None, *, offset: int = 0, limit: int = 8
    ) -> Page[Purveyor]:
        account = await self._accounts.require(user_id)
        page = await self._search(CatalogKind.PURVEYOR, account.account_id, query, offset, limit)
        return _page(tuple(_purveyor(r) for r in page.items), page)

    async def purveyor(self, user_id: int, wms_id: int) -> Purveyor | None:
        account = await self._accounts.require(user_id)
        record = await self._get(CatalogKind.PURVEYOR, account.account_id, wms_id)
        return None if record is None else _purveyor(record)

    async def register_purveyor(self, user_id: int, draft: PurveyorDraft) -> Purveyor:
        account = await self._accounts.require(user_id)
        created = await self._wms.create_purveyor(account.credentials, purveyor_request(draft))
        raw = created.model_dump(mode="json", by_alias=True, exclude_none=True)
        await self._store(CatalogKind.PURVEYOR, account.account_id, catalog_data(CatalogKind.PURVEYOR, raw))
        return created

    # --- receivings -------------------------------------------------------------------------

    async def receivings(self, user_id: int, *, offset: int = 0, limit: int = 8) -> Page[ReceivingView]:
        account = await self._accounts.require(user_id)
        page = await self._search(CatalogKind.RECEIVING, account.account_id, None, offset, limit)
        return _page(tuple(_receiving(r) for r in page.items), page)

    async def receiving(self, user_id: int, wms_id: int) -> ReceivingView | None:
        account = await self._accounts.require(user_id)
        record = await self._get(CatalogKind.RECEIVING, account.account_id, wms_id)
        return None if record is None else _receiving(record)

    async def create_receiving(self, user_id: int, draft: ReceivingDraft) -> ReceivingView:
        """Announce a delivery; stored as ``announced`` until the WMS hands it back."""
        account = await self._accounts.require(user_id)
        created = await self._wms.create_receiving_goods(account.credentials, receiving_request(draft))
        raw = created.model_dump(mode="json", by_alias=True, exclude_none=True)
        data = catalog_data(CatalogKind.RECEIVING, raw, state=ReceivingState.ANNOUNCED)
        record = await self._store(CatalogKind.RECEIVING, account.account_id, data)
        return _receiving(record)
