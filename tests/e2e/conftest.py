"""End-to-end journeys: the real bot process (``python -m bot``) over real HTTP.

One stack for the whole e2e session (starting the bot costs seconds, mostly importing aiogram):
the Telegram stand-in, the BTS fake with its demo data and the Yandex Pay fake run in the test
process, on 127.0.0.1; the bot runs as a child process with ``TELEGRAM_API_URL``,
``BTS_BASE_URL``, ``YANDEX_PAY_BASE_URL`` and ``DATABASE_URL`` pointing at them. Journeys keep
out of each other's way with their own Telegram users and their own BTS seller accounts.

The stand-in's flood limits are off here (scripted users answer in milliseconds, which no person
does; the sandbox keeps them on). The bot process is killed at the end whatever happens, and a
failing test gets the end of the bot's log in its report.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
from cryptography.fernet import Fernet

from services.settings import Settings
from tests.e2e.driver import ChatDriver
from tests.fakes.bts.server import BtsFake, start_demo
from tests.fakes.telegram import RateLimits, TelegramFake
from tests.fakes.wms.server import WmsFake
from tests.fakes.yandex_pay.server import DEMO_MERCHANT_ID, YandexPayFake
from tests.sandbox.process import BotProcess, fake_env, free_port
from tests.sandbox.runner import BOT_NAME, BOT_USERNAME, SANDBOX_TOKEN

START_TIMEOUT = 120.0  # a cold start on a busy 2-core machine: aiogram's import alone can take 10 s

# Settings that make the bot's background work fast enough for a test to watch it happen
# (seconds). ``services.settings.Settings`` ignores names it does not know.
FAST_BACKGROUND = {
    "POLL_TICK": "0.3",
    "POLL_FRESH_INTERVAL": "0.5",
    "POLL_STALE_INTERVAL": "0.5",
    "PUSH_MERGE_WINDOW": "0",
    "PAYMENT_POLL_INTERVAL": "0.5",
    "WMS_SYNC_INTERVAL": "0.3",
    "WMS_ORDER_INTERVAL": "0.3",
}
BACKGROUND_KNOBS = ("poll_tick", "poll_fresh_interval", "push_merge_window")


def background_is_tunable() -> bool:
    """Whether the bot reads the settings above (else its poller waits minutes between passes)."""
    return all(name in Settings.model_fields for name in BACKGROUND_KNOBS)


@dataclass
class Seller:
    username: str
    password: str
    inn: str


@dataclass
class Stack:
    telegram: TelegramFake
    bts: BtsFake
    yandex: YandexPayFake
    bot: BotProcess
    http: aiohttp.ClientSession
    tmp: Path
    wms: WmsFake = field(default_factory=WmsFake)  # fulfillment (WMS): accounts added per journey
    _user_ids: Iterator[int] = field(default_factory=lambda: itertools.count(20001))
    _sellers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def user(
        self, first_name: str = "Ali", *, phone: str | None = None, language_code: str = "en"
    ) -> ChatDriver:
        """A new Telegram user (and their private chat with the bot)."""
        user = self.telegram.add_user(
            next(self._user_ids), first_name=first_name, phone_number=phone, language_code=language_code
        )
        return ChatDriver(self.http, self.telegram.url, user.id)

    def seller_account(self) -> Seller:
        """A BTS account of its own (so journeys do not see each other's orders at BTS)."""
        n = next(self._sellers)
        seller = Seller(f"seller{n}", f"secret-{n}", f"{300000000 + n}")
        self.bts.add_account(seller.username, seller.password, seller.inn, customer_name=f"ООО Seller {n}")
        return seller

    async def restart(self, *, kill: bool) -> float:
        """Stop the bot (SIGKILL when ``kill``, else as Ctrl-C does) and start it again."""
        if kill:
            await self.bot.kill()
        else:
            await self.bot.stop()
        calls = self.telegram.get_updates_calls
        await self.bot.start()
        return await self.bot.wait_ready(self.telegram, since_calls=calls, timeout=START_TIMEOUT)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    tmp = tmp_path_factory.mktemp("e2e")
    telegram = TelegramFake(
        SANDBOX_TOKEN,
        bot_username=BOT_USERNAME,
        bot_first_name=BOT_NAME,
        rate_limits=RateLimits(enabled=False),
    )
    yandex = YandexPayFake()
    yandex.add_merchant(DEMO_MERCHANT_ID)
    await telegram.start()
    bts = await start_demo()
    await yandex.start()
    wms = WmsFake()
    await wms.start()
    # Yandex Pay notifies the bot's webhook server (PUBLIC_URL) of every payment status change.
    web_port = free_port()
    yandex.webhook_url = f"http://127.0.0.1:{web_port}"
    webhooks = {"PUBLIC_URL": yandex.webhook_url, "WEB_HOST": "127.0.0.1", "WEB_PORT": str(web_port)}
    env = fake_env(
        telegram,
        bts,
        yandex,
        f"sqlite+aiosqlite:///{tmp / 'bot.sqlite3'}",
        secret_key=Fernet.generate_key().decode(),
        log_level="INFO",
        extra={**FAST_BACKGROUND, **webhooks, "WMS_BASE_URL": wms.url},
    )
    bot = BotProcess(env, tmp / "bot.log", cwd=tmp)
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
            await bot.start()
            await bot.wait_ready(telegram, timeout=START_TIMEOUT)
            yield Stack(telegram, bts, yandex, bot, http, tmp, wms)
    finally:
        await bot.stop(grace=5)
        await bot.kill()
        await yandex.stop()
        await wms.stop()
        await bts.stop()
        await telegram.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def e2e(stack: Stack, request: pytest.FixtureRequest) -> AsyncIterator[Stack]:
    """The shared stack, with a running bot (a journey that failed mid-restart leaves none)."""
    if not stack.bot.running:
        calls = stack.telegram.get_updates_calls
        await stack.bot.start()
        await stack.bot.wait_ready(stack.telegram, since_calls=calls, timeout=START_TIMEOUT)
    log_size = stack.bot.log_path.stat().st_size if stack.bot.log_path.exists() else 0
    yield stack
    with stack.bot.log_path.open("rb") as log:
        log.seek(log_size)
        during = log.read().decode("utf-8", errors="replace")
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        request.node.add_report_section("call", "bot log", during[-6000:])
    elif report is not None and report.passed:
        # A journey that "works" while the bot logs unhandled errors (users saw "Something went
        # wrong") is not a working journey.
        errors = [line for line in during.splitlines() if " ERROR " in line or " CRITICAL " in line]
        if errors:
            pytest.fail(
                "the bot logged errors during the journey:\n" + "\n".join(errors) + "\n\n" + during[-4000:]
            )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
