"""Status pushes through the dispatcher harness: the poller and the push sender on one clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.i18n import Translator
from bot.push import AiogramPushTransport
from bot.worker import create_renderer
from services.notifications import OutboxSender
from services.poller import StatusPoller
from storage.types import utc_now
from tests.bot.conftest import BotHarness
from tests.bot.mocked import Sent


class PushRun:
    """A poller and a sender sharing one clock ("two hours later" for both)."""

    def __init__(self, harness: BotHarness, translator: Translator) -> None:
        services = harness.services
        self.harness = harness
        self.now = [utc_now()]
        self.sender = OutboxSender(
            services.session_factory,
            services.box,
            AiogramPushTransport(harness.bot),
            create_renderer(services, translator),
            per_chat_interval=0.0,
            merge_window=timedelta(0),
            clock=lambda: self.now[0],
        )
        self.poller = StatusPoller(
            services.session_factory,
            services.box,
            services.bts,
            services.accounts,
            push_delay=timedelta(0),
            clock=lambda: self.now[0],
        )

    async def poll(self) -> list[Sent]:
        """A poll and the sends it causes; what was pushed."""
        before = len(self.harness.bot.recorder.calls)
        await self.poller.poll_once()
        await self.sender.drain_once()
        return self.harness.bot.recorder.calls[before:]

    async def later(self, change: Callable[[], object] = lambda: None) -> list[Sent]:
        """``change`` at BTS, then a poll two hours later: what was pushed."""
        change()
        self.now[0] += timedelta(hours=2)
        return await self.poll()


async def poll_and_push(
    harness: BotHarness, translator: Translator, change: Callable[[], object]
) -> list[Sent]:
    """A poll (nothing new), then ``change`` at BTS and a poll two hours later: what was pushed."""
    run = PushRun(harness, translator)
    await run.poll()
    return await run.later(change)
