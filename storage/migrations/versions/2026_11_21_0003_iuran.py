"""Iuran: paid-through month, reminder settings, payment exceptions, planned reminders.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("paid_through", sa.Date(), nullable=True))
        batch.add_column(sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("deceased", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("reminders_on", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("reminder_days", sa.Integer(), server_default="3", nullable=False))
        batch.add_column(sa.Column("reminder_hour", sa.Integer(), server_default="9", nullable=False))
        batch.add_column(sa.Column("unreachable", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index(
        "ix_participants_reminder_group",
        "participants",
        ["first_month", "paid_through", "reminder_days", "reminder_hour", "timezone"],
    )
    op.create_table(
        "payment_exceptions",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("reference", sa.String(64), nullable=False, unique=True),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("nik_hash", sa.String(64), nullable=True),
        sa.Column("nik_last4", sa.String(4), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(200), nullable=True),
    )
    op.create_table(
        "reminders",
        sa.Column("id", BigId, primary_key=True),
        sa.Column(
            "participant_id",
            sa.BigInteger(),
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("iuran_month", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(12), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.UniqueConstraint("participant_id", "iuran_month", "kind", name="uq_reminders_once"),
    )
    op.create_index(
        "ix_reminders_pending",
        "reminders",
        ["due_at"],
        postgresql_where=sa.text("claimed_at IS NULL"),
        sqlite_where=sa.text("claimed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_reminders_pending", "reminders")
    op.drop_table("reminders")
    op.drop_table("payment_exceptions")
    op.drop_index("ix_participants_reminder_group", "participants")
    with op.batch_alter_table("participants") as batch:
        for column in (
            "unreachable",
            "reminder_hour",
            "reminder_days",
            "reminders_on",
            "deceased",
            "activated_at",
            "paid_through",
        ):
            batch.drop_column(column)
