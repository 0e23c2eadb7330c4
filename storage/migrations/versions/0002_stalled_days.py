"""per-chat stalled-parcel alerts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 21:20:00

``chat_preferences.stalled_days``: after how many days without a change a parcel's followers
are told (NULL: never). Existing chats get the former global default, 5 days.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_preferences") as batch:
        batch.add_column(sa.Column("stalled_days", sa.SmallInteger(), server_default="5", nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_preferences") as batch:
        batch.drop_column("stalled_days")
