"""Re-encrypt every stored secret with the first configured key (``python -m storage rotate-keys``)."""

from __future__ import annotations

import logging

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import SecretBox
from storage.models import Base, encrypted_columns

logger = logging.getLogger(__name__)

_BATCH = 500


async def rotate_secrets(session_factory: async_sessionmaker[AsyncSession], box: SecretBox) -> int:
    """Rotate every encrypted column of every row; returns how many values were re-encrypted.

    Each batch is its own transaction, so a large database is not locked for the whole run, and
    running it again after an interruption is harmless (rotating an already rotated value is fine).
    A value no configured key can decrypt stops the run with :class:`~storage.crypto.DecryptionError`:
    keep the old key in the list until rotation has finished.
    """
    total = 0
    for table_name, column_names in encrypted_columns().items():
        table: Table = Base.metadata.tables[table_name]
        key_columns = list(table.primary_key.columns)
        if len(key_columns) != 1:  # pragma: no cover - every table with secrets has a single-column key
            raise RuntimeError(f"{table_name}: rotation needs a single-column primary key")
        pk = key_columns[0]
        last: object = None
        while True:
            async with session_factory() as session, session.begin():
                stmt = select(pk, *(table.c[name] for name in column_names)).order_by(pk).limit(_BATCH)
                if last is not None:
                    stmt = stmt.where(pk > last)
                rows = (await session.execute(stmt)).all()
                for row in rows:
                    values = {
                        name: box.rotate(value)
                        for name, value in zip(column_names, row[1:], strict=True)
                        if value is not None
                    }
                    if values:
                        await session.execute(update(table).where(pk == row[0]).values(**values))
                        total += len(values)
            if len(rows) < _BATCH:
                break
            last = rows[-1][0]
        logger.info("rotated secrets in %s", table_name)
    return total
