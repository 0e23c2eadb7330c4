"""Benchmarks: ``make bench`` runs every ``tests/bench/*_bench.py`` module's ``main()`` in turn."""
