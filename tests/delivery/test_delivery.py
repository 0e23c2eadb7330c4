"""Taking updates in without losing or repeating one (SQLite, no servers needed): the ledger, the
polling loop that confirms only handled updates, the webhook handler, and whole request bodies."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiogram import Dispatcher, F
from aiogram.types import Message

from bot.updates import UpdateHandler, poll_updates
from bot.web import MAX_BODY, TelegramWebhook, create_web_app, start_web
from storage.db import create_engine, upgrade_database
from storage.types import utc_now
from storage.updates import Claim, UpdateLedger
from tests.fakes.telegram import TelegramFake
from tests.fakes.telegram.fixtures import make_bot
from tests.sandbox.process import free_port


async def make_ledger(tmp_path: Path, stale: float = 60.0) -> UpdateLedger:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    await upgrade_database(url)
    return UpdateLedger(create_engine(url), stale_after=timedelta(seconds=stale))


async def test_ledger_claims_once_takes_over_stale_claims_and_releases(tmp_path: Path) -> None:
    ledger = await make_ledger(tmp_path, stale=30)
    try:
        assert await ledger.claim(1) is Claim.MINE
        assert await ledger.claim(1) is Claim.BUSY  # another process handles it right now
        later = utc_now() + timedelta(seconds=31)
        assert await ledger.claim(1, now=later) is Claim.MINE  # its process died: taken over
        await ledger.finish(1)
        assert await ledger.claim(1, now=later) is Claim.DONE
        assert await ledger.claim(2) is Claim.MINE
        await ledger.release(2)  # stopped before it took effect: the next delivery handles it
        assert await ledger.claim(2) is Claim.MINE
        assert await ledger.purge(now=utc_now() + timedelta(days=3)) == 2
    finally:
        await ledger._engine.dispose()


def echo_dispatcher(gate: asyncio.Event, seen: list[str]) -> Dispatcher:
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        seen.append(message.text or "")
        if message.text == "slow":
            await gate.wait()
        await message.answer(f"echo {message.text}")

    return dp


async def test_polling_confirms_only_handled_updates(tmp_path: Path, telegram_fake: TelegramFake) -> None:
    ledger = await make_ledger(tmp_path)
    bot = make_bot(telegram_fake)
    gate = asyncio.Event()
    seen: list[str] = []
    user = telegram_fake.add_user(555)
    handler = UpdateHandler(echo_dispatcher(gate, seen), bot, ledger, storage=None, exclusive=True)
    stop = asyncio.Event()
    poller = asyncio.create_task(poll_updates(handler, stop, poll_timeout=1))
    try:
        telegram_fake.send_text(user.id, "slow")
        telegram_fake.send_text(user.id, "fast")
        await telegram_fake.wait_for_text(user.id, "echo fast", timeout=5)
        # "slow" is still being handled: Telegram still holds it (and what came after it).
        assert [u["message"]["text"] for u in telegram_fake.pending_updates][:1] == ["slow"]
        gate.set()
        await telegram_fake.wait_for_text(user.id, "echo slow", timeout=5)
        await telegram_fake.wait_until(lambda: not telegram_fake.pending_updates or None, timeout=5)
    finally:
        stop.set()
        await asyncio.wait_for(poller, 10)
        await bot.session.close()
        await ledger._engine.dispose()
    assert sorted(seen) == ["fast", "slow"]  # each handled once, though "fast" was fetched again


async def test_a_handled_update_delivered_again_after_a_restart_is_not_handled_twice(
    tmp_path: Path, telegram_fake: TelegramFake
) -> None:
    ledger = await make_ledger(tmp_path)
    bot = make_bot(telegram_fake)
    seen: list[str] = []
    gate = asyncio.Event()
    gate.set()
    user = telegram_fake.add_user(556)
    action = telegram_fake.send_text(user.id, "hello")
    assert action.update is not None
    # A previous process handled it and died before confirming it.
    assert await ledger.claim(action.update["update_id"]) is Claim.MINE
    await ledger.finish(action.update["update_id"])
    handler = UpdateHandler(echo_dispatcher(gate, seen), bot, ledger, storage=None, exclusive=True)
    stop = asyncio.Event()
    poller = asyncio.create_task(poll_updates(handler, stop, poll_timeout=1))
    try:
        telegram_fake.send_text(user.id, "next")
        await telegram_fake.wait_for_text(user.id, "echo next", timeout=5)
    finally:
        stop.set()
        await asyncio.wait_for(poller, 10)
        await bot.session.close()
        await ledger._engine.dispose()
    assert seen == ["next"]


async def _post(url: str, body: Any, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as http, http.post(url, json=body, headers=headers or {}) as response:
        return response.status


async def test_webhook_refuses_a_wrong_secret_and_answers_after_handling(
    tmp_path: Path, telegram_fake: TelegramFake
) -> None:
    ledger = await make_ledger(tmp_path)
    bot = make_bot(telegram_fake)
    gate = asyncio.Event()
    gate.set()
    seen: list[str] = []
    dp = echo_dispatcher(gate, seen)
    webhook = TelegramWebhook(dp, bot, UpdateHandler(dp, bot, ledger, storage=None), "s3cret")
    port = free_port()
    app = create_web_app(_NoPayments(), telegram=webhook, telegram_path="/tg")  # type: ignore[arg-type]
    runner = await start_web(app, "127.0.0.1", port)
    user = telegram_fake.add_user(557)
    update = {
        "update_id": 42,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user.id, "type": "private"},
            "from": {"id": user.id, "is_bot": False, "first_name": "A"},
            "text": "hi",
        },
    }
    url = f"http://127.0.0.1:{port}/tg"
    try:
        assert await _post(url, update) == 401
        assert await _post(url, update, {"X-Telegram-Bot-Api-Secret-Token": "nope"}) == 401
        assert seen == []
        assert await ledger.claim(41) is Claim.MINE  # (another update, for the BUSY case below)
        assert await _post(url, update, {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}) == 200
        assert seen == ["hi"]  # handled before the 200
        assert [m.text for m in telegram_fake.transcript(user.id).bot_messages] == ["echo hi"]
        assert await _post(url, update, {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}) == 200
        assert seen == ["hi"]  # a redelivery changes nothing
        busy = {**update, "update_id": 41}
        assert await _post(url, busy, {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}) == 503
    finally:
        await runner.cleanup()
        await bot.session.close()
        await ledger._engine.dispose()


class _NoPayments:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def handle_webhook(self, body: bytes) -> Any:
        self.bodies.append(body)

        class Result:
            status = 200
            detail = ""

        return Result()


async def test_yandex_webhook_reads_a_body_sent_in_pieces() -> None:
    payments = _NoPayments()
    port = free_port()
    runner = await start_web(create_web_app(payments), "127.0.0.1", port)  # type: ignore[arg-type]
    token = b"a" * 5000 + b"." + b"b" * 5000 + b"." + b"c" * 300

    async def pieces() -> Any:
        for start in range(0, len(token), 1000):
            yield token[start : start + 1000]
            await asyncio.sleep(0.01)

    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(f"http://127.0.0.1:{port}/v1/webhook", data=pieces()) as response:
                assert response.status == 200  # chunked, in ten writes
            too_big = b"x" * (MAX_BODY + 1)
            async with http.post(f"http://127.0.0.1:{port}/v1/webhook", data=too_big) as response:
                assert response.status == 413
    finally:
        await runner.cleanup()
    assert payments.bodies == [token]


async def test_metrics_count_updates_and_upstream_calls(tmp_path: Path, telegram_fake: TelegramFake) -> None:
    import httpx

    from bot.middlewares.metrics import MetricsMiddleware
    from services.metrics import Metrics

    metrics = Metrics()
    ledger = await make_ledger(tmp_path)
    bot = make_bot(telegram_fake)
    gate = asyncio.Event()
    gate.set()
    dp = echo_dispatcher(gate, [])
    dp.update.outer_middleware(MetricsMiddleware(metrics))
    user = telegram_fake.add_user(558)
    action = telegram_fake.send_text(user.id, "hi")
    assert action.update is not None
    from aiogram.types import Update

    await UpdateHandler(dp, bot, ledger, storage=None).handle(Update.model_validate(action.update))
    metrics.name_upstream("bts", telegram_fake.url)
    async with httpx.AsyncClient(transport=metrics.transport()) as http:
        await http.get(f"{telegram_fake.url}/nowhere")
    port = free_port()
    runner = await start_web(create_web_app(_NoPayments(), metrics), "127.0.0.1", port)  # type: ignore[arg-type]
    try:
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/metrics") as r:
            text = await r.text()
    finally:
        await runner.cleanup()
        await bot.session.close()
        await ledger._engine.dispose()
    assert 'bot_updates_total{outcome="handled",type="message"} 1.0' in text
    assert 'upstream_requests_total{api="bts",outcome="4xx"} 1.0' in text


def test_json_logs_mask_the_token(capsys: object) -> None:
    import json
    import logging

    from bot.logs import setup_logging
    from services.settings import Settings

    settings = Settings(_env_file=None, bot_token="123:SECRET-TOKEN", log_format="json")  # type: ignore[call-arg]
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging(settings)
        logging.getLogger("x").warning("calling https://api/bot%s/getMe", "123:SECRET-TOKEN")
        handler = root.handlers[0]
        assert isinstance(handler, logging.StreamHandler)
        handler.flush()
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    record = json.loads(err.strip().splitlines()[-1])
    assert record["level"] == "WARNING" and "SECRET-TOKEN" not in err and "***" in record["message"]
