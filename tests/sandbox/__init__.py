"""The offline sandbox: the real bot wired to local fakes, and a web chat page.

Run it with ``python -m tests.sandbox`` (``make run`` without a BOT_TOKEN); see ``runner.py``.
"""
