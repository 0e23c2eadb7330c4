"""Parcel pushes: what is promised to whom (enqueue), and the sender that drains the outbox.

Enqueue (the poller, in the transaction that records a status change)
    One outbox row per recipient, idempotent by dedup key. Preferences are applied here first:
    a muted chat gets nothing, a "final only" chat only delivered/returned, and a chat inside its
    quiet hours gets the row with ``next_attempt_at`` at the end of them (held, never dropped).

Send (:class:`OutboxSender`)
    Claims due rows with a lease, applies the preferences again (they may have changed since),
    merges a chat's rows of one kind into one message, and sends through a :class:`PushTransport`
    within Telegram's limits: a token bucket of ``rate`` messages a second overall (28 by default,
    under the documented 30) and one message per ``per_chat_interval`` per chat. The per-chat clock
    starts when the previous send to the chat *returned* (Telegram saw it no later than that), so
    network jitter cannot squeeze two messages into one of Telegram's windows.

Exactly once, as far as it can be
    A row is marked sent in its own transaction right after Telegram accepted the message; that
    write is shielded from cancellation, so stopping or cancelling the sender never loses a
    "sent". What is left is the window between Telegram accepting the message and our commit: if
    the process dies (or the database refuses the write) exactly then, the row's lease expires
    and the message is sent a second time. Telegram offers no idempotency key to close it. A row
    whose lease is about to run out is never sent from memory (another worker may own it soon).

Blocked users
    Telegram's 403 marks the user ``blocked_bot`` and gives up the chat's waiting rows. There is
    no "paused" flag on subscriptions: while ``users.blocked_bot`` is true every new row for the
    chat is given up at claim time (the subscriptions stay, nothing is deleted), and it all
    resumes by itself when the user writes to the bot again (``UserRepository.touch`` clears the
    flag). Messages that fell due while the user had blocked the bot are not replayed.

Preferences (``chat_preferences``)
    ``notify=False`` mutes parcel pushes (status, stalled); ``final_only`` keeps only
    delivered/returned; quiet hours are whole hours in Tashkent time (``quiet_from`` to
    ``quiet_to``, across midnight when ``from > to``; equal hours mean none). The re-login request
    is about the account, not a parcel: mutes do not apply to it, quiet hours do.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import statuses
from storage.crypto import SecretBox
from storage.db import is_busy
from storage.repositories.outbox import DEFAULT_LEASE, DEFAULT_MAX_ATTEMPTS, OutboxItem, OutboxRepository
from storage.repositories.users import UserRepository
from storage.schemas import ChatPreferencesRecord, OrderRecord, OutboxRecord, OutboxState
from storage.sent_journal import SentJournal, is_dead_here, new_worker_id, remove_journal
from storage.types import utc_now
from storage.uow import UnitOfWork, unit_of_work

__all__ = [
    "DEFAULT_MERGE_WINDOW",
    "PARCEL_PUSHES",
    "PUSH_RELOGIN",
    "PUSH_STALLED",
    "PUSH_STATUS",
    "TASHKENT",
    "Buttons",
    "OutboxSender",
    "PushBlocked",
    "PushButton",
    "PushError",
    "PushFailed",
    "PushRetryAfter",
    "PushTransport",
    "RenderedPush",
    "Renderer",
    "SenderStats",
    "TokenBucket",
    "enqueue_push",
    "enqueue_relogin",
    "enqueue_status_pushes",
    "order_push_params",
    "plan_push",
    "quiet_until",
    "recipients_of",
    "stalled_push_items",
    "status_is_final",
    "status_is_notable",
    "status_push_items",
    "stored_language",
    "wants_push",
]

logger = logging.getLogger(__name__)

TASHKENT = ZoneInfo("Asia/Tashkent")

PUSH_STATUS = "push-status"  # params: order_id, barcode, status, location, international, final, notable
PUSH_STALLED = "push-stalled"  # params: order_id, barcode, status, days
PUSH_RELOGIN = "push-relogin"  # params: account_id, username
PARCEL_PUSHES = frozenset({PUSH_STATUS, PUSH_STALLED})

# How long the first change for a chat waits for others to join it in one message.
DEFAULT_MERGE_WINDOW = timedelta(seconds=30)

# --- statuses (the one table: ``services.statuses``) ---------------------------------------------


def _status(code: int, international: bool) -> statuses.StatusInfo:
    return statuses.international_status(code) if international else statuses.local_status(code)


def status_is_final(code: int, *, international: bool = False) -> bool:
    """A terminal status: the parcel is no longer polled."""
    return _status(code, international).is_final


def status_is_notable(code: int, *, international: bool = False) -> bool:
    """Delivered or returned: what a "final only" chat still wants to hear about."""
    return _status(code, international).delivered_or_returned


# --- transport and rendering ----------------------------------------------------------------------


class PushError(Exception):
    """A send failed; the subclasses say what to do about it."""


class PushRetryAfter(PushError):
    """Flood control (Telegram 429): try again after ``seconds``; the attempt does not count."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = max(float(seconds), 0.0)


