"""A benefit answer rated 👎 offers the entries the question was next closest to; the one the worker chose
is kept as a question row that names the row it corrects, so operators can list what the matcher missed
and what was meant (`bpu-bot qa missed`).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("qa_questions") as table:
        table.add_column(sa.Column("corrects", BigId, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("qa_questions") as table:
        table.drop_column("corrects")
