"""Repositories: one class per aggregate; they take an ``AsyncSession``, never commit, return pydantic."""

from storage.repositories.accounts import AccountRepository
from storage.repositories.addresses import AddressBookRepository
from storage.repositories.branches import BranchCacheRepository
from storage.repositories.orders import OrderRepository
from storage.repositories.outbox import OutboxRepository, retry_delay
from storage.repositories.payments import PaymentRepository, payment_event_key
from storage.repositories.status_events import StatusEventRepository
from storage.repositories.subscriptions import SubscriptionRepository
from storage.repositories.users import UserRepository

__all__ = [
    "AccountRepository",
    "AddressBookRepository",
    "BranchCacheRepository",
    "OrderRepository",
    "OutboxRepository",
    "PaymentRepository",
    "StatusEventRepository",
    "SubscriptionRepository",
    "UserRepository",
    "payment_event_key",
    "retry_delay",
]
