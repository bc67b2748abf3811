"""Flow kit: a sealed call stack of sub-dialogues per conversation; `/iuran` is the `iuran` flow.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("stack", sa.Text(), nullable=True))
    # The feature had four names; a chat left on the old one is shown its standing again.
    op.execute("UPDATE conversations SET flow = 'iuran', state = 'show' WHERE flow = 'payments'")


def downgrade() -> None:
    op.execute("UPDATE conversations SET flow = 'payments', state = 'show' WHERE flow = 'iuran'")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("stack")
