"""fulfillment (WMS): synced products, purveyors and receivings; fulfillment orders

Revision ID: 0003_wms
Revises: 0002
Create Date: 2026-11-30 02:53:17.063834

Written by ``alembic revision --autogenerate`` and reviewed. Records handed over by the WMS
``*/clients`` lists are unique per ``(wms_account_id, wms_id)`` (the sync deduplicates on it);
``fulfillment_orders.draft_key`` is unique (a confirm pressed twice creates one order);
``customer_enc`` holds the customer's name, phone and address encrypted.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_wms"
down_revision: str | Sequence[str] | None = "0003_scale"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fulfillment_orders",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("wms_account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("draft_key", sa.String(length=64), nullable=False),
        sa.Column("wms_id", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("fulfillment_status", sa.Integer(), nullable=True),
        sa.Column("is_final", sa.Boolean(), nullable=False),
        sa.Column("customer_enc", sa.Text(), nullable=False),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("city", sa.String(length=128), nullable=True),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("items", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_fulfillment_orders_owner_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["wms_account_id"],
            ["wms_accounts.id"],
            name=op.f("fk_fulfillment_orders_wms_account_id_wms_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fulfillment_orders")),
        sa.UniqueConstraint("draft_key", name=op.f("uq_fulfillment_orders_draft_key")),
        sa.UniqueConstraint("wms_account_id", "wms_id", name="uq_fulfillment_orders_account_wms_id"),
    )
    with op.batch_alter_table("fulfillment_orders", schema=None) as batch_op:
        batch_op.create_index("ix_fulfillment_orders_final_checked", ["is_final", "checked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_fulfillment_orders_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "wms_products",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("wms_account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("wms_id", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(length=128), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["wms_account_id"],
            ["wms_accounts.id"],
            name=op.f("fk_wms_products_wms_account_id_wms_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wms_products")),
        sa.UniqueConstraint("wms_account_id", "wms_id", name="uq_wms_products_account_wms_id"),
    )
    with op.batch_alter_table("wms_products", schema=None) as batch_op:
        batch_op.create_index("ix_wms_products_account_name", ["wms_account_id", "name"], unique=False)

    op.create_table(
        "wms_purveyors",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("wms_account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("wms_id", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(length=128), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["wms_account_id"],
            ["wms_accounts.id"],
            name=op.f("fk_wms_purveyors_wms_account_id_wms_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wms_purveyors")),
        sa.UniqueConstraint("wms_account_id", "wms_id", name="uq_wms_purveyors_account_wms_id"),
    )
    with op.batch_alter_table("wms_purveyors", schema=None) as batch_op:
        batch_op.create_index("ix_wms_purveyors_account_name", ["wms_account_id", "name"], unique=False)

    op.create_table(
        "wms_receivings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("wms_account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("wms_id", sa.BigInteger(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=True),
        sa.Column("counterparty", sa.String(length=255), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("state_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["wms_account_id"],
            ["wms_accounts.id"],
            name=op.f("fk_wms_receivings_wms_account_id_wms_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wms_receivings")),
        sa.UniqueConstraint("wms_account_id", "wms_id", name="uq_wms_receivings_account_wms_id"),
    )
    with op.batch_alter_table("wms_receivings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wms_receivings_account_seen", ["wms_account_id", "first_seen_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wms_receivings", schema=None) as batch_op:
        batch_op.drop_index("ix_wms_receivings_account_seen")

    op.drop_table("wms_receivings")
    with op.batch_alter_table("wms_purveyors", schema=None) as batch_op:
        batch_op.drop_index("ix_wms_purveyors_account_name")

    op.drop_table("wms_purveyors")
    with op.batch_alter_table("wms_products", schema=None) as batch_op:
        batch_op.drop_index("ix_wms_products_account_name")

    op.drop_table("wms_products")
    with op.batch_alter_table("fulfillment_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fulfillment_orders_owner_id"))
        batch_op.drop_index("ix_fulfillment_orders_final_checked")

    op.drop_table("fulfillment_orders")
