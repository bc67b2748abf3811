"""Perform the effects flows ask for, inside the turn's transaction, and answer with result events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.domain.participants import Participant
from bot.flows import register as r
from storage.crypto import Vault
from storage.repositories.participants import ParticipantRepository


class EffectHandlers:
    """The runner's side of the participant register."""

    def __init__(self, vault: Vault, *, nik_checks_per_day: int = 5) -> None:
        self.vault = vault
        self.nik_checks_per_day = nik_checks_per_day

    def participant(self, db: Session, chat_id: int) -> Participant | None:
        """Load this chat's participant, for the flow's context."""
        participants = ParticipantRepository(db, self.vault)
        found = participants.for_chat(chat_id)
        return participants.registered(found) if found else None

    def apply(self, db: Session, chat_id: int, effect: Any, now: datetime) -> Any:
        """Perform one effect; return the event to feed back to the flow (or None)."""
        participants = ParticipantRepository(db, self.vault)
        match effect:
            case r.CheckNik(nik=nik):
                # Whether a NIK is registered is an answer a stranger could farm: a chat may ask about
                # only a few different NIKs a day (the same NIK again is free).
                if not participants.may_check_nik(chat_id, nik, now, self.nik_checks_per_day):
                    return r.NikChecked(available=False, limit=self.nik_checks_per_day)
                return r.NikChecked(available=not participants.nik_taken(nik))
            case r.RegisterParticipant(registration=registration):
                created = participants.add(chat_id, registration, now)
                if created is None:
                    return r.RegistrationRefused()
                return r.ParticipantRegistered(created.registration_number or "")
            case r.UpdateParticipant(change=change):
                found = participants.for_chat(chat_id)
                if found is not None:
                    participants.correct(found, change)
                return r.ParticipantSaved(found=found is not None)
            case r.UpdateReminders(on=on, days_before=days, hour=hour):
                found = participants.for_chat(chat_id)
                if found is not None:
                    participants.set_reminders(found, on=on, days_before=days, hour=hour)
                return r.ParticipantSaved(found=found is not None)
            case r.ForgetParticipant():
                found = participants.for_chat(chat_id)
                if found is None:
                    return r.ParticipantForgotten("gone")
                return r.ParticipantForgotten(participants.forget(found, now))
        raise TypeError(f"no handler for effect {type(effect).__name__}")
