"""The bot's HTTP side, one aiohttp server on ``WEB_HOST:WEB_PORT``:

- ``POST <path of TELEGRAM_WEBHOOK_URL>``: Telegram's updates in webhook mode (aiogram's
  ``SimpleRequestHandler``). A request without the right ``X-Telegram-Bot-Api-Secret-Token`` is
  refused with 401 and changes nothing. The answer is 200 only once the update's handling is
  committed; an update another process is handling right now gets 503 (Telegram comes back).
- ``POST /v1/webhook``: Yandex Pay notifications (each seller enters ``PUBLIC_URL`` as the
  Callback URL in their Yandex Pay console; Yandex appends ``/v1/webhook``).
- ``GET /health`` and ``GET /metrics`` (Prometheus text format).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.updates import UpdateHandler
from services.metrics import CONTENT_TYPE_LATEST, Metrics
from services.payments import PaymentService
from services.settings import Settings
from storage.updates import Claim

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # Yandex Pay notifications
MAX_UPDATE = 1024 * 1024  # a Telegram update (long texts, many entities) with room to spare


def webhook_secret(settings: Settings) -> str:
    """``TELEGRAM_WEBHOOK_SECRET``, or one derived from the bot token and ``SECRET_KEY`` (so every
    process computes the same value without sharing another setting); Telegram allows
    ``[A-Za-z0-9_-]{1,256}``: a hex digest fits."""
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    key = settings.secret_key.get_secret_value() if settings.secret_key else "telegram-webhook"
    token = settings.bot_token.get_secret_value()
    return hmac.new(key.encode(), b"telegram-webhook:" + token.encode(), hashlib.sha256).hexdigest()


class TelegramWebhook(SimpleRequestHandler):
    """aiogram's handler, answering only after the update is handled and committed (never in
    the background, never after aiogram's 55 s cut-off), through the ledger."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, handler: UpdateHandler, secret: str) -> None:
        super().__init__(dispatcher, bot, handle_in_background=False, secret_token=secret)
        self._handler = handler

    async def close(self) -> None:
        """The bot's session is closed by its owner (``bot.app``), not by the web server."""

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            raw: Any = await request.json(loads=bot.session.json_loads)
            update = Update.model_validate(raw, context={"bot": bot})
        except ValueError:
            return web.Response(status=400, text="not an update")
        claim = await self._handler.handle(update)
        if claim is Claim.BUSY:
            return web.Response(status=503, headers={"Retry-After": "1"}, text="being handled")
        return web.json_response({})


def create_web_app(
    payments: PaymentService,
    metrics: Metrics | None = None,
    *,
    session_factory: async_sessionmaker[AsyncSession] | None = None,
    telegram: TelegramWebhook | None = None,
    telegram_path: str | None = None,
) -> web.Application:
    async def yandex_webhook(request: web.Request) -> web.Response:
        # The whole body, however it arrived (several TCP writes, chunked): aiohttp reads it all
        # and refuses more than ``client_max_size`` with 413.
        body = await request.read()
        if len(body) > MAX_BODY:
            return web.Response(status=413)
        result = await payments.handle_webhook(body)
        if result.status != 200:
            logger.warning("Yandex Pay webhook refused (%s): %s", result.status, result.detail)
        return web.json_response(
            {"status": "success" if result.status == 200 else "fail"}, status=result.status
        )

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def show_metrics(_: web.Request) -> web.Response:
        assert metrics is not None
        if session_factory is not None:
            try:
                await metrics.refresh(session_factory)
            except Exception:  # the figures from the last good read stay
                logger.warning("metrics: reading the outbox and poll lag failed", exc_info=True)
        response = web.Response(body=metrics.render())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    app = web.Application(client_max_size=MAX_UPDATE if telegram is not None else MAX_BODY)
    app.router.add_post("/v1/webhook", yandex_webhook)
    app.router.add_get("/health", health)
    if metrics is not None:
        app.router.add_get("/metrics", show_metrics)
    if telegram is not None and telegram_path:
        telegram.register(app, path=telegram_path)
    return app


async def start_web(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    logger.info("web server listening on %s:%s", host, port)
    return runner
