"""What the bot says without being asked, rendered in the chat's language, for jobs and operators.

The texts are the flows' (`bot/flows/notices.py`, `bot/flows/claim_notices.py`); background work reaches
them only through here, so it never depends on a conversation.
"""

from __future__ import annotations

from datetime import date

from bot.delivery.messages import Rendered
from bot.domain.claims import StatusChange
from bot.domain.reminders import NoticeFacts
from bot.domain.rules import Rules
from bot.flows import agents, claim_notices, notices
from bot.flows.labels import PROGRAMMES
from bot.turn.render import render, text


def reminder(facts: NoticeFacts, rules: Rules, language: str) -> list[Rendered]:
    """Return the messages of one planned reminder or activation notice."""
    return [render(reply, language) for reply in notices.notice(facts, rules)]


def claim_status(change: StatusChange, today: date, rules: Rules, language: str) -> list[Rendered]:
    """Return the one message a reporter gets when an operator changes their claim's status."""
    return [render(claim_notices.status_message(change, today, rules), language)]


def document_resend(kind: str, number: str, language: str, reason: str = "") -> list[Rendered]:
    """Return the request to send again a claim document that could not be fetched or opened."""
    return [render(claim_notices.resend_request(kind, number, reason), language)]


def consent_resend(number: str, language: str) -> list[Rendered]:
    """Return the request to an agent to send again the photo of a consent form that could not be kept."""
    return [render(agents.consent_not_kept(number), language)]


def document_name(kind: str, language: str) -> str:
    """Return a claim document's name as people read it (its key when unknown)."""
    msgid = claim_notices.DOCUMENT_NAMES.get(kind)
    return text(msgid, {}, language) if msgid else kind


def programme_name(key: str, language: str) -> str:
    """Return a programme's name as people read it ("JKK + JKM")."""
    msgid = PROGRAMMES.get(key)
    return text(msgid, {}, language) if msgid else key


def death_reported(number: str, language: str) -> list[Rendered]:
    """Return the message to a participant whose death was reported, with the button to dispute it."""
    return [render(claim_notices.death_reported(number), language)]
