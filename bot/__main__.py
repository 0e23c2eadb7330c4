"""Run the bot.

- ``python -m bot``: long polling (or, with ``TELEGRAM_WEBHOOK_URL``, the webhook server);
- ``python -m bot web``: updates by webhook (run any number behind a load balancer);
- ``python -m bot worker``: the poller, the push sender and payment polling alone (one or more).
"""

from __future__ import annotations

import asyncio
import sys

from pydantic import ValidationError

from bot.app import run_polling, run_web, run_worker_only
from bot.i18n import Translator
from bot.logs import setup_logging
from services.container import build_services
from services.settings import Settings
from storage.files import restrict_new_files

NO_TOKEN = """\
BOT_TOKEN is not set.

Set it to your bot's token from @BotFather, for example:

    export BOT_TOKEN=123456789:AA...
    make run

(or put BOT_TOKEN=... in a .env file next to the Makefile; see .env.example for every setting).
"""


async def main(argv: list[str]) -> int:
    restrict_new_files()  # the database, its -wal/-shm, the key and any log: 0600, folders 0700
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"Invalid settings:\n{exc}", file=sys.stderr)
        return 2
    setup_logging(settings)
    if settings.bot_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    command = argv[0] if argv else ""
    if command not in ("", "web", "worker"):
        print(f"Unknown command {command!r}: use web, worker or nothing (polling)", file=sys.stderr)
        return 2
    translator = Translator(default=settings.default_language)
    async with build_services(settings) as services:
        if command == "worker":
            await run_worker_only(services, translator)
        elif command == "web" or settings.telegram_webhook_url:
            await run_web(services, translator)
        else:
            await run_polling(services, translator)
    return 0


def run() -> None:
    raise SystemExit(asyncio.run(main(sys.argv[1:])))


if __name__ == "__main__":
    run()
