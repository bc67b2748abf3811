"""What the claims flow asks of the register, and what it answers: effects out, result events in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.standing import Standing

# --- Effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindParticipant:
    """Look a participant up by NIK or registration number, within the chat's daily quota of look-ups.

    Answered with initials only, and only to the participant or an heir they named (`phone` is the
    reporter's): anyone else gets `ParticipantNoted` or `ParticipantNotFound` and is told neither.
    """

    nik: str | None = None
    number: str | None = None
    phone: str | None = None


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
    """Answer to `FindParticipant`: found, with the name's initials (the reporter may hear about them)."""

    participant_id: int
    initials: str


@dataclass(frozen=True)
class ParticipantNotFound:
    """Answer to `FindParticipant`: not in our register."""


@dataclass(frozen=True)
class ParticipantNoted:
    """Answer to `FindParticipant`: found, but the reporter may not be told (the claim keeps the link)."""

    participant_id: int


@dataclass(frozen=True)
class LookupsExhausted:
    """Answer to `FindParticipant`: the chat used its look-ups for today; nothing was looked up."""

    limit: int


@dataclass(frozen=True)
class DisputeDeathReport:
    """The participant, from their own chat, says the death reported for them is wrong."""


@dataclass(frozen=True)
class DeathReportDisputed:
    """Answer to `DisputeDeathReport`: the claim's number, or None when no report was waiting."""

    number: str | None


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
