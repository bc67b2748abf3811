"""Claims: documents by cause and reporter, claim numbers, deadlines, dates as people type them.

What a death or an accident is owed is `tests/flows/test_standing.py`.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.claims import (
    Cause,
    claim_number,
    death_documents,
    is_claim_number,
    report_deadline_passed,
    within_claim_window,
    working_days_after,
)
from bot.domain.dates import DateProblem, parse_date
from bot.domain.rules import DEFAULT_RULES as R


def test_the_documents_follow_the_cause_and_the_reporter() -> None:
    assert "buku_nikah" in death_documents(Cause.ILLNESS, "pasangan")
    assert "buku_nikah" not in death_documents(Cause.ILLNESS, "anak")
    assert "kronologi" in death_documents(Cause.WORK_ACCIDENT, "anak")


def test_a_claim_number_catches_a_mistyped_digit() -> None:
    number = claim_number(42, date(2027, 3, 15))
    assert number.startswith("K2703000042")
    assert is_claim_number(number)
    assert not is_claim_number(number[:-1] + str((int(number[-1]) + 1) % 10))


def test_deadlines() -> None:
    assert working_days_after(date(2027, 3, 9), 3) == date(2027, 3, 16)  # 10-11 March: Eid holidays
    assert not report_deadline_passed(date(2026, 12, 18), date(2026, 12, 20), R)
    assert report_deadline_passed(date(2026, 12, 17), date(2026, 12, 20), R)
    assert within_claim_window(date(2022, 1, 1), date(2026, 12, 31), R)
    assert not within_claim_window(date(2021, 1, 1), date(2026, 12, 31), R)


TODAY = date(2026, 12, 20)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12-11-2026", date(2026, 11, 12)),
        ("12/11/26", date(2026, 11, 12)),
        ("12.11.2026", date(2026, 11, 12)),
        ("12 November 2026", date(2026, 11, 12)),
        ("12 nov", date(2026, 11, 12)),
        ("tgl 3 des", date(2026, 12, 3)),
        ("25 des", date(2025, 12, 25)),  # no year: the latest such day not after today
        ("kemarin", date(2026, 12, 19)),
        ("hari ini", TODAY),
        ("12 Maret 1950", date(1950, 3, 12)),
        ("31-02-2026", DateProblem.NOT_A_DATE),
        ("besok", DateProblem.NOT_A_DATE),
        ("21-12-2026", DateProblem.FUTURE),
        ("01-01-1899", DateProblem.TOO_EARLY),
    ],
)
def test_dates_as_people_type_them(typed: str, expected: date | DateProblem) -> None:
    assert parse_date(typed, TODAY) == expected
