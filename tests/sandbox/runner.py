"""``python -m tests.sandbox`` (``make run`` without a BOT_TOKEN): try the bot with nothing but this machine.

It starts, all on 127.0.0.1:

- the Telegram Bot API stand-in (``tests/fakes/telegram``), with Telegram's flood limits on;
- the BTS courier API fake with its demo account and MXIK goods, and the Yandex Pay fake with a
  demo merchant whose payment page sends you back to the chat;
- the BTS fulfillment WMS fake with a demo account (a supplier, three products, a receiving);
- the demo parcels, made through the bot's own services by the demo shop (a sandbox user logged
  in with the BTS demo account, ``tests/sandbox/demo.py``), so that a customer can track them;
- the real bot, ``python -m bot``, as a child process whose environment points it at those fakes
  and at a fresh SQLite database under ``data/sandbox/`` (its log is ``data/sandbox/bot.log``);
- the web chat page, on port 8080 or the next free one, and prints its address.

Ctrl-C stops it all. The fakes keep their state in memory, so every run starts afresh (the
database is wiped too, or it would remember parcels the new BTS fake never heard of);
``--keep-data`` keeps it anyway.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from services.container import build_services
from services.settings import Settings
from storage.files import private_dir
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake
from tests.fakes.telegram import RateLimits, TelegramFake
from tests.fakes.wms.server import DEMO_INN as WMS_DEMO_INN
from tests.fakes.wms.server import DEMO_PASSWORD as WMS_DEMO_PASSWORD
from tests.fakes.wms.server import DEMO_PHONE as WMS_DEMO_PHONE
from tests.fakes.wms.server import WmsFake, start_demo_wms
from tests.fakes.yandex_pay.server import DEMO_MERCHANT_ID, YandexPayFake
from tests.sandbox.demo import DEMO_SHOP, seed_demo_parcels
from tests.sandbox.process import REPO_ROOT, BotExited, BotProcess, fake_env, free_port
from tests.sandbox.web import ChatPage, SandboxUser

log = logging.getLogger("sandbox")

DEFAULT_PORT = 8080
PORT_TRIES = 20
BOT_GRACE = 3.0  # polling and the worker stop within a second of SIGINT; then the process is ended
SANDBOX_TOKEN = "7000000001:SANDBOX-local-stand-in-token"
BOT_USERNAME = "bts_sandbox_bot"
BOT_NAME = "BTS Express"
# The status poller and payment checks at a pace a person trying the sandbox can watch (seconds;
# the bot ignores the names it does not know).
BACKGROUND = {
    "POLL_TICK": "2",
    "POLL_FRESH_INTERVAL": "5",
    "POLL_STALE_INTERVAL": "30",
    "PUSH_MERGE_WINDOW": "2",
    "PAYMENT_POLL_INTERVAL": "3",
    "WMS_SYNC_INTERVAL": "3",
    "WMS_ORDER_INTERVAL": "3",
}
USERS: tuple[SandboxUser, ...] = (
    SandboxUser(10001, "Jurabek", "Turdiyev", "+998991234567", "seller"),
    SandboxUser(10002, "Odil", "Ahmedov", "+998901234568", "customer"),
    SandboxUser(10003, "Malika", "Karimova", "+998935551122", "customer"),
    DEMO_SHOP,
)


class SandboxYandexPay(YandexPayFake):
    """The Yandex Pay fake whose payment page, once paid, leads back to the chat page instead of
    ``https://t.me/<bot>?start=...`` (nothing leaves the machine)."""

    chat_url: str | None = None
    bot_username: str = BOT_USERNAME

    async def _pay_action(self, request: web.Request) -> web.StreamResponse:
        try:
            return await super()._pay_action(request)
        except web.HTTPFound as redirect:
            target = redirect.location
            prefix = f"https://t.me/{self.bot_username}?start="
            if self.chat_url and target.startswith(prefix):
                raise web.HTTPFound(f"{self.chat_url}?start={target[len(prefix) :]}") from None
            raise


