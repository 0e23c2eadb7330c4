"""Fixtures for the push tests: a migrated SQLite file per test, a hand-moved clock, a recording
transport, a plain renderer, and helpers that seed users, accounts and orders (in the database and
in the BTS fake)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.i18n import DEFAULT_LOCALES_DIR, LANGUAGES, Translator
from services.accounts import SellerAccount
from services.bts import BtsCredentials
from services.notifications import Buttons, PushError
from storage.crypto import SecretBox, generate_key
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.schemas import OrderData, OrderRecord
from storage.uow import unit_of_work
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake, FakeOrder

# 10:00 in Tashkent (UTC+5): outside any quiet hours the tests set.
T0 = datetime(2024, 7, 1, 5, 0, tzinfo=UTC)

ORDER_BODY: dict[str, Any] = {
    "senderCityId": 198,
    "senderAddress": "Toshkent sh., Bobur ko'chasi, 5-A",
    "senderReal": "Jurabek Turdiyev",
    "senderPhone": "+998991234567",
    "weight": "2.5",
    "packageId": 8,
    "postTypeId": 4,
    "receiver": "Odil Ahmedov",
    "receiverAddress": "Gozovo qish. 41 uy",
    "receiverCityId": 75,
    "receiverPhone": "+998901234568",
}


class Clock:
    """A wall clock the test moves: ``clock.advance(minutes=5)``."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class Sent:
    chat_id: int
    text: str
    buttons: Buttons | None


@dataclass
class RecordingTransport:
    """A ``PushTransport`` that records sends; ``fail[chat]`` is a list of errors to raise first."""

    sent: list[Sent] = field(default_factory=list)
    fail: dict[int, list[PushError]] = field(default_factory=dict)
    attempts: list[tuple[int, float]] = field(default_factory=list)  # (chat, loop time)
    after_each: Any = None  # called after each successful send (no await in between)

    async def send(self, chat_id: int, text: str, *, buttons: Buttons | None = None) -> None:
        self.attempts.append((chat_id, asyncio.get_running_loop().time()))
        errors = self.fail.get(chat_id)
        if errors:
            raise errors.pop(0)
        self.sent.append(Sent(chat_id, text, buttons))
        if self.after_each is not None:
            self.after_each(len(self.sent))

    def texts(self, chat_id: int) -> list[str]:
        return [s.text for s in self.sent if s.chat_id == chat_id]


async def plain_renderer(chat_id: int, message_key: str, params_list: Sequence[Mapping[str, Any]]) -> str:
    """``key|n=..;...`` per row, rows joined by `` + ``: tests read what was merged and sent."""
    return " + ".join(
        f"{message_key}|" + ";".join(f"{k}={params[k]}" for k in sorted(params)) for params in params_list
    )


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pushes-template") / "template.sqlite3"
    asyncio.run(upgrade_database(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture
async def engine(migrated_template: Path, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    target = tmp_path / "bot.sqlite3"
    shutil.copyfile(migrated_template, target)
    engine = create_engine(f"sqlite+aiosqlite:///{target}")
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
def box() -> SecretBox:
    return SecretBox([generate_key()])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def transport() -> RecordingTransport:
    return RecordingTransport()


class Accounts:
    """An ``AccountLookup`` over a dict (what ``AccountService.by_account_id`` answers)."""

    def __init__(self) -> None:
        self.by_id: dict[int, SellerAccount] = {}

    async def by_account_id(self, account_id: int) -> SellerAccount | None:
        return self.by_id.get(account_id)


@dataclass
class World:
    """Database and BTS fake seeded together."""

    session_factory: async_sessionmaker[AsyncSession]
    box: SecretBox
    fake: BtsFake
    clock: Clock
    accounts: Accounts = field(default_factory=Accounts)

    async def seller(
        self, user_id: int, username: str = DEMO_USERNAME, password: str = DEMO_PASSWORD, inn: str = DEMO_INN
    ) -> SellerAccount:
        if username not in self.fake.accounts:
            self.fake.add_account(username, password, inn)
        async with unit_of_work(self.session_factory, self.box) as uow:
            await uow.users.get_or_create(user_id, now=self.clock())
            record = await uow.accounts.save_bts(
                user_id, username=username, inn=inn, password=password, now=self.clock()
            )
        account = SellerAccount(
            record.id,
            user_id,
            username,
            inn,
            BtsCredentials(username=username, password=SecretStr(password), inn=inn),
        )
        self.accounts.by_id[record.id] = account
        return account

    async def user(self, user_id: int) -> None:
        async with unit_of_work(self.session_factory, self.box) as uow:
            await uow.users.get_or_create(user_id, now=self.clock())

    async def order(self, account: SellerAccount, *, status: int = 1) -> tuple[FakeOrder, OrderRecord]:
        """An order at BTS and in our store, both at ``status`` (never checked yet)."""
        fake_order = self.fake.create_order(self.fake.accounts[account.username], dict(ORDER_BODY))
        if status != 1:
            self.fake.set_status(fake_order.order_id, status)
        async with unit_of_work(self.session_factory, self.box) as uow:
            result = await uow.orders.upsert(
                OrderData(
                    bts_order_id=fake_order.order_id,
                    barcode=fake_order.barcode,
                    owner_id=account.user_id,
                    bts_account_id=account.account_id,
                    status_code=status,
                    is_final=False,
                ),
                now=self.clock(),
            )
        return fake_order, result.order

    async def subscribe(self, chat_id: int, order_id: int) -> None:
        await self.user(chat_id)
        async with unit_of_work(self.session_factory, self.box) as uow:
            await uow.subscriptions.subscribe(chat_id, order_id, now=self.clock())


@pytest.fixture
def world(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox, bts_fake: BtsFake, clock: Clock
) -> World:
    return World(session_factory, box, bts_fake, clock)


PUSH_FTL = {
    "en": "push-status = 📦 <b>{ $barcode }</b>: { $status_name }, { $location }\n"
    "push-stalled = ⏳ { $barcode }: no change for { $days } days\n"
    "push-relogin = 🔑 Log in again as { $username }\n",
    "ru": "push-status = 📦 <b>{ $barcode }</b>: { $status_name }, { $location }\n"
    "push-stalled = ⏳ { $barcode }: без изменений { $days } дн.\n"
    "push-relogin = 🔑 Войдите снова как { $username }\n",
    "uz": "push-status = 📦 <b>{ $barcode }</b>: { $status_name }, { $location }\n"
    "push-stalled = ⏳ { $barcode }: { $days } kundan beri o'zgarish yo'q\n"
    "push-relogin = 🔑 { $username } sifatida qayta kiring\n",
}


@pytest.fixture
def translator(tmp_path: Path) -> Translator:
    """The project's locales plus the push messages (so the test does not depend on them existing)."""
    root = tmp_path / "locales"
    for lang in LANGUAGES:
        target = root / lang
        target.mkdir(parents=True)
        for path in (DEFAULT_LOCALES_DIR / lang).glob("*.ftl"):
            if not _defines_push(path):
                shutil.copy(path, target / path.name)
        (target / "zz_push_test.ftl").write_text(PUSH_FTL[lang], encoding="utf-8")
    return Translator(root, default="uz")


def _defines_push(path: Path) -> bool:
    return any(line.startswith("push-") for line in path.read_text(encoding="utf-8").splitlines())
