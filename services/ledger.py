"""The cash-on-delivery ledger and the exports (orders, COD, payments) for any period.

Every order with cash on delivery is a ledger line: the amount due, whether it was delivered (the
money is then with BTS) or came back, and when. Lines are the seller's COD orders created in the
period; payments made through Yandex Pay in the period sit beside them. Nothing is stored for
the ledger: it is read from the orders and payments the bot already keeps, so it cannot drift.

Exports are CSV (UTF-8 with a BOM, so Excel opens it right) or XLSX; column titles come from the
caller (the bot passes them in the seller's language).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import statuses
from storage.crypto import SecretBox
from storage.schemas import OrderRecord
from storage.uow import UnitOfWork

TASHKENT = ZoneInfo("Asia/Tashkent")
PAID_STATUSES = frozenset({"CAPTURED", "CONFIRMED"})
MAX_EXPORT_ROWS = 50_000


class LedgerState(StrEnum):
    DELIVERED = "delivered"  # BTS collected the cash
    AWAITING = "awaiting"  # on its way
    RETURNED = "returned"  # came back or was cancelled: nothing to collect


class ExportKind(StrEnum):
    ORDERS = "orders"
    COD = "cod"
    PAYMENTS = "payments"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days in Tashkent time, ``start`` to ``end`` inclusive."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        low = datetime.combine(self.start, time.min, TASHKENT).astimezone(UTC)
        high = datetime.combine(self.end + timedelta(days=1), time.min, TASHKENT).astimezone(UTC)
        return low, high

    @classmethod
    def last_days(cls, days: int, today: date) -> Period:
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def month(cls, today: date) -> Period:
        return cls(today.replace(day=1), today)

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


@dataclass(frozen=True, slots=True)
class LedgerLine:
    order_id: int
    barcode: str | None
    receiver_name: str | None
    amount: Decimal
    state: LedgerState
    created_at: datetime
    settled_at: datetime | None  # delivered or returned: when


@dataclass(frozen=True, slots=True)
class PaymentLine:
    payment_id: int
    order_barcode: str | None
    amount: Decimal
    status: str
    created_at: datetime
    paid: bool


@dataclass(frozen=True, slots=True)
class LedgerSummary:
    period: Period
    delivered: int
    collected: Decimal
    awaiting: int
    awaiting_amount: Decimal
    returned: int
    paid_online: int
    paid_online_amount: Decimal


@dataclass(frozen=True, slots=True)
class OrderLine:
    order_id: int
    barcode: str | None
    created_at: datetime
    receiver_name: str | None
    receiver_phone: str | None
    receiver_city: str | None
    cost: Decimal | None
    cod_amount: Decimal | None
    status_code: int | None
    international: bool


def _state(code: int | None, international: bool) -> LedgerState:
    info = statuses.international_status(code) if international else statuses.local_status(code)
    if info.category is statuses.StatusCategory.DELIVERED:
        return LedgerState.DELIVERED
    if info.category in (statuses.StatusCategory.RETURNED, statuses.StatusCategory.CANCELLED):
        return LedgerState.RETURNED
    return LedgerState.AWAITING


def _local(moment: datetime | None) -> str:
    return moment.astimezone(TASHKENT).strftime("%Y-%m-%d %H:%M") if moment else ""


@dataclass
class LedgerService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox

    async def _orders(self, user_id: int, period: Period, *, cod_only: bool) -> list[OrderRecord]:
        low, high = period.bounds()
        async with self.session_factory() as session:
            return await UnitOfWork(session, self.box).orders.list_created_between(
                user_id, low, high, cod_only=cod_only, limit=MAX_EXPORT_ROWS
            )

    async def lines(self, user_id: int, period: Period) -> list[LedgerLine]:
        out: list[LedgerLine] = []
        for order in await self._orders(user_id, period, cod_only=True):
            state = _state(order.status_code, order.international)
            out.append(
                LedgerLine(
                    order_id=order.id,
                    barcode=order.barcode,
                    receiver_name=order.receiver_name,
                    amount=order.cod_amount or Decimal(0),
                    state=state,
                    created_at=order.created_at,
                    settled_at=order.status_changed_at if state is not LedgerState.AWAITING else None,
                )
            )
        return out

    async def payments(self, user_id: int, period: Period) -> list[PaymentLine]:
        low, high = period.bounds()
        async with self.session_factory() as session:
            rows = await UnitOfWork(session, self.box).payments.list_for_owner_between(
                user_id, low, high, limit=MAX_EXPORT_ROWS
            )
        return [
            PaymentLine(
                payment_id=p.id,
                order_barcode=barcode,
                amount=p.amount,
                status=p.status,
                created_at=p.created_at,
                paid=p.status in PAID_STATUSES,
            )
            for p, barcode in rows
        ]

    async def summary(self, user_id: int, period: Period) -> LedgerSummary:
        lines = await self.lines(user_id, period)
        payments = await self.payments(user_id, period)
        delivered = [line for line in lines if line.state is LedgerState.DELIVERED]
        awaiting = [line for line in lines if line.state is LedgerState.AWAITING]
        paid = [p for p in payments if p.paid]
        return LedgerSummary(
            period=period,
            delivered=len(delivered),
            collected=sum((line.amount for line in delivered), Decimal(0)),
            awaiting=len(awaiting),
            awaiting_amount=sum((line.amount for line in awaiting), Decimal(0)),
            returned=sum(1 for line in lines if line.state is LedgerState.RETURNED),
            paid_online=len(paid),
            paid_online_amount=sum((p.amount for p in paid), Decimal(0)),
        )

    async def order_lines(self, user_id: int, period: Period) -> list[OrderLine]:
        return [
            OrderLine(
                order_id=o.id,
                barcode=o.barcode,
                created_at=o.created_at,
                receiver_name=o.receiver_name,
                receiver_phone=o.receiver_phone,
                receiver_city=o.receiver_city,
                cost=o.cost,
                cod_amount=o.cod_amount,
                status_code=o.status_code,
                international=o.international,
            )
            for o in await self._orders(user_id, period, cod_only=False)
        ]

    async def export(
        self,
        user_id: int,
        kind: ExportKind,
        fmt: ExportFormat,
        period: Period,
        titles: Mapping[str, str],
        status_name: Mapping[str, str] | None = None,
    ) -> tuple[bytes, int]:
        """The file and how many lines it has. ``titles`` maps each column key (see
        :func:`export_columns`) to its title; ``status_name`` maps a status or ledger state key to
        its name in the seller's language."""
        names = status_name or {}
        rows: list[list[object]]
        if kind is ExportKind.ORDERS:
            rows = [
                [
                    o.barcode or "",
                    _local(o.created_at),
                    o.receiver_name or "",
                    o.receiver_phone or "",
                    o.receiver_city or "",
                    o.cost if o.cost is not None else "",
                    o.cod_amount if o.cod_amount is not None else "",
                    names.get(_status_key(o.status_code, o.international), str(o.status_code or "")),
                ]
                for o in await self.order_lines(user_id, period)
            ]
        elif kind is ExportKind.COD:
            rows = [
                [
                    line.barcode or "",
                    _local(line.created_at),
                    line.receiver_name or "",
                    line.amount,
                    names.get(f"ledger-{line.state.value}", line.state.value),
                    _local(line.settled_at),
                ]
                for line in await self.lines(user_id, period)
            ]
        else:
            rows = [
                [p.order_barcode or "", _local(p.created_at), p.amount, p.status]
                for p in await self.payments(user_id, period)
            ]
        header = [titles.get(c, c) for c in export_columns(kind)]
        data = to_csv(header, rows) if fmt is ExportFormat.CSV else to_xlsx(header, rows, sheet=kind.value)
        return data, len(rows)


def _status_key(code: int | None, international: bool) -> str:
    info = statuses.international_status(code) if international else statuses.local_status(code)
    return info.key


def export_columns(kind: ExportKind) -> tuple[str, ...]:
    if kind is ExportKind.ORDERS:
        return ("barcode", "created", "receiver", "phone", "city", "cost", "cod", "status")
    if kind is ExportKind.COD:
        return ("barcode", "created", "receiver", "cod", "state", "settled")
    return ("barcode", "created", "amount", "status")


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([str(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(header: Sequence[str], rows: Sequence[Sequence[object]], *, sheet: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))  # openpyxl writes Decimal as a number
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
