"""the operator's allow-list of sellers

Revision ID: 0005_allow
Revises: 0003_geo
Create Date: 2026-12-01 10:00:00

``allowed_sellers``: one row per entry (an INN, a BTS login or a Telegram id);
``allow_list_settings``: one row holding the switch and whom refused sellers should ask.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_allow"
down_revision: str | Sequence[str] | None = "0003_geo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "allowed_sellers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(128), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowed_sellers")),
        sa.UniqueConstraint("kind", "value", name="uq_allowed_sellers_entry"),
    )
    op.create_table(
        "allow_list_settings",
        sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("updated_by", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allow_list_settings")),
    )


def downgrade() -> None:
    op.drop_table("allow_list_settings")
    op.drop_table("allowed_sellers")
