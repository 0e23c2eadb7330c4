"""The operator's optional allow-list of sellers (``ADMIN_IDS`` keep it from the admin menu).

While the list is switched on and holds at least one entry, only sellers on it may log in and act
as sellers; switched off, or empty, it changes nothing. Customers (tracking, following parcels)
are never judged by it.

An entry is one of three things an operator can know about a seller:

- the company's **INN**: what BTS's contract and the seller's BTS account are issued to, so the
  operator has it before the seller ever opens the bot; it admits every employee of the company,
  whatever their Telegram account or API login;
- the **BTS API login** BTS issued (the same list of clients the operator gets from BTS);
- a **Telegram id**: for one person, when the operator wants to admit that chat only (the
  refusal message shows the seller their own id, to send to the operator).

A logged-in seller the list leaves out keeps their login: they are refused at their next seller
action and served again as soon as the operator adds them or switches the list off (nothing to
type again). The poller keeps following their parcels, so their customers' tracking goes on.

The list is read from the database and kept for ``cache_seconds`` (changes made through this
process are seen at once; with several processes, the others see them within that time).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.errors import NotLoggedIn
from storage.repositories.allow_list import AllowListRepository
from storage.schemas import AllowEntryRecord

INN_DIGITS = 9
LOGIN_LIMIT = 128
TELEGRAM_ID_DIGITS = 15  # Telegram ids fit in 52 bits (at most 16 digits; today they have 10)
CONTACT_LIMIT = 200
_SEPARATORS = re.compile(r"[,;\n]+")
_SPACES = re.compile(r"\s+")


class EntryKind(StrEnum):
    INN = "inn"
    LOGIN = "login"
    TELEGRAM = "telegram"


def normalize(kind: EntryKind, raw: str) -> str | None:
    """The stored form of one typed entry, or ``None`` when it is not a valid ``kind``."""
    text = raw.strip()
    if kind is EntryKind.LOGIN:
        login = text.casefold()
        ok = 0 < len(login) <= LOGIN_LIMIT and not _SPACES.search(login) and "\x00" not in login
        return login if ok else None
    digits = _SPACES.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        return None
    if kind is EntryKind.INN:
        return digits if len(digits) == INN_DIGITS else None
    number = int(digits)
    return str(number) if number > 0 and len(str(number)) <= TELEGRAM_ID_DIGITS else None


def split_entries(kind: EntryKind, text: str) -> list[str]:
    """Several entries typed at once: one a line or separated by commas (logins also by spaces)."""
    parts = _SEPARATORS.split(text)
    if kind is EntryKind.LOGIN:
        parts = [word for part in parts for word in part.split()]
    return [part.strip() for part in parts if part.strip()]


@dataclass(frozen=True, slots=True)
class AllowList:
    enabled: bool
    contact: str | None
    entries: tuple[AllowEntryRecord, ...]

    @property
    def active(self) -> bool:
        """On and not empty: only then does the list refuse anyone."""
        return self.enabled and bool(self.entries)

    def has(self, kind: EntryKind, value: str | None) -> bool:
        return value is not None and any(e.kind == kind.value and e.value == value for e in self.entries)

    def admits(self, user_id: int, login: str | None = None, inn: str | None = None) -> bool:
        if not self.active:
            return True
        return (
            self.has(EntryKind.TELEGRAM, str(user_id))
            or self.has(EntryKind.INN, inn.strip() if inn else None)
            or self.has(EntryKind.LOGIN, login.strip().casefold() if login else None)
        )

    @property
    def judges_logins(self) -> bool:
        """Some entry names a BTS login or an INN: a login attempt can only be judged at its end."""
        return any(e.kind != EntryKind.TELEGRAM.value for e in self.entries)


class SellerRefused(NotLoggedIn):
    """A seller the operator's allow-list leaves out; the message says whom to ask and what to send."""

    key = "access-refused"

    def __init__(
        self,
        user_id: int,
        contact: str | None,
        login: str | None = None,
        inn: str | None = None,
        *,
        logged_in: bool = False,
    ) -> None:
        super().__init__(user_id)
        self.user_id = user_id
        self.contact = contact
        self.login = login
        self.inn = inn
        self.logged_in = logged_in  # a seller logged in before the list left them out


