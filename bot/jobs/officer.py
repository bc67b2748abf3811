"""What a branch officer changes, the same from the command line and from the web console.

Each change is one transaction: the change, its audit row, and the message the reporter is owed (through
the outbox, so it is delivered once whatever dies when).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.delivery.sealing import owe
from bot.domain.claims import ClaimStatus, Programme, StatusChange, note_required
from bot.domain.priority import Priority
from bot.domain.rules import Rules
from bot.turn import notices
from storage.crypto import Vault
from storage.repositories.claims import ClaimRepository
from storage.repositories.officers import OfficerRepository
from storage.repositories.outbox import OutboxRepository
from storage.repositories.payments import PaymentRepository
from storage.repositories.reminders import ReminderRepository

WIB = ZoneInfo("Asia/Jakarta")  # working days are counted from the branch's day


class Refused(ValueError):
    """A change that cannot be made as asked; the message says why (for the officer)."""


@dataclass(frozen=True)
class StatusChanged:
    """A claim's status change: from, to, and whether the reporter was told."""

    number: str
    before: str
    after: str
    told: bool


def change_claim_status(
    session: Session,
    vault: Vault,
    rules: Rules,
    number: str,
    status: ClaimStatus,
    actor: str,
    note: str | None,
    now: datetime,
    missing: Sequence[str] | None = None,
) -> StatusChanged | None:
    """Set a claim's status, audited; the reporter is owed one message. None: no such claim.

    `missing` is the officer's checklist for "dokumen kurang" (the documents still needed); without it, what
    the claim itself still lacks.
    """
    note = (note or "").strip() or None
    if note_required(status) and not note:
        raise Refused("a rejection needs a note with the reason (the reporter is told it)")
    repo = ClaimRepository(session, vault)
    claim = repo.by_number(number.strip().upper())
    if claim is None:
        return None
    before = claim.status
    if before == status.value and not missing:
        return StatusChanged(claim.number, before, before, told=False)
    repo.set_status(claim, status, actor, note, now)
    OfficerRepository(session).audit(actor, "claim.status", claim.number, now, before, status.value)
    # A death report becomes a fact only here; a refused one lets the participant's reminders return.
    if status is ClaimStatus.VERIFIED and (died := repo.verify_death(claim)) is not None:
        ReminderRepository(session).delete_unclaimed(died)
        OutboxRepository.of(session, vault).drop_reminders_of(died, "participant deceased")
    elif status is ClaimStatus.REJECTED and claim.kind == "kematian":
        repo.clear_death_report(claim.participant_id)
    total = int(repo.details(claim).get("total") or 0)
    still = tuple(missing) if missing else repo.missing(claim)
    told = StatusChange(claim.number, status, Programme(claim.programme), still, note, total)
    said = notices.claim_status(told, now.astimezone(WIB).date(), rules, claim.language)
    owe(session, vault, claim.reporter_chat_id, said, Priority.NOTICE, now)
    return StatusChanged(claim.number, before, status.value, told=True)


def resolve_exception(
    session: Session, vault: Vault, rules: Rules, exception_id: int, note: str, actor: str, now: datetime
) -> bool:
    """Mark a payment exception resolved with what the officer did, audited; False when none is open."""
    note = note.strip()
    if not note:
        raise Refused("say what was done (a note)")
    done = PaymentRepository(session, vault, rules).resolve(exception_id, note, now)
    if done:
        OfficerRepository(session).audit(
            actor, "payment.resolve", f"exception {exception_id}", now, "open", note
        )
    return done
