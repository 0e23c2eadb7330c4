"""busy seller: bulk imports, international parcels, manifests

Revision ID: 0004_busy
Revises: 0002
Create Date: 2026-11-30 03:10:00

``bulk_imports`` / ``bulk_rows``: a spreadsheet and its lines (each line's order reference is
unique, so a resumed import never creates a line twice). ``intl_parcels``: international parcels
with the receiver's passport data and PINFL encrypted (``personal_enc``). ``manifests``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_busy"
down_revision: str | Sequence[str] | None = "0003_wms"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
MONEY = sa.Numeric(precision=14, scale=2)
JSON = sa.JSON(none_as_null=True)


def upgrade() -> None:
    op.create_table(
        "bulk_imports",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("valid_rows", sa.Integer(), nullable=False),
        sa.Column("total_price", MONEY, nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_bulk_imports_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_imports")),
    )
    op.create_index("ix_bulk_imports_owner_created", "bulk_imports", ["owner_id", "created_at"])
    op.create_index("ix_bulk_imports_state", "bulk_imports", ["state"])
    op.create_table(
        "bulk_rows",
        sa.Column("id", ID, nullable=False),
        sa.Column("import_id", ID, nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("draft", JSON, nullable=True),
        sa.Column("problems", JSON, nullable=True),
        sa.Column("price", MONEY, nullable=True),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["bulk_imports.id"],
            name=op.f("fk_bulk_rows_import_id_bulk_imports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_bulk_rows_order_id_orders"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_rows")),
        sa.UniqueConstraint("import_id", "row_number", name="uq_bulk_rows_line"),
        sa.UniqueConstraint("reference", name=op.f("uq_bulk_rows_reference")),
    )
    op.create_table(
        "manifests",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_manifests_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifests")),
        sa.UniqueConstraint("owner_id", "number", name="uq_manifests_number"),
    )
    op.create_table(
        "intl_parcels",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("parcel_number", sa.String(length=64), nullable=False),
        sa.Column("barcode", sa.String(length=64), nullable=True),
        sa.Column("personal_enc", sa.Text(), nullable=False),
        sa.Column("details", JSON, nullable=True),
        sa.Column("manifest_id", ID, nullable=True),
        sa.Column("manifest_sent", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_intl_parcels_owner_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_intl_parcels_order_id_orders"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["manifests.id"],
            name=op.f("fk_intl_parcels_manifest_id_manifests"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intl_parcels")),
        sa.UniqueConstraint("owner_id", "parcel_number", name="uq_intl_parcels_number"),
    )


def downgrade() -> None:
    op.drop_table("intl_parcels")
    op.drop_table("manifests")
    op.drop_table("bulk_rows")
    op.drop_index("ix_bulk_imports_state", table_name="bulk_imports")
    op.drop_index("ix_bulk_imports_owner_created", table_name="bulk_imports")
    op.drop_table("bulk_imports")
