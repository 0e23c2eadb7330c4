"""``python -m bot``: run the bot (polling). ``python -m bot worker``: the push worker alone."""

from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError

from bot.app import run_polling, run_worker_only
from bot.i18n import Translator
from services.container import build_services
from services.settings import Settings
from storage.files import restrict_new_files
from storage.fsm import SqlStorage

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
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if settings.bot_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    translator = Translator(default=settings.default_language)
    async with build_services(settings) as services:
        if argv[:1] == ["worker"]:
            await run_worker_only(services, translator)
            return 0
        # Drafts hold receivers' names and phones: encrypted at rest like the other secrets.
        storage = SqlStorage(services.session_factory, box=services.box)
        try:
            await run_polling(services, translator, storage)
        finally:
            await storage.close()
    return 0


def run() -> None:
    raise SystemExit(asyncio.run(main(sys.argv[1:])))


if __name__ == "__main__":
    run()
