"""What flows ask of the participant register, and what it answers: effects out, result events in.

The runner performs an effect inside the turn's transaction and feeds the result event back to the same
flow. Reads that need no answer (this chat's participant) are not effects: the runner loads them into
the flow's context before the flow runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.participants import ParticipantChange, Registration

# --- Effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckNik:
    """Ask whether a NIK is free to register (the answer reveals nothing about any owner)."""

    nik: str


@dataclass(frozen=True)
class RegisterParticipant:
    """Create the participant; refused if the NIK was registered meanwhile."""

    registration: Registration


@dataclass(frozen=True)
class UpdateParticipant:
    """Correct this chat's participant."""

    change: ParticipantChange


@dataclass(frozen=True)
class ForgetParticipant:
    """Delete (never paid) or anonymise (paid) this chat's participant."""


@dataclass(frozen=True)
class UpdateReminders:
    """Change this chat's reminder settings (only the fields given)."""

    on: bool | None = None
    days_before: int | None = None
    hour: int | None = None


# --- Result events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NikChecked:
    """Answer to `CheckNik`; `limit` set when this chat tried that many different NIKs today (not checked)."""

    available: bool
    limit: int | None = None


@dataclass(frozen=True)
class ParticipantRegistered:
    """Answer to `RegisterParticipant` when it was created."""

    registration_number: str


@dataclass(frozen=True)
class RegistrationRefused:
    """Answer to `RegisterParticipant` when the NIK is already registered."""


@dataclass(frozen=True)
class ParticipantSaved:
    """Answer to `UpdateParticipant` and `UpdateReminders`.

    `found` is False when there is no registration any more (deleted from another device meanwhile).
    """

    found: bool = True


@dataclass(frozen=True)
class ParticipantForgotten:
    """Answer to `ForgetParticipant`: `deleted`, `anonymised`, or `gone` when there was nothing."""

    outcome: str
