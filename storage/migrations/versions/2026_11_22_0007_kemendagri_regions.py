"""Regions by Kemendagri code: participants registered with BPS-coded regions are recomputed.

The NIK is sealed, so the recomputation itself runs with the data key: `bpu-bot participants
recompute-regions`, or at the next `bpu-bot run`, which sees this flag.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO counters (name, value) "
        "SELECT 'regions_pending', CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END FROM participants"
    )


def downgrade() -> None:
    op.execute("DELETE FROM counters WHERE name = 'regions_pending'")
