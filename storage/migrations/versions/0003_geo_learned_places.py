"""names and codes of BTS regions, cities and branches learned from order answers

Revision ID: 0003_geo
Revises: 0002
Create Date: 2026-11-30 03:10:00

The branch directory carries ids only (seed 001); order answers name regions and cities and give
the codes the v1 edit wants (seed 000). ``learned_places`` keeps them per (kind, BTS id).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_geo"
down_revision: str | Sequence[str] | None = "0004_busy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "learned_places",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("bts_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("code", sa.String(32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "bts_id", name=op.f("pk_learned_places")),
    )


def downgrade() -> None:
    op.drop_table("learned_places")
