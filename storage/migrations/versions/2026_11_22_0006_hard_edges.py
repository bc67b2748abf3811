"""Hard edges: key fingerprint, registration numbers never reused, NIK checks per chat, reference conflicts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NOT_CONFLICT = "reason <> 'reference_conflict'"


def upgrade() -> None:
    op.create_table(
        "data_keys",
        sa.Column("role", sa.String(8), primary_key=True),  # current, next (during a rotation)
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    # Numbers issued so far came from participant ids: start after the highest one still there.
    op.execute(
        "INSERT INTO counters (name, value) "
        "SELECT 'registration_number', COALESCE(MAX(id), 0) FROM participants"
    )
    op.create_table(
        "nik_checks",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("nik_hash", sa.String(64), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_nik_checks_chat", "nik_checks", ["chat_id", "checked_at"])
    # A reference is unique among applied-or-kept notices; conflicting bodies are kept beside it.
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("payment_exceptions_reference_key", "payment_exceptions", type_="unique")
    else:
        naming = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
        with op.batch_alter_table("payment_exceptions", naming_convention=naming) as batch:
            batch.drop_constraint("uq_payment_exceptions_reference", type_="unique")
    where = {"postgresql_where": sa.text(NOT_CONFLICT), "sqlite_where": sa.text(NOT_CONFLICT)}
    op.create_index(
        "uq_payment_exceptions_reference", "payment_exceptions", ["reference"], unique=True, **where
    )
    op.create_index("ix_payment_exceptions_reference", "payment_exceptions", ["reference"])


def downgrade() -> None:
    op.drop_index("ix_payment_exceptions_reference", "payment_exceptions")
    op.drop_index("uq_payment_exceptions_reference", "payment_exceptions")
    op.execute("DELETE FROM payment_exceptions WHERE reason = 'reference_conflict'")
    with op.batch_alter_table("payment_exceptions") as batch:
        batch.create_unique_constraint("uq_payment_exceptions_reference", ["reference"])
    op.drop_index("ix_nik_checks_chat", "nik_checks")
    op.drop_table("nik_checks")
    op.drop_table("counters")
    op.drop_table("data_keys")
