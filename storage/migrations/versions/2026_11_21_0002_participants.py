"""Participants (identity sealed) and payments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "participants",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("registration_number", sa.String(20), nullable=True, unique=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("nik_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("nik_last4", sa.String(4), nullable=True),
        sa.Column("personal", sa.Text(), nullable=True),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("regency_code", sa.String(4), nullable=False),
        sa.Column("timezone", sa.String(32), nullable=False),
        sa.Column("occupations", sa.JSON(), nullable=False),
        sa.Column("income", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(16), nullable=False),
        sa.Column("pending_income", sa.Integer(), nullable=True),
        sa.Column("pending_programme", sa.String(16), nullable=True),
        sa.Column("pending_from", sa.Date(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("consent_version", sa.String(20), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_month", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_participants_chat_id", "participants", ["chat_id"])
    op.create_table(
        "payments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("participant_id", sa.BigInteger(), sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False, unique=True),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("first_month", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_payments_participant_id", "payments", ["participant_id"])


def downgrade() -> None:
    op.drop_index("ix_payments_participant_id", "payments")
    op.drop_table("payments")
    op.drop_index("ix_participants_chat_id", "participants")
    op.drop_table("participants")
