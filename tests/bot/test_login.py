"""Seller login: password deleted, INN validated, real get-token check, nothing stored on failure."""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import BotHarness
from tests.bot.flows import onboard
from tests.bot.mocked import joined


async def test_login_deletes_password_checks_inn_and_stores_encrypted(
    harness: BotHarness, tmp_path: Path
) -> None:
    harness.fake.add_account("merchant", "S3cret-Pa55", "111222333")
    ali = harness.user()
    await onboard(ali, "en", "s")
    assert "password" in joined(await ali.send("merchant"))
    sent = await ali.send("S3cret-Pa55")
    assert any(s.method == "DeleteMessage" for s in sent), "the password message must be deleted"
    assert "9 digits" in joined(await ali.send("12345"))
    sent = await ali.send("111222333")
    assert "Logged in as <b>merchant</b>" in joined(sent)
    profile = await harness.services.users.load(ali.user.id)
    assert profile.is_seller
    assert harness.fake.count("v1/auth/get-token") >= 1
    raw = (tmp_path / "bot.sqlite3").read_bytes() + (tmp_path / "bot.sqlite3-wal").read_bytes()
    assert b"S3cret-Pa55" not in raw
    token = await harness.services.bts.cached_token(
        (await harness.services.accounts.require(ali.user.id)).credentials
    )
    assert token and token.encode() not in raw


async def test_wrong_password_stores_nothing_and_asks_again(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali, "en", "s")
    await ali.send("demo")
    await ali.send("wrong")
    sent = await ali.send("123456789")
    assert "did not accept" in joined(sent)
    assert await harness.services.accounts.find(ali.user.id) is None
    sent = await ali.send("demo")  # the retry starts at the username
    assert "password" in joined(sent)


async def test_wrong_inn_asks_inn_again(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali, "en", "s")
    await ali.send("demo")
    await ali.send("demo123")
    sent = await ali.send("987654321")
    assert "INN is wrong" in joined(sent)
    sent = await ali.send("123456789")
    assert "Logged in" in joined(sent)


async def test_logout_forgets_credentials(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali, "en", "s")
    await ali.send("demo")
    await ali.send("demo123")
    await ali.send("123456789")
    sent = await ali.send("/logout")
    assert "logged out" in joined(sent)
    assert await harness.services.accounts.find(ali.user.id) is None
    assert not (await harness.services.users.load(ali.user.id)).is_seller


async def test_the_password_never_reaches_the_conversation_storage(harness: BotHarness) -> None:
    ali = harness.user()
    await onboard(ali, "en", "s")
    await ali.send("demo")
    await ali.send("demo123")
    await harness.storage.flush()
    from aiogram.fsm.storage.base import StorageKey

    data = await harness.storage.get_data(
        StorageKey(bot_id=harness.bot.id, chat_id=ali.user.id, user_id=ali.user.id)
    )
    assert "demo123" not in str(data)
    # After a restart the password is gone from memory too: the bot asks for it again, politely.
    await harness.services.accounts.drop_password(ali.user.id)
    sent = await ali.send("123456789")
    assert "password" in joined(sent)
    await ali.send("demo123")
    assert "Logged in" in joined(await ali.send("123456789"))
