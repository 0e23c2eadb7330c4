"""Tables of the busy seller's tools: bulk imports (one row per spreadsheet line), international
parcels (passport data encrypted) and their manifests.

Kept beside ``storage.models`` (same ``Base``, same conventions) and imported at its end, so the
metadata and the migrations see them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import ENCRYPTED, Base, JsonType, Money, Timestamps
from storage.types import IdType, UTCDateTime


class BulkImport(Base, Timestamps):
    """One spreadsheet a seller sent: validated, priced, then created row by row."""

    __tablename__ = "bulk_imports"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16))  # storage.schemas.BulkState
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    valid_rows: Mapped[int] = mapped_column(Integer, default=0)
    total_price: Mapped[Decimal | None] = mapped_column(Money)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_bulk_imports_owner_created", "owner_id", "created_at"),
        Index("ix_bulk_imports_state", "state"),
    )


class BulkRow(Base):
    """One line of an import; ``reference`` is the order's own reference (its ``clientId``)."""

    __tablename__ = "bulk_rows"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("bulk_imports.id", ondelete="CASCADE"))
    row_number: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))  # storage.schemas.BulkRowState
    draft: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    problems: Mapped[list[Any] | None] = mapped_column(JsonType)
    price: Mapped[Decimal | None] = mapped_column(Money)
    reference: Mapped[str | None] = mapped_column(String(64), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"))
    message: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("import_id", "row_number", name="uq_bulk_rows_line"),)


class IntlParcel(Base, Timestamps):
    """An international parcel created through the bot. ``personal_enc`` holds the receiver's
    passport series and number and PINFL (an encrypted token of JSON, ``storage.crypto``);
    ``details`` the rest."""

    __tablename__ = "intl_parcels"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"))
    parcel_number: Mapped[str] = mapped_column(String(64))
    barcode: Mapped[str | None] = mapped_column(String(64))
    personal_enc: Mapped[str] = mapped_column(Text, info=ENCRYPTED)
    details: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    manifest_id: Mapped[int | None] = mapped_column(ForeignKey("manifests.id", ondelete="SET NULL"))
    manifest_sent: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        UniqueConstraint("owner_id", "parcel_number", name="uq_intl_parcels_number"),
        # The BTS barcode, once known (the create answer carries none): one parcel per barcode.
        Index("uq_intl_parcels_barcode", "barcode", unique=True),
    )


class Manifest(Base, Timestamps):
    """A manifest: number, date and its parcels (each sent once to ``international/manifest``)."""

    __tablename__ = "manifests"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))  # draft, sent, partial
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("owner_id", "number", name="uq_manifests_number"),)
