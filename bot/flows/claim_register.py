"""What the claims flow asks of the register, and what it answers: effects out, result events in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.standing import Standing

# --- Effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindParticipant:
    """Look a participant up by NIK or registration number (answered with initials only)."""

    nik: str | None = None
    number: str | None = None


@dataclass(frozen=True)
class AssessStanding:
    """Read the participant's record at the date of death or accident."""

    participant_id: int | None
    on: date


@dataclass(frozen=True)
class SubmitClaim:
    """Record the claim; for a death of one of ours, mark them deceased (reminders stop at once)."""

    kind: str
    programme: str
    participant_id: int | None
    event_on: date
    details: dict[str, Any]
    documents: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class AttachDocument:
    """Keep a document the reporter sent for their claim (fetched from Telegram after the turn)."""

    number: str
    kind: str
    file_id: str
    unique_id: str
    mime: str
    size: int


@dataclass(frozen=True)
class ListClaims:
    """This chat's own claims."""


# --- Result events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantFound:
    """Answer to `FindParticipant`: found, with the name's initials."""

    participant_id: int
    initials: str


@dataclass(frozen=True)
class ParticipantNotFound:
    """Answer to `FindParticipant`: not in our register."""


@dataclass(frozen=True)
class StandingRead:
    """Answer to `AssessStanding`; `standing` None when not ours; `registered_on` to spot an earlier date."""

    standing: Standing | None
    registered_on: date | None = None


@dataclass(frozen=True)
class ClaimSubmitted:
    """Answer to `SubmitClaim`."""

    number: str


@dataclass(frozen=True)
class DocumentAttached:
    """Answer to `AttachDocument`; `replaced` when one of that kind came before; `found` False otherwise."""

    kind: str
    replaced: bool = False
    found: bool = True


@dataclass(frozen=True)
class ClaimLine:
    """One of the reporter's claims."""

    number: str
    kind: str
    status: str
    documents: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class ClaimsListed:
    """Answer to `ListClaims`."""

    claims: tuple[ClaimLine, ...]
