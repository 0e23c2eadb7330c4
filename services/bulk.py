"""Bulk orders from a spreadsheet: read (CSV or XLSX), check every line, price, then create each
valid line exactly once, resumable after a restart.

The life of an import:

1. :meth:`BulkService.prepare` reads the file, maps its header to our columns (the header may be
   in any of the bot's languages: the bot passes every spelling it knows), checks every line
   (phones, cities by name, branch, weight, cash on delivery) and prices the valid ones with one
   calculator call per distinct route and weight, at most ``price_concurrency`` at a time. The
   lines are stored (``bulk_rows``) with their problems, so the list of errors and the total can
   be shown again at any time.
2. :meth:`BulkService.start` moves the import from *validated* to *running* once (a second tap
   does nothing).
3. :meth:`BulkService.run` creates the valid lines one after another through
   ``OrderService.create``: every line has a fixed reference (``bulk-<import>-<line>``, sent to
   BTS as ``clientId``) written before its request, so a line is never sent twice. A restart
   calls :meth:`run` again for every running import (:meth:`resume_all`): lines already created
   are skipped; a line whose request went out without an answer is looked for at BTS (see
   :meth:`_recover`) and, when not found, marked *unsure* for the seller to check; it is never
   re-sent (:meth:`retry_unsure` only looks it up again). A line BTS refuses is marked *failed*
   with BTS's words and the others go on.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import re
import zipfile
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import catalog, translit
from services.accounts import AccountService, SellerAccount
from services.bts import BtsClient
from services.bts.models import CalculateRequest, Order
from services.common.errors import NotFound, UpstreamError, ValidationFailed
from services.common.phones import InvalidPhone, normalize_phone
from services.drafts import CodGood, OrderDraft, Party
from services.errors import DomainError
from services.orders import ContactKind, CreateInProgress, CreateUnsure, OrderService
from services.parsing import COD_AMOUNT, WEIGHT, InvalidInput, parse_decimal
from storage.crypto import SecretBox
from storage.models import Order as OrderRow
from storage.repositories.bulk import (
    BulkImportRecord,
    BulkRepository,
    BulkRowData,
    BulkRowRecord,
    BulkRowState,
    BulkState,
)

logger = logging.getLogger(__name__)

# Our columns, in template order. ``REQUIRED`` must be present in the header.
COLUMNS: tuple[str, ...] = (
    "name",
    "phone",
    "phone2",
    "city",
    "branch",
    "address",
    "weight",
    "cod",
    "comment",
)
REQUIRED: frozenset[str] = frozenset({"name", "phone", "city", "weight"})
MAX_ROWS = 2000
MAX_FILE_BYTES = 5 * 1024 * 1024
RECOVERY_PROBE = 10  # order ids after the last one we know that are read back for a lost answer


class BulkError(DomainError):
    key = "bulk-error"


class UnreadableFile(BulkError):
    key = "bulk-unreadable"


class TooManyRows(BulkError):
    key = "bulk-too-many"


class EmptyFile(BulkError):
    key = "bulk-empty"


class MissingColumns(BulkError):
    key = "bulk-missing-columns"

    def __init__(self, columns: Sequence[str]) -> None:
        super().__init__(", ".join(columns))
        self.columns = tuple(columns)


class NoSenderProfile(BulkError):
    key = "bulk-no-sender"


class ImportNotFound(BulkError):
    key = "bulk-not-found"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one cell: a column, a code (``bulk-problem-<code>`` in the locales)."""

    column: str
    code: str
    value: str = ""

    def dump(self) -> dict[str, str]:
        return {"column": self.column, "code": self.code, "value": self.value[:60]}


@dataclass(frozen=True, slots=True)
class RowProblems:
    row_number: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    import_id: int
    state: BulkState
    total_rows: int
    valid_rows: int
    total_price: Decimal | None
    invalid: tuple[RowProblems, ...]


@dataclass(frozen=True, slots=True)
class Progress:
    import_id: int
    total: int  # valid lines
    created: int
    failed: int
    unsure: int
    done: bool

    @property
    def handled(self) -> int:
        return self.created + self.failed + self.unsure


