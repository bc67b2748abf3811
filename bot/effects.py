"""Perform the effects flows ask for, inside the turn's transaction, and answer with result events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows import participants as p
from storage.crypto import Vault
from storage.repositories.participants import ParticipantRepository


class EffectHandlers:
    """The runner's side of the participant register."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    async def apply(self, db: AsyncSession, chat_id: int, effect: Any, now: datetime) -> Any:
        """Perform one effect; return the event to feed back to the flow (or None)."""
        participants = ParticipantRepository(db, self.vault)
        match effect:
            case p.LookUpChat():
                found = await participants.for_chat(chat_id)
                return p.ChatLookedUp(found.registration_number if found else None)
            case p.CheckNik(nik=nik):
                return p.NikChecked(available=not await participants.nik_taken(nik))
            case p.RegisterParticipant(registration=registration):
                created = await participants.add(chat_id, registration, now)
                if created is None:
                    return p.RegistrationRefused()
                return p.ParticipantRegistered(created.registration_number or "")
            case p.LoadParticipant():
                found = await participants.for_chat(chat_id)
                return p.ParticipantLoaded(participants.view(found) if found else None)
            case p.UpdateParticipant(changes=changes, effective_from=effective_from):
                found = await participants.for_chat(chat_id)
                if found is None:
                    return p.ParticipantLoaded(None)
                participants.correct(found, dict(changes), effective_from)
                return p.ParticipantUpdated(participants.view(found))
            case p.LoadIuran():
                found = await participants.for_chat(chat_id)
                return p.IuranLoaded(participants.iuran_facts(found) if found else None)
            case p.UpdateReminders(on=on, days_before=days, hour=hour):
                found = await participants.for_chat(chat_id)
                if found is None:
                    return p.IuranLoaded(None)
                if on is not None:
                    found.reminders_on = on
                if days is not None:
                    found.reminder_days = days
                if hour is not None:
                    found.reminder_hour = hour
                return p.IuranLoaded(participants.iuran_facts(found))
            case p.ForgetParticipant():
                found = await participants.for_chat(chat_id)
                if found is None:
                    return p.ParticipantLoaded(None)
                return p.ParticipantForgotten(await participants.forget(found, now))
        raise TypeError(f"no handler for effect {type(effect).__name__}")
