"""SQLAlchemy models: typed `Mapped` columns, one class per table."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base with the JSON mapping every dialect understands."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Conversation(Base):
    """Where one chat stands: flow, state and data, written in the same transaction as what they produce."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    flow: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(60))
    # Sealed JSON (storage/crypto.py): flow data holds answers such as a NIK before they are confirmed.
    data: Mapped[str] = mapped_column(Text)
    drafts: Mapped[str] = mapped_column(Text)
    # Sealed JSON list: the flows waiting for the sub-dialogue on top (flow, state, data each).
    stack: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    last_update_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class StateHistory(Base):
    """Append-only log of transitions: what kind of event moved a conversation where (no user content)."""

    __tablename__ = "state_history"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    event: Mapped[str] = mapped_column(String(40))
    from_flow: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str] = mapped_column(String(60))
    to_flow: Mapped[str] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Participant(Base):
    """A BPU registration. Identity (NIK, name, phone, address, heirs) lives only in the sealed `personal`."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    registration_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    nik_hash: Mapped[str] = mapped_column(String(64), unique=True)
    nik_last4: Mapped[str | None] = mapped_column(String(4))
    personal: Mapped[str | None] = mapped_column(Text)
    province_code: Mapped[str] = mapped_column(String(2))
    regency_code: Mapped[str] = mapped_column(String(4))
    timezone: Mapped[str] = mapped_column(String(32))
    occupations: Mapped[list[str]] = mapped_column(JSON)
    income: Mapped[int] = mapped_column(Integer)
    programme: Mapped[str] = mapped_column(String(16))
    pending_income: Mapped[int | None] = mapped_column(Integer)
    pending_programme: Mapped[str | None] = mapped_column(String(16))
    pending_from: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    language: Mapped[str] = mapped_column(String(8))
    consent_version: Mapped[str] = mapped_column(String(20))
    consent_at: Mapped[datetime]
    first_month: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    anonymised_at: Mapped[datetime | None]
    paid_through: Mapped[date | None] = mapped_column(Date)
    activated_at: Mapped[datetime | None]
    deceased: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    deceased_on: Mapped[date | None] = mapped_column(Date)
    deceased_source: Mapped[str | None] = mapped_column(String(40))  # e.g. the claim number reporting it
    # A death reported and not yet verified (the claim number): reminders pause, nothing else changes.
    death_reported: Mapped[str | None] = mapped_column(String(16))
    reminders_on: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    reminder_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    reminder_hour: Mapped[int] = mapped_column(Integer, default=9, server_default="9")
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    exported_at: Mapped[datetime | None]  # sent to the core system in a console export

    __table_args__ = (
        Index(
            "ix_participants_reminder_group",
            "first_month",
            "paid_through",
            "reminder_days",
            "reminder_hour",
            "timezone",
        ),
    )


class Payment(Base):
    """A recorded iuran payment; kept when a participant asks to be forgotten (financial record)."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    participant_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("participants.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(40))
    amount: Mapped[int] = mapped_column(Integer)
    first_month: Mapped[date] = mapped_column(Date)
    months: Mapped[int] = mapped_column(Integer)
    paid_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class PaymentException(Base):
    """A payment notification that could not be applied: kept for an operator, never lost or half-applied."""

    __tablename__ = "payment_exceptions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # Unique except for `reference_conflict` rows: the same reference sent again with another body.
    reference: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(40))
    nik_hash: Mapped[str | None] = mapped_column(String(64))
    nik_last4: Mapped[str | None] = mapped_column(String(4))
    amount: Mapped[int] = mapped_column(Integer)
    months: Mapped[int] = mapped_column(Integer)
    paid_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index(
            "uq_payment_exceptions_reference",
            "reference",
            unique=True,
            postgresql_where=text("reason <> 'reference_conflict'"),
            sqlite_where=text("reason <> 'reference_conflict'"),
        ),
    )