class CityLike(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


class BranchLike(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


class Geography(Protocol):
    """City and branch lookups (``services.branches.BranchDirectory`` has them)."""

    async def ensure_fresh(self, user_id: int | None = None) -> None: ...

    def search_cities(self, text: str, limit: int = 8) -> Sequence[CityLike]: ...

    def branches_in_city(self, city_id: int) -> Sequence[BranchLike]: ...


# --- reading ---------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as text cells: XLSX (first sheet) by content, otherwise CSV (``,`` or ``;``)."""
    if len(data) > MAX_FILE_BYTES:
        raise TooManyRows
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # imported when needed: it is slow to import

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile from exc
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                raise TooManyRows
        return rows
    finally:
        book.close()


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes every byte but a few
        raise UnreadableFile
    if "\x00" in text:
        raise UnreadableFile
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    if len(rows) > MAX_ROWS + 1:
        raise TooManyRows
    return rows


def _fold(text: str) -> str:
    return " ".join(translit.fold(text).replace("*", " ").split())


def map_header(header: Sequence[str], aliases: Mapping[str, Collection[str]]) -> dict[int, str]:
    """Column index -> our column, by any known spelling of each header (case, script, ``*`` ignored)."""
    known = {_fold(alias): key for key, names in aliases.items() for alias in (*names, key)}
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        # "Cash on delivery, so'm", "Weight (kg)": a unit after the name is not part of it.
        key = known.get(_fold(title)) or known.get(_fold(re.split(r"[,(\[]", title, maxsplit=1)[0]))
        if key is not None and key not in mapping.values():
            mapping[index] = key
    missing = [c for c in COLUMNS if c in REQUIRED and c not in mapping.values()]
    if missing:
        raise MissingColumns(missing)
    return mapping


def template_csv(labels: Mapping[str, str], example: Sequence[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([labels[c] for c in COLUMNS])
    writer.writerow(example)
    return out.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 CSV right only with the BOM


def template_xlsx(labels: Mapping[str, str], example: Sequence[str], notes: Mapping[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([labels[c] for c in COLUMNS])
    sheet.append(list(example))
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=column in REQUIRED)
        if notes.get(column):
            cell.comment = Comment(notes[column], "BTS")
        sheet.column_dimensions[cell.column_letter].width = max(14, len(labels[column]) + 4)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- checking ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SellerDefaults:
    """What every line of one import shares: the sender, the package, a receipt good for COD."""

    sender: Party
    sender_delivery: int = 1
    package_id: int = catalog.PACKAGE_TYPES[0].id
    post_type_id: int = catalog.POST_TYPES[0].id
    mxik_id: int | None = None
    mxik_name: str | None = None


def _find_city(geo: Geography, text: str) -> CityLike | None:
    found = list(geo.search_cities(text, limit=3))
    if not found:
        return None
    folded = _fold(text)
    exact = [c for c in found if _fold(c.name) == folded]
    return exact[0] if exact else found[0]


def _find_branch(geo: Geography, city_id: int, text: str) -> BranchLike | None:
    branches = list(geo.branches_in_city(city_id))
    if text.isdigit():
        return next((b for b in branches if b.id == int(text)), None)
    matches = translit.search(text, branches, key=lambda b: b.name, limit=1)
    return matches[0] if matches else None


def check_row(
    cells: Mapping[str, str], geo: Geography, defaults: SellerDefaults
) -> tuple[OrderDraft | None, list[Problem]]:
    """One line: a draft when it is good, else what to fix (every problem at once)."""
    problems: list[Problem] = []
    for column in COLUMNS:
        if column in REQUIRED and not cells.get(column, "").strip():
            problems.append(Problem(column, "missing"))
    name = cells.get("name", "").strip()
    if len(name) > 255:
        problems.append(Problem("name", "too-long", name))
    phones: dict[str, str | None] = {"phone": None, "phone2": None}
    for column in phones:
        raw = cells.get(column, "").strip()
        if raw:
            try:
                phones[column] = normalize_phone(raw)
            except InvalidPhone:
                problems.append(Problem(column, "phone", raw))
    city = None
    city_text = cells.get("city", "").strip()
    if city_text:
        city = _find_city(geo, city_text)
        if city is None:
            problems.append(Problem("city", "city", city_text))
    branch = None
    branch_text = cells.get("branch", "").strip()
    if branch_text and city is not None:
        branch = _find_branch(geo, city.id, branch_text)
        if branch is None:
            problems.append(Problem("branch", "branch", branch_text))
    address = cells.get("address", "").strip()
    if not branch_text and not address:
        problems.append(Problem("address", "address"))
    weight = None
    weight_text = cells.get("weight", "").strip()
    if weight_text:
        try:
            weight = parse_decimal(weight_text, WEIGHT, "weight")
        except InvalidInput:
            problems.append(Problem("weight", "weight", weight_text))
    cod = None
    cod_text = cells.get("cod", "").strip()
    if cod_text and cod_text not in ("0", "-"):
        try:
            cod = parse_decimal(cod_text, COD_AMOUNT, "cod-amount")
        except InvalidInput:
            problems.append(Problem("cod", "cod", cod_text))
        else:
            if defaults.mxik_id is None:
                problems.append(Problem("cod", "no-receipt-good", cod_text))
    if problems or city is None or weight is None or phones["phone"] is None:
        return None, problems
    receiver = Party(
        name=name,
        phone=phones["phone"],
        phone2=phones["phone2"],
        address=address or None,
        city_id=city.id,
        city_name=city.name,
        branch_id=branch.id if branch else None,
        branch_name=branch.name if branch else None,
    )
    draft = OrderDraft(
        reference="-",  # the line's own reference is given when the import is stored
        sender=defaults.sender,
        sender_delivery=defaults.sender_delivery,
        receiver=receiver,
        receiver_delivery=0 if branch else 1,
        weight=weight,
        package_id=defaults.package_id,
        post_type_id=defaults.post_type_id,
        cod=cod is not None,
        cod_amount=cod,
        cod_goods=(
            [CodGood(mxik_id=defaults.mxik_id, name=defaults.mxik_name or "", amount=1, price=cod)]
            if cod is not None and defaults.mxik_id is not None
            else []
        ),
        comment=cells.get("comment", "").strip()[:500] or None,
    )
    return draft, []


class _CachedGeography:
    """The lookups of one sheet, remembered by their text."""

    def __init__(self, geo: Geography) -> None:
        self._geo = geo
        self._cities: dict[tuple[str, int], Sequence[CityLike]] = {}
        self._branches: dict[int, Sequence[BranchLike]] = {}

    async def ensure_fresh(self, user_id: int | None = None) -> None:
        await self._geo.ensure_fresh(user_id)

    def search_cities(self, text: str, limit: int = 8) -> Sequence[CityLike]:
        key = (_fold(text), limit)
        if key not in self._cities:
            self._cities[key] = self._geo.search_cities(text, limit)
        return self._cities[key]

    def branches_in_city(self, city_id: int) -> Sequence[BranchLike]:
        if city_id not in self._branches:
            self._branches[city_id] = self._geo.branches_in_city(city_id)
        return self._branches[city_id]


@dataclass(frozen=True, slots=True)
class CheckedRow:
    row_number: int  # the spreadsheet's line number (the header is line 1)
    draft: OrderDraft | None
    problems: tuple[Problem, ...]


def check_rows(
    rows: Sequence[Sequence[str]],
    aliases: Mapping[str, Collection[str]],
    geo: Geography,
    defaults: SellerDefaults,
) -> list[CheckedRow]:
    """Header first; blank lines are skipped; every other line is checked."""
    if not rows:
        raise EmptyFile
    mapping = map_header(rows[0], aliases)
    cached = _CachedGeography(geo)  # a sheet names the same few cities again and again
    out: list[CheckedRow] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {key: row[index] if index < len(row) else "" for index, key in mapping.items()}
        draft, problems = check_row(cells, cached, defaults)
        out.append(CheckedRow(number, draft, tuple(problems)))
    if not out:
        raise EmptyFile
    if len(out) > MAX_ROWS:
        raise TooManyRows
    return out


# --- pricing --------------------------------------------------------------------------------------

RouteKey = tuple[int, int, Decimal, int, int]


def route_key(draft: OrderDraft) -> RouteKey:
    assert draft.sender.city_id is not None and draft.receiver.city_id is not None
    assert draft.weight is not None
    return (
        draft.sender.city_id,
        draft.receiver.city_id,
        draft.weight,
        1 if draft.sender_delivery != 0 else 0,
        1 if draft.receiver_delivery != 0 else 0,
    )


class Calculator(Protocol):
    async def __call__(self, key: RouteKey) -> Decimal: ...


async def price_rows(
    checked: Sequence[CheckedRow], calculate: Calculator, *, concurrency: int = 4
) -> tuple[dict[int, Decimal], dict[int, Problem]]:
    """Prices by line number: one call per distinct route and weight, ``concurrency`` at a time.

    A route BTS refuses becomes a problem of its lines; any other failure propagates (the import
    cannot be priced now).
    """
    keys = {route_key(c.draft) for c in checked if c.draft is not None}
    limit = asyncio.Semaphore(max(1, concurrency))
    prices: dict[RouteKey, Decimal] = {}
    refused: dict[RouteKey, str] = {}

    async def one(key: RouteKey) -> None:
        async with limit:
            try:
                prices[key] = await calculate(key)
            except ValidationFailed as exc:
                texts = [m for messages in exc.field_errors.values() for m in messages]
                refused[key] = "; ".join(texts) or exc.message

    await asyncio.gather(*(one(k) for k in sorted(keys)))
    by_row: dict[int, Decimal] = {}
    problems: dict[int, Problem] = {}
    for c in checked:
        if c.draft is None:
            continue
        key = route_key(c.draft)
        if key in prices:
            by_row[c.row_number] = prices[key]
        else:
            problems[c.row_number] = Problem("city", "route", refused.get(key, ""))
    return by_row, problems


# --- the service ------------------------------------------------------------------------------------


ProgressCallback = Callable[[Progress], Awaitable[None]]


def _made_by(order: Order, draft: OrderDraft) -> bool:
    """The order a lost create of ``draft`` made: its ``clientId`` is our reference, or (seed 001's
    detail answer shows no ``clientId``) the receiver's name and phone are the draft's."""
    if order.client_id is not None:
        return order.client_id == draft.reference
    receiver = draft.receiver
    same_phone = bool(order.receiver_phone) and order.receiver_phone == receiver.phone
    same_name = (order.receiver or "").strip().casefold() == (receiver.name or "").strip().casefold()
    return same_phone and same_name


@dataclass
class BulkService:
    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    bts: BtsClient
    accounts: AccountService
    orders: OrderService
    geo: Geography
    price_concurrency: int = 4
    _running: dict[int, asyncio.Task[Progress]] = field(default_factory=dict)
    _stopping: bool = False

    async def defaults_for(self, user_id: int) -> SellerDefaults:
        """The sender of the seller's last order and the first receipt good (for COD lines)."""
        contacts = await self.orders.contacts(user_id, ContactKind.SENDER, limit=1)
        if not contacts:
            raise NoSenderProfile
        sender = contacts[0][1]
        if sender.city_id is None or not sender.name or not sender.phone:
            raise NoSenderProfile
        try:
            goods = await self.orders.mxik_goods(user_id)
        except UpstreamError:
            logger.warning("bulk: receipt goods could not be read; COD lines will be refused")
            goods = []
        good = goods[0] if goods else None
        return SellerDefaults(
            sender=sender,
            mxik_id=good.id if good else None,
            mxik_name=good.name if good else None,
        )

    def _calculator(self, account: SellerAccount) -> Calculator:
        async def calculate(key: RouteKey) -> Decimal:
            sender_city, receiver_city, weight, sender_delivery, receiver_delivery = key
            result = await self.bts.calculate(
                account.credentials,
                CalculateRequest(
                    sender_city_id=sender_city,
                    receiver_city_id=receiver_city,
                    weight=weight,
                    sender_delivery=sender_delivery,
                    receiver_delivery=receiver_delivery,
                ),
            )
            return result.summary_price

        return calculate

    async def check_and_price(
        self,
        user_id: int,
        rows: Sequence[Sequence[str]],
        aliases: Mapping[str, Collection[str]],
        defaults: SellerDefaults | None = None,
    ) -> list[BulkRowData]:
        account = await self.accounts.require(user_id)
        await self.geo.ensure_fresh(user_id)  # cities by name come from the branch directory
        defaults = defaults or await self.defaults_for(user_id)
        checked = check_rows(rows, aliases, self.geo, defaults)
        prices, refused = await price_rows(
            checked, self._calculator(account), concurrency=self.price_concurrency
        )
        out: list[BulkRowData] = []
        for c in checked:
            problems = list(c.problems)
            if c.row_number in refused:
                problems.append(refused[c.row_number])
            good = c.draft is not None and not problems
            out.append(
                BulkRowData(
                    row_number=c.row_number,
                    draft=c.draft.model_copy(update={"quote": prices.get(c.row_number)}).dump()
                    if good and c.draft is not None
                    else None,
                    problems=[p.dump() for p in problems],
                    price=prices.get(c.row_number) if good else None,
                )
            )
        return out

    async def prepare(
        self,
        user_id: int,
        filename: str,
        data: bytes,
        aliases: Mapping[str, Collection[str]],
        *,
        chat_id: int | None = None,
    ) -> ImportSummary:
        """Read, check, price and store a spreadsheet; nothing is sent to BTS but the calculator."""
        rows = await asyncio.to_thread(read_table, data, filename)
        checked = await self.check_and_price(user_id, rows, aliases)
        async with self.session_factory() as session, session.begin():
            record = await BulkRepository(session).create_import(
                owner_id=user_id, filename=filename, rows=checked, chat_id=chat_id
            )
        return await self.summary(user_id, record.id)

    async def _owned(self, user_id: int, import_id: int) -> BulkImportRecord:
        async with self.session_factory() as session:
            record = await BulkRepository(session).get(import_id)
        if record is None or record.owner_id != user_id:
            raise ImportNotFound
        return record

    async def summary(self, user_id: int, import_id: int) -> ImportSummary:
        record = await self._owned(user_id, import_id)
        async with self.session_factory() as session:
            invalid = await BulkRepository(session).rows(import_id, [BulkRowState.INVALID])
        return ImportSummary(
            import_id=record.id,
            state=record.state,
            total_rows=record.total_rows,
            valid_rows=record.valid_rows,
            total_price=record.total_price,
            invalid=tuple(
                RowProblems(
                    r.row_number,
                    tuple(Problem(p["column"], p["code"], p.get("value", "")) for p in r.problems or []),
                )
                for r in invalid
            ),
        )

    async def rows(
        self, user_id: int, import_id: int, states: Collection[BulkRowState] | None = None
    ) -> list[BulkRowRecord]:
        await self._owned(user_id, import_id)
        async with self.session_factory() as session:
            return await BulkRepository(session).rows(import_id, states)

    async def latest(self, user_id: int) -> BulkImportRecord | None:
        async with self.session_factory() as session:
            return await BulkRepository(session).latest_for_owner(user_id)

    async def start(self, user_id: int, import_id: int, *, chat_id: int | None = None) -> bool:
        """Confirm: *validated* → *running*, once. ``False`` when it was confirmed already."""
        await self._owned(user_id, import_id)
        async with self.session_factory() as session, session.begin():
            return await BulkRepository(session).set_state(
                import_id, BulkState.RUNNING, only_from=[BulkState.VALIDATED]
            )

    async def cancel(self, user_id: int, import_id: int) -> bool:
        await self._owned(user_id, import_id)
        async with self.session_factory() as session, session.begin():
            return await BulkRepository(session).set_state(
                import_id, BulkState.CANCELLED, only_from=[BulkState.VALIDATED]
            )

    async def set_progress_message(self, import_id: int, chat_id: int, message_id: int) -> None:
        async with self.session_factory() as session, session.begin():
            await BulkRepository(session).set_progress(import_id, chat_id=chat_id, message_id=message_id)

    async def progress(self, import_id: int) -> Progress:
        async with self.session_factory() as session:
            repo = BulkRepository(session)
            record = await repo.get(import_id)
            counts = await repo.counts(import_id)
        if record is None:
            raise ImportNotFound
        return Progress(
            import_id=import_id,
            total=record.valid_rows,
            created=counts[BulkRowState.CREATED],
            failed=counts[BulkRowState.FAILED],
            unsure=counts[BulkRowState.UNSURE],
            done=record.state is BulkState.DONE,
        )

    async def running_imports(self) -> list[BulkImportRecord]:
        async with self.session_factory() as session:
            return await BulkRepository(session).list_running()

    def launch(self, import_id: int, on_progress: ProgressCallback | None = None) -> asyncio.Task[Progress]:
        """Run the import in the background (once per process: a second launch joins the first)."""
        task = self._running.get(import_id)
        if task is None or task.done():
            task = asyncio.create_task(self.run(import_id, on_progress), name=f"bulk-{import_id}")
            self._running[import_id] = task
        return task

    async def shutdown(self, grace: float = 30.0) -> None:
        """Stop between lines: each running import finishes the line it is on, then waits."""
        self._stopping = True
        tasks = [t for t in self._running.values() if not t.done()]
        if tasks:
            await asyncio.wait(tasks, timeout=grace)

    async def join(self, import_id: int) -> Progress:
        """Wait for a launched import to finish (tests, shutdown); its progress either way."""
        task = self._running.get(import_id)
        if task is not None:
            return await task
        return await self.progress(import_id)

    async def run(self, import_id: int, on_progress: ProgressCallback | None = None) -> Progress:
        """Create every waiting line of a running import, one after another; safe to call again."""
        async with self.session_factory() as session:
            repo = BulkRepository(session)
            record = await repo.get(import_id)
            waiting = await repo.rows(import_id, [BulkRowState.VALID])
        if record is None or record.state is not BulkState.RUNNING:
            return await self.progress(import_id)
        for row in waiting:
            if self._stopping:  # shutting down: the import stays running and goes on at the next start
                return await self.progress(import_id)
            state, order_id, message = await self._create_row(record.owner_id, row)
            async with self.session_factory() as session, session.begin():
                await BulkRepository(session).mark_row(row.id, state, order_id=order_id, message=message)
            if on_progress is not None:
                await self._tell(on_progress, import_id)
        async with self.session_factory() as session, session.begin():
            await BulkRepository(session).set_state(import_id, BulkState.DONE, only_from=[BulkState.RUNNING])
        final = await self.progress(import_id)
        if on_progress is not None:
            await self._tell(on_progress, import_id, final)
        return final

    async def _tell(
        self, on_progress: ProgressCallback, import_id: int, progress: Progress | None = None
    ) -> None:
        try:
            await on_progress(progress or await self.progress(import_id))
        except Exception:  # the progress message is a courtesy: creating goes on without it
            logger.warning("bulk %d: progress not shown", import_id, exc_info=True)

    async def _create_row(
        self, user_id: int, row: BulkRowRecord
    ) -> tuple[BulkRowState, int | None, str | None]:
        assert row.reference is not None and row.draft is not None
        draft = OrderDraft.model_validate(row.draft).model_copy(update={"reference": row.reference})
        known = await self.orders.find_by_reference(user_id, row.reference)
        if known is not None and not known.pending:
            return BulkRowState.CREATED, known.id, None
        if known is not None:  # sent before a restart, answer never stored
            found = await self._recover(user_id, draft)
            if found is not None:
                return BulkRowState.CREATED, found, None
            return BulkRowState.UNSURE, None, None
        try:
            created = await self.orders.create(user_id, draft)
        except CreateUnsure:
            found = await self._recover(user_id, draft)
            return (
                (BulkRowState.CREATED, found, None)
                if found is not None
                else (BulkRowState.UNSURE, None, None)
            )
        except CreateInProgress:
            return BulkRowState.UNSURE, None, None
        except ValidationFailed as exc:
            texts = [m for messages in exc.field_errors.values() for m in messages]
            return BulkRowState.FAILED, None, "; ".join(texts) or exc.message
        except (UpstreamError, DomainError) as exc:
            logger.warning("bulk line %s failed: %s", row.reference, type(exc).__name__)
            return BulkRowState.FAILED, None, getattr(exc, "message", "") or type(exc).__name__
        return BulkRowState.CREATED, created.order.id, None

    async def _recover(self, user_id: int, draft: OrderDraft) -> int | None:
        """Look for a create whose answer was lost: BTS numbers orders in sequence, so the order, if
        it was made, is among the few after the newest one we know; it is ours when its
        ``clientId`` is our reference (order detail shows it, seed 001). Only reads."""
        account = await self.accounts.require(user_id, check_access=False)
        async with self.session_factory() as session:
            newest = (
                await session.execute(
                    select(func.max(OrderRow.bts_order_id)).where(
                        OrderRow.bts_account_id == account.account_id, OrderRow.international.is_(False)
                    )
                )
            ).scalar_one_or_none()
        if newest is None or newest <= 0:
            return None
        for candidate in range(newest + 1, newest + 1 + RECOVERY_PROBE):
            try:
                order = await self.bts.get_order(account.credentials, candidate)
            except (NotFound, UpstreamError):
                continue
            if _made_by(order, draft):
                return await self.orders.adopt_lost_create(user_id, order, draft)
        return None

    async def retry_unsure(self, user_id: int, import_id: int) -> int:
        """The seller asks again about the problem lines: refused lines wait to be sent again,
        unsure lines are looked up at BTS. Returns how many lines will be sent again.

        A refused (*failed*) line made no order, so it goes back to *valid* and the import runs
        again. An *unsure* line's create went out and its answer was lost: a create is never sent
        twice, so it is never re-sent; ``OrderService.forget_unsure`` looks it up at BTS (it never
        forgets the pending order) and the line becomes *created* once found, else stays *unsure*
        for the next look.
        """
        await self._owned(user_id, import_id)
        async with self.session_factory() as session:
            repo = BulkRepository(session)
            failed = await repo.rows(import_id, [BulkRowState.FAILED])
            unsure = await repo.rows(import_id, [BulkRowState.UNSURE])
        found: dict[int, int] = {}
        for row in unsure:
            if row.reference is None:
                continue
            view = await self.orders.forget_unsure(user_id, row.reference)
            if view is not None:
                found[row.id] = view.id
        async with self.session_factory() as session, session.begin():
            repo = BulkRepository(session)
            for row_id, order_id in found.items():
                await repo.mark_row(row_id, BulkRowState.CREATED, order_id=order_id)
            for row in failed:
                await repo.mark_row(row.id, BulkRowState.VALID)
            if failed:
                await repo.set_state(import_id, BulkState.RUNNING, only_from=[BulkState.DONE])
        return len(failed)

    async def created_order_ids(self, user_id: int, import_id: int) -> list[int]:
        rows = await self.rows(user_id, import_id, [BulkRowState.CREATED])
        return [r.order_id for r in rows if r.order_id is not None]


__all__ = [
    "COLUMNS",
    "REQUIRED",
    "BulkError",
    "BulkService",
    "CheckedRow",
    "EmptyFile",
    "ImportNotFound",
    "ImportSummary",
    "MissingColumns",
    "NoSenderProfile",
    "Problem",
    "Progress",
    "RowProblems",
    "SellerDefaults",
    "TooManyRows",
    "UnreadableFile",
    "check_row",
    "check_rows",
    "map_header",
    "price_rows",
    "read_table",
    "template_csv",
    "template_xlsx",
]
