"""BTS Express courier API: client, models, errors and routes (seeds 000, 001; api-notes)."""

from services.bts.client import BtsClient, InMemoryTokenStore, TokenStore
from services.bts.errors import (
    BtsAuthError,
    BtsBadResponse,
    BtsConflict,
    BtsError,
    BtsForbidden,
    BtsNotFound,
    BtsOutcomeUnknown,
    BtsRateLimited,
    BtsUnavailable,
    BtsValidationError,
)
from services.bts.models import BtsCredentials
from services.bts.routes import Route, build_url

__all__ = [
    "BtsAuthError",
    "BtsBadResponse",
    "BtsClient",
    "BtsConflict",
    "BtsCredentials",
    "BtsError",
    "BtsForbidden",
    "BtsNotFound",
    "BtsOutcomeUnknown",
    "BtsRateLimited",
    "BtsUnavailable",
    "BtsValidationError",
    "InMemoryTokenStore",
    "Route",
    "TokenStore",
    "build_url",
]
