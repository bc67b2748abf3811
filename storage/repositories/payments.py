"""Payments in: applied once by reference, or kept as an exception for the operator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.participants import ParticipantStatus
from bot.domain.payments import PaymentNotice, Refused, decide
from bot.domain.reminders import next_daytime
from bot.domain.rules import Rules
from storage.crypto import Vault
from storage.models import Participant, Payment, PaymentException, Reminder
from storage.repositories.participants import payer_of


@dataclass(frozen=True)
class Applied:
    """What became of a notice: `applied`, `duplicate`, or `exception` with a reason."""

    outcome: str
    reason: str = ""
    detail: str = ""


class PaymentRepository:
    """Apply payment notices; never commits."""

    def __init__(self, session: Session, vault: Vault, rules: Rules) -> None:
        self.session = session
        self.vault = vault
        self.rules = rules

    def apply(self, notice: PaymentNotice, now: datetime) -> Applied:
        """Apply one notice exactly once; anything that does not match becomes an exception."""
        return (self.apply_many([notice], now))[0]

    def apply_many(self, notices: list[PaymentNotice], now: datetime) -> list[Applied]:
        """Apply notices in order, with three look-ups for the whole batch rather than per notice."""
        references = [n.reference for n in notices]
        known = set()
        for model in (Payment, PaymentException):
            found = self.session.execute(select(model.reference).where(model.reference.in_(references)))
            known.update(found.scalars())
        hashes = {n.nik: self.vault.lookup_hash(n.nik) for n in notices}
        query = select(Participant).where(Participant.nik_hash.in_(set(hashes.values()))).with_for_update()
        participants = {p.nik_hash: p for p in (self.session.execute(query)).scalars()}
        results: list[Applied] = []
        exceptions: list[dict] = []
        for notice in notices:
            if notice.reference in known:
                results.append(Applied("duplicate"))
                continue
            known.add(notice.reference)
            applied = self._apply_one(notice, participants.get(hashes[notice.nik]), now)
            if applied.outcome == "exception":
                exceptions.append(self._exception_row(notice, hashes[notice.nik], applied))
            results.append(applied)
        if exceptions:
            insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
            self.session.execute(
                insert(PaymentException).on_conflict_do_nothing(index_elements=["reference"]), exceptions
            )
        self.session.flush()
        return results

    def _apply_one(self, notice: PaymentNotice, participant: Participant | None, now: datetime) -> Applied:
        """Store what `decide` made of the notice."""
        decision = decide(notice, payer_of(participant) if participant else None, self.rules)
        if isinstance(decision, Refused):
            return Applied("exception", decision.reason.value, decision.detail)
        assert participant is not None
        months = decision.months
        self.session.add(
            Payment(
                participant_id=participant.id,
                reference=notice.reference,
                channel=notice.channel,
                amount=notice.amount,
                first_month=months[0],
                months=notice.months,
                paid_at=notice.paid_at,
            )
        )
        participant.paid_through = months[-1]
        if decision.notice is not None:
            participant.status = ParticipantStatus.ACTIVE
            participant.activated_at = notice.paid_at
            # The worker is told protection started (and gets the card again), planned like a reminder.
            at = next_daytime(now, participant.timezone)
            self.session.add(
                Reminder(
                    participant_id=participant.id,
                    iuran_month=months[0],
                    kind=decision.notice.value,
                    planned_at=at,
                    due_at=at,
                    attempts=0,
                )
            )
        return Applied("applied")

    def _exception_row(self, notice: PaymentNotice, nik_hash: str, applied: Applied) -> dict:
        return {
            "reference": notice.reference,
            "channel": notice.channel,
            "nik_hash": nik_hash,
            "nik_last4": notice.nik[-4:],
            "amount": notice.amount,
            "months": notice.months,
            "paid_at": notice.paid_at,
            "reason": applied.reason,
            "detail": applied.detail[:200],
        }

    def exceptions(self, *, include_resolved: bool = False) -> list[PaymentException]:
        """Return exceptions, oldest first."""
        query = select(PaymentException).order_by(PaymentException.id)
        if not include_resolved:
            query = query.where(PaymentException.resolved_at.is_(None))
        return list((self.session.execute(query)).scalars())

    def resolve(self, exception_id: int, note: str, now: datetime) -> bool:
        """Mark an exception resolved with the operator's note; False when there is no open one."""
        found = self.session.get(PaymentException, exception_id)
        if found is None or found.resolved_at is not None:
            return False
        found.resolved_at, found.resolution = now, note[:200]
        return True
