"""Domain errors raised by the services (upstream errors live in each API package)."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the bot explains to the user with the message named by ``key``."""

    key = "error-unknown"


class NotLoggedIn(DomainError):
    key = "login-required"


class NotYourOrder(DomainError):
    key = "not-your-order"