@dataclass
class Sandbox:
    data_dir: Path = REPO_ROOT / "data" / "sandbox"
    port: int = DEFAULT_PORT
    keep_data: bool = False
    log_level: str = "INFO"
    telegram: TelegramFake | None = field(default=None, init=False)
    bts: BtsFake | None = field(default=None, init=False)
    yandex: SandboxYandexPay | None = field(default=None, init=False)
    wms: WmsFake | None = field(default=None, init=False)
    page: ChatPage | None = field(default=None, init=False)
    bot: BotProcess | None = field(default=None, init=False)
    demo_barcodes: list[str] = field(default_factory=list, init=False)

    @property
    def database_url(self) -> str:
        return f"sqlite+aiosqlite:///{self.data_dir / 'bot.sqlite3'}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "bot.log"

    def _fresh_data(self) -> None:
        private_dir(self.data_dir)
        if self.keep_data:
            return
        for name in ("bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm", "bot.log"):
            with contextlib.suppress(FileNotFoundError):
                (self.data_dir / name).unlink()

    async def start(self) -> str:
        """Start everything; returns the chat page's address once the bot polls."""
        self._fresh_data()
        self.telegram = TelegramFake(
            SANDBOX_TOKEN, bot_username=BOT_USERNAME, bot_first_name=BOT_NAME, rate_limits=RateLimits()
        )
        await self.telegram.start()
        for user in USERS:
            self.telegram.add_user(
                user.id,
                first_name=user.first_name,
                last_name=user.last_name,
                phone_number=user.phone_number,
            )
        self.bts = BtsFake()
        await self.bts.start()
        self.yandex = SandboxYandexPay()
        self.yandex.add_merchant(DEMO_MERCHANT_ID)
        await self.yandex.start()
        self.wms = await start_demo_wms()

        demo = {
            "bts": {
                "username": DEMO_USERNAME,
                "password": DEMO_PASSWORD,
                "inn": DEMO_INN,
                "url": self.bts.url,
            },
            "yandex": {"merchant_id": DEMO_MERCHANT_ID, "api_key": DEMO_MERCHANT_ID, "url": self.yandex.url},
            "wms": {
                "login": WMS_DEMO_INN,
                "phone": WMS_DEMO_PHONE,
                "password": WMS_DEMO_PASSWORD,
                "url": self.wms.url,
            },
        }
        self.page = ChatPage(self.telegram, USERS, bts=self.bts, demo=demo, wms=self.wms)
        url = await self.page.start(_ports(self.port))
        self.yandex.chat_url = url

        # Yandex Pay tells the bot about payments at once (its webhook server, as in production).
        web_port = free_port()
        self.yandex.webhook_url = f"http://127.0.0.1:{web_port}"
        extra = {
            **BACKGROUND,
            "PUBLIC_URL": self.yandex.webhook_url,
            "WEB_HOST": "127.0.0.1",
            "WEB_PORT": str(web_port),
            "WMS_BASE_URL": self.wms.url,
        }
        env = fake_env(
            self.telegram, self.bts, self.yandex, self.database_url, log_level=self.log_level, extra=extra
        )
        self.demo_barcodes = await self._seed(env)
        self.bot = BotProcess(env, self.log_path, cwd=REPO_ROOT)
        await self.bot.start()
        await self.bot.wait_ready(self.telegram, timeout=120)
        return url

    async def _seed(self, env: dict[str, str]) -> list[str]:
        """The demo shop's parcels, created through the bot's services on the bot's own database
        (and secret key) before the bot starts."""
        assert self.bts is not None
        fields = Settings.model_fields
        settings = Settings(_env_file=None, **{k.lower(): v for k, v in env.items() if k.lower() in fields})  # type: ignore[arg-type]
        async with build_services(settings) as services:
            return await seed_demo_parcels(services, self.bts)

    async def wait(self, stop: asyncio.Event) -> int:
        """Run until ``stop`` is set (0) or the bot process ends by itself (1)."""
        assert self.bot is not None and self.bot.process is not None
        exited = asyncio.create_task(self.bot.process.wait())
        stopped = asyncio.create_task(stop.wait())
        done, pending = await asyncio.wait({exited, stopped}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if exited in done and not stop.is_set():
            print(
                f"\nThe bot stopped by itself (exit code {self.bot.returncode}). "
                f"The end of {self.log_path}:\n{self.bot.log_tail(30)}",
                file=sys.stderr,
            )
            return 1
        return 0

    async def stop(self, say: Callable[[str], None] = lambda _: None) -> None:
        """Stop the bot first (it finishes what it is doing), then the page and the fakes together.

        ``say`` reports each stage as it happens (Ctrl-C answers at once, not after the wait).
        """
        if self.bot is not None and self.bot.process is not None and self.bot.returncode is None:
            say("Stopping the bot…")
            await self.bot.stop(grace=BOT_GRACE)
        servers = [s for s in (self.page, self.telegram, self.yandex, self.bts, self.wms) if s is not None]
        if servers:
            say("Stopping the chat page and the stand-ins…")

            async def quietly(server: Any) -> None:
                with contextlib.suppress(Exception):
                    await server.stop()

            await asyncio.gather(*(quietly(server) for server in servers))


def say(text: str) -> None:
    print(text, flush=True)


def _ports(preferred: int) -> list[int]:
    if preferred == 0:
        return [0]
    return [*range(preferred, preferred + PORT_TRIES), 0]


async def run(args: argparse.Namespace) -> int:
    sandbox = Sandbox(
        data_dir=args.data_dir,
        port=args.port,
        keep_data=args.keep_data,
        log_level=args.log_level,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def interrupted() -> None:
        if not stop.is_set():
            say("\nStopping the sandbox (Ctrl-C)…")
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, interrupted)
    try:
        starting = asyncio.create_task(sandbox.start())
        waiting = asyncio.create_task(stop.wait())
        await asyncio.wait({starting, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():  # Ctrl-C while starting
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await starting
            return 130
        waiting.cancel()
        try:
            url = starting.result()
        except (BotExited, TimeoutError, OSError) as error:
            print(f"The sandbox could not start: {error}", file=sys.stderr)
            return 1
        print(f"Sandbox chat: {url}  (everything runs on this machine; Ctrl-C stops it)", flush=True)
        return await sandbox.wait(stop)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        await sandbox.stop(say)
        if stop.is_set():
            say("Stopped.")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.sandbox",
        description="Run the real bot against local fakes of Telegram, BTS and Yandex Pay,"
        " with a web chat page.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="port of the chat page (default 8080, or the next free one; 0 for any)",
    )
    parser.add_argument(
        "--data-dir",
        default=str(REPO_ROOT / "data" / "sandbox"),
        help="where the sandbox database and the bot's log go (default data/sandbox)",
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the database of the previous run")
    parser.add_argument(
        "--log-level", default="INFO", help="the bot's LOG_LEVEL (its log is in the data dir)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # The fakes' own loggers would talk over the one line the sandbox prints.
    logging.getLogger("aiohttp.access").setLevel(logging.ERROR)
    args = parse_args(argv)
    args.data_dir = Path(args.data_dir).resolve()
    return asyncio.run(run(args))
