"""The share of the send rate reminders may take while workers are waiting for answers."""

from __future__ import annotations

import time
from collections.abc import Callable

# Reminders waiting inside the rate limiter delay every reply behind them: at most this much of them.
BULK_BURST = 0.3


class BulkBudget:
    """A token bucket for reminders: the full rate when nobody waits, `share` of it while replies flow."""

    def __init__(self, rate: float, share: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.share = share
        self.clock = clock
        self.tokens = rate * BULK_BURST
        self.stamp = clock()
        self.interactive_until = 0.0

    def note_interactive(self) -> None:
        """A reply or notice was sent: hold bulk to its share for the next two seconds."""
        self.interactive_until = self.clock() + 2.0

    def available(self) -> int:
        """Return how many bulk messages may go now (unlimited when no rate is set)."""
        if self.rate <= 0:
            return 1 << 30
        now = self.clock()
        rate = self.rate * (self.share if now < self.interactive_until else 1.0)
        self.tokens = min(self.rate * BULK_BURST, self.tokens + (now - self.stamp) * rate)
        self.stamp = now
        return int(self.tokens)

    def spend(self, count: int) -> None:
        """Take `count` tokens."""
        if self.rate > 0:
            self.tokens -= count
