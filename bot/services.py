"""The services, built once from the settings: for `run`, `chat`, the operator commands, tests, benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.delivery import Sender
from bot.effects import EffectHandlers
from bot.flows.engine import Engine
from bot.flows.registry import FLOWS
from bot.payments import PaymentService
from bot.reminders import Reminders
from bot.runner import Runner
from bot.settings import Settings
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
    clock: Callable[[], datetime]

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = system_clock,
        vault: Vault | None = None,
        pool_size: int = 10,
    ) -> Services:
        """Build every service on the configured database, key and rules (nothing connects yet)."""
        db = Database(settings.database_url, pool_size=pool_size)
        vault = vault or settings.vault()
        runner = Runner(
            db,
            Engine(FLOWS),
            clock=clock,
            timezone=settings.timezone,
            log_salt=settings.log_salt,
            vault=vault,
            effects=EffectHandlers(vault),
            rules=settings.rules,
        )
        payments = PaymentService(db, vault, settings.rules, clock)
        return cls(settings, db, vault, runner, payments, clock)

    def reminders(self, sender: Sender) -> Reminders:
        """Return the reminder planner and dispatcher, delivering through `sender`."""
        return Reminders(self.db, self.vault, self.settings.rules, sender, clock=self.clock)

    async def close(self) -> None:
        """Close every pooled database connection."""
        await self.db.dispose()
