"""What the console shows, read from the register: counts, the enrolment funnel, records, queues.

Read-only; changes go through `bot/jobs/officer.py`. Personal data is opened only for a participant's own
record (the caller audits that) and never for lists, where NIKs are masked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.claims import ClaimStatus, Programme, sla_days, working_days_after
from bot.domain.iuran import is_working_day
from bot.domain.rules import Rules
from storage.crypto import Vault
from storage.models import (
    AskedQuestion,
    Claim,
    ClaimDocument,
    ClaimEvent,
    Conversation,
    OutboxMessage,
    Participant,
    Payment,
    PaymentException,
    Reminder,
    StateHistory,
)
from storage.repositories.claims import ClaimRepository

WIB = ZoneInfo("Asia/Jakarta")  # the branch's day


def N_(msgid: str) -> str:
    """Mark a label for the catalogs; the page translates it."""
    return msgid


DAYS = 30
WEEKS = 4

# The enrolment's questions in the order a worker meets them: (flow, state) and a short label (msgid).
ENROLMENT_STEPS: tuple[tuple[str, str, str], ...] = (
    ("enrollment", "ask_consent", N_("Persetujuan")),
    ("nik", "ask_nik", N_("NIK")),
    ("nik", "confirm_nik", N_("Cek NIK")),
    ("name", "ask_name", N_("Nama")),
    ("phone", "ask_phone", N_("Nomor HP")),
    ("domicile", "ask_regency", N_("Domisili")),
    ("address", "ask_address", N_("Alamat")),
    ("occupation", "ask_occupation", N_("Pekerjaan")),
    ("income", "ask_income", N_("Penghasilan")),
    ("programme", "ask_programme", N_("Program")),
    ("heirs", "ask_heir_name", N_("Ahli waris")),
    ("enrollment", "confirm_summary", N_("Ringkasan")),
)


def local_day(moment: datetime | None) -> date | None:
    """The branch's date of a stored moment (SQLite hands back naive UTC)."""
    if moment is None:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return moment.astimezone(WIB).date()


def masked_nik(last4: str | None) -> str:
    """A NIK as lists show it."""
    return "•" * 12 + (last4 or "????")


@dataclass(frozen=True)
class Series:
    """One count per day of the last `DAYS` days, oldest first."""

    name: str
    days: tuple[date, ...]
    values: tuple[int, ...]

    @property
    def today(self) -> int:
        """The last day's count."""
        return self.values[-1]

    @property
    def total(self) -> int:
        """All days' count."""
        return sum(self.values)


@dataclass(frozen=True)
class Dashboard:
    """Hari ini: the day's and the last 30 days' work."""

    series: tuple[Series, ...]
    claims: dict[str, int]
    funnel: tuple[FunnelWeek, ...]
    unanswered: tuple[tuple[datetime, str], ...]


@dataclass(frozen=True)
class FunnelWeek:
    """Workers who began enrolling in a week: how many reached each question, where the others stopped."""

    week: date  # its Monday
    started: int
    reached: tuple[int, ...]  # per step of ENROLMENT_STEPS
    stopped: tuple[int, ...]  # per step: the last question of those who did not finish
    finished: int


def _per_day(moments: list[datetime | None], days: tuple[date, ...]) -> tuple[int, ...]:
    counted = Counter(local_day(m) for m in moments)
    return tuple(counted.get(day, 0) for day in days)


def dashboard(session: Session, now: datetime) -> Dashboard:
    """Count the day's and the last 30 days' registrations, payments, reminders and claims."""
    today = now.astimezone(WIB).date()
    days = tuple(today - timedelta(days=back) for back in range(DAYS - 1, -1, -1))
    since = datetime.combine(days[0], datetime.min.time(), WIB).astimezone(UTC)

    def moments(column: Any, *where: Any) -> list[datetime | None]:
        return list(session.execute(select(column).where(column >= since, *where)).scalars())

    reminder_rows = session.execute(
        select(Reminder.claimed_at, Reminder.outcome).where(Reminder.claimed_at >= since)
    ).all()
    by_outcome: dict[str, list[datetime | None]] = defaultdict(list)
    for claimed_at, outcome in reminder_rows:
        by_outcome[
            "sent" if outcome == "sent" else "failed" if outcome in ("unreachable", "failed") else ""
        ].append(claimed_at)
    series = (
        Series(N_("Pendaftaran"), days, _per_day(moments(Participant.created_at), days)),
        Series(N_("Pembayaran pertama"), days, _per_day(moments(Participant.activated_at), days)),
        Series(N_("Pengecualian pembayaran"), days, _per_day(moments(PaymentException.created_at), days)),
        Series(N_("Pengingat terkirim"), days, _per_day(by_outcome["sent"], days)),
        Series(N_("Pengingat gagal"), days, _per_day(by_outcome["failed"], days)),
        Series(
            N_("Pesan tertahan"),
            days,
            _per_day(moments(OutboxMessage.created_at, OutboxMessage.state == "parked"), days),
        ),
    )
    claims = {status.value: 0 for status in ClaimStatus}
    claims.update(dict(session.execute(select(Claim.status, func.count()).group_by(Claim.status)).all()))  # type: ignore[arg-type]
    week_ago = now - timedelta(days=7)
    unanswered = tuple(
        (row.created_at, row.question)
        for row in session.execute(
            select(AskedQuestion)
            .where(AskedQuestion.answered.is_(False), AskedQuestion.created_at >= week_ago)
            .order_by(AskedQuestion.id.desc())
            .limit(50)
        ).scalars()
    )
    return Dashboard(series, claims, funnel(session, today), unanswered)