@dataclass(frozen=True, slots=True)
class Added:
    added: tuple[str, ...]
    already: tuple[str, ...]
    invalid: tuple[str, ...]


class SellerAccessService:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], cache_seconds: float = 30.0
    ) -> None:
        self._sf = session_factory
        self._cache_seconds = cache_seconds
        self._cached: tuple[float, AllowList] | None = None

    async def current(self) -> AllowList:
        cached = self._cached
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        async with self._sf() as session:
            repo = AllowListRepository(session)
            settings = await repo.settings()
            entries = await repo.entries()
        allow = AllowList(settings.enabled, settings.contact, tuple(entries))
        self._cached = (time.monotonic() + self._cache_seconds, allow)
        return allow

    def _forget(self) -> None:
        self._cached = None

    # --- judging -----------------------------------------------------------------------------------

    async def refusal(
        self, user_id: int, login: str | None = None, inn: str | None = None, *, logged_in: bool = False
    ) -> SellerRefused | None:
        """Why ``user_id`` (with this BTS login, when known) may not act as a seller, or ``None``."""
        allow = await self.current()
        if allow.admits(user_id, login, inn):
            return None
        return SellerRefused(user_id, allow.contact, login, inn, logged_in=logged_in)

    async def refusal_at_start(self, user_id: int) -> SellerRefused | None:
        """Refuse a login before the first question when no answer could admit the user: the list
        names only Telegram ids, and not this one. Otherwise the INN step decides."""
        allow = await self.current()
        if allow.admits(user_id) or allow.judges_logins:
            return None
        return SellerRefused(user_id, allow.contact)

    # --- the operator's changes ----------------------------------------------------------------------

    async def add(self, kind: EntryKind, text: str, by: int) -> Added:
        added: list[str] = []
        already: list[str] = []
        invalid: list[str] = []
        async with self._sf() as session, session.begin():
            repo = AllowListRepository(session)
            for raw in split_entries(kind, text):
                value = normalize(kind, raw)
                if value is None:
                    invalid.append(raw)
                elif value in added or not await repo.add(kind.value, value, by=by):
                    already.append(value)
                else:
                    added.append(value)
        self._forget()
        return Added(tuple(added), tuple(already), tuple(invalid))

    async def remove(self, entry_id: int) -> AllowEntryRecord | None:
        async with self._sf() as session, session.begin():
            removed = await AllowListRepository(session).remove(entry_id)
        self._forget()
        return removed

    async def set_enabled(self, enabled: bool, by: int) -> AllowList:
        async with self._sf() as session, session.begin():
            repo = AllowListRepository(session)
            contact = (await repo.settings()).contact
            await repo.save_settings(enabled=enabled, contact=contact, by=by)
        self._forget()
        return await self.current()

    async def set_contact(self, contact: str | None, by: int) -> AllowList:
        """Whom refused sellers are told to ask (``None``: "the bot's administrator")."""
        async with self._sf() as session, session.begin():
            repo = AllowListRepository(session)
            enabled = (await repo.settings()).enabled
            await repo.save_settings(enabled=enabled, contact=contact, by=by)
        self._forget()
        return await self.current()

    async def count_left_out(self) -> int:
        """Logged-in sellers the list would refuse (were it on), each counted once."""
        allow = await self.current()
        async with self._sf() as session:
            logins = await AllowListRepository(session).seller_logins()
        latest = {login.user_id: login for login in logins}  # a user's latest login is the one used
        on = AllowList(True, allow.contact, allow.entries)
        return sum(1 for s in latest.values() if not on.admits(s.user_id, s.username, s.inn))
