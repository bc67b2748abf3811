"""Sponsored enrolment: sponsor programmes, each worker's sponsored months and handover answer, and the
monthly lists a sponsor pays. Assisted enrolment: agents, and the workers each enrolled with the sealed
photo of the signed consent form and the one-time code that links the worker's own chat later; the sealed
files of people who asked to be forgotten, until the document fetcher has deleted them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sponsors",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("code", sa.String(24), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(16), nullable=False),
        sa.Column("from_month", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("occupations", sa.JSON(), nullable=False),
        sa.Column("created_at", Moment, nullable=False),
    )
    op.create_table(
        "sponsorships",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("sponsor_id", sa.BigInteger(), sa.ForeignKey("sponsors.id"), nullable=False),
        sa.Column(
            "participant_id",
            sa.BigInteger(),
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("first_month", sa.Date(), nullable=False),
        sa.Column("last_month", sa.Date(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("decided_at", Moment, nullable=True),
        sa.Column("created_at", Moment, nullable=False),
    )
    op.create_index("ix_sponsorships_sponsor_id", "sponsorships", ["sponsor_id"])
    op.create_table(
        "sponsor_bills",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("sponsor_id", sa.BigInteger(), sa.ForeignKey("sponsors.id"), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("workers", sa.Integer(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("paid_reference", sa.String(64), nullable=True),
        sa.Column("paid_at", Moment, nullable=True),
        sa.UniqueConstraint("sponsor_id", "month", name="uq_sponsor_bills_month"),
    )
    op.create_table(
        "sponsor_bill_lines",
        sa.Column("id", BigId, primary_key=True),
        sa.Column(
            "bill_id", sa.BigInteger(), sa.ForeignKey("sponsor_bills.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "participant_id",
            sa.BigInteger(),
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("amount", sa.Integer(), nullable=False),
    )
    op.create_index("ix_sponsor_bill_lines_bill_id", "sponsor_bill_lines", ["bill_id"])
    op.create_table(
        "agents",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("code", sa.String(24), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True, unique=True),
        sa.Column("bind_token_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", Moment, nullable=False),
    )
    op.create_table(
        "assisted_enrolments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("agent_id", sa.BigInteger(), sa.ForeignKey("agents.id"), nullable=False),
        sa.Column(
            "participant_id",
            sa.BigInteger(),
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("consent_file_id", sa.Text(), nullable=False),
        sa.Column("consent_unique_id", sa.String(64), nullable=False),
        sa.Column("consent_state", sa.String(10), nullable=False),
        sa.Column("consent_path", sa.String(200), nullable=True),
        sa.Column("consent_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("link_code_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("link_expires", Moment, nullable=True),
        sa.Column("linked_at", Moment, nullable=True),
        sa.Column("created_at", Moment, nullable=False),
    )
    op.create_index("ix_assisted_enrolments_agent", "assisted_enrolments", ["agent_id", "created_at"])
    op.create_table(
        "forgotten_files",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("created_at", Moment, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("forgotten_files")
    op.drop_table("assisted_enrolments")
    op.drop_table("agents")
    op.drop_table("sponsor_bill_lines")
    op.drop_table("sponsor_bills")
    op.drop_table("sponsorships")
    op.drop_table("sponsors")
