"""``python -m tests.sandbox`` (``make run`` without a token) as a person runs it: it prints one
line with the chat page's address, the page and the bot answer there, and Ctrl-C stops it all."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.sandbox.process import REPO_ROOT

pytestmark = pytest.mark.asyncio(loop_scope="session")

ADDRESS = re.compile(r"^Sandbox chat: (http://127\.0\.0\.1:\d+/) ")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(part) for part in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


async def test_sandbox_prints_its_address_serves_the_chat_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.sandbox",
        "--port",
        "0",
        "--data-dir",
        str(tmp_path / "sandbox"),
        cwd=REPO_ROOT,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    bots: list[int] = []
    log_path = tmp_path / "sandbox" / "bot.log"
    try:
        assert process.stdout is not None and process.stderr is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 150)).decode()
        found = ADDRESS.match(line)
        assert found, f"{line!r}\n{log_path.read_text() if log_path.exists() else ''}"
        url = found.group(1)
        bots = _children(process.pid)
        assert bots, "the bot runs as a child process"

        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
            async with http.get(url) as page:
                assert page.status == 200
                assert "/static/chat.js" in await page.text()
            async with http.get(f"{url}api/config") as response:
                config = await response.json()
            chat = config["default_chat"]
            async with http.get(f"{url}tg/changes", params={"since": "-1", "timeout": "0"}) as response:
                version = (await response.json())["version"]
            async with http.post(f"{url}tg/chats/{chat}/text", json={"text": "/start"}) as response:
                assert (await response.json())["ok"]
            wanted = {"text": "Choose your language", "since": str(version), "timeout": "30"}
            async with http.get(f"{url}tg/chats/{chat}/wait", params=wanted) as response:
                assert response.status == 200, await response.text()

            # The page keeps a long poll open (25 s) as a browser does: Ctrl-C must not wait for it
            # (issue 13: Ctrl-C took 15–35 s and printed nothing meanwhile).
            waiting = asyncio.create_task(
                http.get(f"{url}tg/changes", params={"since": str(version + 1000), "timeout": "25"})
            )
            await asyncio.sleep(0.5)
            process.send_signal(signal.SIGINT)
            said = (await asyncio.wait_for(process.stdout.readline(), 5)).decode()
            said += (await asyncio.wait_for(process.stdout.readline(), 5)).decode()
            assert "Stopping the sandbox" in said, said
            assert await asyncio.wait_for(process.wait(), 15) == 0
            waiting.cancel()
            with contextlib.suppress(BaseException):
                await waiting
        rest = said + (await process.stdout.read()).decode()
        assert rest.strip().endswith("Stopped."), rest
        for pid in bots:
            assert not _alive(pid), f"the bot process {pid} outlived the sandbox"
        assert "Polling stopped" in log_path.read_text()
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        for pid in bots:
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
