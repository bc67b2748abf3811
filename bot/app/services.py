"""The services, built once from the settings: for `run`, `chat`, the operator commands, tests, benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app.settings import Settings
from bot.console.web import Console
from bot.delivery.channel import Sender
from bot.delivery.inbox import Inbox
from bot.delivery.outbox import Outbox
from bot.flows.engine import Engine
from bot.flows.registry import FLOWS
from bot.jobs import outcomes
from bot.jobs.documents import Documents, Fetch
from bot.jobs.keys import open_vault
from bot.jobs.payments import PaymentService
from bot.jobs.reminders import Reminders
from bot.turn.effects import EffectHandlers
from bot.turn.runner import Runner
from storage.crypto import Vault
from storage.db import Database


def system_clock() -> datetime:
    """Return the current time (UTC)."""
    return datetime.now(UTC)


@dataclass
class Services:
    """Database, vault, turn runner and payment service of one process."""

    settings: Settings
    db: Database
    vault: Vault
    runner: Runner
    payments: PaymentService
    inbox: Inbox
    clock: Callable[[], datetime]
    outboxes: list[Outbox] = field(default_factory=list)  # closed (sent rows recorded) before the database

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = system_clock,
        vault: Vault,
        pool_size: int = 10,
        db: Database | None = None,
    ) -> Services:
        """Build every service on the configured database, the given key and rules (nothing connects yet)."""
        db = db or Database(settings.database_url, pool_size=pool_size)
        runner = Runner(
            db,
            Engine(FLOWS),
            clock=clock,
            timezone=settings.timezone,
            log_salt=settings.log_salt,
            vault=vault,
            effects=EffectHandlers(
                vault, nik_checks_per_day=settings.nik_checks_per_day, rules=settings.rules
            ),
            rules=settings.rules,
        )
        payments = PaymentService(db, vault, settings.rules, clock)
        return cls(settings, db, vault, runner, payments, Inbox(db, vault, clock), clock)

    @classmethod
    async def open(cls, settings: Settings, *, clock: Callable[[], datetime] = system_clock) -> Services:
        """Build the services of a process on the database's own key.

        Raises `KeyProblem` when the key is missing or another one (never a new key beside sealed data).
        """
        db = Database(settings.database_url)
        try:
            vault = await open_vault(settings, db, clock())
        except BaseException:
            await db.dispose()
            raise
        return cls.build(settings, clock=clock, vault=vault, db=db)

    def outbox(self, sender: Sender) -> Outbox:
        """Return the outbox delivering through `sender`, at the configured rate and bulk share."""
        outbox = Outbox(
            self.db,
            self.vault,
            sender,
            record=outcomes.record,
            clock=self.clock,
            rate=self.settings.send_rate_per_second,
            bulk_share=self.settings.bulk_share,
            lease=timedelta(seconds=self.settings.outbox_lease_seconds),
        )
        self.outboxes.append(outbox)
        return outbox

    def documents(self, outbox: Outbox, fetch: Fetch) -> Documents:
        """Return the fetcher that stores claim documents, sealed, under `DOCUMENTS_DIR`."""
        folder, limit = Path(self.settings.documents_dir), self.settings.rules.document_max_bytes
        return Documents(self.db, self.vault, folder, fetch, outbox, self.clock, max_bytes=limit)

    def console(self) -> Console:
        """Return the branch console's services (its pages are served by the HTTP server)."""
        return Console(
            self.db,
            self.vault,
            self.settings.rules,
            self.clock,
            self.payments,
            Path(self.settings.documents_dir),
            self.settings.log_salt,
            secure_cookies=self.settings.console_secure_cookies,
            bot_username=self.settings.telegram_bot_username,
        )

    def reminders(self, outbox: Outbox) -> Reminders:
        """Return the reminder planner, which owes due reminders to chats through `outbox`."""
        rate = self.settings.send_rate_per_second * self.settings.reminder_share
        return Reminders(self.db, self.vault, self.settings.rules, outbox, clock=self.clock, rate=rate)

    async def close(self) -> None:
        """Record what the outboxes sent (awaiting sends in flight), then close the database's connections.

        However a process stops, a message it delivered is marked sent before the database goes away, so
        a restart never sends it again.
        """
        for outbox in self.outboxes:
            await outbox.close()
        await self.db.dispose()
