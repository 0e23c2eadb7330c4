"""Fixtures shared by every test level. Fakes are started per test on random local ports."""

from __future__ import annotations
