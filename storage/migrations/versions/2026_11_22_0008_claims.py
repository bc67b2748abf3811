"""Claims: death and work-accident reports, their documents and the audit of status changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
PENDING = "state = 'pending'"


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("deceased_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("deceased_source", sa.String(40), nullable=True))
    op.create_table(
        "claims",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("number", sa.String(16), nullable=False, unique=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("programme", sa.String(4), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reporter_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column(
            "participant_id",
            sa.BigInteger(),
            sa.ForeignKey("participants.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("documents_needed", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_claims_reporter_chat_id", "claims", ["reporter_chat_id"])
    op.create_index("ix_claims_participant_id", "claims", ["participant_id"])
    op.create_table(
        "claim_documents",
        sa.Column("id", BigId, primary_key=True),
        sa.Column(
            "claim_id", sa.BigInteger(), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("file_id", sa.Text(), nullable=False),
        sa.Column("file_unique_id", sa.String(64), nullable=False),
        sa.Column("mime", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("path", sa.String(200), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_claim_documents_claim_id", "claim_documents", ["claim_id"])
    where = {"postgresql_where": sa.text(PENDING), "sqlite_where": sa.text(PENDING)}
    op.create_index("ix_claim_documents_pending", "claim_documents", ["id"], **where)
    op.create_table(
        "claim_events",
        sa.Column("id", BigId, primary_key=True),
        sa.Column(
            "claim_id", sa.BigInteger(), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("from_status", sa.String(16), nullable=True),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
    )
    op.create_index("ix_claim_events_claim_id", "claim_events", ["claim_id"])
    op.execute("INSERT INTO counters (name, value) VALUES ('claim_number', 0)")


def downgrade() -> None:
    op.execute("DELETE FROM counters WHERE name = 'claim_number'")
    op.drop_table("claim_events")
    op.drop_table("claim_documents")
    op.drop_table("claims")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("deceased_source")
        batch.drop_column("deceased_on")
