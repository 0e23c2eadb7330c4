"""Persistence: SQLAlchemy 2 (async) models, repositories, migrations, secrets and the FSM storage.

Knows nothing of Telegram (except ``storage.fsm``, which implements aiogram's storage interface)
nor of HTTP. Entry points: ``storage.db`` (engine, sessions, migrations), ``storage.crypto``
(``load_secret_box``), ``storage.uow`` (``unit_of_work``), ``storage.repositories``,
``storage.schemas`` (what comes out), ``storage.fsm`` (``SqlStorage``).
"""
