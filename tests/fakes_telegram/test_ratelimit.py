"""The sliding-window flood limiter, driven by a hand-moved clock (no sleeping)."""

from __future__ import annotations

from tests.fakes.telegram.ratelimit import FakeClock, RateLimiter, RateLimits


def _limiter(**kwargs: object) -> tuple[RateLimiter, FakeClock]:
    clock = FakeClock()
    return RateLimiter(RateLimits(**kwargs), clock), clock  # type: ignore[arg-type]


def test_one_message_per_second_per_chat() -> None:
    limiter, clock = _limiter()
    assert limiter.check(1) is None
    limiter.record(1)
    assert limiter.check(1) == 1
    assert limiter.check(2) is None  # another chat is unaffected
    clock.advance(0.999)
    assert limiter.check(1) == 1  # still inside the window, retry_after rounds up to whole seconds
    clock.advance(0.001)
    assert limiter.check(1) is None


def test_thirty_messages_per_second_overall() -> None:
    limiter, clock = _limiter()
    for chat in range(30):
        assert limiter.check(chat) is None
        limiter.record(chat)
        clock.advance(0.01)
    assert limiter.check(99) == 1
    clock.advance(0.71)  # the first send (at t=0) leaves the window at t=1.0
    assert limiter.check(99) is None
    limiter.record(99)
    assert limiter.check(100) == 1  # the second send (t=0.01) is still in the window


def test_retry_after_follows_the_window() -> None:
    limiter, clock = _limiter(per_chat=1, window=3.0)
    limiter.record(5)
    clock.advance(0.5)
    assert limiter.check(5) == 3  # 2.5 s left, rounded up


def test_burst_allowance_per_chat() -> None:
    limiter, _ = _limiter(per_chat=3)
    for _ in range(3):
        assert limiter.check(7) is None
        limiter.record(7)
    assert limiter.check(7) == 1


def test_disabled_limiter_never_refuses() -> None:
    limiter, _ = _limiter(enabled=False)
    for _ in range(100):
        assert limiter.check(1) is None
        limiter.record(1)
