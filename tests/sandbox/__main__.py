"""``python -m tests.sandbox``: see ``tests/sandbox/runner.py``."""

from __future__ import annotations

import sys

from tests.sandbox.runner import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
