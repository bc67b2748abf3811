"""What the database holds right now, counted for `/metrics`: no row's content, only counts and ages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.claims import ClaimStatus
from bot.domain.priority import Priority
from storage.models import Claim, OutboxMessage

PRIORITY_NAMES = {p.value: p.name.lower() for p in Priority}


@dataclass(frozen=True)
class Snapshot:
    """Pending outbox rows and the age of the oldest, by priority; claims by status."""

    outbox_depth: dict[str, int]
    outbox_oldest_seconds: dict[str, float]
    claims: dict[str, int]


def snapshot(session: Session, now: datetime) -> Snapshot:
    """Count pending messages and claims (two grouped queries)."""
    depth = {name: 0 for name in PRIORITY_NAMES.values()}
    oldest = {name: 0.0 for name in PRIORITY_NAMES.values()}
    rows = session.execute(
        select(OutboxMessage.priority, func.count(), func.min(OutboxMessage.created_at))
        .where(OutboxMessage.state == "pending")
        .group_by(OutboxMessage.priority)
    ).all()
    for priority, count, first in rows:
        name = PRIORITY_NAMES.get(priority, str(priority))
        depth[name] = count
        if first is not None:
            first = first.replace(tzinfo=UTC) if first.tzinfo is None else first
            oldest[name] = max(0.0, (now - first).total_seconds())
    claims = {status.value: 0 for status in ClaimStatus}
    claims |= {
        status: count
        for status, count in session.execute(select(Claim.status, func.count()).group_by(Claim.status))
    }
    return Snapshot(depth, oldest, claims)
