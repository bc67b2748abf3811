"""Payment notifications from channels: validated, signed, applied once; and bank reconciliation CSVs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.payments import PaymentNotice
from bot.domain.reminders import next_daytime
from bot.domain.rules import Rules
from bot.jobs.payment_notices import InvalidNotice, parse_json, parse_notice, signature, signed
from bot.jobs.reconciliation import BadLine, ImportReport, Row, read_rows
from bot.telemetry import metrics
from storage.crypto import Vault
from storage.db import Database
from storage.repositories.payments import Applied, PaymentRepository
from storage.repositories.reminders import ReminderRepository

__all__ = ["ImportReport", "InvalidNotice", "PaymentService", "signature", "signed"]

BATCH = 500
TRIES = 3


class PaymentService:
    """Apply notices in transactions, with the injected clock."""

    def __init__(self, db: Database, vault: Vault, rules: Rules, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.vault = vault
        self.rules = rules
        self.clock = clock

    async def apply(self, notice: PaymentNotice) -> Applied:
        """Apply one notice in its own transaction."""
        return (await self._apply_batch([notice], long=False))[0]

    async def _apply_batch(self, notices: list[PaymentNotice], *, long: bool) -> list[Applied]:
        """Apply notices in one transaction, again if a concurrent delivery of a reference won a race.

        The same reference arriving for two participants at once passes both participants' locks; the
        loser's insert hits the unique reference, and the retry finds the winner's row (a duplicate or a
        conflict), so the sender never gets a 500.
        """
        apply = self._apply
        for attempt in range(TRIES):
            now = self.clock()
            try:
                applied = await self.db.run(lambda session, now=now: apply(session, notices, now), long=long)
            except IntegrityError:
                if attempt == TRIES - 1:
                    raise
                continue
            for one in applied:
                metrics.PAYMENTS.labels(one.outcome).inc()
            return applied
        raise AssertionError("unreachable")

    def _apply(self, session: Session, notices: list[PaymentNotice], now: datetime) -> list[Applied]:
        """Apply the notices; a first payment's notice is planned for the worker's next daytime."""
        applied = PaymentRepository(session, self.vault, self.rules).apply_many(notices, now)
        reminders = ReminderRepository(session)
        for planned in (a.notice for a in applied if a.notice is not None):
            at = next_daytime(now, planned.timezone)
            reminders.add_notice(planned.participant_id, planned.month, planned.kind.value, at)
        return applied

    async def apply_json(self, body: bytes) -> Applied:
        """Parse and apply a webhook body (raises InvalidNotice on malformed input)."""
        return await self.apply(parse_notice(parse_json(body), self.clock()))

    async def import_csv(self, path: Path, progress: Callable[[int], None] | None = None) -> ImportReport:
        """Apply every good row of a reconciliation file; report every other row with its reason."""
        report = ImportReport()
        for batch in _batches(read_rows(path), BATCH):
            parsed: list[tuple[int, dict[str, str], PaymentNotice]] = []
            now = self.clock()
            for item in batch:
                if isinstance(item, BadLine):
                    report.reject(item.line, {}, item.reason)
                    continue
                try:
                    parsed.append((item.line, item.values, parse_notice(item.values, now)))
                except InvalidNotice as err:
                    report.reject(item.line, item.values, str(err))
            outcomes = await self._apply_batch([notice for _, _, notice in parsed], long=True)
            for (line, row, _), applied in zip(parsed, outcomes, strict=True):
                report.count(line, row, applied.outcome, applied.reason, applied.detail)
            if progress is not None:
                progress(len(batch))
        return report


def _batches(rows: Iterable[Row | BadLine], size: int) -> Iterator[list[Row | BadLine]]:
    batch: list[Row | BadLine] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
