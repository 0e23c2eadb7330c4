"""A local Telegram Bot API stand-in: ``TelegramFake`` (server.py) and its fixtures (fixtures.py)."""

from tests.fakes.telegram.media import tiny_png
from tests.fakes.telegram.models import ChatLog, ChatMessage, FakeUser, StoredFile, UserAction
from tests.fakes.telegram.ratelimit import FakeClock, RateLimiter, RateLimits
from tests.fakes.telegram.server import ControlError, TelegramApiError, TelegramFake

__all__ = [
    "ChatLog",
    "ChatMessage",
    "ControlError",
    "FakeClock",
    "FakeUser",
    "RateLimiter",
    "RateLimits",
    "StoredFile",
    "TelegramApiError",
    "TelegramFake",
    "UserAction",
    "tiny_png",
]