class PushBlocked(PushError):
    """The user blocked the bot, or the chat is gone (403): nothing more will reach it."""


class PushFailed(PushError):
    """Any other failure; ``permanent`` ones (a malformed message) are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class PushButton:
    """An inline button: a ``url`` or a ``callback_data`` (exactly one)."""

    text: str
    url: str | None = None
    callback_data: str | None = None


Buttons = Sequence[Sequence[PushButton]]


@dataclass(frozen=True, slots=True)
class RenderedPush:
    text: str
    buttons: Buttons | None = None


class PushTransport(Protocol):
    """Sends one message to a chat (``bot.push.AiogramPushTransport`` over an aiogram ``Bot``)."""

    async def send(self, chat_id: int, text: str, *, buttons: Buttons | None = None) -> None:
        """Deliver or raise ``PushRetryAfter``, ``PushBlocked`` or ``PushFailed``."""


class Renderer(Protocol):
    """Turns outbox rows of one chat and one message key into the text of ONE message.

    ``params_list`` has one entry per row (several when changes were merged), oldest first.
    """

    async def __call__(
        self, chat_id: int, message_key: str, params_list: Sequence[Mapping[str, Any]]
    ) -> str | RenderedPush: ...


def stored_language(
    session_factory: async_sessionmaker[AsyncSession],
) -> Callable[[int], Awaitable[str | None]]:
    """A ``lang_of`` for the renderer: the chat's saved language, read without side effects.

    (``UserService.load`` would not do here: it creates unknown users and clears ``blocked_bot``.)
    """

    async def lang_of(chat_id: int) -> str | None:
        async with session_factory() as session:
            user = await UserRepository(session).get(chat_id)
        return user.language if user is not None else None

    return lang_of


# --- preferences -----------------------------------------------------------------------------------


def wants_push(prefs: ChatPreferencesRecord, message_key: str, params: Mapping[str, Any]) -> bool:
    """Whether the chat's preferences let this message through (quiet hours aside)."""
    if message_key not in PARCEL_PUSHES:
        return True
    if not prefs.notify:
        return False
    if prefs.final_only:
        return message_key == PUSH_STATUS and bool(params.get("notable"))
    return True


def quiet_until(prefs: ChatPreferencesRecord, now: datetime) -> datetime | None:
    """The end of the chat's quiet hours (UTC) if ``now`` falls inside them, else ``None``."""
    start, end = prefs.quiet_from, prefs.quiet_to
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(TASHKENT)
    hour = local.hour
    inside = start <= hour < end if start < end else (hour >= start or hour < end)
    if not inside:
        return None
    morning = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if morning <= local:
        morning += timedelta(days=1)
    return morning.astimezone(UTC)


# --- enqueue ---------------------------------------------------------------------------------------


def plan_push(
    prefs: ChatPreferencesRecord,
    *,
    message_key: str,
    params: Mapping[str, Any],
    dedup_key: str,
    now: datetime,
    delay: timedelta = timedelta(0),
) -> OutboxItem | None:
    """The outbox row for ``prefs.chat_id``, or ``None`` if its preferences refuse the message.

    Inside quiet hours the row waits until they end.
    """
    if not wants_push(prefs, message_key, params):
        return None
    due = now + delay
    return OutboxItem(
        chat_id=prefs.chat_id,
        message_key=message_key,
        dedup_key=dedup_key,
        params=dict(params),
        not_before=quiet_until(prefs, due) or due,
    )


async def enqueue_push(
    outbox: OutboxRepository,
    prefs: ChatPreferencesRecord,
    *,
    message_key: str,
    params: Mapping[str, Any],
    dedup_key: str,
    now: datetime,
    delay: timedelta = timedelta(0),
) -> bool:
    """Queue one message (see :func:`plan_push`); ``True`` if a new row was stored."""
    item = plan_push(prefs, message_key=message_key, params=params, dedup_key=dedup_key, now=now, delay=delay)
    return bool(item and await outbox.enqueue_many([item], now=now))


