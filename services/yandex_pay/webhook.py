"""Verification of Yandex Pay notifications (``POST <callback>/v1/webhook``).

The body is a bare JWT signed with ES256 (api-notes). Its key is found by ``kid`` in the JWKS
published at ``{host}/api/jwks`` of the merchant API host (``https://pay.yandex.uz/api/jwks``,
sandbox ``https://sandbox.pay.yandex.uz/api/jwks``). Yandex puts ``iat`` and ``exp`` in the JWT
*header* (its documentation shows them there, as strings or numbers); they are read from the
header first and from the claims when a token carries them there instead. Both are required.

What is refused (``WebhookRejected``): anything but ES256 (``none``, HS256 and the rest are
refused before a key is even looked up), a token without ``kid``, a ``kid`` the JWKS does not
hold after one refetch, a bad signature, a missing or past ``exp`` (beyond ``leeway``), an
``iat`` in the future. When the JWKS itself cannot be fetched, ``WebhookKeysUnavailable`` is
raised instead: the notification may be genuine, so the endpoint answers 503 and Yandex
retries later.

Keys are cached for ``cache_ttl`` seconds. An unknown ``kid`` (Yandex rotated its keys) makes
one refetch, at most once per ``min_refetch_interval`` seconds, so a flood of forged tokens with
random kids cannot turn the bot into a JWKS hammer.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import jwt

from services.common.http import default_timeout

log = logging.getLogger(__name__)

ALGORITHM = "ES256"
DEFAULT_CACHE_TTL = 3600.0
DEFAULT_LEEWAY = 60.0
DEFAULT_MIN_REFETCH_INTERVAL = 10.0
MAX_TOKEN_BYTES = 16_384


class WebhookRejected(Exception):
    """The notification cannot be trusted; ``status`` is the HTTP status to answer."""

    def __init__(self, reason: str, *, status: int = 401) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class WebhookKeysUnavailable(Exception):
    """The JWKS could not be fetched: the token can be neither trusted nor refused now."""


def jwks_url_for(merchant_base_url: str) -> str:
    """``https://pay.yandex.uz/api/merchant`` → ``https://pay.yandex.uz/api/jwks`` (same host)."""
    parts = urlsplit(merchant_base_url)
    return urlunsplit((parts.scheme, parts.netloc, "/api/jwks", "", ""))


def _timestamp(value: object, name: str) -> float:
    """``iat`` / ``exp`` as Yandex sends them: an integer or a string of digits."""
    if isinstance(value, bool):
        raise WebhookRejected(f"{name} is not a timestamp")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise WebhookRejected(f"{name} is not a timestamp")


