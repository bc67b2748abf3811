"""What the sponsored flows ask of the register, and what it answers: effects out, result events in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.participants import Registration, SponsoredMonths
from bot.domain.sponsors import Refusal, SponsorTerms

# --- Effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LookUpSponsor:
    """Read a programme's terms and the quota left (a link's code)."""

    code: str


@dataclass(frozen=True)
class EnrolSponsored:
    """Register the worker as the programme's; every condition is checked again under a lock."""

    registration: Registration
    code: str


@dataclass(frozen=True)
class DecideHandover:
    """The worker's answer at the handover: go on paying themselves, or not now."""

    go_on: bool


# --- Result events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SponsorLooked:
    """Answer to `LookUpSponsor`: the terms, or None for a code no programme has."""

    terms: SponsorTerms | None


@dataclass(frozen=True)
class SponsoredEnrolled:
    """Answer to `EnrolSponsored` when it was created."""

    registration_number: str
    first_month: date
    last_month: date


@dataclass(frozen=True)
class SponsoredRefused:
    """Answer to `EnrolSponsored` when a condition no longer holds (the quota filled meanwhile, say)."""

    why: Refusal


@dataclass(frozen=True)
class HandoverDecided:
    """Answer to `DecideHandover`: the sponsorship after the answer (None: this chat has none)."""

    sponsored: SponsoredMonths | None
