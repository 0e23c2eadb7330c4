"""Small portable SQL helpers shared by the repositories.

``INSERT ... ON CONFLICT`` is spelled the same on SQLite (3.24+) and PostgreSQL; SQLAlchemy only
exposes it through each dialect's ``insert``, so :func:`insert_for` picks the right one.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute

_NON_DIGITS = re.compile(r"\D+")
_LIKE_SPECIALS = re.compile(r"([\\%_])")


def dialect_name(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def insert_for(
    session: AsyncSession, model: type[DeclarativeBase] | Table
) -> sqlite.Insert | postgresql.Insert:
    """An ``INSERT`` offering ``on_conflict_do_nothing`` / ``on_conflict_do_update`` on this database."""
    name = dialect_name(session)
    if name == "sqlite":
        return sqlite.insert(model)
    if name == "postgresql":
        return postgresql.insert(model)
    raise RuntimeError(f"unsupported database {name!r}: use SQLite or PostgreSQL")


def digits(text: str | None) -> str:
    return _NON_DIGITS.sub("", text or "")


def search_text(*, texts: tuple[str | None, ...] = (), phones: tuple[str | None, ...] = ()) -> str:
    """What searches match against: casefolded texts and the bare digits of phones.

    Done in Python because SQLite's ``lower()`` only folds ASCII, and names here are in Latin and
    Cyrillic Uzbek and Russian.
    """
    parts = [text.casefold().strip() for text in texts if text and text.strip()]
    parts.extend(digits(phone) for phone in phones if digits(phone))
    return " | ".join(parts)


def matches(column: InstrumentedAttribute[str] | ColumnElement[str], query: str) -> ColumnElement[bool]:
    """``column`` contains the query (casefolded), or the query's digits when it looks like a phone."""
    folded = query.casefold().strip()
    condition: ColumnElement[bool] = column.like(f"%{_escape_like(folded)}%", escape="\\")
    number = digits(query)
    if len(number) >= 3 and number != folded:
        condition = condition | column.like(f"%{number}%", escape="\\")
    return condition


def _escape_like(text: str) -> str:
    return _LIKE_SPECIALS.sub(r"\\\1", text)
