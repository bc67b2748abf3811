"""New registrations exported for upload to the core system: CSV or XLSX, formula-safe, in batches.

An export is made in memory, a batch of participants per transaction (so a large one never holds the
database), reports its progress, and marks its participants exported only once the file was downloaded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.domain.safe_text import cell
from storage.crypto import Vault
from storage.models import Participant

BATCH = 1000
COLUMNS = (
    "registration_number",
    "nik",
    "name",
    "birth_date",
    "sex",
    "phone",
    "regency_code",
    "address",
    "occupations",
    "income",
    "programme",
    "status",
    "registered_at",
)
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def pending_count(session: Session) -> int:
    """How many registrations were never exported."""
    query = select(func.count()).where(Participant.exported_at.is_(None), Participant.anonymised_at.is_(None))
    return int(session.execute(query).scalar_one())


def batch_after(session: Session, vault: Vault, after: int, size: int = BATCH) -> list[tuple[int, list[str]]]:
    """The next `size` never-exported registrations after id `after`: (id, row of cells)."""
    people = session.execute(
        select(Participant)
        .where(Participant.exported_at.is_(None), Participant.anonymised_at.is_(None), Participant.id > after)
        .order_by(Participant.id)
        .limit(size)
    ).scalars()
    rows = []
    for person in people:
        personal: dict[str, Any] = vault.open(person.personal) if person.personal else {}
        created = (
            person.created_at.replace(tzinfo=UTC) if person.created_at.tzinfo is None else person.created_at
        )
        values = (
            person.registration_number or "",
            personal.get("nik", ""),
            personal.get("name", ""),
            personal.get("birth_date", ""),
            "P" if personal.get("female") else "L",
            personal.get("phone", ""),
            person.regency_code,
            personal.get("address", ""),
            ", ".join(person.occupations),
            person.income,
            person.programme,
            person.status,
            created.isoformat(timespec="seconds"),
        )
        rows.append((person.id, [cell(v) for v in values]))  # text, never a formula
    return rows


def mark_exported(session: Session, ids: list[int], now: datetime) -> int:
    """Record that these registrations went to the core system."""
    total = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        total += (
            session.execute(
                update(Participant).where(Participant.id.in_(chunk)).values(exported_at=now)
            ).rowcount
            or 0
        )
    return total


class Writer:
    """Rows into a CSV or an XLSX file in memory."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        if kind == "csv":
            self.text = io.StringIO()
            self.csv = csv.writer(self.text, quoting=csv.QUOTE_ALL)
            self.csv.writerow(COLUMNS)
        else:
            self.book = Workbook(write_only=True)
            self.sheet = self.book.create_sheet("registrations")
            self.sheet.append(list(COLUMNS))

    def add(self, row: list[str]) -> None:
        """Append one row."""
        if self.kind == "csv":
            self.csv.writerow(row)
        else:
            self.sheet.append(row)  # every value a string: openpyxl keeps a leading "'" text as text

    def finish(self) -> bytes:
        """Return the file's bytes."""
        if self.kind == "csv":
            return ("\ufeff" + self.text.getvalue()).encode("utf-8")  # the BOM tells Excel it is UTF-8
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


@dataclass
class Export:
    """One export under way or done."""

    id: str
    kind: str
    actor: str
    total: int
    done: int = 0
    ids: list[int] = field(default_factory=list)
    content: bytes | None = None
    error: str | None = None
    downloaded: bool = False

    @property
    def percent(self) -> int:
        """How far it is, for the progress bar."""
        return 100 if self.content is not None else int(100 * self.done / self.total) if self.total else 0

    @property
    def filename(self) -> str:
        """The file's name, with the day it was made."""
        return f"pendaftaran-baru-{datetime.now(UTC):%Y%m%d-%H%M}.{self.kind}"


def rows_of(fetch: Callable[[int], list[tuple[int, list[str]]]]) -> Iterator[tuple[int, list[str]]]:
    """Every never-exported registration, a batch at a time, through `fetch(after_id)`."""
    after = 0
    while batch := fetch(after):
        yield from batch
        after = batch[-1][0]
