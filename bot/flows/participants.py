"""What flows ask of the participant register, and what it answers: effects out, result events in.

The runner performs an effect inside the turn's transaction and feeds the result event back to the same
flow, so a flow can ask "is this NIK taken?" and still stay a pure function.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from bot.flows.base import N_

OCCUPATIONS: Mapping[str, str] = {
    "ojol": N_("Ojek online"),
    "kurir": N_("Kurir"),
    "sopir": N_("Sopir / angkot"),
    "becak": N_("Tukang becak"),
    "pedagang": N_("Pedagang pasar"),
    "pkl": N_("PKL"),
    "petani": N_("Petani"),
    "nelayan": N_("Nelayan"),
    "buruh": N_("Buruh harian lepas"),
    "lainnya": N_("Lainnya"),
}

# PP 44/2015 Pasal 40(2) [R1]: spouse or child first, then parents/grandparents/grandchildren, siblings,
# parents-in-law, and whoever the participant's will names.
HEIR_RELATIONS: Mapping[str, str] = {
    "pasangan": N_("Suami/istri"),
    "anak": N_("Anak"),
    "orang_tua": N_("Ayah/ibu"),
    "kakek_nenek": N_("Kakek/nenek"),
    "cucu": N_("Cucu"),
    "saudara": N_("Saudara kandung"),
    "mertua": N_("Mertua"),
    "wasiat": N_("Lainnya (wasiat)"),
}

PROGRAMMES: Mapping[str, str] = {
    "jkk_jkm": N_("JKK + JKM"),
    "jkk_jkm_jht": N_("JKK + JKM + JHT"),
}


@dataclass(frozen=True)
class Heir:
    """An heir the participant names."""

    name: str
    relation: str
    phone: str | None = None


@dataclass(frozen=True)
class Registration:
    """Everything a confirmed registration stores."""

    nik: str
    birth_date: date
    female: bool
    name: str
    phone: str
    regency_code: str
    address: str
    occupations: tuple[str, ...]
    occupation_other: str | None
    income: int
    programme: str
    heirs: tuple[Heir, ...]
    consent_version: str
    consent_at: str
    language: str
    first_month: date


@dataclass(frozen=True)
class ParticipantView:
    """What `/datasaya` shows: the participant's data as the bot holds it."""

    registration_number: str
    nik_last4: str
    name: str
    birth_date: date
    female: bool
    phone: str
    regency_code: str
    address: str
    occupations: tuple[str, ...]
    occupation_other: str | None
    income: int
    programme: str
    heirs: tuple[Heir, ...]
    status: str
    consent_at: str
    pending_income: int | None = None
    pending_programme: str | None = None
    pending_from: date | None = None

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        raw = asdict(self)
        raw["birth_date"] = self.birth_date.isoformat()
        raw["pending_from"] = self.pending_from.isoformat() if self.pending_from else None
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ParticipantView:
        """Build from `to_json` output."""
        values = dict(raw)
        values["birth_date"] = date.fromisoformat(values["birth_date"])
        values["pending_from"] = (
            date.fromisoformat(values["pending_from"]) if values.get("pending_from") else None
        )
        values["occupations"] = tuple(values["occupations"])
        values["heirs"] = tuple(Heir(**h) for h in values["heirs"])
        return cls(**values)


# --- Effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LookUpChat:
    """Ask whether this chat already has a registration."""


@dataclass(frozen=True)
class CheckNik:
    """Ask whether a NIK is free to register (the answer reveals nothing about any owner)."""

    nik: str


@dataclass(frozen=True)
class RegisterParticipant:
    """Create the participant; refused if the NIK was registered meanwhile."""

    registration: Registration


@dataclass(frozen=True)
class LoadParticipant:
    """Load this chat's participant data for display."""


@dataclass(frozen=True)
class UpdateParticipant:
    """Correct some of this chat's participant data; income/programme apply from `effective_from`."""

    changes: Mapping[str, Any] = field(default_factory=dict)
    effective_from: date | None = None


@dataclass(frozen=True)
class ForgetParticipant:
    """Delete (never active) or anonymise (active) this chat's participant."""


# --- Result events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChatLookedUp:
    """Answer to `LookUpChat`."""

    registration_number: str | None


@dataclass(frozen=True)
class NikChecked:
    """Answer to `CheckNik`."""

    available: bool


@dataclass(frozen=True)
class ParticipantRegistered:
    """Answer to `RegisterParticipant` when it was created."""

    registration_number: str


@dataclass(frozen=True)
class RegistrationRefused:
    """Answer to `RegisterParticipant` when the NIK is already registered."""


@dataclass(frozen=True)
class ParticipantLoaded:
    """Answer to `LoadParticipant` (None when this chat has no registration)."""

    view: ParticipantView | None


@dataclass(frozen=True)
class ParticipantUpdated:
    """Answer to `UpdateParticipant`."""

    view: ParticipantView


@dataclass(frozen=True)
class ParticipantForgotten:
    """Answer to `ForgetParticipant`: `deleted` or `anonymised`."""

    outcome: str


@dataclass(frozen=True)
class IuranFacts:
    """What `/iuran` needs: the participant's payment standing and reminder settings (no identity)."""

    registration_number: str
    first_month: date
    paid_through: date | None
    income: int
    programme: str
    occupations: tuple[str, ...]
    pending_income: int | None
    pending_programme: str | None
    pending_from: date | None
    reminders_on: bool
    reminder_days: int
    reminder_hour: int
    timezone: str

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-safe dict."""
        raw = asdict(self)
        for key in ("first_month", "paid_through", "pending_from"):
            raw[key] = raw[key].isoformat() if raw[key] else None
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> IuranFacts:
        """Build from `to_json` output."""
        values = dict(raw)
        for key in ("first_month", "paid_through", "pending_from"):
            values[key] = date.fromisoformat(values[key]) if values.get(key) else None
        values["occupations"] = tuple(values["occupations"])
        return cls(**values)


@dataclass(frozen=True)
class LoadIuran:
    """Load this chat's payment standing."""


@dataclass(frozen=True)
class UpdateReminders:
    """Change this chat's reminder settings (only the fields given)."""

    on: bool | None = None
    days_before: int | None = None
    hour: int | None = None


@dataclass(frozen=True)
class IuranLoaded:
    """Answer to `LoadIuran` and `UpdateReminders` (None when this chat has no registration)."""

    facts: IuranFacts | None
