"""Benefit questions are matched to a knowledge-base entry ("bayar.jatuh_tempo"), not only a topic: the
column that names what answered a question is widened to hold an entry key.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("qa_questions") as table:
        table.alter_column("topic", type_=sa.String(60), existing_type=sa.String(20), existing_nullable=True)


def downgrade() -> None:
    # Entry keys longer than a topic's are cut back to their topic ("bayar.jatuh_tempo" -> "bayar").
    find = "strpos" if op.get_bind().dialect.name == "postgresql" else "instr"
    op.execute(
        f"UPDATE qa_questions SET topic = substr(topic, 1, {find}(topic, '.') - 1) WHERE topic LIKE '%.%'"
    )
    with op.batch_alter_table("qa_questions") as table:
        table.alter_column("topic", type_=sa.String(20), existing_type=sa.String(60), existing_nullable=True)
