"""Every fulfillment conversation: importing this module registers them with ``engine`` (the
routers are built per dispatcher by the fulfillment handlers)."""

from __future__ import annotations

from bot.conversations.fulfillment.catalog_flows import PRODUCT, PURVEYOR, RECEIVING
from bot.conversations.fulfillment.engine import Flow
from bot.conversations.fulfillment.order_flow import ORDER

ALL: tuple[Flow, ...] = (PRODUCT, PURVEYOR, RECEIVING, ORDER)
