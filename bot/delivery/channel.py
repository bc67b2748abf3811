"""Delivering rendered messages to a chat, on any channel: what a sender promises and reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.delivery.messages import Rendered


class Delivery(StrEnum):
    """What happened when messages were sent."""

    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot (Telegram 403)
    RETRY = "retry"  # rate limited, a network error, a timeout or a 5xx: try again later
    FAILED = "failed"  # Telegram refused the message itself (400): trying again cannot help


@dataclass(frozen=True)
class SendResult:
    """A delivery outcome, with how long to wait before retrying."""

    delivery: Delivery
    retry_after: float = 60.0
    error: str = ""
    rate_limited: bool = False  # a 429: wait `retry_after`, and it does not count as a failed attempt


class Sender(Protocol):
    """Delivers rendered messages to a chat in order; buttons carry `stamp` (conversation id, version)."""

    async def deliver(
        self, chat_id: int, messages: Sequence[Rendered], stamp: tuple[int, int] | None = None
    ) -> SendResult:
        """Send the messages in order; stop at the first failure and say what it was."""
        ...