def funnel(session: Session, today: date, weeks: int = WEEKS) -> tuple[FunnelWeek, ...]:
    """The enrolment funnel of the last `weeks` weeks, from the state history (never what was typed)."""
    monday = today - timedelta(days=today.weekday())
    first_week = monday - timedelta(weeks=weeks - 1)
    since = datetime.combine(first_week, datetime.min.time(), WIB).astimezone(UTC)
    steps = {(flow, state): n for n, (flow, state, _) in enumerate(ENROLMENT_STEPS)}
    flows = {flow for flow, _, _ in ENROLMENT_STEPS}
    rows = session.execute(
        select(
            StateHistory.conversation_id, StateHistory.to_flow, StateHistory.to_state, StateHistory.created_at
        )
        .where(StateHistory.created_at >= since, StateHistory.to_flow.in_(flows))
        .order_by(StateHistory.id)
    ).all()
    began: dict[int, date] = {}
    reached: dict[int, set[int]] = defaultdict(set)
    last: dict[int, int] = {}
    for conversation, flow, state, at in rows:
        step = steps.get((flow, state))
        if step is None:
            continue
        if step == 0 and conversation not in began:
            day = local_day(at) or today
            began[conversation] = day - timedelta(days=day.weekday())
        if conversation in began:
            reached[conversation].add(step)
            last[conversation] = step
    registered_chats = set(
        session.execute(select(Participant.chat_id).where(Participant.created_at >= since)).scalars()
    )
    chats = dict(
        session.execute(
            select(Conversation.id, Conversation.chat_id).where(Conversation.id.in_(list(began)))
        ).all()  # type: ignore[arg-type]
    )
    result = []
    for n in range(weeks):
        week = first_week + timedelta(weeks=n)
        members = [c for c, w in began.items() if w == week]
        done = {c for c in members if chats.get(c) in registered_chats}
        result.append(
            FunnelWeek(
                week,
                len(members),
                tuple(sum(1 for c in members if step in reached[c]) for step in range(len(ENROLMENT_STEPS))),
                tuple(
                    sum(1 for c in members if c not in done and last.get(c) == step)
                    for step in range(len(ENROLMENT_STEPS))
                ),
                len(done),
            )
        )
    return tuple(result)


# --- participants ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A participant in a search result: never more than the last four NIK digits."""

    id: int
    registration_number: str
    nik: str
    status: str
    registered: date | None


def search(session: Session, vault: Vault, query: str) -> list[Found]:
    """Find by registration number or NIK (looked up by its keyed hash, never stored in clear)."""
    digits = "".join(c for c in query if c.isdigit())
    if not digits:
        return []
    if len(digits) == 16:
        where = Participant.nik_hash == vault.lookup_hash(digits)
    else:
        where = Participant.registration_number == digits
    rows = session.execute(select(Participant).where(where).limit(20)).scalars()
    return [
        Found(p.id, p.registration_number or "", masked_nik(p.nik_last4), p.status, local_day(p.created_at))
        for p in rows
    ]


@dataclass
class Record:
    """A participant's whole record, opened for an officer (audited by the caller)."""

    id: int
    registration_number: str
    personal: dict[str, Any]
    participant: Participant
    payments: list[Payment] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    history: list[tuple[datetime, str, str, str]] = field(default_factory=list)  # at, event, flow, state


