"""Encryption of the secrets we keep (passwords, tokens, API keys, conversation drafts), with key
rotation.

``SECRET_KEY`` holds one or more keys (Fernet's format: 32 url-safe base64 bytes) separated by
commas. The first key encrypts; every key decrypts. To rotate: put a new key first
(``SECRET_KEY=new,old``), run ``python -m storage rotate-keys`` (re-encrypts every secret column
with the new key), then remove the old key.

Tokens are AES-256-GCM (``cryptography``'s ``AESGCM``): ``g1.`` then, in url-safe base64, the
key's 4-byte id, a random 12-byte nonce and the ciphertext with its tag; the cipher key is
derived from the configured key with HKDF-SHA256. AES-GCM is authenticated like Fernet (which
earlier versions wrote, and which every key still decrypts) and several times cheaper, which
counts on the conversation's write before every answer. A random nonce keeps one key safe for
2³² encryptions (NIST SP 800-38D); rotate the key long before (a busy bot writes a few million
a year).

When ``SECRET_KEY`` is not set, a key is generated on the first run into ``secret.key`` beside
the database (mode 0600) and reused afterwards; that file may also hold several keys, one per
line, first one encrypting, and is rotated the same way.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import logging
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.files import private_dir

logger = logging.getLogger(__name__)

KEY_FILE_NAME = "secret.key"
TOKEN_PREFIX = "g1."  # an AES-GCM token (a Fernet token starts with "gAAAAA")
_KEY_ID_SIZE = 4
_NONCE_SIZE = 12
_HKDF_INFO = b"bts-bot secretbox aes-256-gcm v1"


class SecretKeyError(ValueError):
    """The configured key material is unusable (the message never contains the key)."""


class DecryptionError(Exception):
    """A stored secret could not be decrypted with any configured key."""


class SecretBox:
    """Encrypts and decrypts short strings. Tokens are URL-safe ASCII strings, fit for a TEXT column."""

    def __init__(self, keys: Sequence[str | bytes]) -> None:
        if not keys:
            raise SecretKeyError("at least one Fernet key is required")
        fernets: list[Fernet] = []
        self._ciphers: dict[bytes, AESGCM] = {}  # key id -> cipher, the first key's first
        for position, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key))
                raw = base64.urlsafe_b64decode(key)
            except (ValueError, TypeError) as exc:
                raise SecretKeyError(
                    f"secret key #{position} is not a valid Fernet key (32 url-safe base64 bytes)"
                ) from exc
            derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(raw)
            key_id = hashlib.sha256(b"key-id:" + derived).digest()[:_KEY_ID_SIZE]
            self._ciphers.setdefault(key_id, AESGCM(derived))
        self._multi = MultiFernet(fernets)  # tokens written before AES-GCM
        self._key_id = next(iter(self._ciphers))
        self._cipher = self._ciphers[self._key_id]
        first = keys[0].encode("ascii") if isinstance(keys[0], str) else keys[0]
        self._digest_key = hashlib.sha256(b"digest:" + base64.urlsafe_b64decode(first)).digest()
        self.key_count = len(fernets)

    def __repr__(self) -> str:
        return f"SecretBox(keys={self.key_count})"

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(_NONCE_SIZE)
        sealed = self._cipher.encrypt(nonce, plaintext.encode("utf-8"), self._key_id)
        return TOKEN_PREFIX + base64.urlsafe_b64encode(self._key_id + nonce + sealed).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            if token.startswith(TOKEN_PREFIX):
                return self._open(token).decode("utf-8")
            return self._multi.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, InvalidTag, ValueError) as exc:  # UnicodeError and bad base64 too
            raise DecryptionError("stored secret cannot be decrypted with the configured keys") from exc

    def _open(self, token: str) -> bytes:
        raw = base64.urlsafe_b64decode(token[len(TOKEN_PREFIX) :].encode("ascii"))
        key_id, nonce = raw[:_KEY_ID_SIZE], raw[_KEY_ID_SIZE : _KEY_ID_SIZE + _NONCE_SIZE]
        cipher = self._ciphers.get(key_id)
        if cipher is None or len(nonce) != _NONCE_SIZE:
            raise InvalidTag
        return cipher.decrypt(nonce, raw[_KEY_ID_SIZE + _NONCE_SIZE :], key_id)

    def rotate(self, token: str) -> str:
        """Re-encrypt a token with the first key (it must decrypt with one of the keys)."""
        return self.encrypt(self.decrypt(token))

    def digest(self, text: str, *, size: int = 16) -> str:
        """A keyed, stable digest of ``text`` (HMAC-SHA256 under the encrypting key), ``size`` hex digits.

        For identifiers that must be the same for the same input (an idempotency key) and still
        unguessable without the key. A rotated key gives other digests.
        """
        mac = hmac.new(self._digest_key, text.encode("utf-8"), hashlib.sha256)
        return mac.hexdigest()[:size]

    def encrypt_optional(self, plaintext: str | None) -> str | None:
        return None if plaintext is None else self.encrypt(plaintext)

    def decrypt_optional(self, token: str | None) -> str | None:
        return None if token is None else self.decrypt(token)


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def parse_keys(text: str) -> list[str]:
    """Keys separated by commas or newlines; blanks and ``#`` comment lines are ignored."""
    keys: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keys.extend(part.strip() for part in line.split(",") if part.strip())
    return keys


def load_secret_box(secret_key: str | None, key_dir: Path) -> SecretBox:
    """Build the box from ``SECRET_KEY``, or from (a newly generated) ``key_dir/secret.key``.

    Synchronous file I/O: call it once at start-up, before serving updates.
    """
    if secret_key is not None and secret_key.strip():
        return SecretBox(parse_keys(secret_key))
    path = key_dir / KEY_FILE_NAME
    if not path.exists():
        _create_key_file(path)
    _warn_if_exposed(path)
    keys = parse_keys(path.read_text(encoding="ascii"))
    if not keys:
        raise SecretKeyError(f"key file {path} holds no key")
    return SecretBox(keys)


def _create_key_file(path: Path) -> None:
    """Write a fresh key with mode 0600, atomically: two processes starting at once agree on one key."""
    private_dir(path.parent)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the umask cannot widen it, but be explicit
        os.write(fd, (generate_key() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)  # fails if another process created the file first: keep theirs
        logger.warning("SECRET_KEY is not set: generated a new key in %s; back it up with the database", path)
    except FileExistsError:
        pass
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _warn_if_exposed(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning("key file %s is readable by other users; run: chmod 600 %s", path, path)