class Reminder(Base):
    """A message planned for a participant: one per (participant, iuran month, kind), sent at most once."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    participant_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("participants.id", ondelete="CASCADE"))
    iuran_month: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    planned_at: Mapped[datetime]
    due_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        UniqueConstraint("participant_id", "iuran_month", "kind", name="uq_reminders_once"),
        Index(
            "ix_reminders_pending",
            "due_at",
            postgresql_where=text("claimed_at IS NULL"),
            sqlite_where=text("claimed_at IS NULL"),
        ),
    )


class OutboxMessage(Base):
    """A message the bot owes a chat, written in the same transaction as what produced it.

    The dispatcher sends a chat's rows in id order, each under a lease (`lease_owner`, `lease_until`): a
    process that dies mid-send loses nothing, another takes the row over when the lease expires.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    priority: Mapped[int] = mapped_column(Integer)  # 0 reply, 1 notice, 2 bulk (reminders)
    body: Mapped[str] = mapped_column(Text)  # sealed rendered message (text, buttons, photo)
    stamp_conversation: Mapped[int | None] = mapped_column(BigInteger)
    stamp_version: Mapped[int | None] = mapped_column(Integer)
    reminder_id: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(8))  # pending, sent, parked, dropped
    not_before: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]

    __table_args__ = (
        Index(
            "ix_outbox_pending",
            "priority",
            "id",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
        Index(
            "ix_outbox_chat_pending",
            "chat_id",
            "id",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
    )


class ProcessedUpdate(Base):
    """A Telegram update by its id: kept 48 hours (Telegram redelivers for 24), so each is handled once.

    In webhook mode the update is stored (sealed) before Telegram gets its answer, and processed after;
    `raw` is erased once it is processed.
    """

    __tablename__ = "updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    raw: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_updates_received", "received_at"),)


class DataKey(Base):
    """The fingerprint of the data key (`current`), and of its successor during a rotation (`next`).

    A process with another key refuses to start instead of sealing with it.
    """

    __tablename__ = "data_keys"

    role: Mapped[str] = mapped_column(String(8), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    since: Mapped[datetime]


class Counter(Base):
    """A number that only goes up (registration numbers: never issued twice, whatever is deleted)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class NikCheck(Base):
    """A NIK one chat asked about (keyed hash), kept a day: a chat may try only a few different NIKs."""

    __tablename__ = "nik_checks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    nik_hash: Mapped[str] = mapped_column(String(64))
    checked_at: Mapped[datetime]

    __table_args__ = (Index("ix_nik_checks_chat", "chat_id", "checked_at"),)


class Claim(Base):
    """A death or work-accident report and the claim it starts; identity and answers only in `details`."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)  # K + YYMM + sequence + check digit
    kind: Mapped[str] = mapped_column(String(12))  # kematian, kecelakaan
    programme: Mapped[str] = mapped_column(String(4))  # jkm, jkk
    status: Mapped[str] = mapped_column(String(16))
    reporter_chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    language: Mapped[str] = mapped_column(String(8))
    participant_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    # Sealed JSON: reporter, relation, phone, the deceased's or worker's identifier, dates, place, cause.
    details: Mapped[str] = mapped_column(Text)
    documents_needed: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ClaimDocument(Base):
    """A document sent for a claim: fetched from Telegram after the turn, stored encrypted on disk."""

    __tablename__ = "claim_documents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    claim_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    file_id: Mapped[str] = mapped_column(Text)  # sealed: with the bot token it fetches the file
    file_unique_id: Mapped[str] = mapped_column(String(64))
    mime: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(10))  # pending, stored, failed, replaced
    path: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    stored_at: Mapped[datetime | None]

    __table_args__ = (
        Index(
            "ix_claim_documents_pending",
            "id",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
    )


class ClaimEvent(Base):
    """Audit: every status change of a claim, who made it, when, and why."""

    __tablename__ = "claim_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    claim_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))


class AskedQuestion(Base):
    """A benefit question as asked (personal numbers masked), what it was matched to, and its rating.

    Unanswered ones (below the threshold) are what operators read to improve the knowledge base.
    """

    __tablename__ = "qa_questions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    question: Mapped[str] = mapped_column(String(300))  # masked: no NIK, phone, e-mail or account number
    topic: Mapped[str | None] = mapped_column(String(60))  # the entry that answered ("bayar.jatuh_tempo")
    score: Mapped[float] = mapped_column(Float)
    answered: Mapped[bool] = mapped_column(Boolean)
    useful: Mapped[bool | None] = mapped_column(Boolean)
    # The row whose answer was rated 👎, when this row is the entry the worker chose instead.
    corrects: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime]

    __table_args__ = (Index("ix_qa_questions_unanswered", "answered", "id"),)


