"""What the benchmarks share: the results file each writes, and a fake upstream served from a child
process (its event loop does not compete with the code measured) that answers "stats" and "reset"
over a pipe until told to stop."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


def write_report(path: Path, figures: dict[str, Any]) -> dict[str, Any]:
    """``figures`` with when, where and on what they were measured, written to ``path`` as JSON."""
    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU",
        **figures,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  written to {path}")
    return report


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


@contextmanager
def fake_in_child(serve: Callable[[Connection], None]) -> Iterator[tuple[Connection, Any]]:
    """Start ``serve(conn)`` in a spawned process; yield the pipe and the first thing it sends (its
    URL and what it holds); at the end tell it to stop, and kill it if it does not."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=serve, args=(child,), daemon=True)
    process.start()
    try:
        yield parent, parent.recv()
    finally:
        parent.send("stop")
        process.join(10)
        if process.is_alive():
            process.kill()


async def answer_commands(
    conn: Connection, *, stats: Callable[[], Any], reset: Callable[[], None], every: float
) -> None:
    """In the child: answer "stats" and "reset" (with "ok") until anything else arrives."""
    while True:
        if conn.poll():
            command = conn.recv()
            if command == "stats":
                conn.send(stats())
            elif command == "reset":
                reset()
                conn.send("ok")
            else:
                return
        await asyncio.sleep(every)
