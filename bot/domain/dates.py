"""Dates as people type them: "12-11-2026", "12/11/26", "12 November 2026", "12 nov", "kemarin". Pure."""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

MONTHS = {
    **{name: n for n, name in enumerate(
        ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
         "november", "desember"), start=1)},
    **{name: n for n, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"), start=1)},
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7, "agu": 8,
    "agt": 8, "ags": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11,
    "des": 12, "dec": 12,
}  # fmt: skip
RELATIVE = {
    "hari ini": 0,
    "today": 0,
    "tadi": 0,
    "kemarin": 1,
    "kemaren": 1,
    "yesterday": 1,
    "kemarin lusa": 2,
}
EARLIEST = date(1900, 1, 1)


class DateProblem(StrEnum):
    """Why a typed date was refused."""

    NOT_A_DATE = "not_a_date"
    FUTURE = "future"
    TOO_EARLY = "too_early"


def parse_date(text: str, today: date) -> date | DateProblem:
    """Read a date in the past (today allowed); a missing year means the latest such date not after today."""
    lowered = " ".join(text.lower().replace(",", " ").split())
    lowered = re.sub(r"^(tanggal|tgl\.?|pada)\s+", "", lowered)
    if lowered in RELATIVE:
        return today - timedelta(days=RELATIVE[lowered])
    found = _numeric(lowered) or _named(lowered)
    if found is None:
        return DateProblem.NOT_A_DATE
    day, month, year = found
    try:
        if year is None:
            candidate = date(today.year, month, day)
            if candidate > today:
                candidate = date(today.year - 1, month, day)
        else:
            candidate = date(_full_year(year, today), month, day)
    except ValueError:
        return DateProblem.NOT_A_DATE
    if candidate > today:
        return DateProblem.FUTURE
    if candidate < EARLIEST:
        return DateProblem.TOO_EARLY
    return candidate


def _full_year(year: int, today: date) -> int:
    if year >= 100:
        return year
    century = today.year // 100 * 100
    return century + year if century + year <= today.year else century - 100 + year


def _numeric(text: str) -> tuple[int, int, int | None] | None:
    match = re.fullmatch(r"(\d{1,2})[-/. ](\d{1,2})(?:[-/. ](\d{2,4}))?", text)
    if match is None:
        return None
    day, month, year = match.groups()
    return int(day), int(month), int(year) if year else None


def _named(text: str) -> tuple[int, int, int | None] | None:
    match = re.fullmatch(r"(\d{1,2})\s*([a-z]+)\.?(?:\s+(\d{2,4}))?", text)
    if match is None or match.group(2) not in MONTHS:
        return None
    day, month, year = match.groups()
    return int(day), MONTHS[month], int(year) if year else None
