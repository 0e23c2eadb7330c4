"""All routers, joined in one place. Order matters: aiogram tries routers in this order.

Every handler module has a ``create_router()`` factory: each dispatcher (the bot, a test, a
restarted worker) gets routers of its own. Handler modules never import each other; what two
of them share lives in ``bot.screens`` or ``bot.conversations`` (no routers there).
"""

from __future__ import annotations

from bot.handlers import (
    admin,
    admin_allow,
    branches,
    busy_barcode,
    busy_bulk,
    busy_inline,
    busy_intl,
    busy_ledger,
    busy_scan,
    common,
    errors,
    fallback,
    fulfillment,
    fulfillment_flows,
    fulfillment_lists,
    login,
    new_order,
    orders,
    payments,
    price,
    settings,
    start,
    tracking,
)
from bot.middlewares.detour import DetourMiddleware
from bot.reply import ReplyMiddleware
from bot.routing import Sieve


def setup_routers() -> Sieve:
    root = Sieve(name="root")
    reply = ReplyMiddleware()  # ``reply`` for every message and button handler below
    root.message.middleware(reply)
    root.callback_query.middleware(reply)
    root.message.middleware(DetourMiddleware())  # a menu button in a new order: how to come back
    root.include_routers(
        errors.create_router(),  # error handlers see exceptions from every router below
        start.create_router(),  # /start, /help, /cancel, /language, /logout work in any state
        admin.create_router(),  # ADMIN_IDS only: /admin and its broadcast, in any state
        admin_allow.create_router(),  # ADMIN_IDS only: the sellers allow-list (from /admin)
        common.create_router(),  # main-menu buttons interrupt any flow (drafts are kept)
        busy_ledger.create_router(),  # the seller's tools hub (a menu button too), the COD ledger, exports
        busy_bulk.create_router(),  # spreadsheets: a document outside a flow (or when asked for) is an import
        busy_intl.create_router(),  # international parcels (a conversation) and manifests
        busy_barcode.create_router(),  # an international parcel's BTS barcode, typed or photographed
        login.create_router(),
        new_order.create_router(),
        orders.create_router(),
        payments.create_router(),
        price.create_router(),
        branches.create_router(),
        tracking.create_router(),
        settings.create_router(),
        busy_scan.create_router(),  # a photo outside a flow is read for barcodes (in one, the step has it)
        busy_inline.create_router(),  # @bot <barcode> in any chat
        fulfillment.create_router(),  # /fulfillment (leaves a fulfillment conversation), the WMS account
        fulfillment_lists.create_router(),  # products, suppliers, deliveries, orders: lists and cards
        fulfillment_flows.create_router(),  # the fulfillment conversations
        fallback.create_router(),  # last: anything nobody else wanted gets a helpful answer
    )
    root.freeze()  # each handler's filters read once: what surely cannot match is passed by
    return root
