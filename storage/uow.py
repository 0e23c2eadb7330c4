"""One transaction per use case.

A service method opens one unit of work, calls as many repositories as it needs, and the unit of
work commits once at the end (or rolls back if anything raised)::

    async with unit_of_work(session_factory, box) as uow:
        order = await uow.orders.get_by_barcode(barcode)
        await uow.subscriptions.subscribe(chat_id, order.id)

Repositories never commit. A service method that opens its own session for a read (or a write
it commits itself) wraps that session instead: ``UnitOfWork(session, box)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.repositories import (
    AccountRepository,
    AddressBookRepository,
    BranchCacheRepository,
    OrderRepository,
    OutboxRepository,
    PaymentRepository,
    StatusEventRepository,
    SubscriptionRepository,
    UserRepository,
)
from storage.repositories.fulfillment import FulfillmentRepository


class UnitOfWork:
    """The repositories over one session (built on first use)."""

    def __init__(self, session: AsyncSession, box: SecretBox) -> None:
        self.session = session
        self.box = box

    @cached_property
    def users(self) -> UserRepository:
        return UserRepository(self.session)

    @cached_property
    def accounts(self) -> AccountRepository:
        return AccountRepository(self.session, self.box)

    @cached_property
    def addresses(self) -> AddressBookRepository:
        return AddressBookRepository(self.session)

    @cached_property
    def orders(self) -> OrderRepository:
        return OrderRepository(self.session)

    @cached_property
    def status_events(self) -> StatusEventRepository:
        return StatusEventRepository(self.session)

    @cached_property
    def subscriptions(self) -> SubscriptionRepository:
        return SubscriptionRepository(self.session)

    @cached_property
    def payments(self) -> PaymentRepository:
        return PaymentRepository(self.session)

    @cached_property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self.session)

    @cached_property
    def branches(self) -> BranchCacheRepository:
        return BranchCacheRepository(self.session)

    @cached_property
    def fulfillment(self) -> FulfillmentRepository:
        return FulfillmentRepository(self.session, self.box)


@asynccontextmanager
async def unit_of_work(
    session_factory: async_sessionmaker[AsyncSession], box: SecretBox
) -> AsyncIterator[UnitOfWork]:
    """A new session in a transaction: committed when the block ends, rolled back if it raises."""
    async with session_factory() as session, session.begin():
        yield UnitOfWork(session, box)
