"""The composition root: every process of the bot is assembled here, and nothing at import time.

- :func:`create_bot`, :func:`create_fsm` and :func:`create_dispatcher` make the parts one update
  needs; :func:`bot.worker.create_workers` makes the background parts;
- :func:`run_polling` (``python -m bot`` without ``TELEGRAM_WEBHOOK_URL``): long polling,
  confirming each update only once handled; by default the worker runs in the same process;
- :func:`run_web` (``python -m bot web``, or ``python -m bot`` with ``TELEGRAM_WEBHOOK_URL``):
  ``setWebhook`` and the aiohttp server; run any number behind a load balancer;
- :func:`run_worker_only` (``python -m bot worker``): the poller, the push sender, payment
  polling; run one or more.

Conversations live in the database (``SqlStorage``) by default, or with ``REDIS_URL`` in aiogram's
``RedisStorage`` (drafts encrypted with the same key as the database's secrets), where
``RedisEventIsolation`` also keeps one chat's updates one at a time across all processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
from collections.abc import AsyncIterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiohttp import web

from bot.filters import MenuButton, streamline_filters
from bot.handlers import setup_routers
from bot.i18n import LANGUAGES, Translator
from bot.imports import resume_imports
from bot.keyboards.common import MENU_KEYS
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.flush import Flushable, FlushBeforeSend
from bot.middlewares.metrics import MetricsMiddleware
from bot.middlewares.retry import RetryAfterMiddleware
from bot.updates import UpdateHandler, poll_updates
from bot.web import TelegramWebhook, create_web_app, start_web, webhook_secret
from bot.worker import run_worker
from services.container import Services
from services.settings import Settings
from storage.crypto import SecretBox
from storage.fsm import SqlStorage

logger = logging.getLogger(__name__)

COMMANDS: Sequence[tuple[str, str]] = (
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("cancel", "cmd-cancel"),
    ("resume", "cmd-resume"),
    ("language", "cmd-language"),
    ("track", "cmd-track"),
    ("logout", "cmd-logout"),
    ("tools", "cmd-tools"),
    ("bulk", "cmd-bulk"),
    ("cod", "cmd-cod"),
)


def create_bot(settings: Settings) -> Bot:
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.middleware(RetryAfterMiddleware())
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def _encrypted_json(box: SecretBox) -> tuple[Any, Any]:
    def dumps(data: Any) -> str:
        return box.encrypt(json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def loads(token: str | bytes) -> Any:
        return json.loads(box.decrypt(token.decode() if isinstance(token, bytes) else token))

    return dumps, loads


def create_fsm(services: Services) -> tuple[BaseStorage, BaseEventIsolation]:
    """Where conversations live and how one chat's updates are kept one at a time."""
    settings = services.settings
    if services.redis is None:
        # One process: the database, and a lock per chat in memory.
        return SqlStorage(services.session_factory, box=services.box), SimpleEventIsolation()
    keys = DefaultKeyBuilder(prefix=settings.redis_key_prefix, with_destiny=True)
    dumps, loads = _encrypted_json(services.box)
    storage = RedisStorage(services.redis, key_builder=keys, json_dumps=dumps, json_loads=loads)
    isolation = RedisEventIsolation(
        services.redis, key_builder=keys, lock_kwargs={"timeout": settings.update_lock_timeout}
    )
    return storage, isolation


def create_dispatcher(
    services: Services,
    translator: Translator,
    storage: BaseStorage,
    isolation: BaseEventIsolation | None = None,
) -> Dispatcher:
    MenuButton.prepare(translator, MENU_KEYS)
    # One update at a time per chat: a fast typist's messages (or a double tap) never race through
    # the same conversation state; different chats still run concurrently.
    dp = Dispatcher(storage=storage, events_isolation=isolation or SimpleEventIsolation())
    dp.workflow_data.update(services.as_kwargs(), translator=translator)
    dp.update.outer_middleware(MetricsMiddleware(services.metrics))
    context = ContextMiddleware(services.users, translator, services.accounts)
    dp.update.outer_middleware(context)  # update level: error handlers get ``l10n`` too
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.include_router(setup_routers())
    streamline_filters(dp)  # no thread hop per plain filter
    return dp


async def register_commands(bot: Bot, translator: Translator) -> None:
    """One command list per language; Telegram shows the one matching the user's app language."""
    scope = BotCommandScopeAllPrivateChats()
    default = translator.get(translator.default)
    await bot.set_my_commands(
        [BotCommand(command=c, description=default(k)) for c, k in COMMANDS], scope=scope
    )
    for lang in LANGUAGES:
        l10n = translator.get(lang)
        await bot.set_my_commands(
            [BotCommand(command=c, description=l10n(k)) for c, k in COMMANDS], scope=scope, language_code=lang
        )


