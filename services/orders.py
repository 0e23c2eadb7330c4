"""Orders of a seller: quote, create exactly once, list, refresh, history, edit, cancel, label."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal
from weakref import WeakValueDictionary

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import statuses, translit
from services.accounts import AccountService, SellerAccount
from services.branches import BranchDirectory
from services.bts import BtsClient
from services.bts.models import (
    CalculateRequest,
    CancellationReason,
    HistoryEvent,
    MxikGood,
    MxikGoodCreate,
    NestedCargo,
    NestedOption,
    NestedParty,
    NestedPostType,
    Order,
    OrderCreate,
    OrderEditFlat,
    OrderEditNested,
    OrderGood,
    OrderOption,
    PostTypeItem,
    StickerData,
)
from services.common.errors import Forbidden, NotFound, OutcomeUnknown
from services.drafts import OrderDraft, Party
from services.errors import DomainError, NotYourOrder
from services.notifications import enqueue_status_pushes, status_is_final
from services.settings import EditFormat, Settings
from storage.crypto import SecretBox
from storage.schemas import ContactData, OrderData, OrderRecord, Page, StatusEventData
from storage.schemas import ContactKind as ContactKind
from storage.types import utc_now
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)

PAGE_SIZE = 5
# A change seen by a seller's tap is pushed to followers after the same short merge window.
PUSH_DELAY = timedelta(seconds=30)


class OrderFilterKind(StrEnum):
    ALL = "all"
    ACTIVE = "active"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class CreateUnsure(DomainError):
    """The create request went out and no answer came back: it may exist at BTS."""

    key = "order-create-unsure"

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


# A lost create is looked for after it had time to land, among this many BTS ids, for a day.
UNSURE_SETTLE = timedelta(seconds=20)
UNSURE_SCAN = 60
UNSURE_GIVE_UP = timedelta(days=1)
PUSH_ORDER_FOUND = "push-order-found"


def _is_ours(order: Order, record: OrderRecord) -> bool:
    """The order our lost create made: its ``clientId`` is our reference (or, without one, the
    receiver's name and phone are ours)."""
    if order.client_id is not None:
        return order.client_id == record.reference
    same_phone = bool(order.receiver_phone) and order.receiver_phone == record.receiver_phone
    same_name = (order.receiver or "").strip().casefold() == (record.receiver_name or "").strip().casefold()
    return same_phone and same_name


class CreateInProgress(DomainError):
    key = "order-create-in-progress"


class EditRefused(DomainError):
    key = "order-edit-refused"


@dataclass(frozen=True, slots=True)
class OrderView:
    id: int
    bts_order_id: int | None
    reference: str | None
    barcode: str | None
    status_code: int | None
    is_final: bool
    cost: Decimal | None
    cod_amount: Decimal | None
    receiver_name: str | None
    receiver_phone: str | None
    receiver_city: str | None
    created_at: datetime
    status_changed_at: datetime | None
    tracking_url: str | None
    snapshot: dict[str, Any] | None
    international: bool = False

    @property
    def pending(self) -> bool:
        return self.bts_order_id is None

    @property
    def parcel_number(self) -> str | None:
        """An international parcel's number (the seller's own), from its stored answer."""
        data = (self.snapshot or {}).get("international")
        value = data.get("parcel_number") if isinstance(data, dict) else None
        return str(value) if value else None

    @property
    def awaiting_barcode(self) -> bool:
        """An international parcel created at BTS whose BTS barcode the seller has not added yet."""
        return self.international and not self.pending and not self.barcode

    @property
    def cancelled(self) -> bool:
        if self.status_code is None:
            return False
        lookup = statuses.international_status if self.international else statuses.local_status
        return lookup(self.status_code).category is statuses.StatusCategory.CANCELLED

    @property
    def can_change(self) -> bool:
        """Edit and cancel are offered until a courier has the parcel (status 1 = with sender)."""
        return not self.pending and not self.is_final and self.status_code in (None, 1)

    @property
    def upstream(self) -> Order | None:
        """The last answer BTS gave for this order, read again (``None`` before it exists)."""
        data = (self.snapshot or {}).get("order")
        if not isinstance(data, dict):
            return None
        try:
            return Order.model_validate(data)
        except ValueError:
            return None

    @property
    def sticker(self) -> StickerData | None:
        """The label's sorting data (hub, city, branch, zone) from a v1 answer (seed 000)."""
        upstream = self.upstream
        return upstream.sticker if upstream else None

    @property
    def piece_barcodes(self) -> list[str]:
        upstream = self.upstream
        return upstream.piece_barcodes if upstream else []

    @property
    def items(self) -> list[dict[str, Any]]:
        draft = (self.snapshot or {}).get("draft") or {}
        items = draft.get("items") or []
        return [i for i in items if isinstance(i, dict)]

    @property
    def receiver_place(self) -> ReceiverPlace:
        """Where the receiver gets the parcel: the city (its BTS id) and, when they collect it at a
        branch, the branch; from BTS's last answer, else from the draft the order was sent with."""
        upstream = self.upstream
        stored = (self.snapshot or {}).get("draft")
        draft: dict[str, Any] = stored if isinstance(stored, dict) else {}
        found = draft.get("receiver")
        party: dict[str, Any] = found if isinstance(found, dict) else {}
        way = upstream.receiver_delivery if upstream and upstream.receiver_delivery is not None else None
        if way is None:
            way = draft.get("receiver_delivery")
        city = upstream.receiver_city if upstream else None
        city_id = (city.id if city else None) or party.get("city_id")
        if way != 0:
            return ReceiverPlace(city_id, at_branch=False)
        branch = upstream.receiver_branch if upstream else None
        return ReceiverPlace(
            city_id,
            at_branch=True,
            branch_id=(branch.id if branch else None) or party.get("branch_id"),
            branch_name=(branch.name if branch else None) or party.get("branch_name"),
        )


@dataclass(frozen=True, slots=True)
class ReceiverPlace:
    city_id: int | None
    at_branch: bool
    branch_id: int | None = None
    branch_name: str | None = None


@dataclass(frozen=True, slots=True)
class CreatedOrder:
    order: OrderView
    label: bytes | None


@dataclass(frozen=True, slots=True)
class EventView:
    status_code: int | None
    occurred_at: datetime
    message: str | None
    location: str | None


def _codes_in(category: statuses.StatusCategory) -> list[int]:
    return [
        info.code
        for info in statuses.all_statuses()
        if info.kind is statuses.StatusKind.LOCAL and info.category is category and info.code is not None
    ]


def view_of(record: OrderRecord) -> OrderView:
    snapshot = record.snapshot or {}
    upstream = snapshot.get("order") if isinstance(snapshot.get("order"), dict) else {}
    return OrderView(
        id=record.id,
        bts_order_id=record.bts_order_id,
        reference=record.reference,
        barcode=record.barcode,
        status_code=record.status_code,
        is_final=record.is_final,
        cost=record.cost,
        cod_amount=record.cod_amount,
        receiver_name=record.receiver_name,
        receiver_phone=record.receiver_phone,
        receiver_city=record.receiver_city,
        created_at=record.created_at,
        status_changed_at=record.status_changed_at,
        tracking_url=(upstream or {}).get("tracking"),
        snapshot=record.snapshot,
        international=record.international,
    )


def _flag(value: bool) -> int:
    return 1 if value else 0


def build_create(draft: OrderDraft) -> OrderCreate:
    """The ``order/add`` body for a finished draft (delivery codes per api-notes)."""
    s, r = draft.sender, draft.receiver
    if draft.weight is None or s.city_id is None or r.city_id is None:
        raise ValueError("draft is not complete")
    receiver_address = r.address or (r.branch_name or "")
    fields: dict[str, Any] = {
        "senderCityId": s.city_id,
        "senderAddress": s.address or s.city_name or "",
        "senderDelivery": draft.sender_delivery if draft.sender_delivery is not None else 1,
        "senderReal": s.name,
        "senderPhone": s.phone,
        "weight": draft.weight,
        "packageId": draft.package_id,
        "postTypeId": draft.post_type_id,
        "receiver": r.name,
        "receiverAddress": receiver_address,
        "receiverDelivery": draft.receiver_delivery if draft.receiver_delivery is not None else 1,
        "receiverCityId": r.city_id,
        "receiverPhone": r.phone,
        "receiverPhone1": r.phone2,
        "clientId": draft.reference,
        "volume": draft.volume,
        "takePhoto": _flag(draft.take_photo),
        "piece": draft.pieces,
        "bringBackWaybill": _flag(draft.return_waybill),
        "additionalInfo": draft.comment,
        "senderDate": draft.pickup_date,  # seed 001: "2018-02-06"
    }
    if draft.receiver_delivery == 0:
        fields["receiver_branch_id"] = r.branch_id
    if draft.items:
        fields["postTypes"] = [
            PostTypeItem(name=i.name, code=i.code, count=i.count, cost=i.cost) for i in draft.items
        ]
    if draft.cod and draft.cod_amount is not None:
        fields["bringBackMoney"] = 1
        fields["back_money"] = draft.cod_amount
        goods = [
            OrderGood(mxik_goods_id=g.mxik_id, amount=g.amount, good_price=g.price) for g in draft.cod_goods
        ]
        if goods:
            fields["options"] = [OrderOption(option_id=2, goods=goods)]
    return OrderCreate.model_validate({k: v for k, v in fields.items() if v is not None})


def _party_from_order(order: Order, who: str) -> Party:
    if who == "sender":
        return Party(
            name=order.sender_real,
            phone=order.sender_phone,
            address=order.sender_address,
            city_id=order.sender_city.id if order.sender_city else None,
            city_name=order.sender_city.name if order.sender_city else None,
            branch_id=order.sender_branch.id if order.sender_branch else None,
        )
    return Party(
        name=order.receiver,
        phone=order.receiver_phone,
        phone2=order.receiver_phone1,
        address=order.receiver_address,
        city_id=order.receiver_city.id if order.receiver_city else None,
        city_name=order.receiver_city.name if order.receiver_city else None,
        branch_id=order.receiver_branch.id if order.receiver_branch else None,
        branch_name=order.receiver_branch.name if order.receiver_branch else None,
    )


def draft_from_order(order: Order, stored: dict[str, Any] | None = None) -> OrderDraft:
    """What an upstream order says, as a draft (edit and "repeat as a new order" start from it)."""
    draft = OrderDraft.model_validate(stored) if stored else OrderDraft()
    return draft.model_copy(
        update={
            "sender": _party_from_order(order, "sender"),
            "receiver": _party_from_order(order, "receiver"),
            "sender_delivery": order.sender_delivery
            if order.sender_delivery in (0, 1)
            else draft.sender_delivery,
            "receiver_delivery": (
                order.receiver_delivery if order.receiver_delivery in (0, 1) else draft.receiver_delivery
            ),
            "weight": order.weight or draft.weight,
            "pieces": order.piece or draft.pieces,
            "package_id": order.package.id if order.package and order.package.id else draft.package_id,
            "post_type_id": order.post_type.id
            if order.post_type and order.post_type.id
            else draft.post_type_id,
            "take_photo": bool(order.take_photo) if order.take_photo is not None else draft.take_photo,
            "cod": bool(order.bring_back_money) if order.bring_back_money is not None else draft.cod,
            "cod_amount": order.back_money if order.back_money is not None else draft.cod_amount,
        }
    )


CodeOf = Callable[[int | None], str | None]


def _no_code(_: int | None) -> str | None:
    return None


def build_nested_edit(
    draft: OrderDraft,
    *,
    city_code: CodeOf = _no_code,
    branch_code: CodeOf = _no_code,
    wcs_code: str | None = None,
) -> OrderEditNested:
    """The v1 edit (seed 000).

    ``city_code`` / ``branch_code`` are the codes BTS gave beside its ids in earlier answers
    (api-notes; ``BranchDirectory.city_code``): sent when known. The branch is the receiver's
    office of a ``dropoff_type=branch`` order, and the sender's office when the seller brings
    the parcel (``pickup_type=self``). A shared location goes as ``latitude`` / ``longitude``
    with ``is_sender_location`` / ``is_receiver_location`` set.
    """
    if draft.weight is None:
        raise ValueError("draft is not complete")
    sender = _nested_party(
        draft.sender, at_branch=draft.sender_delivery == 0, city_code=city_code, branch_code=branch_code
    )
    receiver = _nested_party(
        draft.receiver, at_branch=draft.receiver_delivery == 0, city_code=city_code, branch_code=branch_code
    )
    return OrderEditNested.model_validate(
        {
            "clientId": draft.reference,
            "wcs_code": wcs_code,
            "is_sender_location": True if sender.latitude is not None else None,
            "is_receiver_location": True if receiver.latitude is not None else None,
            "pickup_type": "courier" if draft.sender_delivery != 0 else "self",
            "dropoff_type": "courier" if draft.receiver_delivery != 0 else "branch",
            "sender": sender,
            "receiver": receiver,
            "bringBackMoney": _flag(draft.cod),
            "back_money": draft.cod_amount if draft.cod else None,
            "takePhoto": _flag(draft.take_photo),
            "bringBackWaybill": _flag(draft.return_waybill),
            "cargo": _nested_cargo(draft, draft.weight),
        }
    )


def _nested_cargo(draft: OrderDraft, weight: Decimal) -> NestedCargo:
    """The parcel: weight, packaging, the items and, with cash on delivery, the goods (option 2)."""
    return NestedCargo(
        weight=weight,
        volume=draft.volume,
        piece=draft.pieces,
        package_id=draft.package_id,
        post_type_id=draft.post_type_id,
        post_types=[NestedPostType(name=i.name, code=i.code, count=i.count, cost=i.cost) for i in draft.items]
        or None,
        options=(
            [
                NestedOption(
                    option_id=2,
                    goods=[
                        OrderGood(mxik_goods_id=g.mxik_id, amount=g.amount, good_price=g.price)
                        for g in draft.cod_goods
                    ],
                )
            ]
            if draft.cod and draft.cod_goods
            else None
        ),
    )


def _nested_party(p: Party, *, at_branch: bool, city_code: CodeOf, branch_code: CodeOf) -> NestedParty:
    """A side of the edit; its branch code only where the parcel is handed over at a branch."""
    located = p.lat is not None and p.lon is not None
    return NestedParty(
        name=p.name or "",
        phone=p.phone or "",
        phone1=p.phone2,
        address=p.address or p.branch_name or p.city_name or "",
        latitude=f"{p.lat:.6f}" if located and p.lat is not None else None,
        longitude=f"{p.lon:.6f}" if located and p.lon is not None else None,
        city_code=city_code(p.city_id),
        branch_code=branch_code(p.branch_id) if at_branch else None,
    )


def _snapshot(order: Order, draft: OrderDraft | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"order": order.model_dump(mode="json", exclude={"label_encode"})}
    if draft is not None:
        data["draft"] = draft.dump()
    return data


def _order_data(
    order: Order,
    *,
    owner_id: int,
    account_id: int,
    draft: OrderDraft | None,
    reference: str | None = None,
    previous: dict[str, Any] | None = None,
) -> OrderData:
    status = order.status_id
    info = statuses.local_status(status) if status is not None else None
    snapshot = _snapshot(order, draft)
    if draft is None and previous and "draft" in previous:
        snapshot["draft"] = previous["draft"]
    city = order.receiver_city.name if order.receiver_city else (draft.receiver.city_name if draft else None)
    return OrderData(
        bts_order_id=order.order_id,
        barcode=order.barcode,
        owner_id=owner_id,
        bts_account_id=account_id,
        reference=reference,
        receiver_name=order.receiver or (draft.receiver.name if draft else None),
        receiver_phone=order.receiver_phone or (draft.receiver.phone if draft else None),
        receiver_city=city,
        cost=order.cost,
        cod_amount=order.back_money
        if order.back_money is not None
        else (draft.cod_amount if draft and draft.cod else None),
        status_code=status,
        is_final=info.is_final if info else None,
        snapshot=snapshot,
    )


@dataclass
class OrderService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    bts: BtsClient
    accounts: AccountService
    branches: BranchDirectory
    settings: Settings
    _create_locks: WeakValueDictionary[str, asyncio.Lock] = field(default_factory=WeakValueDictionary)

    def _uow(self, session: AsyncSession) -> UnitOfWork:
        return UnitOfWork(session, self.box)

    # --- quotes ----------------------------------------------------------------------------------

    async def quote(self, user_id: int, draft: OrderDraft) -> Decimal:
        account = await self.accounts.require(user_id)
        if draft.sender.city_id is None or draft.receiver.city_id is None or draft.weight is None:
            raise ValueError("draft is not complete")
        result = await self.bts.calculate(
            account.credentials,
            CalculateRequest(
                sender_city_id=draft.sender.city_id,
                receiver_city_id=draft.receiver.city_id,
                weight=draft.weight,
                volume=draft.volume,
                sender_date=draft.pickup_date,
                sender_delivery=draft.delivery_code("sender"),
                receiver_delivery=draft.delivery_code("receiver"),
            ),
        )
        return result.summary_price

    async def price_matrix(
        self,
        user_id: int,
        sender_city_id: int,
        receiver_city_id: int,
        weight: Decimal,
        *,
        sender_date: date | None = None,
    ) -> dict[tuple[int, int], Decimal]:
        """The price for each way of handing over and delivering, side by side: office 0,
        courier 1, and the courier from or to a remote village (2; the calculator's code).
        ``sender_date`` (the pickup date) goes with the ways where a courier collects."""
        account = await self.accounts.require(user_id)
        combos: list[tuple[Literal[0, 1, 2], Literal[0, 1, 2]]] = [
            (0, 0),
            (0, 1),
            (1, 0),
            (1, 1),
            (2, 1),
            (1, 2),
        ]
        results = await asyncio.gather(
            *(
                self.bts.calculate(
                    account.credentials,
                    CalculateRequest(
                        sender_city_id=sender_city_id,
                        receiver_city_id=receiver_city_id,
                        weight=weight,
                        sender_date=sender_date if s else None,
                        sender_delivery=s,
                        receiver_delivery=r,
                    ),
                )
                for s, r in combos
            )
        )
        return {combo: result.summary_price for combo, result in zip(combos, results, strict=True)}

    # --- create ------------------------------------------------------------------------------------

    async def create(self, user_id: int, draft: OrderDraft) -> CreatedOrder:
        """Create the order once. A second call with the same draft returns the first result;
        a call while the first is in flight raises ``CreateInProgress``; a create whose answer was
        lost raises ``CreateUnsure`` (and is never re-sent by itself)."""
        account = await self.accounts.require(user_id)
        request = build_create(draft)
        lock = self._create_locks.setdefault(draft.reference, asyncio.Lock())
        if lock.locked():
            raise CreateInProgress
        async with lock:
            async with self.session_factory() as session, session.begin():
                uow = self._uow(session)
                existing = await uow.orders.get_by_reference(draft.reference)
                if existing is not None and existing.owner_id != user_id:
                    raise NotYourOrder
                if existing is not None and existing.bts_order_id is not None:
                    return CreatedOrder(view_of(existing), None)
                if existing is not None:
                    raise CreateUnsure(draft.reference)
                try:
                    await uow.orders.create_pending(
                        reference=draft.reference,
                        owner_id=user_id,
                        bts_account_id=account.account_id,
                        receiver_name=draft.receiver.name,
                        receiver_phone=draft.receiver.phone,
                        receiver_city=draft.receiver.city_name,
                        cost=draft.quote,
                        cod_amount=draft.cod_amount if draft.cod else None,
                    )
                except IntegrityError as exc:  # another process took this reference a moment ago
                    raise CreateInProgress from exc
            try:
                order = await self.bts.create_order(account.credentials, request)
            except OutcomeUnknown as exc:
                logger.warning("create of %s: outcome unknown (%s)", draft.reference, exc)
                raise CreateUnsure(draft.reference) from exc
            except Exception:  # a sure failure; a cancelled send (shutdown) may have reached BTS
                async with self.session_factory() as session, session.begin():
                    await self._uow(session).orders.delete_pending(draft.reference)
                raise
            record = await self._store_created(order, account, draft, reference=draft.reference)
            await self._learn(order)
            await self._remember_contacts(user_id, draft)
            return CreatedOrder(view_of(record), order.label_bytes())

    async def _store_created(
        self,
        order: Order,
        account: SellerAccount,
        draft: OrderDraft | None,
        *,
        reference: str | None,
        announce: bool = False,
    ) -> OrderRecord:
        """Store an order BTS made (with its first status); ``announce``: tell the seller it was
        found (a lost create found later), in the same transaction."""
        data = _order_data(
            order, owner_id=account.user_id, account_id=account.account_id, draft=draft, reference=reference
        )
        async with self.session_factory() as session, session.begin():
            uow = self._uow(session)
            result = await uow.orders.upsert(data)
            if order.status_id is not None:
                await uow.status_events.add_if_new(
                    result.order.id,
                    StatusEventData(
                        status_code=order.status_id,
                        occurred_at=result.order.created_at,
                        message=order.status_text,
                    ),
                )
            if announce:
                await uow.outbox.enqueue(
                    chat_id=account.user_id,
                    message_key=PUSH_ORDER_FOUND,
                    params={"barcode": order.barcode or str(order.order_id)},
                    dedup_key=f"order-found:{result.order.id}",
                )
            return result.order

    async def forget_unsure(
        self, user_id: int, reference: str, *, draft: OrderDraft | None = None, announce: bool = True
    ) -> OrderView | None:
        """The seller asks again about an unsure create: look for it at BTS now; never forget it.

        A create whose answer was lost is never dropped to be sent again (that could make a
        second order): it stays "not confirmed" until :meth:`resolve_unsure` finds it. Returns
        the order once found, ``None`` while it is still unknown. The bulk import calls it for a
        line whose answer was lost, with the line's ``draft`` (kept with the order) and without
        the "order found" push (its progress message says so).
        """
        async with self.session_factory() as session:
            existing = await self._uow(session).orders.get_by_reference(reference)
        if existing is None or existing.owner_id != user_id:
            return None
        if existing.bts_order_id is None:
            await self._resolve_one(existing, draft=draft, announce=announce)
            async with self.session_factory() as session:
                existing = await self._uow(session).orders.get_by_reference(reference)
        return view_of(existing) if existing is not None and existing.bts_order_id is not None else None

    async def resolve_unsure(self, *, now: datetime | None = None) -> list[OrderView]:
        """Find the creates whose answer was lost (a background pass; the worker runs it).

        What the documents allow: we send our own ``clientId`` (the draft's reference) with every
        create, but no route lists orders or finds one by ``clientId``; ``order/detail`` reads an
        order by its BTS id, and BTS ids grow. So the ids after the last one we knew before the
        create are read in turn (``UNSURE_SCAN`` at most; 403 is another customer's order; three
        404s in a row are the end of the list) and ours is the one whose ``clientId`` is our
        reference, or, when an answer carries no ``clientId``, whose receiver name and phone are
        the pending order's. Found, it is stored like any created order (tracked and pushed by
        the poller) and the seller is told; not found, it stays unconfirmed and is looked for
        again on the next pass, for ``UNSURE_GIVE_UP``.
        """
        now = now or utc_now()
        async with self.session_factory() as session:
            pending = await self._uow(session).orders.list_unsure(created_before=now - UNSURE_SETTLE)
        found: list[OrderView] = []
        for record in pending:
            if now - record.created_at > UNSURE_GIVE_UP:
                continue
            view = await self._resolve_one(record)
            if view is not None:
                found.append(view)
        return found

    async def _resolve_one(
        self, record: OrderRecord, *, draft: OrderDraft | None = None, announce: bool = True
    ) -> OrderView | None:
        if record.owner_id is None or record.reference is None:
            return None
        account = await self.accounts.require(record.owner_id, check_access=False)  # the worker
        async with self.session_factory() as session:
            start = await self._uow(session).orders.max_bts_id_before(record.created_at)
        if start is None:
            logger.info("unsure create %s: no earlier BTS id to search from", record.reference)
            return None
        missing = 0
        for bts_id in range(start + 1, start + 1 + UNSURE_SCAN):
            try:
                order = await self.bts.get_order(account.credentials, bts_id)
            except NotFound:
                missing += 1
                if missing >= 3:
                    break
                continue
            except Forbidden:
                missing = 0
                continue  # another customer's order
            missing = 0
            if not _is_ours(order, record):
                continue
            async with self.session_factory() as session:
                taken = await self._uow(session).orders.get_by_bts_id(order.order_id)
            if taken is not None:
                continue
            stored = await self._store_created(
                order, account, draft, reference=record.reference, announce=announce
            )
            logger.info("unsure create %s resolved: BTS order %s", record.reference, order.order_id)
            return view_of(stored)
        return None

    async def find_by_reference(self, user_id: int, reference: str) -> OrderView | None:
        async with self.session_factory() as session:
            record = await self._uow(session).orders.get_by_reference(reference)
        if record is None or record.owner_id != user_id:
            return None
        return view_of(record)

    async def _remember_contacts(self, user_id: int, draft: OrderDraft) -> None:
        """Save (or refresh) the sender profile and the recipient in the address book."""
        async with self.session_factory() as session, session.begin():
            repo = self._uow(session).addresses
            for kind, party in ((ContactKind.SENDER, draft.sender), (ContactKind.RECIPIENT, draft.receiver)):
                if not party.name or not party.phone:
                    continue
                data = ContactData(
                    name=party.name[:255],
                    phone=party.phone,
                    extra_phone=party.phone2,
                    region_id=party.region_id,
                    city_id=party.city_id,
                    city_name=party.city_name,
                    branch_id=party.branch_id,
                    address=party.address,
                    latitude=Decimal(str(party.lat)) if party.lat is not None else None,
                    longitude=Decimal(str(party.lon)) if party.lon is not None else None,
                )
                same = [
                    c for c in await repo.find_by_phone(user_id, kind, party.phone) if c.name == party.name
                ]
                if same:
                    await repo.update(same[0].id, user_id=user_id, data=data)
                else:
                    await repo.add(user_id, kind, data)

    # --- reading -----------------------------------------------------------------------------------

    async def list_orders(
        self,
        user_id: int,
        kind: OrderFilterKind = OrderFilterKind.ALL,
        *,
        page: int = 0,
        query: str | None = None,
        page_size: int = PAGE_SIZE,
    ) -> Page[OrderView]:
        final: bool | None = None
        codes: Sequence[int] | None = None
        if kind is OrderFilterKind.ACTIVE:
            final = False
        elif kind is OrderFilterKind.DELIVERED:
            codes = _codes_in(statuses.StatusCategory.DELIVERED)
        elif kind is OrderFilterKind.CANCELLED:
            codes = _codes_in(statuses.StatusCategory.CANCELLED)
        async with self.session_factory() as session:
            result = await self._uow(session).orders.list_for_owner(
                user_id,
                final=final,
                status_codes=codes,
                query=query,
                offset=page * page_size,
                limit=page_size,
            )
        return Page(
            items=tuple(view_of(r) for r in result.items),
            total=result.total,
            offset=result.offset,
            limit=result.limit,
        )

    async def get(self, user_id: int, order_id: int) -> OrderView:
        return view_of(await self._owned(user_id, order_id))

    async def _owned(self, user_id: int, order_id: int) -> OrderRecord:
        async with self.session_factory() as session:
            record = await self._uow(session).orders.get(order_id)
        if record is None or record.owner_id != user_id:
            raise NotYourOrder
        return record

    async def _account_for(self, user_id: int, record: OrderRecord) -> SellerAccount:
        return await self.accounts.require(user_id)

    async def refresh(self, user_id: int, order_id: int) -> OrderView:
        """Read the order again from BTS (detail) and store what changed."""
        record = await self._owned(user_id, order_id)
        if record.bts_order_id is None:
            return view_of(record)
        account = await self._account_for(user_id, record)
        if record.international:
            return view_of(await self._refresh_international(account, record))
        order = await self.bts.get_order(account.credentials, record.bts_order_id)
        await self._learn(order)
        return view_of(await self._store_detail(order, account, record, seen_by=user_id))

    async def _refresh_international(self, account: SellerAccount, record: OrderRecord) -> OrderRecord:
        """International parcels are read by barcode (their ``bts_order_id`` is our own key)."""
        if not record.barcode or record.bts_order_id is None:
            return record
        parcel = await self.bts.track_international(account.credentials, record.barcode)
        return await self.record_status(record.bts_order_id, parcel.status.code, international=True)

    async def record_status(
        self, bts_order_id: int, code: int, *, international: bool = False, location: str | None = None
    ) -> OrderRecord:
        """A status BTS just answered, stored; when it is new, its pushes in the same transaction."""
        async with self.session_factory() as session, session.begin():
            uow = self._uow(session)
            result = await uow.orders.upsert(
                OrderData(
                    bts_order_id=bts_order_id,
                    status_code=code,
                    is_final=status_is_final(code, international=international),
                )
            )
            if result.status_changed:
                await enqueue_status_pushes(
                    uow, result.order, code, location=location, now=utc_now(), delay=PUSH_DELAY
                )
            return result.order

    async def _store_detail(
        self, order: Order, account: SellerAccount, record: OrderRecord, *, seen_by: int | None = None
    ) -> OrderRecord:
        data = _order_data(
            order,
            owner_id=record.owner_id or account.user_id,
            account_id=account.account_id,
            draft=None,
            previous=record.snapshot,
        )
        async with self.session_factory() as session, session.begin():
            uow = self._uow(session)
            result = await uow.orders.upsert(data)
            if result.status_changed and result.order.status_code is not None:
                # Followers hear of it now: the poller will see no change any more.
                await enqueue_status_pushes(
                    uow,
                    result.order,
                    result.order.status_code,
                    location=None,
                    now=utc_now(),
                    delay=PUSH_DELAY,
                    seen_by=seen_by,
                )
            return result.order

    async def history(self, user_id: int, order_id: int) -> list[EventView]:
        record = await self._owned(user_id, order_id)
        if record.bts_order_id is None:
            return []
        if record.international:  # no history route for parcels: what the poller recorded
            async with self.session_factory() as session:
                stored = await self._uow(session).status_events.list_for_order(record.id)
            return [EventView(e.status_code, e.occurred_at, e.message, e.location) for e in stored]
        account = await self._account_for(user_id, record)
        events = await self.bts.order_history(account.credentials, record.bts_order_id)
        await self.store_history(record.id, events)
        return [EventView(e.status_id, e.timestamp, e.message, e.location) for e in events]

    async def store_history(self, local_id: int, events: Sequence[HistoryEvent]) -> None:
        rows = [
            (
                local_id,
                StatusEventData(
                    status_code=e.status_id, occurred_at=e.timestamp, message=e.message, location=e.location
                ),
            )
            for e in events
            if e.status_id is not None
        ]
        if rows:
            async with self.session_factory() as session, session.begin():
                await self._uow(session).status_events.add_many_if_new(rows)

    async def label(self, user_id: int, order_id: int) -> bytes | None:
        record = await self._owned(user_id, order_id)
        if record.bts_order_id is None or record.international:
            return None
        account = await self._account_for(user_id, record)
        order = await self.bts.get_order(account.credentials, record.bts_order_id)
        return order.label_bytes()

    async def draft_of(self, user_id: int, order_id: int, *, fresh: bool = True) -> OrderDraft:
        """The order as a draft: for editing (same reference) or repeating (``fresh``: a new one)."""
        record = await self._owned(user_id, order_id)
        stored = (record.snapshot or {}).get("draft")
        upstream = (record.snapshot or {}).get("order")
        if isinstance(upstream, dict):
            draft = draft_from_order(
                Order.model_validate(upstream), stored if isinstance(stored, dict) else None
            )
        elif isinstance(stored, dict):
            draft = OrderDraft.model_validate(stored)
        else:
            draft = OrderDraft()
        return draft.fresh_copy() if fresh else draft

    # --- changes -------------------------------------------------------------------------------------

    async def edit(self, user_id: int, order_id: int, draft: OrderDraft) -> OrderView:
        """Send the edited order (flat or nested per ``BTS_EDIT_FORMAT``); upstream refusals pass through."""
        record = await self._owned(user_id, order_id)
        if record.bts_order_id is None:
            raise EditRefused
        account = await self._account_for(user_id, record)
        if self._nested_edit_can_say(record, draft):
            upstream = (record.snapshot or {}).get("order") or {}
            nested = build_nested_edit(
                draft,
                city_code=self.branches.city_code,
                branch_code=self.branches.branch_code,
                wcs_code=upstream.get("wcs_code") if isinstance(upstream, dict) else None,
            )
            order = await self.bts.edit_order_nested(account.credentials, record.bts_order_id, nested)
        else:
            body = build_create(draft).to_wire() | {"orderId": record.bts_order_id}
            order = await self.bts.edit_order(account.credentials, OrderEditFlat.model_validate(body))
        await self._learn(order)
        data = _order_data(order, owner_id=user_id, account_id=account.account_id, draft=draft)
        async with self.session_factory() as session, session.begin():
            result = await self._uow(session).orders.upsert(data)
        return view_of(result.order)

    def _nested_edit_can_say(self, record: OrderRecord, draft: OrderDraft) -> bool:
        """Nested per the settings, unless a city or branch changed whose code BTS never gave us:
        the nested form names places by code only, so that change goes by the flat form (ids).
        A changed pickup date goes flat too: seed 000's nested edit has no ``senderDate``."""
        if self.settings.edit_format is not EditFormat.NESTED:
            return False
        stored = (record.snapshot or {}).get("draft")
        before = OrderDraft.model_validate(stored) if isinstance(stored, dict) else OrderDraft()
        if draft.pickup_date != before.pickup_date:
            logger.info("edit: the pickup date changed; sending the flat edit")
            return False
        codes = self.branches
        checks = (
            (draft.sender.city_id, before.sender.city_id, codes.city_code),
            (draft.receiver.city_id, before.receiver.city_id, codes.city_code),
            (
                draft.receiver.branch_id if draft.receiver_delivery == 0 else None,
                before.receiver.branch_id if before.receiver_delivery == 0 else None,
                codes.branch_code,
            ),
        )
        for now, was, code_of in checks:
            if now is not None and now != was and code_of(now) is None:
                logger.info("edit: no BTS code for place %s yet; sending the flat edit", now)
                return False
        return True

    async def _learn(self, order: Order) -> None:
        """Names and codes of the order's places teach the directory; never fails the caller."""
        try:
            await self.branches.learn(order)
        except Exception:
            logger.warning("could not keep the place names of order %s", order.order_id, exc_info=True)

    async def cancel(self, user_id: int, order_id: int) -> OrderView:
        record = await self._owned(user_id, order_id)
        if record.bts_order_id is None:
            raise EditRefused
        account = await self._account_for(user_id, record)
        result = await self.bts.cancel_order(account.credentials, record.bts_order_id)
        code = result.status.id if result.status.id is not None else 0
        info = statuses.local_status(code)
        async with self.session_factory() as session, session.begin():
            uow = self._uow(session)
            upserted = await uow.orders.upsert(
                OrderData(bts_order_id=record.bts_order_id, status_code=code, is_final=info.is_final)
            )
            if upserted.status_changed:
                await enqueue_status_pushes(
                    uow, upserted.order, code, location=None, now=utc_now(), delay=PUSH_DELAY, seen_by=user_id
                )
            await uow.status_events.add_if_new(
                record.id,
                StatusEventData(
                    status_code=code,
                    occurred_at=datetime.now(UTC).replace(microsecond=0),
                    message=result.status.text,
                ),
            )
        return view_of(upserted.order)

    async def cancellation_reasons(self, user_id: int, order_id: int) -> list[CancellationReason]:
        record = await self._owned(user_id, order_id)
        if record.bts_order_id is None:
            return []
        account = await self._account_for(user_id, record)
        return await self.bts.cancellation_reasons(account.credentials, record.bts_order_id)

    # --- MXIK goods (cash on delivery) -----------------------------------------------------------------

    async def mxik_goods(self, user_id: int, query: str | None = None) -> list[MxikGood]:
        """All the seller's registered goods (every page), or those matching ``query`` (name or
        MXIK code, any spelling), best first."""
        account = await self.accounts.require(user_id)
        goods = await self.bts.list_mxik_goods(account.credentials)
        if query and query.strip():
            return translit.search(query, goods, key=lambda g: f"{g.name} {g.spic}", limit=None)
        return goods

    async def register_mxik_good(
        self, user_id: int, spic: str, name: str, price: Decimal, units: str = "dona"
    ) -> MxikGood:
        account = await self.accounts.require(user_id)
        return await self.bts.register_mxik_good(
            account.credentials, MxikGoodCreate(spic=spic, name=name, units=units, good_price=price)
        )

    # --- address book ----------------------------------------------------------------------------------

    async def contacts(self, user_id: int, kind: ContactKind, limit: int = 6) -> list[tuple[int, Party]]:
        async with self.session_factory() as session:
            page = await self._uow(session).addresses.list_for_user(user_id, kind, limit=limit)
        return [
            (
                c.id,
                Party(
                    name=c.name,
                    phone=c.phone,
                    phone2=c.extra_phone,
                    address=c.address,
                    region_id=c.region_id,
                    city_id=c.city_id,
                    city_name=c.city_name,
                    branch_id=c.branch_id,
                    lat=float(c.latitude) if c.latitude is not None else None,
                    lon=float(c.longitude) if c.longitude is not None else None,
                ),
            )
            for c in page.items
        ]
