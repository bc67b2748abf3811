"""Webhook updates are stored before Telegram gets its answer, and found again after a crash.

Telegram resends an update only while it gets no 200; so the webhook answers after `accept` has committed
the (sealed) update, and `recover` feeds any update a killed process accepted but never processed back to
python-telegram-bot. A turn records its update id as processed in its own transaction, so an update is
handled once however often it arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from storage.crypto import Vault
from storage.db import Database
from storage.repositories.outbox import OutboxRepository

log = logging.getLogger("bot.delivery.inbox")

REDELIVERY_WINDOW = timedelta(hours=48)  # Telegram redelivers for 24 hours; kept twice as long
SENT_KEPT = timedelta(days=7)
RECOVER_AFTER = timedelta(seconds=30)


class Inbox:
    """Accept webhook updates durably; recover the unprocessed ones; forget old ones."""

    def __init__(self, db: Database, vault: Vault, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.vault = vault
        self.clock = clock

    async def accept(self, update_id: int, raw: dict[str, Any]) -> bool:
        """Store an update before answering Telegram; False when it was stored or handled before."""
        now = self.clock()
        return await self.db.run(lambda s: OutboxRepository(s, self.vault).accept(update_id, raw, now))

    async def accept_many(self, raws: list[dict[str, Any]]) -> None:
        """Store a batch of polled updates (one transaction) before Telegram is told they arrived."""
        now = self.clock()

        def store(session: Any) -> None:
            repo = OutboxRepository(session, self.vault)
            for raw in raws:
                repo.accept(raw["update_id"], raw, now)

        if raws:
            await self.db.run(store)

    async def unprocessed(self, limit: int = 500, *, at_start: bool = False) -> list[dict[str, Any]]:
        """Return accepted updates no turn has processed: at start all, later those `RECOVER_AFTER` old."""
        before = self.clock() - (timedelta(0) if at_start else RECOVER_AFTER)
        return await self.db.run(lambda s: OutboxRepository(s, self.vault).unprocessed(before, limit))

    async def prune(self) -> int:
        """Forget update ids past Telegram's redelivery window and messages delivered a week ago."""
        now = self.clock()
        return await self.db.run(
            lambda s: OutboxRepository(s, self.vault).prune(now - REDELIVERY_WINDOW, now - SENT_KEPT)
        )
