"""Secrets at rest: AES-GCM tokens (Fernet ones still read), the generated key file, several keys,
rotation, and no plaintext on disk."""

from __future__ import annotations

import base64
import logging
import os
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.__main__ import main as storage_main
from storage.crypto import (
    KEY_FILE_NAME,
    TOKEN_PREFIX,
    DecryptionError,
    SecretBox,
    SecretKeyError,
    generate_key,
    load_secret_box,
    parse_keys,
)
from storage.db import create_engine, create_session_factory, upgrade_database
from storage.fsm import SqlStorage
from storage.rotation import rotate_secrets
from storage.uow import UnitOfWork, unit_of_work
from tests.storage.conftest import FSM_KEY as KEY
from tests.storage.conftest import sqlite_url


def test_round_trip_and_tokens_differ() -> None:
    box = SecretBox([generate_key()])
    first, second = box.encrypt("pässwörd"), box.encrypt("pässwörd")
    assert first != second
    assert "pässwörd" not in first
    assert box.decrypt(first) == box.decrypt(second) == "pässwörd"
    assert box.encrypt_optional(None) is None and box.decrypt_optional(None) is None


def test_tokens_are_aes_gcm_and_earlier_fernet_tokens_still_read() -> None:
    key = generate_key()
    box = SecretBox([key])
    token = box.encrypt("draft")
    assert token.startswith(TOKEN_PREFIX)
    fernet_token = Fernet(key).encrypt(b"written before").decode()
    assert box.decrypt(fernet_token) == "written before"
    rotated = box.rotate(fernet_token)
    assert rotated.startswith(TOKEN_PREFIX) and box.decrypt(rotated) == "written before"


def test_a_tampered_or_foreign_token_is_refused() -> None:
    box = SecretBox([generate_key()])
    token = box.encrypt("secret")
    raw = bytearray(base64.urlsafe_b64decode(token[len(TOKEN_PREFIX) :]))
    raw[-1] ^= 1  # one bit of the tag
    tampered = TOKEN_PREFIX + base64.urlsafe_b64encode(bytes(raw)).decode()
    for bad in (tampered, TOKEN_PREFIX + "!!", TOKEN_PREFIX, SecretBox([generate_key()]).encrypt("x")):
        with pytest.raises(DecryptionError):
            box.decrypt(bad)


def test_key_file_is_generated_with_mode_0600_and_reused(tmp_path: Path) -> None:
    key_dir = tmp_path / "data"
    box = load_secret_box(None, key_dir)
    path = key_dir / KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = box.encrypt("secret")
    again = load_secret_box("", key_dir)  # empty SECRET_KEY counts as unset
    assert again.decrypt(token) == "secret"
    assert list(key_dir.iterdir()) == [path]  # no temporary file left behind


def test_secret_key_setting_wins_and_writes_no_file(tmp_path: Path) -> None:
    key = generate_key()
    box = load_secret_box(key, tmp_path)
    assert SecretBox([key]).decrypt(box.encrypt("x")) == "x"
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_first_key_encrypts_every_key_decrypts() -> None:
    old, new = generate_key(), generate_key()
    old_token = SecretBox([old]).encrypt("s")
    both = load_secret_box(f" {new} , {old} ", Path("unused"))
    assert both.key_count == 2
    assert both.decrypt(old_token) == "s"
    assert SecretBox([new]).decrypt(both.encrypt("t")) == "t"  # written with the new key
    with pytest.raises(DecryptionError):
        SecretBox([new]).decrypt(old_token)
    assert SecretBox([new]).decrypt(both.rotate(old_token)) == "s"


def test_bad_keys_are_refused_without_echoing_them(tmp_path: Path) -> None:
    with pytest.raises(SecretKeyError) as caught:
        load_secret_box("not-a-fernet-key-at-all", tmp_path)
    assert "not-a-fernet-key" not in str(caught.value)
    (tmp_path / KEY_FILE_NAME).write_text("# only a comment\n")
    with pytest.raises(SecretKeyError):
        load_secret_box(None, tmp_path)
    with pytest.raises(SecretKeyError):
        SecretBox([])
    with pytest.raises(DecryptionError):
        SecretBox([generate_key()]).decrypt("garbage")


def test_key_file_may_hold_several_keys_and_comments() -> None:
    assert parse_keys("# new first\nAAA\n\nBBB, CCC\n") == ["AAA", "BBB", "CCC"]


def test_exposed_key_file_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / KEY_FILE_NAME
    path.write_text(generate_key())
    os.chmod(path, 0o644)
    with caplog.at_level(logging.WARNING, logger="storage.crypto"):
        load_secret_box(None, tmp_path)
    assert "readable by other users" in caplog.text
    assert path.read_text() not in caplog.text


