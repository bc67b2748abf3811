"""Claims: reports, the deceased's standing from our payments, documents, status changes with audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.claims import ClaimStatus, claim_number
from bot.domain.participants import ParticipantStatus
from bot.domain.standing import PaymentRecord
from storage.crypto import Vault
from storage.models import (
    Claim,
    ClaimDocument,
    ClaimEvent,
    Counter,
    Participant,
)
from storage.repositories.participants import payments_of, terms_of

CLAIM_COUNTER = "claim_number"
REPORTER = "pelapor"
REPORTED_ALIVE = "peserta"  # the participant, from their own chat


@dataclass(frozen=True)
class Found:
    """A participant matched by NIK or registration number, and whether the reporter may hear about them.

    Only the participant themselves (their chat or phone) or an heir they named (by phone) may: anyone else
    learns nothing, not even that the number is registered.
    """

    participant_id: int
    initials: str
    privileged: bool


@dataclass(frozen=True)
class ClaimSummary:
    """A claim as its reporter sees it in /klaim → Status."""

    number: str
    kind: str
    status: str
    documents: tuple[str, ...]
    missing: tuple[str, ...]
    created_at: datetime


def initials(name: str) -> str:
    """Return "S. A." for "Siti Aminah": enough for the owner's family to recognise, nothing more."""
    return " ".join(f"{word[0].upper()}." for word in name.split() if word[:1].isalpha())[:20]


