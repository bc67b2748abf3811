"""Participants: registration, look-up by keyed NIK hash, correction, deletion and anonymisation."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain import regions
from bot.domain.participants import (
    Heir,
    PaidMonths,
    ParticipantChange,
    ParticipantStatus,
    Registration,
    SponsoredMonths,
    Terms,
    registration_number,
)
from bot.domain.participants import Participant as Registered
from bot.domain.payments import Payer
from storage.crypto import Vault
from storage.models import (
    AssistedEnrolment,
    Counter,
    ForgottenFile,
    NikCheck,
    Participant,
    Payment,
    Sponsor,
    Sponsorship,
)

REGISTRATION_COUNTER = "registration_number"


def terms_of(participant: Participant) -> Terms:
    """Return what the participant pays for, with any change waiting for a later month."""
    return Terms(
        participant.income,
        participant.programme,
        tuple(participant.occupations),
        participant.pending_income,
        participant.pending_programme,
        participant.pending_from,
    )


def payer_of(participant: Participant) -> Payer:
    """Return what the payment decision needs to know about a participant."""
    return Payer(
        registration_number=participant.registration_number or "",
        status=ParticipantStatus(participant.status),
        deceased=participant.deceased,
        timezone=participant.timezone,
        first_month=participant.first_month,
        paid_through=participant.paid_through,
        terms=terms_of(participant),
        registered_at=participant.created_at,
    )


def sponsored_months(session: Session, participant_id: int) -> SponsoredMonths | None:
    """Return the months a sponsor pays for the participant, or None (self-paid)."""
    row = session.execute(
        select(Sponsor.name, Sponsorship.first_month, Sponsorship.last_month, Sponsorship.state)
        .join(Sponsor, Sponsor.id == Sponsorship.sponsor_id)
        .where(Sponsorship.participant_id == participant_id)
    ).one_or_none()
    return SponsoredMonths(row[0], row[1], row[2], row[3]) if row is not None else None


def payments_of(session: Session, participant_id: int) -> tuple[PaidMonths, ...]:
    """Return the participant's payments: the months each covers and the day it was paid."""
    rows = session.execute(
        select(Payment.first_month, Payment.months, Payment.paid_at)
        .where(Payment.participant_id == participant_id)
        .order_by(Payment.first_month)
    ).all()
    return tuple(PaidMonths(first, months, paid_at.date()) for first, months, paid_at in rows)


_FOR_CHAT = (
    select(Participant)
    .where(Participant.chat_id == bindparam("chat"))
    .order_by(Participant.id.desc())
    .limit(1)
)


