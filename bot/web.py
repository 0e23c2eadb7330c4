"""The bot's small HTTP side: Yandex Pay webhooks (``POST /v1/webhook``) and a health check.

Started only when ``PUBLIC_URL`` is set (Yandex must be able to reach it); each seller enters
``PUBLIC_URL`` as the Callback URL in their Yandex Pay console, and Yandex appends ``/v1/webhook``.
"""

from __future__ import annotations

import logging

from aiohttp import web

from services.payments import PaymentService

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024


def create_web_app(payments: PaymentService) -> web.Application:
    async def webhook(request: web.Request) -> web.Response:
        body = await request.content.read(MAX_BODY + 1)
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

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post("/v1/webhook", webhook)
    app.router.add_get("/health", health)
    return app


async def start_web(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    logger.info("webhook endpoint listening on %s:%s", host, port)
    return runner
