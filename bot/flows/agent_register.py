"""What the agent flows ask of the register, and what it answers: effects out, result events in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.participants import Registration

# --- Effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WhoIsAgent:
    """Is this chat an agent's, and how many did they enrol today?"""


@dataclass(frozen=True)
class BindAgent:
    """Bind this chat to the agent whose one-time link it opened."""

    token: str


@dataclass(frozen=True)
class EnrolAssisted:
    """Register a worker for this chat's agent, with the photo of the signed consent form."""

    registration: Registration
    consent_file_id: str
    consent_unique_id: str


@dataclass(frozen=True)
class ListAssisted:
    """This agent's own enrolments, masked."""


@dataclass(frozen=True)
class LinkChat:
    """Link this chat to the registration an agent made, with the one-time code."""

    code: str


# --- Result events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentSeen:
    """Answer to `WhoIsAgent`: None when this chat is no agent's."""

    name: str | None
    today: int = 0
    limit: int = 0


@dataclass(frozen=True)
class AgentBound:
    """Answer to `BindAgent`: the agent's name, or None (a used, unknown or disabled link)."""

    name: str | None


@dataclass(frozen=True)
class AssistedEnrolled:
    """Answer to `EnrolAssisted` when it was created."""

    registration_number: str
    link_code: str
    link_expires: datetime


@dataclass(frozen=True)
class AssistedRefused:
    """Answer to `EnrolAssisted` when it was not: `limit`, `registered` or `not_agent`."""

    why: str


@dataclass(frozen=True)
class AssistedLine:
    """One of the agent's enrolments, masked."""

    registration_number: str
    initials: str
    enrolled_on: datetime
    linked: bool


@dataclass(frozen=True)
class AssistedListed:
    """Answer to `ListAssisted` (None: this chat is no agent's)."""

    lines: tuple[AssistedLine, ...] | None


@dataclass(frozen=True)
class ChatLinked:
    """Answer to `LinkChat`: the registration number, or None (wrong, used or expired code).

    `limit` is set when this chat tried too many codes today.
    """

    registration_number: str | None
    limit: int | None = None


# --- A consent photo that could not be kept ------------------------------------------------------------


@dataclass(frozen=True)
class ListConsentsToResend:
    """This agent's enrolments whose consent photo could not be kept, to send again."""


@dataclass(frozen=True)
class ResendConsent:
    """Put a new photo of the signed consent form in place of one that could not be kept."""

    enrolment_id: int
    consent_file_id: str
    consent_unique_id: str


@dataclass(frozen=True)
class ConsentToResend:
    """One enrolment of this agent's whose consent photo is missing, masked as in `/agenku`."""

    enrolment_id: int
    registration_number: str
    initials: str


@dataclass(frozen=True)
class ConsentsToResend:
    """Answer to `ListConsentsToResend` (None: this chat is no agent's)."""

    lines: tuple[ConsentToResend, ...] | None


@dataclass(frozen=True)
class ConsentResent:
    """Answer to `ResendConsent`: the registration number, or None (not this agent's, or not missing)."""

    registration_number: str | None
