"""What delivery's outcomes mean for the register: a blocked chat is unreachable, a sent reminder sent."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.delivery.outcomes import ChatUnreachable, Outcome, Parked, RemindersSent
from bot.telemetry import metrics
from storage.repositories.reminders import ReminderRepository


def record(session: Session, outcome: Outcome) -> None:
    """Store the consequence of a delivery outcome, in the transaction that recorded it."""
    reminders = ReminderRepository(session)
    match outcome:
        case ChatUnreachable(chat_id=chat_id, dropped_reminders=dropped):
            reminders.mark_chat_unreachable(chat_id)
            metrics.REMINDERS_SKIPPED.labels("unreachable").inc(
                reminders.set_outcome(list(dropped), "unreachable")
            )
        case RemindersSent(reminder_ids=ids):
            # Counted here, once a reminder is marked sent: its message and its card are one reminder.
            metrics.REMINDERS_SENT.inc(reminders.set_outcome(list(ids), "sent"))
        case Parked():
            pass  # the row itself says it is parked; operators list it
