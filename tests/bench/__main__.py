"""Run the benchmarks: ``python -m tests.bench [name ...]`` (``make bench``).

Every module ``tests/bench/<name>_bench.py`` with a ``main()`` is run in name order; give names
(``python -m tests.bench storage``) to run only those. Each module prints its figures and writes them
to ``tests/bench/results/<name>.json``.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SUFFIX = "_bench"


def discover() -> list[str]:
    return sorted(path.stem[: -len(SUFFIX)] for path in BENCH_DIR.glob(f"*{SUFFIX}.py"))


def main(argv: list[str]) -> int:
    available = discover()
    wanted = argv or available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr
        )
        return 2
    for name in wanted:
        module = importlib.import_module(f"tests.bench.{name}{SUFFIX}")
        runner = getattr(module, "main", None)
        if not callable(runner):
            print(f"tests.bench.{name}{SUFFIX} has no main(); skipped", file=sys.stderr)
            continue
        print(f"== {name} ==", flush=True)
        started = time.perf_counter()
        runner()
        print(f"== {name}: {time.perf_counter() - started:.1f} s ==\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
