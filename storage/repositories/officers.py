"""Console accounts, their sessions and failed logins, and the audit log; never commits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, ConsoleSession, LoginFailure, Operator


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


class OfficerRepository:
    """Operators, sessions, failures and audit rows."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- accounts ---------------------------------------------------------------------------------

    def by_name(self, name: str) -> Operator | None:
        """Return the account called `name`."""
        return self.session.execute(select(Operator).where(Operator.name == name)).scalar_one_or_none()

    def add(self, name: str, role: str, password_hash: str, now: datetime) -> Operator:
        """Create an account that must change its one-time password at first login."""
        operator = Operator(
            name=name, role=role, password_hash=password_hash, must_change=True, created_at=now
        )
        self.session.add(operator)
        self.session.flush()
        return operator

    def failures_since(self, operator_id: int, since: datetime) -> int:
        """Count wrong passwords for the account since `since`."""
        query = select(func.count()).where(LoginFailure.operator_id == operator_id, LoginFailure.at >= since)
        return int(self.session.execute(query).scalar_one())

    def fail(self, operator_id: int, now: datetime) -> None:
        """Record a wrong password."""
        self.session.add(LoginFailure(operator_id=operator_id, at=now))

    def forget_failures(self, operator_id: int) -> None:
        """A right password clears the count."""
        self.session.execute(delete(LoginFailure).where(LoginFailure.operator_id == operator_id))

    # --- sessions ---------------------------------------------------------------------------------

    def open_session(self, digest: str, operator_id: int, now: datetime) -> None:
        """Record a new session under the digest of its token."""
        self.session.add(ConsoleSession(id=digest, operator_id=operator_id, created_at=now, last_seen=now))

    def session_of(self, digest: str, idle: timedelta, now: datetime) -> Operator | None:
        """Return the account of a live session and mark it seen; an idle or disabled one is closed."""
        found = self.session.get(ConsoleSession, digest)
        if found is None:
            return None
        operator = self.session.get(Operator, found.operator_id)
        if operator is None or operator.disabled or aware(found.last_seen) < now - idle:
            self.session.delete(found)
            return None
        found.last_seen = now
        return operator

    def close_session(self, digest: str) -> None:
        """Log out."""
        self.session.execute(delete(ConsoleSession).where(ConsoleSession.id == digest))

    def close_sessions_of(self, operator_id: int) -> None:
        """End every session of an account (disabled, or its password changed)."""
        self.session.execute(delete(ConsoleSession).where(ConsoleSession.operator_id == operator_id))

    # --- audit ------------------------------------------------------------------------------------

    def audit(
        self,
        actor: str,
        action: str,
        subject: str,
        now: datetime,
        before: str | None = None,
        after: str | None = None,
    ) -> None:
        """Append one audit row (never personal data: ids, numbers, statuses, notes)."""
        self.session.add(
            AuditEntry(
                at=now,
                actor=actor,
                action=action,
                subject=subject[:60],
                before=before[:200] if before else before,
                after=after[:500] if after else after,
            )
        )

    def audit_rows(self, limit: int = 200) -> list[AuditEntry]:
        """The newest audit rows first."""
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        return list(self.session.execute(query).scalars())
