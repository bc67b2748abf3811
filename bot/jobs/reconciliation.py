"""Bank reconciliation files: read line by line, whatever is in them, and the report of rows not applied.

One physical line is one row (a payment has no field that spans lines): line numbers are the file's own,
blank lines counted, and an unterminated quote spoils only its own line. A line that is not UTF-8, too
long, or not CSV becomes a reject line with the reason; the import goes on.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from bot.domain.safe_text import cell
from bot.jobs.payment_notices import InvalidNotice

CSV_COLUMNS = ("reference", "channel", "nik", "amount", "months", "paid_at")
MAX_LINE = 4096  # bytes: a payment row is under 200; anything longer is not a payment


@dataclass(frozen=True)
class Row:
    """A CSV row as given, by column name, at its physical line."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class BadLine:
    """A line that could not be read as a row, with the reason."""

    line: int
    reason: str


def read_rows(path: Path) -> Iterator[Row | BadLine]:
    """Yield every non-blank line after the header as a `Row` or a `BadLine`.

    Raises `InvalidNotice` (one clear line) when the file as a whole is unreadable: no header with the
    required columns.
    """
    with path.open("rb") as handle:
        encoding = _encoding(handle)
        lines = _physical_lines(handle, encoding)
        header = next(lines, None)
        columns = _header(header[1] if header else None)
        for number, text in lines:
            if isinstance(text, BadLine):
                yield BadLine(number, text.reason)
            elif text.strip():
                yield _row(number, text, columns)


def count_lines(path: Path) -> int:
    """Return how many lines the file has (for a progress bar), reading it as bytes."""
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _encoding(handle: BinaryIO) -> str:
    """UTF-8 (with or without BOM) unless a UTF-16 BOM says otherwise, as Excel's "Unicode text" writes."""
    start = handle.read(3)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        handle.seek(0)
        return "utf-16"
    handle.seek(3 if start == codecs.BOM_UTF8 else 0)
    return "utf-8"


def _physical_lines(handle: BinaryIO, encoding: str) -> Iterator[tuple[int, str | BadLine]]:
    if encoding == "utf-16":
        try:
            text = handle.read().decode("utf-16")
        except UnicodeError:
            raise InvalidNotice("file: starts like UTF-16 but is not; save it as CSV UTF-8") from None
        for number, line in enumerate(text.split("\n"), start=1):
            yield number, line.removesuffix("\r") if len(line) <= MAX_LINE else BadLine(number, _TOO_LONG)
        return
    number = 0
    while True:
        raw = handle.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of an over-long line, in pieces
                raw = handle.readline(1 << 16)
            yield number, BadLine(number, _TOO_LONG)
            continue
        try:
            yield number, raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
        except UnicodeDecodeError:
            yield number, BadLine(number, "not UTF-8 text (e.g. a Latin-1 byte): save the file as CSV UTF-8")


_TOO_LONG = f"line longer than {MAX_LINE} bytes"


def _header(text: str | BadLine | None) -> list[str]:
    if not isinstance(text, str):
        raise InvalidNotice(f"header: the first line must name the columns {', '.join(CSV_COLUMNS)}")
    try:
        columns = [c.strip().lower() for c in next(csv.reader([text], strict=True))]
    except (csv.Error, StopIteration):
        columns = []
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        raise InvalidNotice(f"header: missing columns {', '.join(missing)} (is this a CSV file?)")
    return columns


def _row(number: int, text: str, columns: list[str]) -> Row | BadLine:
    try:
        fields = next(csv.reader([text], strict=True))
    except csv.Error:
        return BadLine(number, "not a CSV row (an unterminated quote?)")
    if len(fields) != len(columns):
        return BadLine(number, f"{len(fields)} fields, the header has {len(columns)}")
    return Row(number, dict(zip(columns, fields, strict=True)))


@dataclass
class ImportReport:
    """What an import did, row by row for the rows not applied."""

    applied: int = 0
    duplicates: int = 0
    exceptions: int = 0
    rejected: int = 0
    problems: list[tuple[int, dict[str, str], str]] = field(default_factory=list)

    def reject(self, line: int, row: dict[str, str], reason: str) -> None:
        """Record a malformed row (nothing stored)."""
        self.rejected += 1
        self.problems.append((line, row, reason))

    def count(self, line: int, row: dict[str, str], outcome: str, reason: str = "", detail: str = "") -> None:
        """Record what became of a well-formed row."""
        if outcome == "applied":
            self.applied += 1
        elif outcome == "duplicate":
            self.duplicates += 1
        elif outcome == "refused":
            self.reject(line, row, f"{reason}: {detail}")
        else:
            self.exceptions += 1
            self.problems.append((line, row, f"{reason}: {detail}"))

    def rejects_csv(self) -> str:
        """Return the rows not applied as CSV: line, the row as given (NIK masked), the reason.

        Every cell is neutralised: a reference such as `=HYPERLINK(…)` opens as text, not as a formula.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
        writer.writerow(["line", *CSV_COLUMNS, "reason"])
        for line, row, reason in self.problems:
            values = [str(row.get(c, "") or "") for c in CSV_COLUMNS]
            values[2] = mask(values[2])
            writer.writerow([cell(v) for v in (line, *values, reason)])
        return buffer.getvalue()


def mask(nik: str) -> str:
    """Show only the last 4 digits of a NIK."""
    digits = "".join(c for c in nik if c in "0123456789")
    return "*" * max(len(digits) - 4, 0) + digits[-4:] if digits else ""
