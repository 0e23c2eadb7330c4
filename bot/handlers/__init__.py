"""All routers, joined in one place. Order matters: aiogram tries routers in this order."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import common, errors, fallback, login, new_order, orders, price, start


def setup_routers() -> Router:
    root = Router(name="root")
    root.include_routers(
        errors.router,  # error handlers see exceptions from every router below
        start.router,  # /start, /help, /cancel, /language, /logout work in any state
        common.router,  # main-menu buttons interrupt any flow (drafts are kept)
        login.router,
        new_order.router,
        orders.router,
        price.router,
        fallback.router,  # last: anything nobody else wanted gets a helpful answer
    )
    return root
