"""The real bot as a child process (``python -m bot``), wired to local fakes by environment.

Used by the sandbox (``python -m tests.sandbox``), the end-to-end journeys (``tests/e2e``) and the
start-up benchmark: each runs exactly the production entry point, only with ``TELEGRAM_API_URL``,
``BTS_BASE_URL``, ``YANDEX_PAY_BASE_URL`` and ``DATABASE_URL`` pointing at 127.0.0.1.

The child gets its own process group, so ``kill()`` (SIGKILL, as a crash or an OOM kill would)
and ``stop()`` (SIGINT, then SIGKILL after a grace period) reach it and anything it started.
Its output goes to a log file that ``log_tail()`` reads back for error messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storage.files import private_file
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake
from tests.fakes.telegram import TelegramFake
from tests.fakes.yandex_pay.server import YandexPayFake

REPO_ROOT = Path(__file__).resolve().parents[2]

# Settings a developer may have in the environment or a .env file: a child wired to the fakes
# must not inherit them (a real token, a production database, a PostgreSQL URL ...).
_OWN_NAMES = (
    "BOT_TOKEN",
    "TELEGRAM_API_URL",
    "DATABASE_URL",
    "SECRET_KEY",
    "BTS_BASE_URL",
    "BTS_ROUTE_STYLE",
    "BTS_EDIT_FORMAT",
    "BTS_SERVICE_USERNAME",
    "BTS_SERVICE_PASSWORD",
    "BTS_SERVICE_INN",
    "WMS_BASE_URL",
    "YANDEX_PAY_BASE_URL",
    "YANDEX_PAY_SANDBOX_URL",
    "ADMIN_IDS",
    "DEFAULT_LANGUAGE",
    "LOG_LEVEL",
)


def fake_env(
    telegram: TelegramFake,
    bts: BtsFake,
    yandex: YandexPayFake | None,
    database_url: str,
    *,
    secret_key: str | None = None,
    log_level: str = "INFO",
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a bot wired to the fakes (the BTS demo account as service account)."""
    env = {name: value for name, value in os.environ.items() if name.upper() not in _OWN_NAMES}
    env.update(
        {
            "BOT_TOKEN": telegram.token,
            "TELEGRAM_API_URL": telegram.url,
            "DATABASE_URL": database_url,
            "BTS_BASE_URL": f"{bts.url}/index.php",
            "BTS_ROUTE_STYLE": "query",
            "BTS_SERVICE_USERNAME": DEMO_USERNAME,
            "BTS_SERVICE_PASSWORD": DEMO_PASSWORD,
            "BTS_SERVICE_INN": DEMO_INN,
            "LOG_LEVEL": log_level,
            "PYTHONUNBUFFERED": "1",
            # The child imports ``bot`` from this checkout even when the package is not installed.
            "PYTHONPATH": os.pathsep.join(
                part for part in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if part
            ),
        }
    )
    if yandex is not None:
        env["YANDEX_PAY_BASE_URL"] = yandex.base_url
        env["YANDEX_PAY_SANDBOX_URL"] = yandex.base_url
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    if extra:
        env.update(extra)
    return env


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for a server the bot itself opens)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class BotExited(RuntimeError):
    """The bot process ended while it was expected to run."""


@dataclass
class BotProcess:
    """One ``python -m bot`` child. ``start()`` may be called again after ``kill()``/``stop()``."""

    env: Mapping[str, str]
    log_path: Path
    cwd: Path
    args: Sequence[str] = ()
    # What the interpreter runs: the bot by default (a benchmark runs a reference bot this way).
    command: Sequence[str] = ("-m", "bot")
    process: asyncio.subprocess.Process | None = field(default=None, init=False)
    started_at: float = field(default=0.0, init=False)
    starts: int = field(default=0, init=False)

    async def start(self) -> None:
        if self.running:
            raise RuntimeError("the bot is already running")
        private_file(self.log_path)  # the log may name users: 0600 in a 0700 folder
        self.starts += 1
        with self.log_path.open("ab") as log:
            shown = " ".join([*self.command, *self.args])[:120]
            log.write(f"\n----- start #{self.starts}: python {shown}\n".encode())
            log.flush()
            self.started_at = time.monotonic()
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                *self.command,
                *self.args,
                cwd=self.cwd,
                env=dict(self.env),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    @property
    def returncode(self) -> int | None:
        return self.process.returncode if self.process is not None else None

    async def wait_ready(
        self, telegram: TelegramFake, *, since_calls: int = 0, timeout: float = 30.0
    ) -> float:
        """Wait for the bot's first getUpdates after ``since_calls``; seconds since ``start()``."""
        process = self.process
        if process is None:
            raise RuntimeError("the bot was not started")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        # After a restart the poll must come from this start (the older process may still have
        # polled after ``since_calls`` was read): its log since the last start marker says it polls.
        while telegram.get_updates_calls <= since_calls or (since_calls and not self._polls_since_start()):
            if process.returncode is not None:
                raise BotExited(
                    f"the bot exited with {process.returncode} before polling:\n{self.log_tail()}"
                )
            if loop.time() > deadline:
                raise TimeoutError(f"the bot did not poll within {timeout} s:\n{self.log_tail()}")
            with contextlib.suppress(TimeoutError):
                await telegram.wait_until(lambda: telegram.get_updates_calls > since_calls, timeout=0.1)
        return time.monotonic() - self.started_at

    def _polls_since_start(self) -> bool:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return False
        current = text.rsplit("----- start #", 1)[-1]
        return "polling for updates" in current or "Start polling" in current

    async def kill(self) -> None:
        """SIGKILL the whole process group at once, as a crash would end it, and reap it."""
        process = self.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()

    async def stop(self, grace: float = 10.0) -> int | None:
        """Ask the bot to stop (SIGINT, as Ctrl-C does) and SIGKILL it after ``grace`` seconds."""
        process = self.process
        if process is None:
            return None
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
            try:
                await asyncio.wait_for(process.wait(), grace)
            except TimeoutError:
                await self.kill()
        return process.returncode

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])