async def recipients_of(
    uow: UnitOfWork, orders: Sequence[OrderRecord]
) -> dict[int, list[ChatPreferencesRecord]]:
    """Per order id: the owner (if any) and every subscriber, each once, with their preferences.

    Three queries however many orders: subscribers, and the owners' preferences.
    """
    followers = await uow.subscriptions.subscribers_for([order.id for order in orders])
    owners = await uow.subscriptions.preferences_for(
        {order.owner_id for order in orders if order.owner_id is not None}
    )
    found: dict[int, list[ChatPreferencesRecord]] = {}
    for order in orders:
        chats: dict[int, ChatPreferencesRecord] = {}
        if order.owner_id is not None:
            chats[order.owner_id] = owners[order.owner_id]
        for prefs in followers.get(order.id, ()):
            chats.setdefault(prefs.chat_id, prefs)
        found[order.id] = list(chats.values())
    return found


def order_push_params(order: OrderRecord | None) -> dict[str, Any]:
    """What a push about an order's money names: its number, barcode and receiver.

    With several payment links open, "Payment received: 113 000" alone does not say which order
    paid; the texts show ``number``, ``barcode`` and ``receiver`` when they are known.
    """
    if order is None:
        return {}
    params: dict[str, Any] = {"order_id": order.id}
    if order.bts_order_id is not None:
        params["number"] = str(order.bts_order_id)
    if order.barcode:
        params["barcode"] = order.barcode
    if order.receiver_name:
        params["receiver"] = order.receiver_name
    return params


def reason_lines(reasons: Iterable[Any]) -> str:
    """Cancellation reasons as push text, one per line: ``why (who, 20.08.2024 19:29)``, the
    time in Tashkent (``CancellationReason.date`` is UTC)."""
    lines = []
    for reason in reasons:
        when = reason.date.astimezone(TASHKENT).strftime("%d.%m.%Y %H:%M") if reason.date else ""
        who = ", ".join(p for p in (reason.employee, when) if p)
        lines.append(f"{reason.description or '—'}" + (f" ({who})" if who else ""))
    return "\n".join(lines)


def status_push_items(
    order: OrderRecord,
    status_code: int,
    recipients: Iterable[ChatPreferencesRecord],
    *,
    location: str | None,
    now: datetime,
    delay: timedelta = DEFAULT_MERGE_WINDOW,
    reasons: str = "",
) -> list[OutboxItem]:
    """``push-status`` rows for a status change, dedup key ``st:<order>:<status>:<chat>``;
    ``reasons``: why BTS rejected it (``reason_lines``), shown under the status."""
    params = {
        "order_id": order.id,
        "barcode": order.barcode or "",
        "status": status_code,
        "location": location or "",
        "international": order.international,
        "final": status_is_final(status_code, international=order.international),
        "notable": status_is_notable(status_code, international=order.international),
    }
    if reasons:
        params["reasons"] = reasons
    planned = (
        plan_push(
            prefs,
            message_key=PUSH_STATUS,
            params=params,
            dedup_key=f"st:{order.id}:{status_code}:{prefs.chat_id}",
            now=now,
            delay=delay,
        )
        for prefs in recipients
    )
    return [item for item in planned if item is not None]


