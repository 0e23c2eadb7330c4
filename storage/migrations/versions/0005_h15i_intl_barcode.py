"""international parcels wait for their BTS barcode; one parcel per barcode

Revision ID: 0005_h15i
Revises: 0005_allow
Create Date: 2026-12-01 10:00:00

Seed 001's ``international/add`` answer carries no barcode, and parcels were stored with their
parcel number in its place (``track-by-barcode`` never finds them under it). Those are set back
to "waiting for the BTS barcode" (NULL, in ``intl_parcels`` and in their ``orders`` row), which
the seller then adds from the label; a barcode belongs to one parcel (a unique index, NULLs
allowed).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_h15i"
down_revision: str | Sequence[str] | None = "0005_allow"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE orders SET barcode = NULL WHERE id IN "
            "(SELECT order_id FROM intl_parcels WHERE order_id IS NOT NULL AND barcode = parcel_number)"
        )
    )
    op.execute(sa.text("UPDATE intl_parcels SET barcode = NULL WHERE barcode = parcel_number"))
    op.create_index("uq_intl_parcels_barcode", "intl_parcels", ["barcode"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_intl_parcels_barcode", table_name="intl_parcels")
