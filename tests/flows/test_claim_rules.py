"""What a death is owed, case by case: every amount from `Rules`, nothing typed into a flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.domain.claims import (
    Assessment,
    Cause,
    Programme,
    Right,
    Standing,
    assess_death,
    claim_number,
    death_documents,
    is_claim_number,
    report_deadline_passed,
    within_claim_window,
    working_days_after,
)
from bot.domain.dates import DateProblem, parse_date
from bot.domain.rules import DEFAULT_RULES as R

CASES = [
    # (standing, cause) → assessment
    (None, Cause.ILLNESS, Assessment(Programme.JKM, Right.UNKNOWN)),
    (None, Cause.WORK_ACCIDENT, Assessment(Programme.JKK, Right.UNKNOWN)),
    (Standing(0, 0, 1_000_000), Cause.ILLNESS, Assessment(Programme.JKM, Right.NONE_UNPAID)),
    (Standing(1, 0, 1_000_000), Cause.ILLNESS, Assessment(Programme.JKM, Right.EARLY, 10_000_000)),
    (Standing(2, 0, 1_000_000), Cause.OTHER_ACCIDENT, Assessment(Programme.JKM, Right.EARLY, 10_000_000)),
    (
        Standing(3, 0, 1_000_000),
        Cause.ILLNESS,
        Assessment(Programme.JKM, Right.FULL, 42_000_000, 20_000_000, 12_000_000, 10_000_000, False),
    ),
    (
        Standing(36, 0, 1_000_000),
        Cause.ILLNESS,
        Assessment(Programme.JKM, Right.FULL, 42_000_000, 20_000_000, 12_000_000, 10_000_000, True),
    ),
    (
        Standing(5, 2, 1_000_000),
        Cause.ILLNESS,
        Assessment(Programme.JKM, Right.ARREARS, 42_000_000, 20_000_000, 12_000_000, 10_000_000, False, 2),
    ),
    (
        Standing(5, 3, 1_000_000),
        Cause.ILLNESS,
        Assessment(Programme.JKM, Right.NONE_INACTIVE, unpaid_months=3),
    ),
    (
        Standing(5, 4, 1_000_000),
        Cause.WORK_ACCIDENT,
        Assessment(Programme.JKK, Right.NONE_INACTIVE, unpaid_months=4),
    ),
    (
        Standing(1, 0, 1_000_000),  # JKK: no minimum months; 48 x Rp1 jt = Rp48 jt
        Cause.WORK_ACCIDENT,
        Assessment(Programme.JKK, Right.JKK_DEATH, 70_000_000, 48_000_000, 12_000_000, 10_000_000, True),
    ),
    (
        Standing(4, 0, 5_000_000),  # 48 x Rp5 jt = Rp240 jt
        Cause.WORK_ACCIDENT,
        Assessment(Programme.JKK, Right.JKK_DEATH, 262_000_000, 240_000_000, 12_000_000, 10_000_000, True),
    ),
]


@pytest.mark.parametrize(("standing", "cause", "expected"), CASES)
def test_the_amounts_for_each_case(standing: Standing | None, cause: Cause, expected: Assessment) -> None:
    assert assess_death(standing, cause, R) == expected


def test_every_amount_follows_the_rules_when_they_change() -> None:
    changed = replace(R, jkm_lump_sum=25_000_000, jkm_full_benefit=47_000_000, jkk_death_multiplier=50)
    full = assess_death(Standing(3, 0, 1_000_000), Cause.ILLNESS, changed)
    assert (full.total, full.lump_sum) == (47_000_000, 25_000_000)
    jkk = assess_death(Standing(3, 0, 1_000_000), Cause.WORK_ACCIDENT, changed)
    assert jkk.lump_sum == 50_000_000
    assert R.jkm_lump_sum + R.jkm_periodic + R.jkm_funeral == R.jkm_full_benefit


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
