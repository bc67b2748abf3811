"""Payments in: applied once by reference, or kept as an exception for the operator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.participants import ParticipantStatus
from bot.domain.payments import PaymentNotice, Refused, Rejected, decide
from bot.domain.reminders import Kind
from bot.domain.rules import Rules
from bot.domain.sponsors import SponsorshipState
from storage.crypto import Vault
from storage.models import Participant, Payment, PaymentException, Sponsorship
from storage.repositories.participants import payer_of


@dataclass(frozen=True)
class Applied:
    """What became of a notice.

    `applied`; `duplicate` (this reference with this body was seen before); `conflict` (this reference was
    seen with another body: kept as an exception); `exception` with a reason (kept for an operator);
    `refused` (the notice contradicts the register: nothing kept, the sender is told why).
    """

    outcome: str
    reason: str = ""
    detail: str = ""
    notice: PlannedNotice | None = None  # the worker is to be told protection started


@dataclass(frozen=True)
class PlannedNotice:
    """An activation notice owed to a participant, for the caller to plan (`bot.domain.reminders`)."""

    participant_id: int
    month: date
    kind: Kind
    timezone: str


@dataclass(frozen=True)
class _Seen:
    """A reference already recorded, with what the notice said then."""

    channel: str
    nik_hash: str | None
    amount: int
    months: int
    paid_at: datetime

    def same(self, notice: PaymentNotice, nik_hash: str) -> bool:
        paid_at = self.paid_at if self.paid_at.tzinfo else self.paid_at.replace(tzinfo=UTC)
        same_nik = self.nik_hash is None or self.nik_hash == nik_hash  # None: the payer was anonymised
        return (self.channel, self.amount, self.months, paid_at) == (
            notice.channel,
            notice.amount,
            notice.months,
            notice.paid_at,
        ) and same_nik


CONFLICT = "reference_conflict"
_NOT_CONFLICT = PaymentException.reason != CONFLICT
# As in the partial unique index: PostgreSQL matches ON CONFLICT to it by this predicate, not by parameters.
_NOT_CONFLICT_SQL = "reason <> 'reference_conflict'"


class PaymentRepository:
    """Apply payment notices; never commits."""

    def __init__(self, session: Session, vault: Vault, rules: Rules) -> None:
        self.session = session
        self.vault = vault
        self.rules = rules
        self._undecided: dict[int, Sponsorship] = {}

    def apply(self, notice: PaymentNotice, now: datetime) -> Applied:
        """Apply one notice exactly once; anything that does not match becomes an exception."""
        return (self.apply_many([notice], now))[0]

    def apply_many(self, notices: list[PaymentNotice], now: datetime) -> list[Applied]:
        """Apply notices in order, with a few look-ups for the whole batch rather than per notice.

        The participants are locked first and the references looked up after: two deliveries of one
        notice racing each other are serialised on the participant, and the second sees the first's row.
        """
        hashes = {n.nik: self.vault.lookup_hash(n.nik) for n in notices}
        query = (
            select(Participant)
            .where(Participant.nik_hash.in_(set(hashes.values())))
            .order_by(Participant.id)
            .with_for_update()
        )
        participants = {p.nik_hash: p for p in (self.session.execute(query)).scalars()}
        self._undecided = self._not_going_on([p.id for p in participants.values()])
        seen = self._seen([n.reference for n in notices])
        results: list[Applied] = []
        exceptions: list[dict] = []
        for notice in notices:
            nik_hash = hashes[notice.nik]
            before = seen.get(notice.reference)
            if before is not None:
                if before.same(notice, nik_hash):
                    results.append(Applied("duplicate"))
                else:
                    results.append(self._conflict(notice, nik_hash))
                continue
            applied = self._apply_one(notice, participants.get(nik_hash), now)
            if applied.outcome != "refused":
                seen[notice.reference] = _Seen(
                    notice.channel, nik_hash, notice.amount, notice.months, notice.paid_at
                )
            if applied.outcome == "exception":
                exceptions.append(self._exception_row(notice, nik_hash, applied))
            results.append(applied)
        if exceptions:
            lost = self._insert_exceptions(exceptions)
            results = [
                Applied("duplicate") if a.outcome == "exception" and n.reference in lost else a
                for a, n in zip(results, notices, strict=True)
            ]
        self.session.flush()
        return results

    def _not_going_on(self, participant_ids: list[int]) -> dict[int, Sponsorship]:
        """The sponsorships of these participants whose worker has not said they go on paying themselves."""
        if not participant_ids:
            return {}
        query = select(Sponsorship).where(
            Sponsorship.participant_id.in_(participant_ids),
            Sponsorship.state != SponsorshipState.CONTINUING.value,
        )
        return {row.participant_id: row for row in self.session.execute(query).scalars()}

    def _seen(self, references: list[str]) -> dict[str, _Seen]:
        found: dict[str, _Seen] = {}
        paid = (
            select(Payment, Participant.nik_hash)
            .join(Participant, Participant.id == Payment.participant_id)
            .where(Payment.reference.in_(references))
        )
        for payment, nik_hash in self.session.execute(paid):
            kept_hash = None if nik_hash.startswith(ParticipantStatus.ANONYMISED.value) else nik_hash
            found[payment.reference] = _Seen(
                payment.channel, kept_hash, payment.amount, payment.months, payment.paid_at
            )
        kept = select(PaymentException).where(PaymentException.reference.in_(references), _NOT_CONFLICT)
        for item in self.session.execute(kept).scalars():
            found[item.reference] = _Seen(item.channel, item.nik_hash, item.amount, item.months, item.paid_at)
        return found

    def _conflict(self, notice: PaymentNotice, nik_hash: str) -> Applied:
        """Keep one exception row per distinct conflicting body, so an operator sees what was claimed."""
        applied = Applied("conflict", CONFLICT, "this reference was recorded before with another body")
        row = self._exception_row(notice, nik_hash, applied)
        same = (
            select(func.count())
            .select_from(PaymentException)
            .where(
                PaymentException.reference == notice.reference,
                PaymentException.reason == CONFLICT,
                PaymentException.channel == notice.channel,
                PaymentException.amount == notice.amount,
                PaymentException.months == notice.months,
                PaymentException.paid_at == notice.paid_at,
            )
        )
        if not self.session.execute(same).scalar_one():
            self.session.execute(insert(PaymentException), [row])
        return applied

    def _insert_exceptions(self, rows: list[dict]) -> set[str]:
        """Insert exception rows; return the references a concurrent delivery had inserted first."""
        dialect_insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        statement = (
            dialect_insert(PaymentException)
            .on_conflict_do_nothing(index_elements=["reference"], index_where=text(_NOT_CONFLICT_SQL))
            .returning(PaymentException.reference)
        )
        inserted = set()
        for row in rows:  # one by one: RETURNING with executemany is not portable across drivers
            inserted.update(self.session.execute(statement, row).scalars())
        return {row["reference"] for row in rows} - inserted

    def _apply_one(self, notice: PaymentNotice, participant: Participant | None, now: datetime) -> Applied:
        """Store what `decide` made of the notice."""
        decision = decide(notice, payer_of(participant) if participant else None, self.rules)
        if isinstance(decision, Rejected):
            return Applied("refused", "paid_at", decision.detail)
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
        sponsorship = self._undecided.get(participant.id)
        if sponsorship is not None and months[-1] > sponsorship.last_month:
            # Paying a month after the sponsor's last is going on, whatever was answered at the handover
            # ("Nanti saja") or not at all: the reminders come back for the months that follow.
            sponsorship.state = SponsorshipState.CONTINUING.value
            sponsorship.decided_at = now
            participant.reminders_on = True
        if decision.notice is not None:
            participant.status = ParticipantStatus.ACTIVE
            participant.activated_at = notice.paid_at
            planned = PlannedNotice(participant.id, months[0], decision.notice, participant.timezone)
            return Applied("applied", notice=planned)
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
