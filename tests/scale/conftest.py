"""Several processes on PostgreSQL and Redis: two ``python -m bot web`` behind the Telegram
stand-in (delivering by webhook to both in turn, as a load balancer would) and two
``python -m bot worker``, the topology of the README's ``compose.yaml``.

Each run gets its own PostgreSQL database (``scale_<random>``, dropped at the end) and its own
Redis key prefix (its keys deleted at the end), so runs never see each other's data. When
PostgreSQL (127.0.0.1:5432, database ``test``) or Redis (127.0.0.1:6379) does not answer, every
test here is skipped and the run says so in one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import aiohttp
import pytest
import pytest_asyncio
from cryptography.fernet import Fernet

from tests.e2e.conftest import FAST_BACKGROUND, START_TIMEOUT, Stack
from tests.fakes.bts.server import start_demo
from tests.fakes.telegram import RateLimits, TelegramFake
from tests.fakes.yandex_pay.server import DEMO_MERCHANT_ID, YandexPayFake
from tests.sandbox.process import BotProcess, fake_env, free_port
from tests.sandbox.runner import BOT_NAME, BOT_USERNAME, SANDBOX_TOKEN

PG_HOST, PG_PORT = os.environ.get("SCALE_PG", "127.0.0.1:5432").split(":")
REDIS_HOST, REDIS_PORT = os.environ.get("SCALE_REDIS", "127.0.0.1:6379").split(":")
WEBHOOK_PATH = "/telegram/webhook"
LOCK_TIMEOUT = "4"  # seconds a killed process's chat lock and update claim stay held


def _answers(host: str, port: str) -> bool:
    try:
        with socket.create_connection((host, int(port)), timeout=0.5):
            return True
    except OSError:
        return False


SERVERS_UP = _answers(PG_HOST, PG_PORT) and _answers(REDIS_HOST, REDIS_PORT)
SKIP_REASON = (
    f"scale-out tests skipped: PostgreSQL ({PG_HOST}:{PG_PORT}) or Redis ({REDIS_HOST}:{REDIS_PORT}) "
    "does not answer"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SERVERS_UP:
        return
    mark = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "tests/scale/" in item.nodeid:
            item.add_marker(mark)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not SERVERS_UP:
        terminalreporter.write_line(SKIP_REASON)


@dataclass
class ScaleStack(Stack):
    """The e2e ``Stack`` (journeys run on it unchanged), with two web and two worker processes."""

    webs: list[BotProcess] = field(default_factory=list)
    workers: list[BotProcess] = field(default_factory=list)
    web_urls: list[str] = field(default_factory=list)
    database_url: str = ""
    redis_url: str = ""
    redis_prefix: str = ""

    async def wait_web(self, index: int) -> None:
        """Until web process ``index`` answers ``/health``."""
        url = f"{self.web_urls[index]}/health"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT
        while True:
            process = self.webs[index]
            if not process.running:
                raise RuntimeError(f"web {index} exited:\n{process.log_tail()}")
            with contextlib.suppress(aiohttp.ClientError):
                async with self.http.get(url) as response:
                    if response.status == 200:
                        return
            if loop.time() > deadline:
                raise TimeoutError(f"web {index} did not start:\n{process.log_tail()}")
            await asyncio.sleep(0.2)

    async def wait_worker(self, index: int) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT
        while "outbox sender" not in self.workers[index].log_tail(400):
            if not self.workers[index].running or loop.time() > deadline:
                raise RuntimeError(f"worker {index} did not start:\n{self.workers[index].log_tail()}")
            await asyncio.sleep(0.2)


async def _create_database(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(host=PG_HOST, port=int(PG_PORT), user="postgres", database="test")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def _drop_database(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(host=PG_HOST, port=int(PG_PORT), user="postgres", database="test")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _drop_keys(url: str, prefix: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*", count=500)]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def scale(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ScaleStack]:
    if not SERVERS_UP:
        pytest.skip(SKIP_REASON)
    tmp = tmp_path_factory.mktemp("scale")
    run = secrets.token_hex(4)
    database = f"scale_{run}"
    await _create_database(database)
    database_url = f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/{database}"
    redis_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/0"
    prefix = f"scale-{run}"
    telegram = TelegramFake(
        SANDBOX_TOKEN,
        bot_username=BOT_USERNAME,
        bot_first_name=BOT_NAME,
        rate_limits=RateLimits(enabled=False),
    )
    telegram.webhook_concurrent = True
    telegram.webhook_timeout = 30.0
    yandex = YandexPayFake()
    yandex.add_merchant(DEMO_MERCHANT_ID)
    await telegram.start()
    bts = await start_demo()
    await yandex.start()
    ports = [free_port(), free_port()]
    web_urls = [f"http://127.0.0.1:{port}" for port in ports]
    telegram.webhook_targets = list(web_urls)
    yandex.webhook_url = web_urls[0]
    common = {
        **FAST_BACKGROUND,
        "REDIS_URL": redis_url,
        "REDIS_KEY_PREFIX": prefix,
        "UPDATE_LOCK_TIMEOUT": LOCK_TIMEOUT,
        "TELEGRAM_WEBHOOK_URL": f"{web_urls[0]}{WEBHOOK_PATH}",
        "PUBLIC_URL": web_urls[0],
        "WEB_HOST": "127.0.0.1",
    }
    env = fake_env(
        telegram,
        bts,
        yandex,
        database_url,
        secret_key=Fernet.generate_key().decode(),
        extra=common,
    )
    webs = [
        BotProcess(
            {**env, "WEB_PORT": str(port), "WORKER_IN_PROCESS": "false"},
            tmp / f"web{n}.log",
            cwd=tmp,
            args=("web",),
        )
        for n, port in enumerate(ports)
    ]
    worker_env = {key: value for key, value in env.items() if key != "PUBLIC_URL"}
    workers = [BotProcess(worker_env, tmp / f"worker{n}.log", cwd=tmp, args=("worker",)) for n in range(2)]
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
            stack = ScaleStack(
                telegram,
                bts,
                yandex,
                webs[0],
                http,
                tmp,
                webs=webs,
                workers=workers,
                web_urls=web_urls,
                database_url=database_url,
                redis_url=redis_url,
                redis_prefix=prefix,
            )
            await webs[0].start()  # migrates the new database; the others find it ready
            await stack.wait_web(0)
            for process in [webs[1], *workers]:
                await process.start()
            await stack.wait_web(1)
            await stack.wait_worker(0)
            await stack.wait_worker(1)
            yield stack
    finally:
        for process in [*webs, *workers]:
            await process.stop(grace=5)
            await process.kill()
        await yandex.stop()
        await bts.stop()
        await telegram.stop()
        await _drop_keys(redis_url, prefix)
        await _drop_database(database)


def process_errors(process: BotProcess) -> list[str]:
    text = process.log_path.read_text(encoding="utf-8", errors="replace") if process.log_path.exists() else ""
    return [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]


@pytest.fixture
def no_process_errors(scale: ScaleStack) -> Iterator[None]:
    """A journey fails when any process logged an error during it."""
    sizes = [p.log_path.stat().st_size if p.log_path.exists() else 0 for p in [*scale.webs, *scale.workers]]
    yield
    errors: list[str] = []
    for process, size in zip([*scale.webs, *scale.workers], sizes, strict=True):
        with process.log_path.open("rb") as log:
            log.seek(size)
            errors += [
                f"{process.log_path.name}: {line}"
                for line in log.read().decode("utf-8", errors="replace").splitlines()
                if " ERROR " in line or " CRITICAL " in line
            ]
    assert not errors, "\n".join(errors)
