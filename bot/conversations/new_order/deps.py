"""Typed access to the services a new-order step uses (from the handler data of the update)."""

from __future__ import annotations

from typing import Any, cast

from bot.conversation import Turn
from bot.conversations.city_picker import branches
from services.drafts import OrderDraft
from services.orders import OrderService
from services.users import UserProfile

OrderTurn = Turn[OrderDraft]
__all__ = ["OrderTurn", "branches", "orders", "profile"]


def orders(turn: Turn[Any]) -> OrderService:
    return cast(OrderService, turn.deps["orders"])


def profile(turn: Turn[Any]) -> UserProfile:
    return cast(UserProfile, turn.deps["profile"])
