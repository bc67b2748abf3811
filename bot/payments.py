"""Payment notifications from channels: validated, signed, applied once; and bank reconciliation CSVs."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stdnum.id import nik as stdnum_nik

from bot.domain.payments import PaymentNotice
from bot.domain.rules import Rules
from storage.crypto import Vault
from storage.db import Database
from storage.repositories.payments import Applied, PaymentRepository

CSV_COLUMNS = ("reference", "channel", "nik", "amount", "months", "paid_at")
BATCH = 500


class InvalidNotice(ValueError):
    """A notice is malformed; the message says which field, never its value."""


def signature(secret: str, body: bytes) -> str:
    """Return the `X-Signature` header value for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed(secret: str, body: bytes, header: str | None) -> bool:
    """Check `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` in constant time."""
    return header is not None and hmac.compare_digest(signature(secret, body), header.strip())


def parse_notice(raw: dict[str, Any]) -> PaymentNotice:
    """Validate one notice's fields (webhook JSON object or CSV row)."""

    def text(name: str, limit: int) -> str:
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise InvalidNotice(f"{name}: required text, at most {limit} characters")
        return value.strip()

    def whole(name: str) -> int:
        value = raw.get(name)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise InvalidNotice(f"{name}: required positive whole number")
        return value

    reference, channel = text("reference", 64), text("channel", 40)
    nik = stdnum_nik.compact(text("nik", 32))
    if not (nik.isdigit() and len(nik) == 16):
        raise InvalidNotice("nik: 16 digits required")
    try:
        paid_at = datetime.fromisoformat(text("paid_at", 40))
    except ValueError as err:
        raise InvalidNotice("paid_at: ISO 8601 date-time required, e.g. 2026-11-10T09:15:00+07:00") from err
    if paid_at.tzinfo is None:
        raise InvalidNotice("paid_at: a time zone offset is required, e.g. +07:00")
    return PaymentNotice(reference, channel, nik, whole("amount"), whole("months"), paid_at.astimezone(UTC))


class PaymentService:
    """Apply notices in transactions, with the injected clock."""

    def __init__(self, db: Database, vault: Vault, rules: Rules, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.vault = vault
        self.rules = rules
        self.clock = clock

    async def apply(self, notice: PaymentNotice) -> Applied:
        """Apply one notice in its own transaction."""
        now = self.clock()
        return await self.db.run(
            lambda session: PaymentRepository(session, self.vault, self.rules).apply(notice, now)
        )

    async def apply_json(self, body: bytes) -> Applied:
        """Parse and apply a webhook body (raises InvalidNotice on malformed input)."""
        try:
            raw = json.loads(body)
        except (ValueError, UnicodeDecodeError) as err:
            raise InvalidNotice("body: not valid JSON") from err
        if not isinstance(raw, dict):
            raise InvalidNotice("body: a JSON object is required")
        return await self.apply(parse_notice(raw))

    async def import_csv(self, path: Path, progress: Callable[[int], None] | None = None) -> ImportReport:
        """Apply every good row of a reconciliation file; report every other row with its reason."""
        report = ImportReport()
        for batch in _batches(_rows(path), BATCH):
            parsed: list[tuple[int, dict[str, Any], PaymentNotice]] = []
            for line, row in batch:
                try:
                    parsed.append((line, row, parse_notice(row)))
                except InvalidNotice as err:
                    report.reject(line, row, str(err))
            notices, now = [notice for _, _, notice in parsed], self.clock()
            outcomes = await self.db.run(
                lambda session, notices=notices, now=now: PaymentRepository(
                    session, self.vault, self.rules
                ).apply_many(notices, now),
                long=True,
            )
            for (line, row, _), applied in zip(parsed, outcomes, strict=True):
                report.count(line, row, applied)
            if progress is not None:
                progress(len(batch))
        return report


@dataclass
class ImportReport:
    """What an import did, row by row for the rows not applied."""

    applied: int = 0
    duplicates: int = 0
    exceptions: int = 0
    rejected: int = 0
    problems: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)

    def reject(self, line: int, row: dict[str, Any], reason: str) -> None:
        """Record a malformed row (nothing stored)."""
        self.rejected += 1
        self.problems.append((line, row, reason))

    def count(self, line: int, row: dict[str, Any], applied: Applied) -> None:
        """Record what became of a well-formed row."""
        if applied.outcome == "applied":
            self.applied += 1
        elif applied.outcome == "duplicate":
            self.duplicates += 1
        else:
            self.exceptions += 1
            self.problems.append((line, row, f"{applied.reason}: {applied.detail}"))

    def rejects_csv(self) -> str:
        """Return the rows not applied as CSV, with the line number and the reason (NIK masked)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["line", *CSV_COLUMNS, "reason"])
        for line, row, reason in self.problems:
            values = [str(row.get(c, "") or "") for c in CSV_COLUMNS]
            values[2] = mask(values[2])
            writer.writerow([line, *values, reason])
        return buffer.getvalue()


def mask(nik: str) -> str:
    """Show only the last 4 digits of a NIK."""
    digits = "".join(c for c in nik if c.isdigit())
    return "*" * max(len(digits) - 4, 0) + digits[-4:] if digits else ""


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InvalidNotice(f"header: missing columns {', '.join(missing)}")
        yield from enumerate(reader, start=2)


def _batches(
    rows: Iterable[tuple[int, dict[str, Any]]], size: int
) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
