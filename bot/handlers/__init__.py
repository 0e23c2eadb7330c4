"""All routers, joined in one place. Order matters: aiogram tries routers in this order."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    branches,
    busy_bulk,
    busy_inline,
    busy_intl,
    busy_ledger,
    busy_scan,
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


def _adopt(root: Router, router: Router) -> None:
    """Routers are module-level (the aiogram idiom); a new dispatcher (each test, a restarted
    worker) takes them over from the previous root instead of failing on "already attached"."""
    previous = router.parent_router
    if previous is not None:
        previous.sub_routers.remove(router)
        router._parent_router = None
    root.include_router(router)


def setup_routers() -> Router:
    root = Router(name="root")
    reply = ReplyMiddleware()
    root.message.middleware(reply)
    root.callback_query.middleware(reply)
    for router in (
        errors.router,  # error handlers see exceptions from every router below
        start.router,  # /start, /help, /cancel, /language, /logout work in any state
        common.router,  # main-menu buttons interrupt any flow (drafts are kept)
        busy_ledger.router,  # the seller's tools hub (a menu button too), the COD ledger, exports
        busy_bulk.router,  # spreadsheets: a document outside a flow (or when asked for) is an import
        busy_intl.create_router(),  # international parcels (a conversation) and manifests
        login.router,
        new_order.create_router(),
        orders.router,
        payments.router,
        price.router,
        branches.router,
        tracking.router,
        settings.router,
        busy_scan.router,  # a photo outside a flow is read for barcodes (inside one, the step has it)
        busy_inline.router,  # @bot <barcode> in any chat
        fallback.router,  # last: anything nobody else wanted gets a helpful answer
    ):
        _adopt(root, router)
    return root
