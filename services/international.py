"""International parcels (seed 001 ``international/*``): create once, follow, group into manifests.

Personal data: the receiver's passport series and number and PINFL are checked here, stored
encrypted (``intl_parcels.personal_enc``), shown only masked (:func:`mask`) and never logged.

A parcel is also an ``orders`` row (``international = true``) so that the poller, the customer's
"Notify me" and the order lists treat it like a local order. BTS numbers international parcels
apart from local orders, so the row's ``bts_order_id`` is the parcel's id negated: the two
sequences can never collide on the unique column (:func:`order_key`); a parcel whose answer has
no id gets a key drawn from its reference, far above any BTS id.

The barcode: ``international/track-by-barcode`` takes BTS's barcode (seed 001: ``01000865704``),
not the seller's parcel number, and seed 001's ``international/add`` answer carries none. So a
parcel is stored **waiting for the BTS barcode** (never tracked under its parcel number) until
the seller adds it from BTS's label, typed or photographed (:meth:`InternationalService.attach_barcode`:
checked like any barcode, one parcel per barcode, and asked of BTS once); from then on the poller
follows it and customers track it. An answer that does carry a barcode (an older, richer shape)
is used at once. The city and branch names the answer gives are learned by the directory
(api-notes: names BTS sends win).

Manifests: the document's ``international/manifest`` takes one ``ParcelNumber`` with the
manifest's number, date and ``ParcelsCount``. Reading: one request per parcel, each carrying the
whole manifest's number, date and count; each parcel is marked sent when BTS accepted it, so
sending again sends only the rest (a create is never repeated).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal
from weakref import WeakValueDictionary

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import catalog, statuses
from services.accounts import AccountService, SellerAccount
from services.barcodes import normalize_barcode
from services.branches import BranchDirectory, places_in_international
from services.bts import BtsClient
from services.bts.models import (
    InternationalOrder,
    InternationalOrderCreate,
    InternationalProduct,
    InternationalStatusCode,
    InternationalTrack,
    ManifestCreate,
)
from services.common.digits import is_digits
from services.common.errors import (
    AuthFailed,
    Forbidden,
    NotFound,
    OutcomeUnknown,
    UpstreamError,
    ValidationFailed,
)
from services.errors import DomainError, NotYourOrder
from services.notifications import enqueue_status_pushes
from services.orders import PUSH_DELAY, CreateInProgress, CreateUnsure, OrderService, OrderView, view_of
from storage.crypto import SecretBox
from storage.repositories.international import InternationalRepository, IntlParcelRecord, ManifestRecord
from storage.schemas import OrderData, OrderRecord, StatusEventData
from storage.types import utc_now
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)

# Units the document lists for ProductUnit (weight, count, volume).
UNITS: tuple[str, ...] = tuple(unit.wire for unit in catalog.UNITS)
CURRENCIES: tuple[str, ...] = ("USD", "EUR", "RUB", "CNY", "TRY", "KRW", "UZS")
_PASSPORT_SERIES = re.compile(r"^[A-Z]{2}$")
_PASSPORT_NUMBER = re.compile(r"^\d{7}$")
_HS_CODE = re.compile(r"^\d{6,10}$")


class InvalidPinfl(ValueError):
    pass


def check_pinfl(text: str) -> str:
    """A PINFL (JSHSHIR): 14 digits; the first (1..6) tells century and sex, the next six are the
    birth date (DDMMYY), the last is a check digit: the first 13 weighted 7, 3, 1, 7, 3, 1, ...,
    summed, modulo 10."""
    digits = re.sub(r"[\s-]", "", text)
    if len(digits) != 14 or not is_digits(digits):
        raise InvalidPinfl(text)
    if digits[0] not in "123456":
        raise InvalidPinfl(text)
    day, month = int(digits[1:3]), int(digits[3:5])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise InvalidPinfl(text)
    weights = (7, 3, 1) * 5
    check = sum(int(d) * w for d, w in zip(digits[:13], weights, strict=False)) % 10
    if check != int(digits[13]):
        raise InvalidPinfl(text)
    return digits


def pinfl_with_check(first13: str) -> str:
    """The 14-digit PINFL ending ``first13`` with its check digit (tests and examples)."""
    weights = (7, 3, 1) * 5
    return first13 + str(sum(int(d) * w for d, w in zip(first13, weights, strict=False)) % 10)


def check_passport(series: str, number: str) -> tuple[str, str]:
    s, n = series.strip().upper(), re.sub(r"\s", "", number)
    if not _PASSPORT_SERIES.match(s) or not _PASSPORT_NUMBER.match(n):
        raise ValueError("passport")
    return s, n


def check_hs_code(text: str) -> str:
    digits = re.sub(r"[\s.]", "", text)
    if not _HS_CODE.match(digits):
        raise ValueError("hs code")
    return digits


def mask(text: str | None, keep_start: int = 2, keep_end: int = 2) -> str:
    """``AC1234567`` → ``AC•••••67``: enough to recognise, not enough to use."""
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        return "•" * len(text)
    return text[:keep_start] + "•" * (len(text) - keep_start - keep_end) + text[-keep_end:]


def order_key(parcel_id: int) -> int:
    """The ``orders.bts_order_id`` of an international parcel (negated: its own sequence)."""
    return -abs(parcel_id)


_REFERENCE_KEYS = 2**62  # BTS ids stay far below; keys drawn from references start here


def reference_key(reference: str) -> int:
    """The key of a parcel whose answer gave no id: drawn from its reference (unique per seller
    and parcel number), so two sellers' parcel "A1" never share a row."""
    digest = int.from_bytes(hashlib.blake2b(reference.encode(), digest_size=8).digest(), "big")
    return _REFERENCE_KEYS + digest % (_REFERENCE_KEYS // 2)


_ANSWERED = re.compile(r"^[A-Za-z0-9-]{4,64}$")


def answered_barcode(text: str | None) -> str | None:
    """The barcode an answer carries, if any: what BTS says is its barcode is taken as given."""
    barcode = (text or "").strip()
    return barcode if _ANSWERED.match(barcode) else None


class IntlProduct(BaseModel):
    model_config = ConfigDict(extra="ignore")

    description: str
    description_ru: str
    quantity: Decimal
    weight: Decimal
    declared_value: Decimal
    url: str
    unit: str
    hs_code: str
    model: str | None = None
    imei: str | None = None


class IntlDraft(BaseModel):
    """What the seller typed so far. Passport and PINFL live here only during the conversation."""

    model_config = ConfigDict(extra="ignore")

    parcel_number: str | None = None
    surname: str | None = None
    first_name: str | None = None
    patronymic: str | None = None
    passport_series: str | None = None
    passport_number: str | None = None
    pinfl: str | None = None
    phone: str | None = None
    phone2: str | None = None
    address: str | None = None
    customs_agree: bool | None = None
    weight: Decimal | None = None
    value: Decimal | None = None
    currency: str | None = None
    delivery: Literal[0, 1] | None = None  # 1 courier to the door, 0 a branch
    city_id: int | None = None
    city_name: str | None = None
    branch_id: int | None = None
    branch_name: str | None = None
    products: list[IntlProduct] = Field(default_factory=list)

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def missing(self) -> list[str]:
        required = (
            "parcel_number",
            "surname",
            "first_name",
            "passport_series",
            "passport_number",
            "pinfl",
            "phone",
            "weight",
            "currency",
            "delivery",
            "city_id",
        )
        out = [name for name in required if getattr(self, name) is None]
        if self.delivery == 0 and self.branch_id is None:
            out.append("branch_id")
        if self.delivery == 1 and not self.address:
            out.append("address")
        if not self.products:
            out.append("products")
        return out


def build_request(draft: IntlDraft) -> InternationalOrderCreate:
    if draft.missing():
        raise ValueError(f"draft is not complete: {draft.missing()}")
    assert draft.parcel_number and draft.surname and draft.first_name and draft.phone
    assert draft.passport_series and draft.passport_number and draft.pinfl and draft.currency
    assert draft.weight is not None and draft.delivery is not None
    return InternationalOrderCreate(
        parcel_number=draft.parcel_number,
        receiver_phone=draft.phone,
        receiver_phone1=draft.phone2,
        receiver_patronymic=draft.patronymic,
        receiver_surname=draft.surname,
        receiver_first_name=draft.first_name,
        receiver_passport_serial=draft.passport_series,
        receiver_passport_number=draft.passport_number,
        receiver_pinfl=draft.pinfl,
        receiver_address=draft.address,
        receiver_customs_agree=1 if draft.customs_agree else 0,
        parcel_weight=draft.weight,
        parcel_value=draft.value,
        parcel_declare_currency=draft.currency,
        receiver_city_id=draft.city_id,
        receiver_branch_id=draft.branch_id if draft.delivery == 0 else None,
        receiver_delivery=draft.delivery,
        products=[
            InternationalProduct(
                description=p.description,
                description_ru=p.description_ru,
                quantity=p.quantity,
                weight=p.weight,
                declare_value=p.declared_value,
                url=p.url,
                unit=p.unit,
                hs_code=p.hs_code,
                product_model=p.model,
                imei=p.imei,
            )
            for p in draft.products
        ],
    )


@dataclass(frozen=True, slots=True)
class ParcelView:
    id: int
    order_id: int | None
    parcel_number: str
    barcode: str | None
    receiver: str
    passport_masked: str
    pinfl_masked: str
    status_code: int | None
    manifest_id: int | None
    manifest_sent: bool

    @property
    def awaiting_barcode(self) -> bool:
        """Created at BTS, but its BTS barcode is not known yet (the seller adds it)."""
        return self.barcode is None


@dataclass(frozen=True, slots=True)
class ManifestView:
    id: int
    number: str
    day: date
    state: str
    parcels: tuple[str, ...]
    sent: int
    message: str | None


class ManifestEmpty(DomainError):
    key = "intl-manifest-empty"


class ManifestExists(DomainError):
    key = "intl-manifest-exists"


class ParcelExists(DomainError):
    key = "intl-parcel-exists"


class BarcodeInvalid(DomainError):
    """What the seller typed (or photographed) is not one barcode."""

    key = "intl-barcode-invalid"


class _BarcodeRefused(DomainError):
    def __init__(self, barcode: str) -> None:
        super().__init__(barcode)
        self.barcode = barcode


class BarcodeTaken(_BarcodeRefused):
    """Another order already has this barcode."""

    key = "intl-barcode-taken"


class BarcodeUnknown(_BarcodeRefused):
    """BTS does not know this barcode (for the seller's account)."""

    key = "intl-barcode-unknown"


class BarcodeAlreadySet(_BarcodeRefused):
    """The parcel has its barcode already (``barcode`` is that one)."""

    key = "intl-barcode-already"


@dataclass(frozen=True, slots=True)
class BarcodeAttached:
    order: OrderView
    checked: bool  # BTS answered for the barcode (its status is the order's); False: it could not be asked


def _view(record: IntlParcelRecord, status_code: int | None) -> ParcelView:
    personal = record.personal_data()
    details = record.details or {}
    return ParcelView(
        id=record.id,
        order_id=record.order_id,
        parcel_number=record.parcel_number,
        barcode=record.barcode,
        receiver=" ".join(p for p in (details.get("surname"), details.get("first_name")) if p),
        passport_masked=mask(personal.get("passport_series", "") + personal.get("passport_number", ""), 2, 2),
        pinfl_masked=mask(personal.get("pinfl"), 1, 3),
        status_code=status_code,
        manifest_id=record.manifest_id,
        manifest_sent=record.manifest_sent,
    )


@dataclass
class InternationalService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    bts: BtsClient
    accounts: AccountService
    orders: OrderService
    branches: BranchDirectory | None = None
    _locks: WeakValueDictionary[str, asyncio.Lock] = field(default_factory=WeakValueDictionary)

    def _repo(self, session: AsyncSession) -> InternationalRepository:
        return InternationalRepository(session, self.box)

    def seal(self, personal: dict[str, str]) -> str:
        """Passport data and PINFL for the conversation's storage: encrypted, never in clear."""
        return self.box.encrypt(json.dumps(personal, ensure_ascii=False))

    def unseal(self, token: str) -> dict[str, str]:
        data = json.loads(self.box.decrypt(token))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    @staticmethod
    def reference(user_id: int, parcel_number: str) -> str:
        return f"intl-{user_id}-{parcel_number}"[:64]

    async def create(self, user_id: int, draft: IntlDraft) -> ParcelView:
        """Send the parcel once: a reference row is written first (the parcel number is the
        seller's own, unique per seller), so a second confirm or a lost answer never sends again."""
        account = await self.accounts.require(user_id)
        request = build_request(draft)
        assert draft.parcel_number is not None
        reference = self.reference(user_id, draft.parcel_number)
        lock = self._locks.setdefault(reference, asyncio.Lock())
        if lock.locked():
            raise CreateInProgress
        async with lock:
            async with self.session_factory() as session, session.begin():
                uow = UnitOfWork(session, self.box)
                existing = await uow.orders.get_by_reference(reference)
                if existing is not None and existing.bts_order_id is not None:
                    parcel = await self._repo(session).get_parcel(user_id, draft.parcel_number)
                    if parcel is None:
                        raise ParcelExists
                    return _view(parcel, existing.status_code)
                if existing is not None:
                    raise CreateUnsure(reference)
                try:
                    await uow.orders.create_pending(
                        reference=reference,
                        owner_id=user_id,
                        bts_account_id=account.account_id,
                        receiver_name=f"{draft.surname} {draft.first_name}",
                        receiver_phone=draft.phone,
                        receiver_city=draft.city_name,
                    )
                except IntegrityError as exc:
                    raise CreateInProgress from exc
            try:
                answer = await self.bts.create_international_order(account.credentials, request)
            except OutcomeUnknown as exc:
                logger.warning("international create %s: outcome unknown", reference)
                raise CreateUnsure(reference) from exc
            except Exception:  # a sure failure; a cancelled send (shutdown) may have reached BTS
                async with self.session_factory() as session, session.begin():
                    await UnitOfWork(session, self.box).orders.delete_pending(reference)
                raise
            return await self._store(user_id, account.account_id, reference, draft, answer)

    async def _store(
        self, user_id: int, account_id: int, reference: str, draft: IntlDraft, answer: InternationalOrder
    ) -> ParcelView:
        assert draft.parcel_number is not None
        barcode = answered_barcode(answer.barcode)  # seed 001's answer has none: the seller adds it
        status = answer.status.code if answer.status else int(InternationalStatusCode.WITH_SENDER)
        bts_id = order_key(answer.id if answer.id is not None else reference_key(reference))
        personal, details = _split_personal(draft)
        snapshot = answer.model_dump(mode="json", exclude={"products"}) | {
            "parcel_number": draft.parcel_number
        }
        async with self.session_factory() as session, session.begin():
            uow = UnitOfWork(session, self.box)
            if barcode is not None and await uow.orders.get_by_barcode(barcode) is not None:
                logger.warning(
                    "international %s: the answered barcode is another order's; not kept", reference
                )
                barcode = None
            result = await uow.orders.upsert(
                OrderData(
                    bts_order_id=bts_id,
                    reference=reference,
                    barcode=barcode,
                    owner_id=user_id,
                    bts_account_id=account_id,
                    international=True,
                    receiver_name=f"{draft.surname} {draft.first_name}",
                    receiver_phone=draft.phone,
                    receiver_city=answer.receiver_city_name or draft.city_name,
                    status_code=status,
                    is_final=statuses.international_status(status).is_final,
                    snapshot={"international": snapshot},
                )
            )
            await uow.status_events.add_if_new(
                result.order.id,
                StatusEventData(
                    status_code=status,
                    occurred_at=result.order.created_at,
                    message=answer.status.message if answer.status else None,
                ),
            )
            parcel = await self._repo(session).add_parcel(
                owner_id=user_id,
                parcel_number=draft.parcel_number,
                personal=personal,
                details=details,
                order_id=result.order.id,
                barcode=barcode,
            )
        await self._learn(answer)
        return _view(parcel, status)

    async def _learn(self, answer: InternationalOrder) -> None:
        """The city and branch names the answer gives teach the directory; never fails the caller."""
        if self.branches is None:
            return
        try:
            await self.branches.learn_places(places_in_international(answer))
        except Exception:
            logger.warning("could not keep the place names of an international answer", exc_info=True)

    # --- the BTS barcode, added by the seller -----------------------------------------------------

    async def attach_barcode(self, user_id: int, order_id: int, text: str) -> BarcodeAttached:
        """Give a parcel waiting for it the BTS barcode the seller read on the label.

        Refused: not one barcode (:class:`BarcodeInvalid`), another order's
        (:class:`BarcodeTaken`), unknown to BTS for the seller's account (:class:`BarcodeUnknown`),
        the parcel has one (:class:`BarcodeAlreadySet`; the same one again is accepted). BTS is
        asked once: its status is stored (and pushed when it moved); when BTS cannot be asked the
        barcode is kept and the poller asks later."""
        barcode = normalize_barcode(text)
        if barcode is None:
            raise BarcodeInvalid
        record = await self._waiting_order(user_id, order_id, barcode)
        if record.barcode == barcode:
            return BarcodeAttached(view_of(record), checked=True)
        await self._refuse_taken(barcode, record.id)
        account = await self.accounts.require(user_id)
        lock = self._locks.setdefault(f"barcode:{barcode}", asyncio.Lock())
        async with lock:
            track = await self._ask_bts(account, barcode)
            try:
                order = await self._write_barcode(user_id, record, barcode, track)
            except IntegrityError as exc:  # another parcel took it meanwhile
                raise BarcodeTaken(barcode) from exc
        return BarcodeAttached(view_of(order), checked=track is not None)

    async def _waiting_order(self, user_id: int, order_id: int, barcode: str) -> OrderRecord:
        async with self.session_factory() as session:
            record = await UnitOfWork(session, self.box).orders.get(order_id)
        if record is None or record.owner_id != user_id or not record.international:
            raise NotYourOrder
        if record.barcode is not None and record.barcode != barcode:
            raise BarcodeAlreadySet(record.barcode)
        return record

    async def _refuse_taken(self, barcode: str, order_id: int) -> None:
        async with self.session_factory() as session:
            other = await UnitOfWork(session, self.box).orders.get_by_barcode(barcode)
        if other is not None and other.id != order_id:
            raise BarcodeTaken(barcode)

    async def _ask_bts(self, account: SellerAccount, barcode: str) -> InternationalTrack | None:
        try:
            return await self.bts.track_international(account.credentials, barcode)
        except (NotFound, Forbidden, ValidationFailed) as exc:
            raise BarcodeUnknown(barcode) from exc
        except AuthFailed:
            raise
        except UpstreamError as exc:
            logger.warning("barcode check: BTS did not answer (%s); kept, the poller asks later", exc)
            return None

    async def _write_barcode(
        self, user_id: int, record: OrderRecord, barcode: str, track: InternationalTrack | None
    ) -> OrderRecord:
        assert record.bts_order_id is not None
        code = track.status.code if track is not None else None
        async with self.session_factory() as session, session.begin():
            uow = UnitOfWork(session, self.box)
            other = await uow.orders.get_by_barcode(barcode)
            if other is not None and other.id != record.id:
                raise BarcodeTaken(barcode)
            result = await uow.orders.upsert(
                OrderData(
                    bts_order_id=record.bts_order_id,
                    barcode=barcode,
                    status_code=code,
                    is_final=statuses.international_status(code).is_final if code is not None else None,
                )
            )
            parcel = await self._repo(session).get_parcel_by_order(user_id, record.id)
            if parcel is not None:
                await self._repo(session).set_barcode(parcel.id, barcode)
            if result.status_changed and code is not None:
                now = utc_now()
                message = track.status.message if track is not None else None
                await uow.status_events.add_if_new(
                    record.id, StatusEventData(status_code=code, occurred_at=now, message=message)
                )
                await enqueue_status_pushes(
                    uow, result.order, code, location=None, now=now, delay=PUSH_DELAY, seen_by=user_id
                )
            return result.order

    async def parcels(self, user_id: int, *, without_manifest: bool = False) -> list[ParcelView]:
        async with self.session_factory() as session:
            records = await self._repo(session).list_parcels(user_id, without_manifest=without_manifest)
            uow = UnitOfWork(session, self.box)
            out = []
            for r in records:
                order = await uow.orders.get(r.order_id) if r.order_id else None
                out.append(_view(r, order.status_code if order else None))
        return out

    async def create_manifest(
        self, user_id: int, number: str, day: date, parcel_numbers: Sequence[str]
    ) -> ManifestView:
        if not parcel_numbers:
            raise ManifestEmpty
        async with self.session_factory() as session, session.begin():
            repo = self._repo(session)
            if await repo.get_manifest_by_number(user_id, number) is not None:
                raise ManifestExists
            ids = []
            for parcel_number in parcel_numbers:
                parcel = await repo.get_parcel(user_id, parcel_number)
                if parcel is not None and parcel.manifest_id is None:
                    ids.append(parcel.id)
            if not ids:
                raise ManifestEmpty
            manifest = await repo.create_manifest(owner_id=user_id, number=number, day=day, parcel_ids=ids)
        return await self.manifest(user_id, manifest.id)

    async def manifest(self, user_id: int, manifest_id: int) -> ManifestView:
        async with self.session_factory() as session:
            repo = self._repo(session)
            record = await repo.get_manifest(user_id, manifest_id)
            if record is None:
                raise ManifestEmpty
            parcels = await repo.list_parcels(user_id, manifest_id=manifest_id)
        return _manifest_view(record, parcels)

    async def manifests(self, user_id: int, limit: int = 10) -> list[ManifestView]:
        async with self.session_factory() as session:
            repo = self._repo(session)
            records = await repo.list_manifests(user_id, limit)
            return [_manifest_view(r, await repo.list_parcels(user_id, manifest_id=r.id)) for r in records]

    async def send_manifest(self, user_id: int, manifest_id: int) -> ManifestView:
        """Send each parcel of the manifest not sent yet; stops at the first refusal (kept)."""
        account = await self.accounts.require(user_id)
        current = await self.manifest(user_id, manifest_id)
        async with self.session_factory() as session:
            parcels = await self._repo(session).list_parcels(user_id, manifest_id=manifest_id)
        message: str | None = None
        for parcel in parcels:
            if parcel.manifest_sent:
                continue
            body = ManifestCreate(
                manifest_number=current.number,
                date=current.day,
                parcel_number=parcel.parcel_number,
                parcels_count=len(parcels),
            )
            try:
                result = await self.bts.send_manifest(account.credentials, body)
            except ValidationFailed as exc:
                message = "; ".join(m for ms in exc.field_errors.values() for m in ms) or exc.message
                break
            except UpstreamError as exc:
                message = exc.message or type(exc).__name__
                break
            async with self.session_factory() as session, session.begin():
                await self._repo(session).mark_parcel_sent(parcel.id)
            message = result.message
        async with self.session_factory() as session, session.begin():
            repo = self._repo(session)
            left = [
                p for p in await repo.list_parcels(user_id, manifest_id=manifest_id) if not p.manifest_sent
            ]
            await repo.set_manifest_state(manifest_id, "partial" if left else "sent", message=message)
        return await self.manifest(user_id, manifest_id)


def _manifest_view(record: ManifestRecord, parcels: Sequence[IntlParcelRecord]) -> ManifestView:
    return ManifestView(
        id=record.id,
        number=record.number,
        day=record.day,
        state=record.state,
        parcels=tuple(p.parcel_number for p in parcels),
        sent=sum(1 for p in parcels if p.manifest_sent),
        message=record.message,
    )


def _split_personal(draft: IntlDraft) -> tuple[dict[str, str], dict[str, Any]]:
    """Passport data and PINFL (stored encrypted) apart from the rest of the draft."""
    personal = {
        "passport_series": draft.passport_series or "",
        "passport_number": draft.passport_number or "",
        "pinfl": draft.pinfl or "",
    }
    details = draft.dump()
    for key in personal:
        details.pop(key, None)
    return personal, details