class Operator(Base):
    """A branch officer (changes things) or viewer (only looks) of the web console."""

    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(12))  # officer, viewer
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    must_change: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class LoginFailure(Base):
    """A wrong password: five within 15 minutes lock the account for 15 minutes."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_operator", "operator_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    operator_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("operators.id", ondelete="CASCADE")
    )
    at: Mapped[datetime]


class ConsoleSession(Base):
    """A logged-in browser; `id` is the SHA-256 of the cookie's token, so a database leak opens no session."""

    __tablename__ = "console_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    operator_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("operators.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime]
    last_seen: Mapped[datetime]


class AuditEntry(Base):
    """Who changed or opened what, when, from what, to what. The database refuses updates and deletes."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(60))
    before: Mapped[str | None] = mapped_column(String(200))
    after: Mapped[str | None] = mapped_column(String(500))


class Sponsor(Base):
    """A sponsor programme: a pemda, a Kadin or a desa that pays the iuran of its pekerja rentan."""

    __tablename__ = "sponsors"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # the deep link's sp-CODE, upper case
    name: Mapped[str] = mapped_column(String(120))
    quota: Mapped[int] = mapped_column(Integer)
    months: Mapped[int] = mapped_column(Integer)  # months paid for each worker
    programme: Mapped[str] = mapped_column(String(16))
    from_month: Mapped[date] = mapped_column(Date)
    ends: Mapped[date | None] = mapped_column(Date)  # no enrolment after this day; no month after it paid
    regions: Mapped[list[str]] = mapped_column(JSON)  # Kemendagri code prefixes; empty: anywhere
    occupations: Mapped[list[str]] = mapped_column(JSON)  # occupation keys; empty: any work
    created_at: Mapped[datetime]


class Sponsorship(Base):
    """One worker's months paid by one sponsor, and their answer at the handover."""

    __tablename__ = "sponsorships"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sponsor_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sponsors.id"), index=True)
    participant_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    first_month: Mapped[date] = mapped_column(Date)
    last_month: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(12))  # aktif, lanjut, selesai
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class SponsorBill(Base):
    """A sponsor's list for one month: written by `sponsors bill`, recorded paid by `sponsors paid`."""

    __tablename__ = "sponsor_bills"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sponsor_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sponsors.id"))
    month: Mapped[date] = mapped_column(Date)
    workers: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    paid_reference: Mapped[str | None] = mapped_column(String(64))
    paid_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("sponsor_id", "month", name="uq_sponsor_bills_month"),)


class SponsorBillLine(Base):
    """One worker on a sponsor's monthly list, with the iuran billed for them."""

    __tablename__ = "sponsor_bill_lines"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    bill_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sponsor_bills.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("participants.id", ondelete="CASCADE"))
    amount: Mapped[int] = mapped_column(Integer)


class Agent(Base):
    """An agent (Perisai, a kader desa, a market association) who enrols workers from their own chat."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)  # bound by the one-time link
    bind_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # sha256, until used
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime]


class AssistedEnrolment(Base):
    """A worker an agent enrolled: the sealed consent photo, and the one-time code to link their own chat."""

    __tablename__ = "assisted_enrolments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    agent_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("agents.id"))
    participant_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    consent_file_id: Mapped[str] = mapped_column(Text)  # sealed Telegram file id of the signed form's photo
    consent_unique_id: Mapped[str] = mapped_column(String(64))
    consent_state: Mapped[str] = mapped_column(String(10))  # pending, stored, failed
    consent_path: Mapped[str | None] = mapped_column(String(200))  # the sealed bytes under DOCUMENTS_DIR
    consent_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    link_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # keyed hash, until used
    link_expires: Mapped[datetime | None]
    linked_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    __table_args__ = (Index("ix_assisted_enrolments_agent", "agent_id", "created_at"),)


class ForgottenFile(Base):
    """A sealed file of someone who asked to be forgotten: the document fetcher deletes it, then this row."""

    __tablename__ = "forgotten_files"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    path: Mapped[str] = mapped_column(String(200))  # relative to DOCUMENTS_DIR
    created_at: Mapped[datetime]
