"""handled Telegram updates (redelivery without double handling)

Revision ID: 0003_scale
Revises: 0002
Create Date: 2026-11-30 03:00:00

``handled_updates``: one row per Telegram update taken on (claimed, then done), so an update
Telegram delivers again (after a killed process, a timeout, a second web process) is handled once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_scale"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handled_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_handled_updates")),
    )
    op.create_index(op.f("ix_handled_updates_claimed_at"), "handled_updates", ["claimed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_handled_updates_claimed_at"), table_name="handled_updates")
    op.drop_table("handled_updates")
