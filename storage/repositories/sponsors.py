"""Sponsor programmes, the workers they enrol, their monthly lists and payments; never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session

from bot.domain.participants import ParticipantStatus, Registration, SponsoredMonths
from bot.domain.reminders import Kind, next_daytime
from bot.domain.rules import Rules
from bot.domain.sponsors import (
    PaidOnError,
    Refusal,
    SponsorshipState,
    SponsorTerms,
    handover_through,
    month_of,
    sponsor_paid_at,
)
from storage.crypto import Vault
from storage.models import (
    AuditEntry,
    Claim,
    Participant,
    Payment,
    Reminder,
    Sponsor,
    SponsorBill,
    SponsorBillLine,
    Sponsorship,
)
from storage.repositories.participants import ParticipantRepository, terms_of
from storage.repositories.reminders import ReminderRepository

CHANNEL = "sponsor"


class SponsorError(ValueError):
    """An operator's sponsor command that cannot be done (unknown code, a month not billed...)."""


class PaidOnRefused(SponsorError):
    """The day named for a sponsor's transfer is after today or before the month's list was written."""


@dataclass(frozen=True)
class Enrolled:
    """A worker enrolled through a sponsor's link: their number and the months the sponsor pays."""

    registration_number: str
    first_month: date
    last_month: date


@dataclass(frozen=True)
class BillLine:
    """One worker on a monthly list (no NIK beyond its last four digits)."""

    registration_number: str
    nik_last4: str
    amount: int


@dataclass(frozen=True)
class Bill:
    """A sponsor's list for one month."""

    code: str
    name: str
    month: date
    lines: tuple[BillLine, ...]
    paid_reference: str | None

    @property
    def total(self) -> int:
        """Return what the sponsor pays for the month."""
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class PaymentRecorded:
    """What `sponsors paid` did: `recorded` now, or `already` (the same reference recorded before)."""

    outcome: str
    workers: int
    total: int


@dataclass(frozen=True)
class Report:
    """A programme's numbers (no personal data)."""

    code: str
    name: str
    quota: int
    enrolled: int
    protected: int  # the current month paid
    claims: int
    continuing: int  # "Lanjut bayar sendiri" at the handover
    ended: int  # "Nanti saja"
    undecided: int  # told of the handover, no answer yet