class WebhookVerifier:
    """Checks notification JWTs against one JWKS (one per Yandex environment)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        jwks_url: str,
        *,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        leeway: float = DEFAULT_LEEWAY,
        min_refetch_interval: float = DEFAULT_MIN_REFETCH_INTERVAL,
        clock: Callable[[], float] = time.time,
        timeout: float = 10.0,
    ) -> None:
        self._http = http
        self.jwks_url = jwks_url
        self._cache_ttl = cache_ttl
        self._leeway = leeway
        self._min_refetch = min_refetch_interval
        self._clock = clock
        self._timeout = default_timeout(timeout)
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._last_forced: float | None = None  # the last refetch made for an unknown kid
        self._lock = asyncio.Lock()
        self.fetch_count = 0

    async def verify(self, token: str | bytes) -> dict[str, Any]:
        """The claims of a genuine, unexpired token; raises ``WebhookRejected`` otherwise."""
        text = self._text(token)
        try:
            header = jwt.get_unverified_header(text)
        except jwt.PyJWTError as exc:
            raise WebhookRejected("not a JWT", status=400) from exc
        alg = header.get("alg")
        if alg != ALGORITHM:
            raise WebhookRejected(f"algorithm {alg!r} is not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise WebhookRejected("the token names no key (kid)")
        key = await self._key(kid)
        try:
            claims = jwt.decode(
                text,
                key=key,
                algorithms=[ALGORITHM],
                leeway=self._leeway,
                options={"verify_aud": False, "verify_iss": False},
            )
        except jwt.ExpiredSignatureError as exc:
            raise WebhookRejected("the token has expired") from exc
        except jwt.PyJWTError as exc:
            raise WebhookRejected(f"invalid token: {exc.__class__.__name__}") from exc
        self._check_times(header, claims)
        return claims

    @staticmethod
    def _text(token: str | bytes) -> str:
        if isinstance(token, bytes):
            if len(token) > MAX_TOKEN_BYTES:
                raise WebhookRejected("the body is too large", status=400)
            try:
                token = token.decode("ascii")
            except UnicodeDecodeError as exc:
                raise WebhookRejected("the body is not a JWT", status=400) from exc
        text = token.strip()
        if not text or len(text) > MAX_TOKEN_BYTES:
            raise WebhookRejected("the body is not a JWT", status=400)
        return text

    def _check_times(self, header: Mapping[str, Any], claims: Mapping[str, Any]) -> None:
        now = self._clock()
        exp_value = header.get("exp", claims.get("exp"))
        iat_value = header.get("iat", claims.get("iat"))
        if exp_value is None or iat_value is None:
            raise WebhookRejected("the token lacks iat or exp")
        exp = _timestamp(exp_value, "exp")
        iat = _timestamp(iat_value, "iat")
        if exp + self._leeway < now:
            raise WebhookRejected("the token has expired")
        if iat - self._leeway > now:
            raise WebhookRejected("the token was issued in the future")
        if exp < iat:
            raise WebhookRejected("the token expires before it was issued")

    # --- keys ------------------------------------------------------------------------------------

    async def _key(self, kid: str) -> jwt.PyJWK:
        now = self._clock()
        stale = self._fetched_at is None or now - self._fetched_at > self._cache_ttl
        if stale or kid not in self._keys:
            await self._refresh(kid, force=not stale)
        key = self._keys.get(kid)
        if key is None:
            raise WebhookRejected(f"unknown key id {kid!r}")
        return key

    async def _refresh(self, kid: str, *, force: bool) -> None:
        """Fetch the JWKS (once for many waiting callers). ``force`` is the unknown-kid refetch."""
        async with self._lock:
            now = self._clock()
            fresh = self._fetched_at is not None and now - self._fetched_at <= self._cache_ttl
            if kid in self._keys and fresh:
                return  # another caller fetched it meanwhile
            if force:
                last = self._last_forced
                if last is not None and now - last < self._min_refetch:
                    log.info("yandex webhook: unknown kid %r, last refetch %.1fs ago", kid, now - last)
                    return
                self._last_forced = now
            try:
                keys = await self._fetch()
            except WebhookKeysUnavailable:
                if self._keys and not force:
                    # Keep trusting the keys we had: Yandex rotates rarely, an outage is short.
                    log.warning("yandex webhook: JWKS refetch failed, using the cached keys")
                    return
                raise
            self._keys = keys
            self._fetched_at = now

    async def _fetch(self) -> dict[str, jwt.PyJWK]:
        self.fetch_count += 1
        try:
            response = await self._http.get(self.jwks_url, timeout=self._timeout)
        except httpx.HTTPError as exc:
            raise WebhookKeysUnavailable(f"JWKS unreachable: {exc.__class__.__name__}") from exc
        if response.status_code != 200:
            raise WebhookKeysUnavailable(f"JWKS answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise WebhookKeysUnavailable("JWKS is not JSON") from exc
        entries = body.get("keys") if isinstance(body, Mapping) else None
        if not isinstance(entries, list):
            raise WebhookKeysUnavailable("JWKS has no keys list")
        keys: dict[str, jwt.PyJWK] = {}
        for entry in entries:
            if not isinstance(entry, Mapping):
                continue
            kid = entry.get("kid")
            if not isinstance(kid, str) or entry.get("kty") != "EC" or entry.get("crv") != "P-256":
                continue
            if entry.get("alg") not in (None, ALGORITHM):
                continue
            try:
                keys[kid] = jwt.PyJWK(dict(entry), algorithm=ALGORITHM)
            except jwt.PyJWTError:
                log.warning("yandex webhook: JWKS key %r cannot be read, skipped", kid)
        log.info("yandex webhook: JWKS fetched from %s, %d keys", self.jwks_url, len(keys))
        return keys


__all__ = [
    "WebhookKeysUnavailable",
    "WebhookRejected",
    "WebhookVerifier",
    "jwks_url_for",
]
