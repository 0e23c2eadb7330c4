"""Tracking subscriptions (a chat follows an order) and per-chat notification preferences."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatPreferences, Subscription
from storage.repositories._sql import insert_for
from storage.schemas import ChatPreferencesRecord, SubscriptionRecord
from storage.types import utc_now

_IN_BATCH = 500  # ids per IN (...) list


def _preferences(chat_id: int, row: ChatPreferences | None) -> ChatPreferencesRecord:
    if row is None:
        return ChatPreferencesRecord(chat_id=chat_id)
    return ChatPreferencesRecord.model_validate(row)


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def subscribe(self, chat_id: int, order_id: int, *, now: datetime | None = None) -> bool:
        """Follow the order; ``False`` if the chat already did (idempotent)."""
        stmt = (
            insert_for(self.session, Subscription)
            .values(chat_id=chat_id, order_id=order_id, created_at=now or utc_now())
            .on_conflict_do_nothing(index_elements=[Subscription.chat_id, Subscription.order_id])
            .returning(Subscription.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def unsubscribe(self, chat_id: int, order_id: int) -> bool:
        result = await self.session.execute(
            delete(Subscription)
            .where(Subscription.chat_id == chat_id, Subscription.order_id == order_id)
            .returning(Subscription.id)
        )
        return result.first() is not None

    async def is_subscribed(self, chat_id: int, order_id: int) -> bool:
        found = await self.session.scalar(
            select(Subscription.id).where(Subscription.chat_id == chat_id, Subscription.order_id == order_id)
        )
        return found is not None

    async def list_for_chat(self, chat_id: int) -> list[SubscriptionRecord]:
        rows = await self.session.scalars(
            select(Subscription)
            .where(Subscription.chat_id == chat_id)
            .order_by(Subscription.created_at.desc(), Subscription.id.desc())
        )
        return [SubscriptionRecord.model_validate(row) for row in rows]

    async def subscribers(self, order_id: int) -> list[ChatPreferencesRecord]:
        """The chats following the order, each with its preferences (defaults when never set)."""
        result = await self.session.execute(
            select(Subscription.chat_id, ChatPreferences)
            .outerjoin(ChatPreferences, ChatPreferences.chat_id == Subscription.chat_id)
            .where(Subscription.order_id == order_id)
            .order_by(Subscription.chat_id)
        )
        return [_preferences(chat_id, prefs) for chat_id, prefs in result]

    async def subscribers_for(self, order_ids: Collection[int]) -> dict[int, list[ChatPreferencesRecord]]:
        """:meth:`subscribers` for many orders in one query; orders nobody follows are left out."""
        found: dict[int, list[ChatPreferencesRecord]] = {}
        ids = sorted(set(order_ids))
        for start in range(0, len(ids), _IN_BATCH):
            result = await self.session.execute(
                select(Subscription.order_id, Subscription.chat_id, ChatPreferences)
                .outerjoin(ChatPreferences, ChatPreferences.chat_id == Subscription.chat_id)
                .where(Subscription.order_id.in_(ids[start : start + _IN_BATCH]))
                .order_by(Subscription.order_id, Subscription.chat_id)
            )
            for order_id, chat_id, prefs in result:
                found.setdefault(order_id, []).append(_preferences(chat_id, prefs))
        return found

    async def preferences_for(self, chat_ids: Collection[int]) -> dict[int, ChatPreferencesRecord]:
        """:meth:`get_preferences` for many chats in one query (defaults for chats without a row)."""
        ids = sorted(set(chat_ids))
        stored: dict[int, ChatPreferences] = {}
        for start in range(0, len(ids), _IN_BATCH):
            rows = await self.session.scalars(
                select(ChatPreferences)
                .where(ChatPreferences.chat_id.in_(ids[start : start + _IN_BATCH]))
                .execution_options(populate_existing=True)
            )
            stored.update((row.chat_id, row) for row in rows)
        return {chat_id: _preferences(chat_id, stored.get(chat_id)) for chat_id in ids}

    async def get_preferences(self, chat_id: int) -> ChatPreferencesRecord:
        row = await self.session.get(ChatPreferences, chat_id, populate_existing=True)
        return _preferences(chat_id, row)

    async def set_preferences(
        self, preferences: ChatPreferencesRecord, *, now: datetime | None = None
    ) -> None:
        values = preferences.model_dump()
        values["updated_at"] = now or utc_now()
        stmt = insert_for(self.session, ChatPreferences).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[ChatPreferences.chat_id],
            set_={name: stmt.excluded[name] for name in values if name != "chat_id"},
        )
        await self.session.execute(stmt)
