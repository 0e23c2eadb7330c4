"""Redis for several processes: the client, and the push rate limit all senders share.

Conversations (aiogram's ``RedisStorage``) and the per-chat update lock (``RedisEventIsolation``)
are aiogram's own and are wired in ``bot.app``; this module holds what is ours:

:class:`RedisRateLimiter` spaces sends of *all* processes ``1 / rate`` seconds apart: one Lua
script keeps the next free moment (by the Redis server's clock, so processes on different
machines agree) and hands each caller its own slot. No one-second window sees more than
``rate + 1`` sends, however many workers there are.
"""

from __future__ import annotations

import asyncio
from typing import Any

from redis.asyncio import Redis

RedisClient = Redis

# KEYS[1]: the next free moment (seconds, server clock). ARGV[1]: the spacing in seconds.
# Returns the seconds this caller waits for its slot (as a string: Lua numbers become integers).
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local spacing = tonumber(ARGV[1])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free < now then free = now end
redis.call('SET', KEYS[1], tostring(free + spacing), 'PX', math.ceil((free - now + spacing) * 1000) + 1000)
return tostring(free - now)
"""


def create_redis(url: str) -> RedisClient:
    """A client for ``REDIS_URL`` (``redis://host:port/db``); connections open on first use."""
    client: RedisClient = Redis.from_url(url)
    return client


class RedisRateLimiter:
    """``rate`` sends a second across every process using the same Redis and ``key``."""

    def __init__(self, redis: RedisClient, key: str, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._key = key
        self._spacing = 1.0 / rate
        self._script: Any = redis.register_script(_RESERVE)

    async def acquire(self) -> None:
        wait = float(await self._script(keys=[self._key], args=[repr(self._spacing)]))
        if wait > 0:
            await asyncio.sleep(wait)

    def drain(self) -> None:
        """After a 429: nothing saved up to spend (slots are strictly spaced already)."""
