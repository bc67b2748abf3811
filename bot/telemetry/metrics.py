"""The process's counters, in Prometheus's default registry; `/metrics` exposes them.

Labels are closed sets (flow names, outcomes, reasons, statuses): never a chat id, NIK, name or phone.
Counters count what this process did since it started; what the database holds (outbox depth, claims by
status) is read at scrape time instead (`bot/app/scrape.py`), so several processes agree on it.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

TURNS = Counter("bpu_turns_total", "Conversation turns processed, by the flow they ended in", ["flow"])
TURN_SECONDS = Histogram(
    "bpu_turn_seconds",
    "Time from an update's arrival at its chat's turn to the turn's commit",
    ["flow"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DUPLICATE_UPDATES = Counter(
    "bpu_updates_deduplicated_total", "Updates Telegram delivered again, recognised and dropped"
)
SENDS = Counter(
    "bpu_sends_total",
    "Messages handed to Telegram, by outcome (sent, 429, 5xx incl. network errors, 400, 403, parked)",
    ["outcome"],
)
REMINDERS_PLANNED = Counter("bpu_reminders_planned_total", "Reminder rows planned")
REMINDERS_SENT = Counter("bpu_reminders_sent_total", "Reminders delivered to the worker's chat")
SPONSORED_ENROLMENTS = Counter("bpu_sponsored_enrolments_total", "Workers enrolled through a sponsor's link")
REMINDERS_SKIPPED = Counter("bpu_reminders_skipped_total", "Reminders not sent, by reason", ["reason"])
PAYMENTS = Counter(
    "bpu_payments_total",
    "Payment notices and reconciliation rows, by outcome (applied, duplicate, exception, conflict, refused)",
    ["outcome"],
)
BENEFIT_QUESTIONS = Counter(
    "bpu_benefit_questions_total",
    "Benefit questions (typed, or a topic chosen), answered or fallen back",
    ["outcome"],
)


def send_outcome(delivery: str, *, rate_limited: bool) -> str:
    """Return the `bpu_sends_total` label of one send attempt's result."""
    if rate_limited:
        return "429"
    return {"sent": "sent", "retry": "5xx", "blocked": "403", "failed": "400"}.get(delivery, delivery)