def test_repr_does_not_show_keys() -> None:
    key = generate_key()
    assert key not in repr(SecretBox([key]))


async def _store_secrets(factory: async_sessionmaker[AsyncSession], box: SecretBox) -> None:
    async with unit_of_work(factory, box) as uow:
        await uow.users.get_or_create(1)
        account = await uow.accounts.save_bts(
            1, username="merchant-login", inn="301234567", password="BtsPassw0rd!"
        )
        await uow.accounts.set_bts_token(account.id, "bts-token-XYZ-123")
        wms = await uow.accounts.save_wms(1, login="998901234567", password="WmsPassw0rd!")
        await uow.accounts.set_wms_tokens(
            wms.id, access_token="wms-access-AAA", refresh_token="wms-refresh-BBB"
        )
        await uow.accounts.save_yandex(
            1, merchant_id="merchant-42", api_key="yandex-api-key-CCC", sandbox=True
        )
    fsm = SqlStorage(factory, box=box)
    await fsm.set_data(KEY, {"step": "password", "password": "FsmDraftPassw0rd!"})
    await fsm.flush()


PLAINTEXTS = (
    "BtsPassw0rd!",
    "bts-token-XYZ-123",
    "WmsPassw0rd!",
    "wms-access-AAA",
    "wms-refresh-BBB",
    "yandex-api-key-CCC",
    "FsmDraftPassw0rd!",
)


async def test_database_file_holds_no_plaintext_secret_or_key(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "data" / "bot.sqlite3")
    await upgrade_database(url)
    box = load_secret_box(None, tmp_path / "data")
    engine = create_engine(url)
    try:
        await _store_secrets(create_session_factory(engine), box)
        async with unit_of_work(create_session_factory(engine), box) as uow:  # and they read back
            account = (await uow.accounts.list_bts(1))[0]
            assert account.password.get_secret_value() == "BtsPassw0rd!"
            assert account.token is not None and account.token.get_secret_value() == "bts-token-XYZ-123"
    finally:
        await engine.dispose()
    key = (tmp_path / "data" / KEY_FILE_NAME).read_text().strip()
    database_files = [p for p in (tmp_path / "data").iterdir() if p.name != KEY_FILE_NAME]
    blob = b"".join(p.read_bytes() for p in database_files)
    assert b"merchant-login" in blob and b"merchant-42" in blob  # the scan does see stored text
    for secret in (*PLAINTEXTS, key):
        assert secret.encode() not in blob, secret


async def test_rotation_re_encrypts_everything_with_the_new_key(
    session_factory: async_sessionmaker[AsyncSession], session: AsyncSession
) -> None:
    old, new = generate_key(), generate_key()
    await _store_secrets(session_factory, SecretBox([old]))
    rotated = await rotate_secrets(session_factory, SecretBox([new, old]))
    assert rotated == 7  # bts password+token, wms password+2 tokens, yandex key, fsm data

    only_new = SecretBox([new])
    uow = UnitOfWork(session, only_new)
    bts = (await uow.accounts.list_bts(1))[0]
    wms = (await uow.accounts.list_wms(1))[0]
    yandex = await uow.accounts.get_yandex(1)
    assert bts.password.get_secret_value() == "BtsPassw0rd!"
    assert wms.refresh_token is not None and wms.refresh_token.get_secret_value() == "wms-refresh-BBB"
    assert yandex is not None and yandex.api_key.get_secret_value() == "yandex-api-key-CCC"
    assert (await SqlStorage(session_factory, box=only_new).get_data(KEY))["password"] == "FsmDraftPassw0rd!"
    with pytest.raises(DecryptionError):  # a value no key can read stops the run
        await rotate_secrets(session_factory, SecretBox([generate_key()]))


def test_rotate_keys_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    monkeypatch.chdir(tmp_path)
    url = sqlite_url(tmp_path / "data" / "bot.sqlite3")
    old, new = generate_key(), generate_key()
    monkeypatch.setenv("DATABASE_URL", url)

    async def prepare() -> None:
        await upgrade_database(url)
        engine = create_engine(url)
        try:
            await _store_secrets(create_session_factory(engine), SecretBox([old]))
        finally:
            await engine.dispose()

    async def read_with(key: str) -> str:
        engine = create_engine(url)
        try:
            async with unit_of_work(create_session_factory(engine), SecretBox([key])) as uow:
                return (await uow.accounts.list_bts(1))[0].password.get_secret_value()
        finally:
            await engine.dispose()

    asyncio.run(prepare())
    monkeypatch.setenv("SECRET_KEY", f"{new},{old}")
    assert storage_main(["rotate-keys"]) == 0
    assert "re-encrypted 7 stored secrets" in capsys.readouterr().out
    assert asyncio.run(read_with(new)) == "BtsPassw0rd!"