class ParticipantRepository:
    """Participant rows; never commits."""

    def __init__(self, session: Session, vault: Vault) -> None:
        self.session = session
        self.vault = vault

    def nik_taken(self, nik: str) -> bool:
        """Tell whether a NIK is registered (without loading anything about its owner)."""
        query = (
            select(func.count())
            .select_from(Participant)
            .where(Participant.nik_hash == self.vault.lookup_hash(nik))
        )
        return bool((self.session.execute(query)).scalar_one())

    def may_check_nik(self, chat_id: int, nik: str, now: datetime, per_day: int) -> bool:
        """Record that `chat_id` asks about `nik`; False after `per_day` other NIKs in 24 hours."""
        since = now - timedelta(days=1)
        self.session.execute(delete(NikCheck).where(NikCheck.chat_id == chat_id, NikCheck.checked_at < since))
        nik_hash = self.vault.lookup_hash(nik)
        tried = set(
            self.session.execute(
                select(NikCheck.nik_hash).where(NikCheck.chat_id == chat_id, NikCheck.checked_at >= since)
            ).scalars()
        )
        if nik_hash in tried:
            return True
        if len(tried) >= per_day:
            return False
        self.session.add(NikCheck(chat_id=chat_id, nik_hash=nik_hash, checked_at=now))
        return True

    def for_chat(self, chat_id: int) -> Participant | None:
        """Return this chat's registration, if any."""
        return self.session.execute(_FOR_CHAT, {"chat": chat_id}).scalar_one_or_none()

    def add(self, chat_id: int | None, registration: Registration, now: datetime) -> Participant | None:
        """Create the participant; return None when the NIK is registered already (nothing is written)."""
        province = regions.province(registration.regency_code[:2])
        personal = {
            "nik": registration.nik,
            "name": registration.name,
            "birth_date": registration.birth_date.isoformat(),
            "female": registration.female,
            "phone": registration.phone,
            "address": registration.address,
            "occupation_other": registration.occupation_other,
            "heirs": [asdict(h) for h in registration.heirs],
        }
        values: dict[str, Any] = {
            "chat_id": chat_id,
            "nik_hash": self.vault.lookup_hash(registration.nik),
            "nik_last4": registration.nik[-4:],
            "personal": self.vault.seal(personal),
            "province_code": registration.regency_code[:2],
            "regency_code": registration.regency_code,
            "timezone": (province.timezone if province else regions.TimeZone.WIB).value,
            "occupations": list(registration.occupations),
            "income": registration.income,
            "programme": registration.programme,
            "status": ParticipantStatus.REGISTERED.value,
            "language": registration.language,
            "consent_version": registration.consent_version,
            "consent_at": datetime.fromisoformat(registration.consent_at).astimezone(UTC),
            "first_month": registration.first_month,
            "created_at": now.astimezone(UTC),
        }
        dialect_insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        statement = (
            dialect_insert(Participant)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["nik_hash"])
            .returning(Participant.id)
        )
        participant_id = (self.session.execute(statement)).scalar_one_or_none()
        if participant_id is None:
            return None
        participant = self.session.get_one(Participant, participant_id)
        salt = secrets.randbelow(10_000)
        participant.registration_number = registration_number(self._next_sequence(), now.date(), salt)
        self.session.flush()
        return participant

    def _next_sequence(self) -> int:
        """Take the next registration sequence number: never one issued before, though rows are deleted."""
        statement = (
            update(Counter)
            .where(Counter.name == REGISTRATION_COUNTER)
            .values(value=Counter.value + 1)
            .returning(Counter.value)
        )
        return int(self.session.execute(statement).scalar_one())

    def registered(self, participant: Participant) -> Registered:
        """Open the sealed identity and return the participant as flows see it."""
        personal = self.vault.open(participant.personal or "{}")
        return Registered(
            registration_number=participant.registration_number or "",
            status=ParticipantStatus(participant.status),
            nik_last4=participant.nik_last4 or "",
            name=personal.get("name", ""),
            birth_date=date.fromisoformat(personal.get("birth_date", "1970-01-01")),
            female=bool(personal.get("female")),
            phone=personal.get("phone", ""),
            regency_code=participant.regency_code,
            address=personal.get("address", ""),
            occupation_other=personal.get("occupation_other"),
            heirs=tuple(Heir(**h) for h in personal.get("heirs", [])),
            consent_at=participant.consent_at.replace(
                tzinfo=participant.consent_at.tzinfo or UTC
            ).isoformat(),
            terms=terms_of(participant),
            first_month=participant.first_month,
            paid_through=participant.paid_through,
            reminders_on=participant.reminders_on,
            reminder_days=participant.reminder_days,
            reminder_hour=participant.reminder_hour,
            timezone=participant.timezone,
            payments=payments_of(self.session, participant.id),
            deceased_on=participant.deceased_on if participant.deceased else None,
            deceased_source=participant.deceased_source if participant.deceased else None,
            death_reported=participant.death_reported,
            sponsored=sponsored_months(self.session, participant.id),
        )

    def correct(self, participant: Participant, change: ParticipantChange) -> None:
        """Apply a correction; income and programme wait for `change.effective_from` (next iuran month)."""
        personal = self.vault.open(participant.personal or "{}")
        for key in ("phone", "address"):
            if (value := getattr(change, key)) is not None:
                personal[key] = value
        if change.heirs is not None:
            personal["heirs"] = [asdict(h) for h in change.heirs]
        if change.occupations is not None:
            participant.occupations = list(change.occupations)
            personal["occupation_other"] = change.occupation_other
        participant.personal = self.vault.seal(personal)
        if change.regency_code is not None:
            code = change.regency_code
            province = regions.province(code[:2])
            participant.regency_code, participant.province_code = code, code[:2]
            participant.timezone = (province.timezone if province else regions.TimeZone.WIB).value
        if change.income is not None:
            participant.pending_income, participant.pending_from = change.income, change.effective_from
        if change.programme is not None:
            participant.pending_programme, participant.pending_from = change.programme, change.effective_from

    @staticmethod
    def set_reminders(
        participant: Participant, *, on: bool | None, days_before: int | None, hour: int | None
    ) -> None:
        """Change reminder settings (only those given)."""
        if on is not None:
            participant.reminders_on = on
        if days_before is not None:
            participant.reminder_days = days_before
        if hour is not None:
            participant.reminder_hour = hour

    def has_payments(self, participant: Participant) -> bool:
        """Tell whether any payment was ever recorded for the participant."""
        query = select(func.count()).select_from(Payment).where(Payment.participant_id == participant.id)
        return bool((self.session.execute(query)).scalar_one())

    def forget(self, participant: Participant, now: datetime) -> str:
        """Delete a registration never paid for; otherwise anonymise it and keep its payments.

        Either way the agent's record of the enrolment goes, and the photo of the signed consent form is
        handed to the document fetcher to delete from disk.
        """
        kept = select(AssistedEnrolment.consent_path).where(
            AssistedEnrolment.participant_id == participant.id, AssistedEnrolment.consent_path.is_not(None)
        )
        for path in self.session.execute(kept).scalars():
            self.session.add(ForgottenFile(path=path, created_at=now))
        self.session.execute(
            delete(AssistedEnrolment).where(AssistedEnrolment.participant_id == participant.id)
        )
        if participant.status == ParticipantStatus.REGISTERED and not self.has_payments(participant):
            self.session.execute(delete(Participant).where(Participant.id == participant.id))
            return "deleted"
        # Payments are financial records that must be kept under the registration number; nothing that
        # identifies the person stays, not even the keyed NIK hash, so the same NIK may register again.
        participant.nik_hash = f"{ParticipantStatus.ANONYMISED.value}-{participant.id}"
        participant.personal = None
        participant.nik_last4 = None
        participant.chat_id = None
        participant.status = ParticipantStatus.ANONYMISED
        participant.anonymised_at = now
        return "anonymised"
