"""Factories: the bot, the dispatcher, and running them. Nothing is built at import time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.filters import MenuButton
from bot.handlers import setup_routers
from bot.handlers.busy_bulk import resume_imports
from bot.i18n import LANGUAGES, Translator
from bot.keyboards.common import MENU_KEYS
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.flush import Flushable, FlushBeforeSend
from bot.middlewares.retry import RetryAfterMiddleware
from bot.web import create_web_app, start_web
from bot.worker import run_worker
from services.container import Services
from services.settings import Settings

logger = logging.getLogger(__name__)

COMMANDS: Sequence[tuple[str, str]] = (
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("cancel", "cmd-cancel"),
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


def create_dispatcher(services: Services, translator: Translator, storage: BaseStorage) -> Dispatcher:
    MenuButton.prepare(translator, MENU_KEYS)
    # One update at a time per chat: a fast typist's messages (or a double tap) never race through
    # the same conversation state; different chats still run concurrently.
    dp = Dispatcher(storage=storage, events_isolation=SimpleEventIsolation())
    dp.workflow_data.update(services.as_kwargs(), translator=translator)
    context = ContextMiddleware(services.users, translator)
    dp.update.outer_middleware(context)  # update level: error handlers get ``l10n`` too
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.include_router(setup_routers())
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


async def run_polling(services: Services, translator: Translator, storage: BaseStorage) -> None:
    """The bot: long polling, plus (by default) the worker and, with ``PUBLIC_URL``, the webhook server."""
    settings = services.settings
    bot = create_bot(settings)
    if isinstance(storage, Flushable):
        bot.session.middleware(FlushBeforeSend(storage))
    dp = create_dispatcher(services, translator, storage)
    stop = asyncio.Event()
    background: list[asyncio.Task[None]] = []
    runner = None
    try:
        await services.branches.load()
        await bot.delete_webhook(drop_pending_updates=False)
        await register_commands(bot, translator)
        if settings.worker_in_process:
            background.append(asyncio.create_task(run_worker(services, bot, translator, stop)))
        # Confirmed spreadsheet imports go on where they stopped (each line is created once).
        await resume_imports(bot, services.bulk, services.users, translator)
        if settings.public_url:
            runner = await start_web(create_web_app(services.payments), settings.web_host, settings.web_port)
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(), handle_signals=True)
    finally:
        stop.set()
        await services.bulk.shutdown()  # between two lines: a create is never cut in the middle
        for task in background:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, timeout=10)
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()


async def run_worker_only(services: Services, translator: Translator) -> None:
    """``python -m bot worker``: the poller and the push sender without the dispatcher."""
    bot = create_bot(services.settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    runner = None
    try:
        await services.branches.load()
        if services.settings.public_url:
            runner = await start_web(
                create_web_app(services.payments), services.settings.web_host, services.settings.web_port
            )
        await run_worker(services, bot, translator, stop)
    finally:
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()