@contextlib.asynccontextmanager
async def bot_parts(
    services: Services, translator: Translator, *, polling: bool
) -> AsyncIterator[tuple[Bot, Dispatcher, UpdateHandler]]:
    """The bot, its dispatcher and the update handler, closed (storage flushed) on the way out."""
    bot = create_bot(services.settings)
    storage, isolation = create_fsm(services)
    if isinstance(storage, Flushable):
        bot.session.middleware(FlushBeforeSend(storage))
    dp = create_dispatcher(services, translator, storage, isolation)
    try:
        yield bot, dp, UpdateHandler(dp, bot, services.updates, storage, exclusive=polling)
    finally:
        if isinstance(storage, SqlStorage):
            await storage.close()  # the Redis client is the container's to close
        await bot.session.close()


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)


async def _background(services: Services, bot: Bot, translator: Translator, stop: asyncio.Event) -> list[Any]:
    if services.settings.worker_in_process:
        return [asyncio.create_task(run_worker(services, bot, translator, stop))]
    return []


async def _finish(tasks: list[asyncio.Task[Any]]) -> None:
    for task in tasks:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, timeout=10)


async def run_polling(services: Services, translator: Translator) -> None:
    """The bot by long polling, plus (by default) the worker and, with ``PUBLIC_URL``, the web server."""
    settings = services.settings
    stop = asyncio.Event()
    _stop_on_signals(stop)
    async with bot_parts(services, translator, polling=True) as (bot, dp, handler):
        background: list[asyncio.Task[Any]] = []
        runner: web.AppRunner | None = None
        try:
            await services.branches.load()
            await bot.delete_webhook(drop_pending_updates=False)
            await register_commands(bot, translator)
            background = await _background(services, bot, translator, stop)
            # Confirmed spreadsheet imports go on where they stopped (each line is created once).
            await resume_imports(bot, services.bulk, services.users, translator)
            if settings.public_url:
                app = create_web_app(
                    services.payments, services.metrics, session_factory=services.session_factory
                )
                runner = await start_web(app, settings.web_host, settings.web_port)
            await dp.emit_startup(bot=bot, **dp.workflow_data)
            logger.info("polling for updates")
            await poll_updates(handler, stop, allowed_updates=dp.resolve_used_update_types())
        finally:
            stop.set()
            await services.bulk.shutdown()  # between two lines: a create is never cut in the middle
            await _finish(background)
            with contextlib.suppress(Exception):
                await dp.emit_shutdown(bot=bot, **dp.workflow_data)
            if runner is not None:
                await runner.cleanup()


async def run_web(services: Services, translator: Translator) -> None:
    """Updates by webhook (``TELEGRAM_WEBHOOK_URL``) on the aiohttp server, with Yandex Pay's
    webhook, ``/health`` and ``/metrics``; any number of these processes may run at once."""
    settings = services.settings
    if not settings.telegram_webhook_url:
        raise ValueError("TELEGRAM_WEBHOOK_URL is not set")
    stop = asyncio.Event()
    _stop_on_signals(stop)
    secret = webhook_secret(settings)
    async with bot_parts(services, translator, polling=False) as (bot, dp, handler):
        background: list[asyncio.Task[Any]] = []
        runner: web.AppRunner | None = None
        try:
            await services.branches.load()
            webhook = TelegramWebhook(dp, bot, handler, secret)
            path = urlsplit(settings.telegram_webhook_url).path or "/"
            app = create_web_app(
                services.payments,
                services.metrics,
                session_factory=services.session_factory,
                telegram=webhook,
                telegram_path=path,
            )
            runner = await start_web(app, settings.web_host, settings.web_port)
            await dp.emit_startup(bot=bot, **dp.workflow_data)
            await bot.set_webhook(
                settings.telegram_webhook_url,
                secret_token=secret,
                allowed_updates=dp.resolve_used_update_types(),
                max_connections=settings.telegram_webhook_max_connections,
                drop_pending_updates=False,
            )
            await register_commands(bot, translator)
            background = await _background(services, bot, translator, stop)
            # Confirmed spreadsheet imports go on where they stopped (each line is created once).
            await resume_imports(bot, services.bulk, services.users, translator)
            logger.info("serving the Telegram webhook at %s", path)
            await stop.wait()
        finally:
            stop.set()
            await services.bulk.shutdown()  # between two lines: a create is never cut in the middle
            await _finish(background)
            if runner is not None:
                await runner.cleanup()  # waits for requests in flight: their updates are committed
            with contextlib.suppress(Exception):
                await dp.emit_shutdown(bot=bot, **dp.workflow_data)


async def run_worker_only(services: Services, translator: Translator) -> None:
    """``python -m bot worker``: the poller and the push sender without the dispatcher."""
    bot = create_bot(services.settings)
    stop = asyncio.Event()
    _stop_on_signals(stop)
    runner = None
    try:
        await services.branches.load()
        settings = services.settings
        if settings.public_url:
            app = create_web_app(
                services.payments, services.metrics, session_factory=services.session_factory
            )
            runner = await start_web(app, settings.web_host, settings.web_port)
        await run_worker(services, bot, translator, stop)
    finally:
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()