class SponsorRepository:
    """The sponsor side of the register."""

    def __init__(self, session: Session, vault: Vault, rules: Rules) -> None:
        self.session = session
        self.vault = vault
        self.rules = rules

    # --- programmes ---------------------------------------------------------------------------------

    def add(
        self,
        *,
        name: str,
        code: str,
        quota: int,
        months: int,
        programme: str,
        from_month: date,
        regions: tuple[str, ...],
        occupations: tuple[str, ...],
        ends: date | None,
        actor: str,
        now: datetime,
    ) -> Sponsor:
        """Create a programme; a code already used is refused."""
        if self.session.execute(select(Sponsor.id).where(Sponsor.code == code)).first() is not None:
            raise SponsorError(f"the code {code} is already used")
        sponsor = Sponsor(
            code=code,
            name=name,
            quota=quota,
            months=months,
            programme=programme,
            from_month=month_of(from_month),
            ends=ends,
            regions=list(regions),
            occupations=list(occupations),
            created_at=now,
        )
        self.session.add(sponsor)
        self.session.flush()
        self.audit(actor, "sponsor_added", code, f"{name}; quota {quota}; {months} months; {programme}", now)
        return sponsor

    def programmes(self) -> list[tuple[Sponsor, int]]:
        """Return every programme with how many workers it enrolled."""
        enrolled = (
            select(Sponsorship.sponsor_id, func.count().label("n"))
            .group_by(Sponsorship.sponsor_id)
            .subquery()
        )
        query = (
            select(Sponsor, func.coalesce(enrolled.c.n, 0))
            .outerjoin(enrolled, enrolled.c.sponsor_id == Sponsor.id)
            .order_by(Sponsor.code)
        )
        return [(s, int(n)) for s, n in self.session.execute(query).all()]

    def _sponsor(self, code: str, *, lock: bool = False) -> Sponsor | None:
        query = select(Sponsor).where(Sponsor.code == code)
        if lock:
            query = query.with_for_update()
        return self.session.execute(query).scalar_one_or_none()

    def _enrolled(self, sponsor_id: int) -> int:
        query = select(func.count()).select_from(Sponsorship).where(Sponsorship.sponsor_id == sponsor_id)
        return int(self.session.execute(query).scalar_one())

    def terms(self, code: str) -> SponsorTerms | None:
        """Return what a programme offers, with the quota left, or None for an unknown code."""
        sponsor = self._sponsor(code)
        if sponsor is None:
            return None
        return _terms(sponsor, sponsor.quota - self._enrolled(sponsor.id))

    # --- enrolment ----------------------------------------------------------------------------------

    def enrol(
        self, chat_id: int, registration: Registration, code: str, now: datetime, today: date
    ) -> Enrolled | Refusal:
        """Register the worker as the programme's: checked again here, under a lock on the programme.

        Two workers taking the last place at once are serialised on the sponsor row; the loser is told the
        quota is used up. The worker is asked to pay nothing: reminders stay off while the sponsor pays.
        """
        sponsor = self._sponsor(code, lock=True)
        if sponsor is None:
            return Refusal.UNKNOWN
        terms = _terms(sponsor, sponsor.quota - self._enrolled(sponsor.id))
        refused = terms.open_on(today)
        if refused is None and terms.region_refused(registration.regency_code):
            refused = Refusal.REGION
        if refused is None and terms.occupation_refused(registration.occupations):
            refused = Refusal.OCCUPATION
        if refused is not None:
            return refused
        people = ParticipantRepository(self.session, self.vault)
        created = people.add(chat_id, registration, now)
        if created is None:
            return Refusal.REGISTERED
        created.reminders_on = False
        first, last = terms.covers(registration.first_month)
        self.session.add(
            Sponsorship(
                sponsor_id=sponsor.id,
                participant_id=created.id,
                first_month=first,
                last_month=last,
                state=SponsorshipState.ACTIVE.value,
                created_at=now,
            )
        )
        self.session.flush()
        return Enrolled(created.registration_number or "", first, last)

    # --- billing and payment ------------------------------------------------------------------------

    def bill(self, code: str, month: date, now: datetime) -> Bill:
        """Write (or write again, while unpaid) the month's list: every worker whose coverage includes it.

        Workers who died, asked to be forgotten, or said "later" for a month past their last are not on it.
        """
        sponsor = self._sponsor(code, lock=True)
        if sponsor is None:
            raise SponsorError(f"no sponsor programme {code}")
        month = month_of(month)
        bill = self.session.execute(
            select(SponsorBill).where(SponsorBill.sponsor_id == sponsor.id, SponsorBill.month == month)
        ).scalar_one_or_none()
        if bill is not None and bill.paid_reference is not None:
            return self._bill_of(sponsor, bill)
        people = self.session.execute(
            select(Participant)
            .join(Sponsorship, Sponsorship.participant_id == Participant.id)
            .where(
                Sponsorship.sponsor_id == sponsor.id,
                Sponsorship.first_month <= month,
                Sponsorship.last_month >= month,
                Participant.deceased.is_(False),
                Participant.status != ParticipantStatus.ANONYMISED.value,
            )
            .order_by(Participant.id)
        ).scalars()
        rows = [{"participant_id": p.id, "amount": terms_of(p).iuran(month, self.rules)} for p in people]
        if bill is None:
            bill = SponsorBill(sponsor_id=sponsor.id, month=month, workers=0, total=0, created_at=now)
            self.session.add(bill)
            self.session.flush()
        else:
            self.session.execute(delete(SponsorBillLine).where(SponsorBillLine.bill_id == bill.id))
            bill.created_at = now
        if rows:
            self.session.execute(insert(SponsorBillLine), [{"bill_id": bill.id, **row} for row in rows])
        bill.workers, bill.total = len(rows), sum(int(r["amount"]) for r in rows)
        self.session.flush()
        return self._bill_of(sponsor, bill)

    def _bill_of(self, sponsor: Sponsor, bill: SponsorBill) -> Bill:
        lines = self.session.execute(
            select(Participant.registration_number, Participant.nik_last4, SponsorBillLine.amount)
            .join(Participant, Participant.id == SponsorBillLine.participant_id)
            .where(SponsorBillLine.bill_id == bill.id)
            .order_by(SponsorBillLine.id)
        ).all()
        return Bill(
            sponsor.code,
            sponsor.name,
            bill.month,
            tuple(BillLine(number or "", last4 or "", amount) for number, last4, amount in lines),
            bill.paid_reference,
        )

    def paid(
        self, code: str, month: date, reference: str, actor: str, now: datetime, paid_on: date | None = None
    ) -> PaymentRecorded:
        """Record the sponsor's payment of a month's list for every worker on it, all or nothing.

        `paid_on`: the day the sponsor's transfer arrived, when it is recorded later (`sponsor_paid_at`).

        Idempotent: the same reference again changes nothing; another reference for a month already
        recorded is refused. Each worker is told once (a notice per worker and month; the first with the
        card).
        """
        sponsor = self._sponsor(code, lock=True)
        if sponsor is None:
            raise SponsorError(f"no sponsor programme {code}")
        month = month_of(month)
        bill = self.session.execute(
            select(SponsorBill)
            .where(SponsorBill.sponsor_id == sponsor.id, SponsorBill.month == month)
            .with_for_update()
        ).scalar_one_or_none()
        if bill is None:
            raise SponsorError(f"{code} has no list for {month:%Y-%m}: run `sponsors bill` first")
        if bill.paid_reference is not None:
            if bill.paid_reference == reference:
                return PaymentRecorded("already", bill.workers, bill.total)
            raise SponsorError(f"{code} {month:%Y-%m} was recorded paid with reference {bill.paid_reference}")
        lines = self.session.execute(
            select(
                SponsorBillLine.participant_id,
                SponsorBillLine.amount,
                Participant.status,
                Participant.timezone,
            )
            .join(Participant, Participant.id == SponsorBillLine.participant_id)
            .where(SponsorBillLine.bill_id == bill.id)
        ).all()
        try:
            paid_at = sponsor_paid_at(paid_on, bill.created_at, now).astimezone(UTC)
        except PaidOnError as error:
            raise PaidOnRefused(f"--paid-on {error}") from error
        channel = f"{CHANNEL}:{code}"[:40]
        if lines:
            self.session.execute(
                insert(Payment),
                [
                    {
                        "participant_id": pid,
                        "reference": f"{reference}/{pid}"[:64],
                        "channel": channel,
                        "amount": amount,
                        "first_month": month,
                        "months": 1,
                        "paid_at": paid_at,
                    }
                    for pid, amount, _status, _zone in lines
                ],
            )
        ids = [pid for pid, *_ in lines]
        first_time = {pid for pid, _a, status, _z in lines if status == ParticipantStatus.REGISTERED.value}
        for chunk in _chunks(ids, 900):
            self.session.execute(
                update(Participant)
                .where(
                    Participant.id.in_(chunk),
                    or_(Participant.paid_through.is_(None), Participant.paid_through < month),
                )
                .values(paid_through=month)
            )
            self.session.execute(
                update(Participant)
                .where(Participant.id.in_(chunk), Participant.status != ParticipantStatus.ACTIVE.value)
                .where(Participant.status != ParticipantStatus.ANONYMISED.value)
                .values(status=ParticipantStatus.ACTIVE.value, activated_at=paid_at)
            )
        notices = [
            {
                "participant_id": pid,
                "iuran_month": month,
                "kind": (Kind.SPONSOR_ACTIVATED if pid in first_time else Kind.SPONSORED).value,
                "planned_at": (at := next_daytime(now, zone)),
                "due_at": at,
                "attempts": 0,
            }
            for pid, _a, _s, zone in lines
        ]
        ReminderRepository(self.session).add_notices(notices)
        bill.paid_reference, bill.paid_at = reference, paid_at
        subject = f"{code} {month:%Y-%m}"
        detail = f"{bill.workers} workers; Rp{bill.total}; ref {reference}"
        if paid_on is not None:
            detail += f"; paid on {paid_on:%Y-%m-%d}"
        self.audit(actor, "sponsor_paid", subject, detail, now)
        self.session.flush()
        return PaymentRecorded("recorded", bill.workers, bill.total)

    # --- the handover -------------------------------------------------------------------------------

    def plan_handovers(self, today: date, now: datetime) -> int:
        """Plan the handover notice for every active sponsorship whose last month is next month or sooner.

        Planned once per sponsorship (a notice row per participant, month and kind).
        """
        cutoff = handover_through(today)
        told = exists().where(
            Reminder.participant_id == Sponsorship.participant_id,
            Reminder.iuran_month == Sponsorship.last_month,
            Reminder.kind == Kind.HANDOVER.value,
        )
        due = self.session.execute(
            select(Sponsorship.participant_id, Sponsorship.last_month, Participant.timezone)
            .join(Participant, Participant.id == Sponsorship.participant_id)
            .where(
                Sponsorship.state == SponsorshipState.ACTIVE.value,
                Sponsorship.last_month <= cutoff,
                Sponsorship.last_month >= month_of(today),
                Participant.deceased.is_(False),
                ~told,
            )
        ).all()
        rows = [
            {
                "participant_id": pid,
                "iuran_month": last,
                "kind": Kind.HANDOVER.value,
                "planned_at": (at := next_daytime(now, zone)),
                "due_at": at,
                "attempts": 0,
            }
            for pid, last, zone in due
        ]
        ReminderRepository(self.session).add_notices(rows)
        return len(rows)

    def decide(self, participant_id: int, go_on: bool, now: datetime) -> SponsoredMonths | None:
        """Record the worker's answer at the handover; going on turns their iuran reminders on.

        Returns the sponsorship as it stands after (None: the participant was not sponsored).
        """
        found = self.session.execute(
            select(Sponsorship, Sponsor.name)
            .join(Sponsor, Sponsor.id == Sponsorship.sponsor_id)
            .where(Sponsorship.participant_id == participant_id)
            .with_for_update()
        ).one_or_none()
        if found is None:
            return None
        sponsorship, name = found
        sponsorship.state = (SponsorshipState.CONTINUING if go_on else SponsorshipState.ENDED).value
        sponsorship.decided_at = now
        participant = self.session.get_one(Participant, participant_id)
        participant.reminders_on = go_on
        return SponsoredMonths(name, sponsorship.first_month, sponsorship.last_month, sponsorship.state)

    def sponsored(self, participant_ids: list[int]) -> dict[int, SponsoredMonths]:
        """Return the sponsorship of each of these participants that has one (for notices)."""
        found: dict[int, SponsoredMonths] = {}
        for chunk in _chunks(participant_ids, 900):
            rows = self.session.execute(
                select(
                    Sponsorship.participant_id,
                    Sponsor.name,
                    Sponsorship.first_month,
                    Sponsorship.last_month,
                    Sponsorship.state,
                )
                .join(Sponsor, Sponsor.id == Sponsorship.sponsor_id)
                .where(Sponsorship.participant_id.in_(chunk))
            ).all()
            found |= {
                pid: SponsoredMonths(name, first, last, state) for pid, name, first, last, state in rows
            }
        return found

    # --- reports ------------------------------------------------------------------------------------

    def report(self, code: str, today: date) -> Report:
        """Count a programme's workers: enrolled, protected this month, claims, answers at the handover."""
        sponsor = self._sponsor(code)
        if sponsor is None:
            raise SponsorError(f"no sponsor programme {code}")
        month = month_of(today)
        mine = Sponsorship.sponsor_id == sponsor.id
        joined = (
            select(func.count())
            .select_from(Sponsorship)
            .join(Participant, Participant.id == Sponsorship.participant_id)
        )
        enrolled = self._count(select(func.count()).select_from(Sponsorship).where(mine))
        protected = self._count(
            joined.where(mine, Participant.paid_through >= month, Participant.deceased.is_(False))
        )
        claims = self._count(
            select(func.count())
            .select_from(Claim)
            .join(Sponsorship, Sponsorship.participant_id == Claim.participant_id)
            .where(mine)
        )
        by_state = dict(
            self.session.execute(
                select(Sponsorship.state, func.count()).where(mine).group_by(Sponsorship.state)
            ).all()
        )
        told = self._count(
            select(func.count())
            .select_from(Sponsorship)
            .where(
                mine,
                Sponsorship.state == SponsorshipState.ACTIVE.value,
                exists().where(
                    and_(
                        Reminder.participant_id == Sponsorship.participant_id,
                        Reminder.kind == Kind.HANDOVER.value,
                    )
                ),
            )
        )
        return Report(
            sponsor.code,
            sponsor.name,
            sponsor.quota,
            enrolled,
            protected,
            claims,
            int(by_state.get(SponsorshipState.CONTINUING.value, 0)),
            int(by_state.get(SponsorshipState.ENDED.value, 0)),
            told,
        )

    def _count(self, query) -> int:  # noqa: ANN001 - a count query
        return int(self.session.execute(query).scalar_one())

    def audit(self, actor: str, action: str, subject: str, after: str, now: datetime) -> None:
        """Record who did what to a programme (the audit log refuses changes)."""
        self.session.add(
            AuditEntry(at=now, actor=actor[:60], action=action, subject=subject[:60], after=after[:500])
        )


def _terms(sponsor: Sponsor, quota_left: int) -> SponsorTerms:
    return SponsorTerms(
        code=sponsor.code,
        name=sponsor.name,
        programme=sponsor.programme,
        months=sponsor.months,
        from_month=sponsor.from_month,
        ends=sponsor.ends,
        regions=tuple(sponsor.regions),
        occupations=tuple(sponsor.occupations),
        quota_left=quota_left,
    )


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
