"""Telegram's flood limits as sliding one-second windows, with an injectable clock.

Defaults mirror what Telegram documents for bots: at most 30 messages per second overall and
about one message per second per chat. ``per_chat`` can be raised to allow a short burst (Telegram
tolerates small bursts in a private chat; the default stays strict at 1 because a benchmark
measures against it). Only accepted sends take a slot: a request answered with 429 does not.

``retry_after`` is whole seconds, at least 1, rounded up, as Telegram sends it.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class RateLimits:
    enabled: bool = True
    per_chat: int = 1
    overall: int = 30
    window: float = 1.0


class FakeClock:
    """A monotonic clock a test moves by hand: ``clock.advance(0.5)``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class RateLimiter:
    limits: RateLimits = field(default_factory=RateLimits)
    clock: Callable[[], float] = time.monotonic
    _overall: deque[float] = field(default_factory=deque)
    _per_chat: dict[int, deque[float]] = field(default_factory=dict)

    def _prune(self, window: deque[float], now: float) -> None:
        while window and now - window[0] >= self.limits.window:
            window.popleft()

    def _wait(self, window: deque[float], now: float, limit: int) -> float:
        self._prune(window, now)
        if len(window) < limit:
            return 0.0
        return self.limits.window - (now - window[len(window) - limit])

    def check(self, chat_id: int) -> int | None:
        """Seconds to wait (Telegram's retry_after) if a send to ``chat_id`` now is over a limit."""
        if not self.limits.enabled:
            return None
        now = self.clock()
        wait = max(
            self._wait(self._overall, now, self.limits.overall),
            self._wait(self._per_chat.setdefault(chat_id, deque()), now, self.limits.per_chat),
        )
        if wait <= 0:
            return None
        return max(1, math.ceil(wait))

    def record(self, chat_id: int) -> None:
        if not self.limits.enabled:
            return
        now = self.clock()
        self._overall.append(now)
        self._per_chat.setdefault(chat_id, deque()).append(now)

    def reset(self) -> None:
        self._overall.clear()
        self._per_chat.clear()
