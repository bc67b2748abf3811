"""Benefit questions: asked (masked), matched, rated; the unanswered ones for operators.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "qa_questions",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("question", sa.String(300), nullable=False),
        sa.Column("topic", sa.String(20), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("useful", sa.Boolean(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_qa_questions_unanswered", "qa_questions", ["answered", "id"])


def downgrade() -> None:
    op.drop_table("qa_questions")
