"""What a claim report has collected, and what follows from it (the kind, the documents, the assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.claims import (
    WORKER_ACCIDENT_DOCUMENTS,
    Cause,
    ClaimKind,
    Programme,
    death_documents,
)
from bot.domain.rights import AccidentCover, Cover, DeathRights, accident_cover, death_rights
from bot.domain.rules import Rules
from bot.domain.standing import Standing
from bot.flows.base import Text
from bot.flows.claims.texts import WHOM_DECEASED, WHOM_WORKER


@dataclass(frozen=True)
class ClaimData:
    """Answers so far, and the claim being completed."""

    kind: str | None = None
    consent_at: str | None = None
    reporter_name: str | None = None
    relation: str | None = None
    phone: str | None = None
    id_kind: str | None = None
    id_value: str | None = None
    participant_id: int | None = None
    initials: str | None = None
    privileged: bool = False  # the participant or an heir they named: may hear the participant's facts
    event_on: date | None = None
    place: str | None = None
    cause: str | None = None
    what: str | None = None
    facility: str | None = None
    standing: Standing | None = None  # at the date of the event, from our records (None: not ours)
    registered_on: date | None = None
    number: str | None = None
    documents: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    doc_kind: str | None = None
    file: tuple[str, ...] = ()  # the document being attached: file id, unique id, mime, size
    # Files sent without choosing a document first (an album, say), each asked about in turn.
    waiting: tuple[tuple[str, ...], ...] = ()
    listed: tuple[str, ...] = ()  # the reporter's claims, for /klaim → Status
    resume_at: str | None = None


def is_death(data: ClaimData) -> bool:
    """Tell whether this is a death report (else a work accident)."""
    return data.kind == ClaimKind.DEATH.value


def whom(data: ClaimData) -> Text:
    """Name the participant the report is about: the deceased, or the injured worker."""
    return Text(WHOM_DECEASED if is_death(data) else WHOM_WORKER)


def before_registration(data: ClaimData) -> bool:
    """Tell whether the death or accident happened before the participant registered here."""
    return data.registered_on is not None and data.event_on is not None and data.event_on < data.registered_on


def cause(data: ClaimData) -> Cause:
    """Return the cause of death told (an accident report is always a work accident)."""
    if not is_death(data):
        return Cause.WORK_ACCIDENT
    return Cause(data.cause or Cause.ILLNESS.value)


def assessment(data: ClaimData, rules: Rules) -> DeathRights:
    """Return what the family is owed, from the standing read from our records."""
    return death_rights(data.standing, cause(data), rules)


def cover(data: ClaimData) -> AccidentCover:
    """Return what JKK gives for the accident reported, from the standing read from our records."""
    return accident_cover(data.standing)


def programme(data: ClaimData, rules: Rules) -> Programme:
    """Return the programme the claim is made under."""
    return assessment(data, rules).programme if is_death(data) else Programme.JKK


def pays(data: ClaimData, rules: Rules) -> bool:
    """Tell whether, by our records, anything may be paid (else no payment time is promised)."""
    if is_death(data):
        rights = assessment(data, rules)
        return rights.pays or rights.standing is None
    return cover(data).cover in (Cover.ACTIVE, Cover.IN_ARREARS, Cover.UNKNOWN)


def documents(data: ClaimData) -> tuple[str, ...]:
    """Return the documents this claim needs."""
    if is_death(data):
        return death_documents(cause(data), data.relation or "")
    return WORKER_ACCIDENT_DOCUMENTS
