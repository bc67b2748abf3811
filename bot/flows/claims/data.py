"""What a claim report has collected, and what follows from it (the kind, the documents, the assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.claims import (
    WORKER_ACCIDENT_DOCUMENTS,
    Assessment,
    Cause,
    ClaimKind,
    Standing,
    assess_death,
    death_documents,
)
from bot.domain.rules import Rules
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
    event_on: date | None = None
    place: str | None = None
    cause: str | None = None
    what: str | None = None
    facility: str | None = None
    paid_months: int | None = None
    unpaid_months: int = 0
    income: int = 0
    registered_on: date | None = None
    number: str | None = None
    documents: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    doc_kind: str | None = None
    file: tuple[str, ...] = ()  # the document being attached: file id, unique id, mime, size
    listed: tuple[str, ...] = ()  # the reporter's claims, for /klaim → Status
    resume_at: str | None = None


def is_death(data: ClaimData) -> bool:
    """Tell whether this is a death report (else a work accident)."""
    return data.kind == ClaimKind.DEATH.value


def whom(data: ClaimData) -> Text:
    """Name the participant the report is about: the deceased, or the injured worker."""
    return Text(WHOM_DECEASED if is_death(data) else WHOM_WORKER)


def _standing(data: ClaimData) -> Standing | None:
    if data.paid_months is None:
        return None
    return Standing(data.paid_months, data.unpaid_months, data.income)


def before_registration(data: ClaimData) -> bool:
    """Tell whether the death or accident happened before the participant registered here."""
    return data.registered_on is not None and data.event_on is not None and data.event_on < data.registered_on


def cause(data: ClaimData) -> Cause:
    """Return the cause of death told (an accident report is always a work accident)."""
    if not is_death(data):
        return Cause.WORK_ACCIDENT
    return Cause(data.cause or Cause.ILLNESS.value)


def assessment(data: ClaimData, rules: Rules) -> Assessment:
    """Return what the family is owed, from the standing read from our records."""
    standing = None if before_registration(data) else _standing(data)
    if before_registration(data):
        standing = Standing(0, 0, data.income)
    return assess_death(standing, cause(data), rules)


def documents(data: ClaimData) -> tuple[str, ...]:
    """Return the documents this claim needs."""
    if is_death(data):
        return death_documents(cause(data), data.relation or "")
    return WORKER_ACCIDENT_DOCUMENTS
