"""Perform the effects flows ask for, inside the turn's transaction, and answer with result events."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.delivery.sealing import owe
from bot.domain.agents import DAILY_LIMIT
from bot.domain.claims import ClaimKind
from bot.domain.masking import redact_tail
from bot.domain.participants import Participant
from bot.domain.priority import Priority
from bot.domain.rules import DEFAULT_RULES, Rules
from bot.domain.sponsors import Refusal
from bot.domain.standing import standing_on
from bot.flows import agent_register as a
from bot.flows import claim_register as c
from bot.flows import qa_register as q
from bot.flows import register as r
from bot.flows import sponsor_register as s
from bot.telemetry import metrics
from bot.turn import notices
from storage.crypto import Vault
from storage.models import AskedQuestion
from storage.repositories.agents import AgentRepository
from storage.repositories.claims import ClaimRepository
from storage.repositories.outbox import OutboxRepository
from storage.repositories.participants import ParticipantRepository
from storage.repositories.reminders import ReminderRepository
from storage.repositories.sponsors import SponsorRepository

WIB = "Asia/Jakarta"  # a programme's end date is a day in Indonesia's western time


class EffectHandlers:
    """The runner's side of the participant register."""

    def __init__(self, vault: Vault, *, nik_checks_per_day: int = 5, rules: Rules = DEFAULT_RULES) -> None:
        self.vault = vault
        self.nik_checks_per_day = nik_checks_per_day
        self.rules = rules

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
                # An agent enrols up to 30 workers a day: twice that many NIKs.
                per_day = self.nik_checks_per_day
                if AgentRepository(db, self.vault).is_agent(chat_id):
                    per_day = max(per_day, 2 * DAILY_LIMIT)
                if not participants.may_check_nik(chat_id, nik, now, per_day):
                    return r.NikChecked(available=False, limit=per_day)
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
        if (answer := self._claims(db, chat_id, effect, now)) is not None:
            return answer
        if (answer := self._sponsors(db, chat_id, effect, now)) is not None:
            return answer
        if (answer := self._agents(db, chat_id, effect, now)) is not None:
            return answer
        match effect:
            case q.RecordQuestion() as asked:
                row = AskedQuestion(
                    language=asked.language,
                    question=asked.text[:300],
                    topic=asked.topic,
                    score=round(asked.score, 3),
                    answered=asked.answered,
                    corrects=asked.corrects,
                    created_at=now,
                )
                db.add(row)
                db.flush()
                metrics.BENEFIT_QUESTIONS.labels("answered" if asked.answered else "fallback").inc()
                return q.QuestionRecorded(row.id)
            case q.RedactQuestion(question_id=question_id):
                kept = db.get(AskedQuestion, question_id)
                if kept is not None:
                    kept.question = redact_tail(kept.question)
                return None
            case q.RateAnswer(question_id=question_id, useful=useful):
                found = db.get(AskedQuestion, question_id)
                if found is not None:
                    found.useful = useful
                return q.AnswerRated()
        raise TypeError(f"no handler for effect {type(effect).__name__}")

    def _death_reported(
        self, db: Session, chat_id: int, participant_id: int, number: str, now: datetime
    ) -> None:
        """A report, not a fact: the reminders pause and the participant's own chat is told.

        Nothing else changes until an officer verifies it (`bpu-bot claims set-status N diverifikasi`).
        """
        theirs = ClaimRepository(db, self.vault).report_death(participant_id, number)
        ReminderRepository(db).delete_unclaimed(participant_id)
        OutboxRepository.of(db, self.vault).drop_reminders_of(participant_id, "death reported")
        if theirs is not None and theirs[0] != chat_id:
            their_chat, language = theirs
            owe(db, self.vault, their_chat, notices.death_reported(number, language), Priority.NOTICE, now)

    def _sponsors(self, db: Session, chat_id: int, effect: Any, now: datetime) -> Any:
        """Perform a sponsored-enrolment or handover effect (None when `effect` is not one)."""
        sponsors = SponsorRepository(db, self.vault, self.rules)
        match effect:
            case s.LookUpSponsor(code=code):
                return s.SponsorLooked(sponsors.terms(code) if code else None)
            case s.EnrolSponsored(registration=registration, code=code):
                today = now.astimezone(ZoneInfo(WIB)).date()
                enrolled = sponsors.enrol(chat_id, registration, code, now, today)
                if isinstance(enrolled, Refusal):
                    return s.SponsoredRefused(enrolled)
                metrics.SPONSORED_ENROLMENTS.inc()
                return s.SponsoredEnrolled(
                    enrolled.registration_number, enrolled.first_month, enrolled.last_month
                )
            case s.DecideHandover(go_on=go_on):
                found = ParticipantRepository(db, self.vault).for_chat(chat_id)
                decided = sponsors.decide(found.id, go_on, now) if found is not None else None
                return s.HandoverDecided(decided)
        return None

    def _agents(self, db: Session, chat_id: int, effect: Any, now: datetime) -> Any:
        """Perform an agent's or a linking worker's effect (None when `effect` is not one)."""
        agents = AgentRepository(db, self.vault)
        match effect:
            case a.WhoIsAgent():
                seen = agents.of_chat(chat_id, now)
                return a.AgentSeen(seen.name, seen.today, seen.limit) if seen else a.AgentSeen(None)
            case a.BindAgent(token=token):
                return a.AgentBound(agents.bind(chat_id, token, now))
            case a.EnrolAssisted(
                registration=registration, consent_file_id=file_id, consent_unique_id=unique
            ):
                done = agents.enrol(chat_id, registration, file_id, unique, now)
                if isinstance(done, str):
                    return a.AssistedRefused(done)
                return a.AssistedEnrolled(done.registration_number, done.link_code, done.link_expires)
            case a.ListAssisted():
                mine = agents.mine(chat_id)
                if mine is None:
                    return a.AssistedListed(None)
                lines = tuple(
                    a.AssistedLine(m.registration_number, m.name, m.enrolled_on, m.linked) for m in mine
                )
                return a.AssistedListed(lines)
            case a.ListConsentsToResend():
                missing = agents.consents_to_resend(chat_id)
                if missing is None:
                    return a.ConsentsToResend(None)
                return a.ConsentsToResend(tuple(a.ConsentToResend(*line) for line in missing))
            case a.ResendConsent(enrolment_id=enrolment, consent_file_id=file_id, consent_unique_id=unique):
                return a.ConsentResent(agents.resend_consent(chat_id, enrolment, file_id, unique, now))
            case a.LinkChat(code=code):
                # A chat may try only a few different codes a day (the same quota as NIK checks).
                people = ParticipantRepository(db, self.vault)
                if not people.may_check_nik(chat_id, f"kode:{code}", now, self.nik_checks_per_day):
                    return a.ChatLinked(None, self.nik_checks_per_day)
                return a.ChatLinked(agents.link(chat_id, code, now))
        return None

    def _claims(self, db: Session, chat_id: int, effect: Any, now: datetime) -> Any:
        """Perform a claims effect (None when `effect` is not one)."""
        claims = ClaimRepository(db, self.vault)
        match effect:
            case c.FindParticipant(nik=nik, number=number, phone=phone):
                # One quota with enrolment's NIK checks: the report is no way to probe the register.
                key = nik if nik is not None else f"nomor:{number}"
                people = ParticipantRepository(db, self.vault)
                if not people.may_check_nik(chat_id, key, now, self.nik_checks_per_day):
                    return c.LookupsExhausted(self.nik_checks_per_day)
                found = claims.find_participant(nik=nik, number=number, chat_id=chat_id, phone=phone)
                if found is None:
                    return c.ParticipantNotFound()
                if found.privileged:
                    return c.ParticipantFound(found.participant_id, found.initials)
                return c.ParticipantNoted(found.participant_id)
            case c.AssessStanding(participant_id=None):
                return c.StandingRead(None)
            case c.AssessStanding(participant_id=participant_id, on=on):
                record = claims.record_of(participant_id)
                standing = standing_on(record, on, self.rules) if record is not None else None
                registered = claims.registered_on(participant_id)
                return c.StandingRead(standing, registered)
            case c.SubmitClaim() as report:
                claim = claims.create(
                    kind=report.kind,
                    programme=report.programme,
                    chat_id=chat_id,
                    language=report.language,
                    participant_id=report.participant_id,
                    details=report.details,
                    documents=report.documents,
                    now=now,
                )
                if report.participant_id is not None and report.kind == ClaimKind.DEATH.value:
                    self._death_reported(db, chat_id, report.participant_id, claim.number, now)
                return c.ClaimSubmitted(claim.number)
            case c.DisputeDeathReport():
                return c.DeathReportDisputed(claims.dispute_death_report(chat_id, now))
            case c.AttachDocument() as sent:
                claim = claims.of_reporter(chat_id, sent.number)
                if claim is None:
                    return c.DocumentAttached(sent.kind, found=False)
                replaced = claims.attach(
                    claim, sent.kind, sent.file_id, sent.unique_id, sent.mime, sent.size, now
                )
                return c.DocumentAttached(sent.kind, replaced)
            case c.ListClaims():
                lines = tuple(
                    c.ClaimLine(s.number, s.kind, s.status, s.documents, s.missing)
                    for s in claims.claims_of(chat_id)
                )
                return c.ClaimsListed(lines)
        return None
