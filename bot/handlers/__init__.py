"""All routers, joined in one place. Order matters: aiogram tries routers in this order.

Every handler module has a ``create_router()`` factory: each dispatcher (the bot, a test, a
restarted worker) gets routers of its own. Handler modules never import each other; what two
of them share lives in ``bot.screens`` or ``bot.conversations`` (no routers there).
"""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    branches,
    common,
    errors,
    fallback,
    login,
    new_order,
    orders,
    payments,
    price,
    settings,
    start,
    tracking,
)
from bot.reply import ReplyMiddleware


def setup_routers() -> Router:
    root = Router(name="root")
    reply = ReplyMiddleware()  # ``reply`` for every message and button handler below
    root.message.middleware(reply)
    root.callback_query.middleware(reply)
    root.include_routers(
        errors.create_router(),  # error handlers see exceptions from every router below
        start.create_router(),  # /start, /help, /cancel, /language, /logout work in any state
        common.create_router(),  # main-menu buttons interrupt any flow (drafts are kept)
        login.create_router(),
        new_order.create_router(),
        orders.create_router(),
        payments.create_router(),
        price.create_router(),
        branches.create_router(),
        tracking.create_router(),
        settings.create_router(),
        fallback.create_router(),  # last: anything nobody else wanted gets a helpful answer
    )
    return root
