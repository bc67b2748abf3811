"""Agents and the workers they enrolled; never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.agents import DAILY_LIMIT, LINK_VALID, digest, masked_name, new_bind_token, new_link_code
from bot.domain.participants import Registration
from storage.crypto import Vault
from storage.models import Agent, AssistedEnrolment, AuditEntry, Participant
from storage.repositories.participants import ParticipantRepository

WIB = ZoneInfo("Asia/Jakarta")


class AgentError(ValueError):
    """An operator's agent command that cannot be done."""


@dataclass(frozen=True)
class AgentSeen:
    """This chat's agent: who, and how many they enrolled today."""

    code: str
    name: str
    today: int
    limit: int = DAILY_LIMIT


@dataclass(frozen=True)
class AssistedLine:
    """One enrolment as its agent sees it: masked."""

    registration_number: str
    name: str  # initials only
    enrolled_on: datetime
    linked: bool
    consent: str  # pending, stored, failed


@dataclass(frozen=True)
class AssistedCreated:
    """An assisted enrolment: the registration number and the one-time code for the worker's own chat."""

    registration_number: str
    link_code: str
    link_expires: datetime


class AgentRepository:
    """The agent side of the register."""

    def __init__(self, session: Session, vault: Vault) -> None:
        self.session = session
        self.vault = vault

    def add(self, name: str, code: str, actor: str, now: datetime) -> str:
        """Register an agent; return the secret of their one-time link (shown once, stored hashed)."""
        if self.session.execute(select(Agent.id).where(Agent.code == code)).first() is not None:
            raise AgentError(f"the code {code} is already used")
        token = new_bind_token()
        self.session.add(Agent(code=code, name=name, bind_token_hash=digest(token), created_at=now))
        self._audit(actor, "agent_added", code, name, now)
        self.session.flush()
        return token

    def bind(self, chat_id: int, token: str, now: datetime) -> str | None:
        """Bind this chat to the agent whose one-time link it opened; return the agent's name, or None."""
        agent = self.session.execute(
            select(Agent).where(Agent.bind_token_hash == digest(token), Agent.disabled.is_(False))
        ).scalar_one_or_none()
        if agent is None:
            return None
        if self.session.execute(select(Agent.id).where(Agent.chat_id == chat_id)).first() is not None:
            return None  # this chat is another agent's already
        agent.chat_id, agent.bind_token_hash = chat_id, None
        self._audit(f"agent:{agent.code}", "agent_bound", agent.code, None, now)
        return agent.name

    def of_chat(self, chat_id: int, now: datetime) -> AgentSeen | None:
        """Return this chat's agent with today's count (a day in WIB), or None."""
        agent = self._agent(chat_id)
        if agent is None:
            return None
        return AgentSeen(agent.code, agent.name, self._today(agent.id, now))

    def _agent(self, chat_id: int, *, lock: bool = False) -> Agent | None:
        query = select(Agent).where(Agent.chat_id == chat_id, Agent.disabled.is_(False))
        if lock:
            query = query.with_for_update()
        return self.session.execute(query).scalar_one_or_none()

    def is_agent(self, chat_id: int) -> bool:
        """Tell whether this chat belongs to an agent (who checks many NIKs a day)."""
        return self._agent(chat_id) is not None

    def _today(self, agent_id: int, now: datetime) -> int:
        local = now.astimezone(WIB)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        query = (
            select(func.count())
            .select_from(AssistedEnrolment)
            .where(AssistedEnrolment.agent_id == agent_id, AssistedEnrolment.created_at >= midnight)
        )
        return int(self.session.execute(query).scalar_one())

    def enrol(
        self,
        chat_id: int,
        registration: Registration,
        consent_file_id: str,
        consent_unique_id: str,
        now: datetime,
    ) -> AssistedCreated | str:
        """Register a worker for the agent of this chat; return why not (`not_agent`, `limit`, `registered`).

        The agent row is locked, so two enrolments at once never pass the daily limit together. The
        participant has no chat until the worker links theirs with the code.
        """
        agent = self._agent(chat_id, lock=True)
        if agent is None:
            return "not_agent"
        if self._today(agent.id, now) >= DAILY_LIMIT:
            return "limit"
        created = ParticipantRepository(self.session, self.vault).add(None, registration, now)
        if created is None:
            return "registered"
        code = new_link_code()
        expires = now + LINK_VALID
        self.session.add(
            AssistedEnrolment(
                agent_id=agent.id,
                participant_id=created.id,
                consent_file_id=self.vault.seal(consent_file_id),
                consent_unique_id=consent_unique_id[:64],
                consent_state="pending",
                link_code_hash=digest(code),
                link_expires=expires,
                created_at=now,
            )
        )
        number = created.registration_number or ""
        self._audit(f"agent:{agent.code}", "assisted_enrolment", number, None, now)
        self.session.flush()
        return AssistedCreated(number, code, expires)

    def mine(self, chat_id: int, limit: int = 50) -> list[AssistedLine] | None:
        """Return this agent's own enrolments, newest first, masked (None: this chat is no agent)."""
        agent = self._agent(chat_id)
        if agent is None:
            return None
        return self._lines(agent.id, limit)

    def _lines(self, agent_id: int, limit: int) -> list[AssistedLine]:
        rows = self.session.execute(
            select(AssistedEnrolment, Participant.registration_number, Participant.personal)
            .join(Participant, Participant.id == AssistedEnrolment.participant_id)
            .where(AssistedEnrolment.agent_id == agent_id)
            .order_by(AssistedEnrolment.id.desc())
            .limit(limit)
        ).all()
        lines = []
        for enrolment, number, personal in rows:
            created = enrolment.created_at
            created = created if created.tzinfo else created.replace(tzinfo=UTC)
            lines.append(
                AssistedLine(
                    number or "",
                    self._initials(personal),
                    created,
                    enrolment.linked_at is not None,
                    enrolment.consent_state,
                )
            )
        return lines

    def lines_of(self, code: str, limit: int = 500) -> list[AssistedLine]:
        """Return an agent's enrolments for an officer (masked as well)."""
        agent = self.session.execute(select(Agent).where(Agent.code == code)).scalar_one_or_none()
        if agent is None:
            raise AgentError(f"no agent {code}")
        return self._lines(agent.id, limit)

    def agents(self) -> list[tuple[Agent, int]]:
        """Return every agent with how many workers they enrolled."""
        counts = (
            select(AssistedEnrolment.agent_id, func.count().label("n"))
            .group_by(AssistedEnrolment.agent_id)
            .subquery()
        )
        query = (
            select(Agent, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.agent_id == Agent.id)
            .order_by(Agent.code)
        )
        return [(a, int(n)) for a, n in self.session.execute(query).all()]

    def link(self, chat_id: int, code: str, now: datetime) -> str | None:
        """Link this chat to the participant an agent enrolled with `code`; return the number, or None.

        The code works once, within its 30 days, and only for a chat that has no registration itself.
        """
        found = self.session.execute(
            select(AssistedEnrolment)
            .where(AssistedEnrolment.link_code_hash == digest(code))
            .with_for_update()
        ).scalar_one_or_none()
        if found is None or found.link_expires is None:
            return None
        expires = found.link_expires if found.link_expires.tzinfo else found.link_expires.replace(tzinfo=UTC)
        if expires < now:
            return None
        people = ParticipantRepository(self.session, self.vault)
        if people.for_chat(chat_id) is not None:
            return None
        participant = self.session.get_one(Participant, found.participant_id)
        if participant.chat_id is not None:
            return None
        participant.chat_id = chat_id
        found.link_code_hash, found.link_expires, found.linked_at = None, None, now
        number = participant.registration_number or ""
        self._audit("worker", "chat_linked", number, None, now)
        return number

    def pending_consents(self, batch: int) -> list[tuple[int, str]]:
        """Return consent photos to fetch: (enrolment id, sealed file id)."""
        rows = self.session.execute(
            select(AssistedEnrolment.id, AssistedEnrolment.consent_file_id)
            .where(AssistedEnrolment.consent_state == "pending")
            .order_by(AssistedEnrolment.id)
            .limit(batch)
        ).all()
        return [(enrolment_id, sealed) for enrolment_id, sealed in rows]

    def consents_to_resend(self, chat_id: int) -> list[tuple[int, str, str]] | None:
        """Return this agent's enrolments whose consent photo could not be kept, oldest first.

        Each is (enrolment id, registration number, initials); None when this chat is no agent's.
        """
        agent = self._agent(chat_id)
        if agent is None:
            return None
        rows = self.session.execute(
            select(AssistedEnrolment.id, Participant.registration_number, Participant.personal)
            .join(Participant, Participant.id == AssistedEnrolment.participant_id)
            .where(AssistedEnrolment.agent_id == agent.id, AssistedEnrolment.consent_state == "failed")
            .order_by(AssistedEnrolment.id)
            .limit(20)
        ).all()
        return [(enrolment, number or "", self._initials(personal)) for enrolment, number, personal in rows]

    def _initials(self, personal: str | None) -> str:
        """A participant's name as an agent sees it: initials only."""
        return masked_name(self.vault.open(personal).get("name", "") if personal else "")

    def resend_consent(
        self, chat_id: int, enrolment_id: int, file_id: str, unique_id: str, now: datetime
    ) -> str | None:
        """Put a new consent photo in place of one that could not be kept, to be fetched again.

        Only the agent who made the enrolment, and only while its photo is missing: the registration number,
        or None.
        """
        agent = self._agent(chat_id)
        found = self.session.get(AssistedEnrolment, enrolment_id, with_for_update=True)
        if agent is None or found is None or found.agent_id != agent.id or found.consent_state != "failed":
            return None
        found.consent_file_id, found.consent_unique_id = self.vault.seal(file_id), unique_id[:64]
        found.consent_state, found.consent_attempts, found.consent_path = "pending", 0, None
        participant = self.session.get(Participant, found.participant_id)
        number = (participant.registration_number or "") if participant is not None else ""
        self._audit(f"agent:{agent.code}", "consent_resent", number, None, now)
        return number

    def consent_failed_notice(self, enrolment_id: int) -> tuple[int, str] | None:
        """Where to ask for a consent photo again: (agent's chat, registration number)."""
        row = self.session.execute(
            select(Agent.chat_id, Participant.registration_number)
            .join(AssistedEnrolment, AssistedEnrolment.agent_id == Agent.id)
            .join(Participant, Participant.id == AssistedEnrolment.participant_id)
            .where(AssistedEnrolment.id == enrolment_id, Agent.disabled.is_(False))
        ).one_or_none()
        if row is None or row[0] is None:
            return None
        return row[0], row[1] or ""

    def _audit(self, actor: str, action: str, subject: str, after: str | None, now: datetime) -> None:
        entry = AuditEntry(at=now, actor=actor[:60], action=action, subject=subject[:60], after=after)
        self.session.add(entry)