class ClaimRepository:
    """Claims and their documents; never commits."""

    def __init__(self, session: Session, vault: Vault) -> None:
        self.session = session
        self.vault = vault

    # --- the deceased or injured participant ------------------------------------------------------

    def find_participant(
        self,
        *,
        nik: str | None = None,
        number: str | None = None,
        chat_id: int | None = None,
        phone: str | None = None,
    ) -> Found | None:
        """Find a participant by NIK (keyed hash) or registration number; None when not in our register."""
        query = select(Participant).where(Participant.status != ParticipantStatus.ANONYMISED.value)
        if nik is not None:
            query = query.where(Participant.nik_hash == self.vault.lookup_hash(nik))
        elif number is not None:
            query = query.where(Participant.registration_number == number)
        else:
            return None
        found = self.session.execute(query).scalar_one_or_none()
        if found is None or found.personal is None:
            return None
        personal = self.vault.open(found.personal)
        # Both sides were normalised to E.164 by the same reader (`bot.domain.validators.parse_phone`).
        phones = {personal.get("phone")} | {heir.get("phone") for heir in personal.get("heirs", [])}
        named = phone is not None and phone in phones
        privileged = named or (chat_id is not None and found.chat_id == chat_id)
        return Found(found.id, initials(personal.get("name", "")), privileged)

    def record_of(self, participant_id: int) -> PaymentRecord | None:
        """Return what the register holds of a participant's iuran: first month, income and payments."""
        participant = self.session.get(Participant, participant_id)
        if participant is None:
            return None
        return PaymentRecord(
            participant.first_month, terms_of(participant), payments_of(self.session, participant_id)
        )

    def registered_on(self, participant_id: int) -> date | None:
        """Return the day the participant registered."""
        participant = self.session.get(Participant, participant_id)
        return participant.created_at.date() if participant is not None and participant.created_at else None

    def mark_deceased(self, participant_id: int, died_on: date, source: str) -> None:
        """Record the death on the participant (the reminders are stopped by the caller)."""
        participant = self.session.get(Participant, participant_id)
        if participant is None or participant.deceased:
            return
        participant.deceased, participant.deceased_on, participant.deceased_source = (
            True,
            died_on,
            source[:40],
        )

    def report_death(self, participant_id: int, number: str) -> tuple[int, str] | None:
        """Note a death reported for the participant (not a fact): their chat and language, to be told."""
        participant = self.session.get(Participant, participant_id)
        if participant is None or participant.deceased:
            return None
        participant.death_reported = number
        return (participant.chat_id, participant.language) if participant.chat_id is not None else None

    def clear_death_report(self, participant_id: int | None) -> None:
        """Forget a death report that was refused or disputed: the reminders come back."""
        participant = self.session.get(Participant, participant_id) if participant_id else None
        if participant is not None:
            participant.death_reported = None

    def verify_death(self, claim: Claim) -> int | None:
        """An officer verified a death report: the participant is deceased from the date reported."""
        if claim.kind != "kematian" or claim.participant_id is None:
            return None
        event_on = self.details(claim).get("event_on")
        died_on = date.fromisoformat(event_on) if event_on else claim.created_at.date()
        self.mark_deceased(claim.participant_id, died_on, claim.number)
        self.clear_death_report(claim.participant_id)
        return claim.participant_id

    def dispute_death_report(self, chat_id: int, now: datetime) -> str | None:
        """The participant says they are alive: the report is disputed for an officer; its number."""
        participant = (
            self.session.execute(
                select(Participant).where(Participant.chat_id == chat_id, Participant.deceased.is_(False))
            )
            .scalars()
            .first()
        )
        if participant is None or participant.death_reported is None:
            return None
        claim = self.by_number(participant.death_reported)
        participant.death_reported = None
        if claim is None:
            return None
        note = "peserta menyatakan masih hidup lewat chat pendaftarannya"
        self.set_status(claim, ClaimStatus.DISPUTED, REPORTED_ALIVE, note, now)
        return claim.number

    # --- claims -------------------------------------------------------------------------------------

    def create(
        self,
        *,
        kind: str,
        programme: str,
        chat_id: int,
        language: str,
        participant_id: int | None,
        details: dict[str, Any],
        documents: tuple[str, ...],
        now: datetime,
    ) -> Claim:
        """Record a new claim (status diterima) with its number and the first audit row."""
        sequence = self.session.execute(
            update(Counter)
            .where(Counter.name == CLAIM_COUNTER)
            .values(value=Counter.value + 1)
            .returning(Counter.value)
        ).scalar_one()
        claim = Claim(
            number=claim_number(int(sequence), now.date()),
            kind=kind,
            programme=programme,
            status=ClaimStatus.RECEIVED.value,
            reporter_chat_id=chat_id,
            language=language,
            participant_id=participant_id,
            details=self.vault.seal(details),
            documents_needed=list(documents),
            created_at=now,
            updated_at=now,
        )
        self.session.add(claim)
        self.session.flush()
        self.session.add(
            ClaimEvent(claim_id=claim.id, at=now, actor=REPORTER, to_status=claim.status, note=None)
        )
        return claim

    def of_reporter(self, chat_id: int, number: str) -> Claim | None:
        """Return the claim with this number if this chat reported it (nobody sees another's claim)."""
        return self.session.execute(
            select(Claim).where(Claim.number == number, Claim.reporter_chat_id == chat_id)
        ).scalar_one_or_none()

    def claims_of(self, chat_id: int) -> list[ClaimSummary]:
        """Return this chat's claims, newest first, with the documents still missing."""
        claims = list(
            self.session.execute(
                select(Claim).where(Claim.reporter_chat_id == chat_id).order_by(Claim.id.desc())
            ).scalars()
        )
        missing = self.missing_of(claims)
        return [
            ClaimSummary(c.number, c.kind, c.status, tuple(c.documents_needed), missing[c.id], c.created_at)
            for c in claims
        ]

    def missing(self, claim: Claim) -> tuple[str, ...]:
        """Return the needed documents not received (a failed fetch counts as missing)."""
        return self.missing_of([claim])[claim.id]

    def missing_of(self, claims: list[Claim]) -> dict[int, tuple[str, ...]]:
        """Return each claim's missing documents, by claim id, with one query for all of them."""
        have: dict[int, set[str]] = {claim.id: set() for claim in claims}
        received = select(ClaimDocument.claim_id, ClaimDocument.kind).where(
            ClaimDocument.claim_id.in_(list(have)), ClaimDocument.state.in_(("pending", "stored"))
        )
        for claim_id, kind in self.session.execute(received):
            have[claim_id].add(kind)
        return {c.id: tuple(kind for kind in c.documents_needed if kind not in have[c.id]) for c in claims}

    def attach(
        self, claim: Claim, kind: str, file_id: str, unique_id: str, mime: str, size: int, now: datetime
    ) -> bool:
        """Add a document to fetch; one of the same kind before is replaced. Return whether one was."""
        replaced = self.session.execute(
            update(ClaimDocument)
            .where(
                ClaimDocument.claim_id == claim.id,
                ClaimDocument.kind == kind,
                ClaimDocument.state.in_(("pending", "stored", "failed")),
            )
            .values(state="replaced")
        ).rowcount
        self.session.add(
            ClaimDocument(
                claim_id=claim.id,
                kind=kind,
                file_id=self.vault.seal(file_id),
                file_unique_id=unique_id[:64],
                mime=mime[:64],
                size=size,
                state="pending",
                attempts=0,
                created_at=now,
            )
        )
        claim.updated_at = now
        return bool(replaced)

    # --- operators ----------------------------------------------------------------------------------

    def by_number(self, number: str) -> Claim | None:
        """Return the claim with this number."""
        return self.session.execute(select(Claim).where(Claim.number == number)).scalar_one_or_none()

    def listed(self, status: str | None = None) -> list[Claim]:
        """Return claims, oldest first, optionally of one status."""
        query = select(Claim).order_by(Claim.id)
        if status is not None:
            query = query.where(Claim.status == status)
        return list(self.session.execute(query).scalars())

    def details(self, claim: Claim) -> dict[str, Any]:
        """Open the sealed details (for an operator or the reporter's own flow)."""
        opened: dict[str, Any] = self.vault.open(claim.details)
        return opened

    def documents(self, claim: Claim) -> list[ClaimDocument]:
        """Return the claim's documents, oldest first (replaced ones included, marked so)."""
        return list(
            self.session.execute(
                select(ClaimDocument).where(ClaimDocument.claim_id == claim.id).order_by(ClaimDocument.id)
            ).scalars()
        )

    def events(self, claim: Claim) -> list[ClaimEvent]:
        """Return the audit rows of the claim, oldest first."""
        return list(
            self.session.execute(
                select(ClaimEvent).where(ClaimEvent.claim_id == claim.id).order_by(ClaimEvent.id)
            ).scalars()
        )

    def set_status(
        self, claim: Claim, status: ClaimStatus, actor: str, note: str | None, now: datetime
    ) -> None:
        """Change the status and write the audit row (the caller owes the reporter the message)."""
        self.session.add(
            ClaimEvent(
                claim_id=claim.id,
                at=now,
                actor=actor[:60],
                from_status=claim.status,
                to_status=status.value,
                note=note[:500] if note else None,
            )
        )
        claim.status, claim.updated_at = status.value, now

    # --- documents to fetch -------------------------------------------------------------------------

    def pending_documents(self, limit: int) -> list[tuple[int, str, str, str]]:
        """Return documents not fetched yet, oldest first: id, claim number, sealed file id, declared type."""
        query = (
            select(ClaimDocument.id, Claim.number, ClaimDocument.file_id, ClaimDocument.mime)
            .join(Claim, Claim.id == ClaimDocument.claim_id)
            .where(ClaimDocument.state == "pending")
            .order_by(ClaimDocument.id)
            .limit(limit)
        )
        return [(row[0], row[1], row[2], row[3]) for row in self.session.execute(query)]