def stalled_push_items(
    order: OrderRecord,
    recipients: Iterable[ChatPreferencesRecord],
    *,
    since: datetime,
    now: datetime,
    period: timedelta | None = None,
) -> list[OutboxItem]:
    """``push-stalled`` rows: one per recipient for each full period without a change since ``since``.

    The period is the chat's own ``stalled_days`` (``None``: that chat wants no such alert), or
    ``period`` for every chat when given. The dedup key names the period
    (``stall:<order>:<since>:<n>:<chat>``), so re-polling within one period adds nothing and a
    change starts the count again.
    """
    days = int((now - since).total_seconds() // 86400)
    params = {
        "order_id": order.id,
        "barcode": order.barcode or "",
        "status": order.status_code,
        "international": order.international,
        "days": days,
    }
    stamp = int(since.timestamp())
    items: list[OutboxItem] = []
    for prefs in recipients:
        chat_period = period or (timedelta(days=prefs.stalled_days) if prefs.stalled_days else None)
        if chat_period is None:
            continue
        periods = int((now - since) / chat_period)
        if periods < 1:
            continue
        item = plan_push(
            prefs,
            message_key=PUSH_STALLED,
            params=params,
            dedup_key=f"stall:{order.id}:{stamp}:{periods}:{prefs.chat_id}",
            now=now,
        )
        if item is not None:
            items.append(item)
    return items


async def enqueue_status_pushes(
    uow: UnitOfWork,
    order: OrderRecord,
    status_code: int,
    *,
    location: str | None,
    now: datetime,
    delay: timedelta = DEFAULT_MERGE_WINDOW,
    seen_by: int | None = None,
) -> int:
    """One ``push-status`` row per recipient of ONE order's status change; returns how many were new.

    Call it in the transaction that records the change (anything that stores a new status
    outside the poller should, or subscribers miss it). The poller batches the same thing.
    ``seen_by`` is the chat that made or saw the change itself (the seller who cancelled, or who
    tapped Refresh): it already has the answer on screen and is not told again a minute later.
    """
    recipients = [
        prefs for prefs in (await recipients_of(uow, [order]))[order.id] if prefs.chat_id != seen_by
    ]
    items = status_push_items(order, status_code, recipients, location=location, now=now, delay=delay)
    return len(await uow.outbox.enqueue_many(items, now=now)) if items else 0


async def enqueue_relogin(
    uow: UnitOfWork, *, owner_id: int, account_id: int, username: str, now: datetime
) -> bool:
    """Ask the owner to log in again; at most one such message per account per (Tashkent) day."""
    prefs = await uow.subscriptions.get_preferences(owner_id)
    day = now.astimezone(TASHKENT).date().isoformat()
    return await enqueue_push(
        uow.outbox,
        prefs,
        message_key=PUSH_RELOGIN,
        params={"account_id": account_id, "username": username},
        dedup_key=f"relogin:{account_id}:{day}",
        now=now,
    )


# --- pacing ----------------------------------------------------------------------------------------


class SendLimiter(Protocol):
    """Paces sends: :class:`TokenBucket` in one process, a shared limiter across processes."""

    async def acquire(self) -> None: ...

    def drain(self) -> None: ...


class TokenBucket:
    """``rate`` tokens a second, at most ``burst`` saved up (one consumer: the sender's loop).

    With ``burst`` small, no one-second window ever sees more than ``rate + burst`` sends.
    """

    def __init__(
        self, rate: float, *, burst: float = 1.5, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(1.0, burst)
        self._monotonic = monotonic
        self._tokens = 1.0
        self._at = monotonic()

    def _refill(self) -> None:
        now = self._monotonic()
        self._tokens = min(self.capacity, self._tokens + (now - self._at) * self.rate)
        self._at = now

    def reserve(self) -> float:
        """Take a token now, in debt if need be; returns the seconds to wait before using it."""
        self._refill()
        self._tokens -= 1.0
        return 0.0 if self._tokens >= 0 else -self._tokens / self.rate

    async def acquire(self) -> None:
        wait = self.reserve()
        if wait > 0:
            await asyncio.sleep(wait)

    def drain(self) -> None:
        """Forget saved-up tokens (after a 429: do not burst right back into the limit)."""
        self._refill()
        self._tokens = min(self._tokens, 0.0)


# --- the sender ------------------------------------------------------------------------------------


@dataclass
class SenderStats:
    messages: int = 0  # Telegram messages accepted
    rows_sent: int = 0  # outbox rows delivered (a merged message carries several)
    retry_after: int = 0  # flood-control answers (429)
    blocked: int = 0  # sends refused because the user blocked the bot
    failed: int = 0  # failed attempts left for a retry
    dropped: int = 0  # rows given up: blocked, muted, permanent errors, out of attempts
    held: int = 0  # rows put back until the chat's quiet hours end


@dataclass
class _Group:
    """Rows of one chat and one message key, sent as one message."""

    chat_id: int
    message_key: str
    rows: list[OutboxRecord]


@dataclass
class _Pump:
    """The state of one drain: claimed rows waiting in memory, per chat, and sends in flight."""

    queues: dict[int, deque[_Group]] = field(default_factory=dict)
    heap: list[tuple[float, int, int]] = field(default_factory=list)  # (ready at, seq, chat)
    scheduled: set[int] = field(default_factory=set)
    busy: set[int] = field(default_factory=set)
    inflight: set[asyncio.Task[None]] = field(default_factory=set)
    seq: int = 0
    held_rows: int = 0

    def push(self, chat_id: int, ready_at: float) -> None:
        if chat_id in self.scheduled or chat_id in self.busy or not self.queues.get(chat_id):
            return
        self.seq += 1
        heapq.heappush(self.heap, (ready_at, self.seq, chat_id))
        self.scheduled.add(chat_id)

    def ready_soon(self, horizon: float) -> int:
        return sum(1 for ready_at, _, _ in self.heap if ready_at <= horizon)


class OutboxSender:
    """Drains the outbox into a :class:`PushTransport` (see the module docstring for the rules).

    ``run(stop_event)`` serves until the event is set; ``drain_once()`` sends everything due now
    and returns the number of messages sent. One instance drains at a time; run several
    instances (processes) with different ``worker_id`` to share the outbox.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        transport: PushTransport,
        renderer: Renderer,
        *,
        rate: float = 28.0,
        per_chat_interval: float = 1.0,
        merge_window: timedelta = DEFAULT_MERGE_WINDOW,
        merge_max: int = 10,
        worker_id: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
        batch_size: int | None = None,
        max_concurrency: int = 16,
        burst: float = 1.5,
        max_inline_wait: float = 10.0,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        idle_interval: float = 5.0,
        clock: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        limiter: SendLimiter | None = None,
        journal_dir: Path | None = None,
        recover_interval: float = 15.0,
    ) -> None:
        self._sf = session_factory
        self._box = box
        self._transport = transport
        self._renderer = renderer
        self.rate = rate
        self.per_chat_interval = per_chat_interval
        self.merge_window = merge_window
        self.merge_max = max(1, merge_max)
        self.worker_id = worker_id or new_worker_id()
        self.lease = lease
        self.batch_size = batch_size or max(10, math.ceil(rate * 2))
        self.max_inline_wait = max_inline_wait
        self.max_attempts = max_attempts
        self.idle_interval = idle_interval
        self._clock = clock
        self._monotonic = monotonic
        # ``limiter``: one rate shared by several senders (processes); else this sender's own bucket.
        self._bucket: SendLimiter = limiter or TokenBucket(rate, burst=burst, monotonic=monotonic)
        self._slots = asyncio.Semaphore(max(1, max_concurrency))
        self._chat_next: dict[int, float] = {}  # monotonic time each chat may get its next message
        self._settling: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        lease_seconds = lease.total_seconds()
        # Rows wait in memory at most a third of their lease: then they are surely sent before it ends.
        self._max_held = max(self.batch_size, int(rate * lease_seconds / 3))
        self._per_chat_cap = max(1, int(lease_seconds / 3 / max(per_chat_interval, 1e-3)))
        self._lease_margin = timedelta(seconds=min(5.0, lease_seconds / 4))
        self.stats = SenderStats()
        # Rows Telegram accepted are journaled before the database hears of it (see sent_journal).
        self._journal = SentJournal(journal_dir, self.worker_id) if journal_dir is not None else None
        self._journal_open = 0  # journaled rows whose "sent" is not committed yet
        self._recover_interval = recover_interval
        self._recovered_at = -math.inf

    # --- public ---------------------------------------------------------------------------------

    def wake(self) -> None:
        """Something was just enqueued: stop idling (the poller calls this in-process)."""
        self._wake.set()

    async def run(self, stop_event: asyncio.Event) -> None:
        logger.info("outbox sender %s started (%.1f msg/s)", self.worker_id, self.rate)
        try:
            while not stop_event.is_set():
                try:
                    await self._drain(stop_event)
                    delay = await self._idle_delay()
                except Exception as exc:
                    if is_busy(exc):  # another process holds the database longer than the busy timeout
                        logger.warning("outbox sender %s: the database is busy; retrying", self.worker_id)
                    else:
                        logger.exception("outbox sender %s: drain failed; retrying shortly", self.worker_id)
                    delay = min(self.idle_interval, 1.0)
                self._wake.clear()
                await _wait_any(stop_event, self._wake, seconds=delay)
        finally:
            await self._settle_all()
            if self._journal is not None:
                self._journal.close(remove=self._journal_open == 0)
            logger.info("outbox sender %s stopped", self.worker_id)

    async def recover(self) -> tuple[int, int]:
        """Finish what dead senders of this machine left: journaled rows sent, the rest due now.

        Returns (rows marked sent, rows handed back). Runs when a sender starts and every
        ``recover_interval`` seconds, so a restart resumes in seconds instead of a lease.
        """
        self._recovered_at = self._monotonic()
        journals = dict(self._journal.orphans()) if self._journal is not None else {}
        async with self._sf() as session:
            workers = await OutboxRepository(session).claimed_workers()
        dead = {w for w in workers if w != self.worker_id and is_dead_here(w)} | set(journals)
        if not dead:
            return 0, 0
        sent = back = 0
        now = self._clock()
        async with unit_of_work(self._sf, self._box) as uow:
            for worker in sorted(dead):
                marked, returned = await uow.outbox.recover_worker(
                    worker, journals.get(worker, set()), now=now
                )
                sent, back = sent + marked, back + returned
        if self._journal is not None:
            for worker in journals:
                remove_journal(self._journal.directory, worker)
        logger.info(
            "outbox sender %s: %d dead worker(s): %d row(s) were sent, %d handed back",
            self.worker_id,
            len(dead),
            sent,
            back,
        )
        return sent, back

    async def drain_once(self) -> int:
        """Send every message that is due now (waiting out rate limits); returns messages sent."""
        before = self.stats.messages
        try:
            await self._drain(None)
        finally:
            await self._settle_all()
        return self.stats.messages - before

    # --- the drain loop -------------------------------------------------------------------------

    async def _idle_delay(self) -> float:
        async with self._sf() as session:
            due = await OutboxRepository(session).next_due_at()
        if due is None:
            return self.idle_interval
        seconds = (due - self._clock()).total_seconds()
        return min(max(seconds, 0.05), self.idle_interval)

    async def _drain(self, stop: asyncio.Event | None) -> None:
        """Claim, pace and send until nothing is due (or ``stop`` is set)."""
        pump = _Pump()
        refill: asyncio.Task[int] | None = None
        more_in_db = True  # the last claim was full: more rows are probably due
        last_empty = -math.inf  # when a claim last found nothing
        claim_pause = 0.2  # seconds between claims that find nothing
        try:
            while True:
                stopping = stop is not None and stop.is_set()
                now = self._monotonic()
                if refill is not None and refill.done():
                    claimed = self._claimed(refill)
                    refill = None
                    more_in_db = claimed >= self.batch_size
                    if claimed == 0:
                        last_empty = now
                    continue
                if stopping:
                    if not pump.inflight and refill is None:
                        break
                else:
                    if (
                        refill is None
                        and pump.held_rows < self._max_held
                        and pump.ready_soon(now + 1.0) < self.batch_size
                        and (more_in_db or now - last_empty >= claim_pause)
                    ):
                        refill = asyncio.create_task(self._claim(pump))
                        continue
                    if pump.heap and pump.heap[0][0] <= now:
                        await self._start_next(pump)
                        continue
                    # The last claim took all that was due; what it queued is sent. Rows that fall
                    # due from now on (new ones, retries) are the next drain's.
                    if not pump.heap and not pump.inflight and refill is None and not more_in_db:
                        break
                timeout = claim_pause
                if pump.heap and not stopping:
                    timeout = min(timeout, max(pump.heap[0][0] - now, 0.0))
                await _wait_first([*pump.inflight, *([refill] if refill else [])], stop, timeout)
        finally:
            if refill is not None:
                refill.cancel()
                await asyncio.gather(refill, return_exceptions=True)
            for task in pump.inflight:
                task.cancel()
            if pump.inflight:
                await asyncio.gather(*pump.inflight, return_exceptions=True)
            await self._settle_all()
            if stop is not None and stop.is_set():
                await self._release_held(pump)

    def _claimed(self, refill: asyncio.Task[int]) -> int:
        try:
            return refill.result()
        except Exception:
            logger.exception("outbox sender %s: claiming failed", self.worker_id)
            return 0

    async def _start_next(self, pump: _Pump) -> None:
        _, _, chat_id = heapq.heappop(pump.heap)
        pump.scheduled.discard(chat_id)
        queue = pump.queues.get(chat_id)
        if not queue:
            return
        wait = self._chat_next.get(chat_id, -math.inf) - self._monotonic()
        if wait > 0:  # a send finished after the chat was scheduled: keep the per-chat pace
            pump.push(chat_id, self._monotonic() + wait)
            return
        group = queue.popleft()
        pump.held_rows -= len(group.rows)
        if not queue:
            pump.queues.pop(chat_id, None)
        lease_end = min(row.lease_until or self._clock() for row in group.rows)
        if lease_end - self._clock() <= self._lease_margin:
            # Never send what another worker may own soon; the lease ends and it comes back.
            logger.warning(
                "outbox sender %s: lease of chat %s rows ran out in memory", self.worker_id, chat_id
            )
            pump.push(chat_id, self._monotonic())
            return
        await self._bucket.acquire()
        await self._slots.acquire()
        pump.busy.add(chat_id)
        task = asyncio.create_task(self._deliver(pump, group))
        pump.inflight.add(task)
        task.add_done_callback(pump.inflight.discard)

    async def _claim(self, pump: _Pump) -> int:
        """Claim a batch (plus waiting rows of the same chats), filter it, queue it; returns claimed."""
        if self._monotonic() - self._recovered_at >= self._recover_interval:
            await self.recover()
        now = self._clock()
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.outbox.release_stale(now=now, max_attempts=self.max_attempts)
            rows = await uow.outbox.claim_batch(
                self.batch_size, worker_id=self.worker_id, now=now, lease=self.lease
            )
            claimed = len(rows)
            if rows and self.merge_window > timedelta(0) and self.merge_max > 1:
                more = await uow.outbox.claim_for_chats(
                    {row.chat_id for row in rows},
                    worker_id=self.worker_id,
                    due_before=now + self.merge_window,
                    now=now,
                    lease=self.lease,
                )
                rows.extend(more)
            keep = await self._screen(uow, pump, rows, now)
        self._queue(pump, keep)
        return claimed

    async def _screen(
        self, uow: UnitOfWork, pump: _Pump, rows: list[OutboxRecord], now: datetime
    ) -> list[OutboxRecord]:
        """Apply blocks, mutes, quiet hours and the per-chat cap to freshly claimed rows."""
        keep: list[OutboxRecord] = []
        by_chat: dict[int, list[OutboxRecord]] = {}
        for row in sorted(rows, key=lambda r: r.id):
            by_chat.setdefault(row.chat_id, []).append(row)
        for chat_id, chat_rows in by_chat.items():
            user = await uow.users.get(chat_id)
            if user is not None and user.blocked_bot:
                for row in chat_rows:
                    await uow.outbox.mark_dead(row.id, worker_id=self.worker_id, error="blocked", now=now)
                self.stats.dropped += len(chat_rows)
                continue
            prefs = await uow.subscriptions.get_preferences(chat_id)
            held = quiet_until(prefs, now)
            waiting = sum(len(group.rows) for group in pump.queues.get(chat_id, ()))
            for row in chat_rows:
                if not wants_push(prefs, row.message_key, row.params):
                    await uow.outbox.mark_dead(row.id, worker_id=self.worker_id, error="muted", now=now)
                    self.stats.dropped += 1
                elif held is not None:
                    await uow.outbox.postpone(row.id, worker_id=self.worker_id, until=held, now=now)
                    self.stats.held += 1
                elif waiting >= self._per_chat_cap * self.merge_max:
                    # One chat cannot take it all at one message a second: the rest waits in the table.
                    later = now + timedelta(seconds=self._per_chat_cap * self.per_chat_interval)
                    await uow.outbox.postpone(row.id, worker_id=self.worker_id, until=later, now=now)
                else:
                    keep.append(row)
                    waiting += 1
        return keep

    def _queue(self, pump: _Pump, rows: Iterable[OutboxRecord]) -> None:
        now = self._monotonic()
        for row in rows:
            queue = pump.queues.setdefault(row.chat_id, deque())
            last = queue[-1] if queue else None
            if (
                last is not None
                and last.message_key == row.message_key
                and len(last.rows) < self.merge_max
                and self.merge_max > 1
            ):
                last.rows.append(row)
            else:
                queue.append(_Group(row.chat_id, row.message_key, [row]))
            pump.held_rows += 1
        for chat_id in list(pump.queues):
            pump.push(chat_id, max(now, self._chat_next.get(chat_id, now)))

    async def _deliver(self, pump: _Pump, group: _Group) -> None:
        chat_id = group.chat_id
        requeued = False
        try:
            rendered = await self._renderer(chat_id, group.message_key, [row.params for row in group.rows])
            push = rendered if isinstance(rendered, RenderedPush) else RenderedPush(rendered)
            await self._transport.send(chat_id, push.text, buttons=push.buttons)
        except PushRetryAfter as exc:
            self.stats.retry_after += 1
            self._bucket.drain()
            self._chat_next[chat_id] = self._monotonic() + exc.seconds
            if exc.seconds <= self.max_inline_wait:
                # Wait in memory and try again (still well inside the lease, checked before sending).
                pump.queues.setdefault(chat_id, deque()).appendleft(group)
                pump.held_rows += len(group.rows)
                requeued = True
            else:
                until = self._clock() + timedelta(seconds=exc.seconds)
                await self._settle(self._postpone(group.rows, until))
        except PushBlocked as exc:
            self.stats.blocked += 1
            rest = pump.queues.pop(chat_id, deque())
            pump.held_rows -= sum(len(g.rows) for g in rest)
            rows = group.rows + [row for g in rest for row in g.rows]
            await self._settle(self._blocked(chat_id, rows, str(exc)))
        except PushFailed as exc:
            await self._settle(self._failed(group.rows, str(exc), permanent=exc.permanent))
        except Exception as exc:
            logger.exception("outbox sender %s: sending to chat %s failed", self.worker_id, chat_id)
            await self._settle(self._failed(group.rows, f"{type(exc).__name__}: {exc}", permanent=False))
        else:
            self.stats.messages += 1
            self.stats.rows_sent += len(group.rows)
            if self._journal is not None:
                self._journal.record(row.id for row in group.rows)  # before any database work
                self._journal_open += len(group.rows)
            await self._settle(self._sent(group.rows))
        finally:
            if not requeued:
                self._chat_next[chat_id] = max(
                    self._chat_next.get(chat_id, -math.inf), self._monotonic() + self.per_chat_interval
                )
            pump.busy.discard(chat_id)
            self._slots.release()
            pump.push(chat_id, self._chat_next[chat_id])
            self._forget_old_chats()

    def _forget_old_chats(self) -> None:
        if len(self._chat_next) > 10_000:
            now = self._monotonic()
            self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}

    # --- recording outcomes (shielded: a cancelled sender still records what it did) ---------------

    async def _settle(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._settling.add(task)
        task.add_done_callback(self._settling.discard)
        await asyncio.shield(task)

    async def _settle_all(self) -> None:
        while self._settling:
            await asyncio.gather(*list(self._settling), return_exceptions=True)

    async def _sent(self, rows: Sequence[OutboxRecord]) -> None:
        now = self._clock()
        async with unit_of_work(self._sf, self._box) as uow:
            for row in rows:
                if not await uow.outbox.mark_sent(row.id, worker_id=self.worker_id, now=now):
                    logger.warning(
                        "outbox sender %s: message %s was sent after its lease was lost",
                        self.worker_id,
                        row.id,
                    )
        if self._journal is not None:
            self._journal_open -= len(rows)
            if self._journal_open <= 0:
                self._journal_open = 0
                self._journal.clear()  # all of it is in the database now

    async def _postpone(self, rows: Sequence[OutboxRecord], until: datetime) -> None:
        now = self._clock()
        async with unit_of_work(self._sf, self._box) as uow:
            for row in rows:
                await uow.outbox.postpone(row.id, worker_id=self.worker_id, until=until, now=now)

    async def _failed(self, rows: Sequence[OutboxRecord], error: str, *, permanent: bool) -> None:
        now = self._clock()
        async with unit_of_work(self._sf, self._box) as uow:
            for row in rows:
                if permanent:
                    await uow.outbox.mark_dead(row.id, worker_id=self.worker_id, error=error, now=now)
                    self.stats.dropped += 1
                else:
                    state = await uow.outbox.mark_failed(
                        row.id, worker_id=self.worker_id, error=error, max_attempts=self.max_attempts, now=now
                    )
                    self.stats.failed += 1
                    if state is OutboxState.DEAD:
                        self.stats.dropped += 1
        logger.warning("outbox sender %s: %d message(s) failed: %s", self.worker_id, len(rows), error)

    async def _blocked(self, chat_id: int, rows: Sequence[OutboxRecord], error: str) -> None:
        now = self._clock()
        async with unit_of_work(self._sf, self._box) as uow:
            await uow.users.set_blocked(chat_id, True, now)
            for row in rows:
                await uow.outbox.mark_dead(
                    row.id, worker_id=self.worker_id, error=f"blocked: {error}", now=now
                )
            cancelled = await uow.outbox.cancel_for_chat(chat_id, reason="blocked", now=now)
        self.stats.dropped += len(rows) + cancelled
        logger.info("chat %s blocked the bot; %d message(s) given up", chat_id, len(rows) + cancelled)

    async def _release_held(self, pump: _Pump) -> None:
        """On a graceful stop, hand back what was claimed and not sent (no need to wait for leases)."""
        rows = [row for queue in pump.queues.values() for group in queue for row in group.rows]
        pump.queues.clear()
        if rows:
            await self._postpone(rows, self._clock())


async def _wait_first(tasks: Sequence[asyncio.Task[Any]], stop: asyncio.Event | None, seconds: float) -> None:
    """Until one of ``tasks`` ends, ``stop`` is set or ``timeout`` passes (the tasks are left running)."""
    helper = asyncio.create_task(stop.wait()) if stop is not None and not stop.is_set() else None
    waits: list[asyncio.Task[Any]] = [*tasks, *([helper] if helper else [])]
    try:
        if waits:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        else:
            await asyncio.sleep(seconds)
    finally:
        if helper is not None:
            helper.cancel()
            await asyncio.gather(helper, return_exceptions=True)


async def _wait_any(*events: asyncio.Event, seconds: float) -> None:
    tasks = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(tasks, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