def record(session: Session, vault: Vault, participant_id: int) -> Record | None:
    """Open one participant's record: data, payments, reminders, claims, conversation states and times."""
    person = session.get(Participant, participant_id)
    if person is None:
        return None
    personal = vault.open(person.personal) if person.personal else {}
    found = Record(person.id, person.registration_number or "", personal, person)
    found.payments = list(
        session.execute(
            select(Payment).where(Payment.participant_id == person.id).order_by(Payment.id)
        ).scalars()
    )
    found.reminders = list(
        session.execute(
            select(Reminder)
            .where(Reminder.participant_id == person.id)
            .order_by(Reminder.id.desc())
            .limit(50)
        ).scalars()
    )
    found.claims = list(
        session.execute(select(Claim).where(Claim.participant_id == person.id).order_by(Claim.id)).scalars()
    )
    if person.chat_id is not None:
        conversation = session.execute(
            select(Conversation.id).where(Conversation.chat_id == person.chat_id)
        ).scalar_one_or_none()
        if conversation is not None:
            rows = session.execute(
                select(
                    StateHistory.created_at, StateHistory.event, StateHistory.to_flow, StateHistory.to_state
                )
                .where(StateHistory.conversation_id == conversation)
                .order_by(StateHistory.id.desc())
                .limit(100)
            ).all()
            found.history = [(at, event, flow, state) for at, event, flow, state in rows]
    return found


# --- payments ----------------------------------------------------------------------------------------


def exceptions(session: Session) -> list[PaymentException]:
    """Open payment exceptions, oldest first."""
    query = (
        select(PaymentException).where(PaymentException.resolved_at.is_(None)).order_by(PaymentException.id)
    )
    return list(session.execute(query).scalars())


# --- claims ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuedClaim:
    """A claim in the queue: its age, and where it stands against the payment deadline."""

    number: str
    kind: str
    programme: str
    status: str
    reported: date
    age_days: int
    missing: int
    complete_on: date | None  # the day the last needed document arrived
    due_on: date | None  # complete_on + the SLA's working days
    late: bool


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    days, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            days += 1
    return days


def claim_queue(
    session: Session, vault: Vault, rules: Rules, now: datetime, status: str | None
) -> list[QueuedClaim]:
    """Claims by status and age, with the SLA (JKM 3, JKK 7 working days after complete documents)."""
    repo = ClaimRepository(session, vault)
    claims = repo.listed(status)
    missing = repo.missing_of(claims)
    stored = dict(
        session.execute(
            select(ClaimDocument.claim_id, func.max(ClaimDocument.stored_at))
            .where(ClaimDocument.claim_id.in_([c.id for c in claims]), ClaimDocument.state == "stored")
            .group_by(ClaimDocument.claim_id)
        ).all()  # type: ignore[arg-type]
    )
    today = now.astimezone(WIB).date()
    queue = []
    for claim in claims:
        reported = local_day(claim.created_at) or today
        complete_on = local_day(stored.get(claim.id)) if not missing[claim.id] else None
        due_on = None
        if complete_on is not None:
            due_on = working_days_after(complete_on, sla_days(Programme(claim.programme), rules))
        open_claim = claim.status not in (ClaimStatus.PAID.value, ClaimStatus.REJECTED.value)
        queue.append(
            QueuedClaim(
                claim.number,
                claim.kind,
                claim.programme,
                claim.status,
                reported,
                (today - reported).days,
                len(missing[claim.id]),
                complete_on,
                due_on,
                late=open_claim and due_on is not None and today > due_on,
            )
        )
    return queue


@dataclass
class ClaimView:
    """A claim as the officer opens it."""

    claim: Claim
    details: dict[str, Any]
    documents: list[ClaimDocument]
    events: list[ClaimEvent]
    missing: tuple[str, ...]
    needed: tuple[str, ...]


def claim_view(session: Session, vault: Vault, number: str) -> ClaimView | None:
    """Open a claim: its details (unsealed), documents, history and what is missing."""
    repo = ClaimRepository(session, vault)
    claim = repo.by_number(number.strip().upper())
    if claim is None:
        return None
    return ClaimView(
        claim,
        repo.details(claim),
        repo.documents(claim),
        repo.events(claim),
        repo.missing(claim),
        tuple(claim.documents_needed),
    )


def document_of(session: Session, number: str, document_id: int) -> ClaimDocument | None:
    """A stored document, only if it belongs to claim `number`."""
    found = session.execute(
        select(ClaimDocument)
        .join(Claim, Claim.id == ClaimDocument.claim_id)
        .where(ClaimDocument.id == document_id, Claim.number == number.strip().upper())
    ).scalar_one_or_none()
    return found if found is not None and found.state in ("stored", "replaced") and found.path else None
