"""Fixtures shared by every test level. Fakes are started per test on random local ports.

Each fake package under ``tests/fakes/<name>/`` may have a ``fixtures.py``; they are loaded as
pytest plugins here so any test can ask for ``bts_fake``, ``yandex_fake`` and so on.
"""

from __future__ import annotations

from pathlib import Path

_FAKES = Path(__file__).parent / "fakes"
pytest_plugins = sorted(f"tests.fakes.{path.parent.name}.fixtures" for path in _FAKES.glob("*/fixtures.py"))
