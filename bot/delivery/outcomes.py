"""What delivery reports about the chats it sends to; a recorder (`bot/jobs/outcomes.py`) writes it down.

Delivery decides nothing about participants or reminders: it says what happened, inside the transaction
that records the rows' own state, and the recorder it was given stores the consequences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ChatUnreachable:
    """The chat blocked the bot (Telegram 403); what it was still owed was dropped."""

    chat_id: int
    dropped_reminders: tuple[int, ...]


@dataclass(frozen=True)
class RemindersSent:
    """These reminders' messages were delivered."""

    reminder_ids: tuple[int, ...]


@dataclass(frozen=True)
class Parked:
    """A message kept failing and waits for an operator (`bpu-bot outbox parked`)."""

    row_id: int
    error: str


Outcome = ChatUnreachable | RemindersSent | Parked
Recorder = Callable[[Session, Outcome], None]


def ignore(_session: Session, _outcome: Outcome) -> None:
    """Record nothing (a delivery test of the outbox alone)."""
