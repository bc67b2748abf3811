"""The figures a worker is shown: iuran, discounts, due dates, amounts typed, numbers with check digits."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import regions
from bot.domain.iuran import Programme, due_date, first_iuran_month, monthly_iuran
from bot.domain.participants import is_registration_number, registration_number
from bot.domain.rules import DEFAULT_RULES, Rules
from bot.domain.validators import AmountProblem, parse_income

R = DEFAULT_RULES


@pytest.mark.parametrize(
    ("income", "programme", "occupation", "month", "total"),
    [
        (1_000_000, Programme.JKK_JKM, "pedagang", date(2026, 11, 1), 8_400),
        (1_000_000, Programme.JKK_JKM, "pedagang", date(2027, 1, 1), 16_800),
        (1_000_000, Programme.JKK_JKM, "ojol", date(2027, 1, 1), 8_400),
        (1_500_000, Programme.JKK_JKM_JHT, "petani", date(2027, 1, 1), 51_800),
        (1_000_000, Programme.JKK_JKM_JHT, "nelayan", date(2027, 1, 1), 36_800),
        (1_000_000, Programme.JKK_JKM, "kurir", date(2027, 3, 1), 8_400),
        (1_000_000, Programme.JKK_JKM, "kurir", date(2027, 4, 1), 16_800),
        (1_000_000, Programme.JKK_JKM, "pedagang", date(2026, 3, 1), 16_800),
        (1_000_000, Programme.JKK_JKM, "ojol", date(2025, 12, 1), 16_800),
        (1_234_567, Programme.JKK_JKM_JHT, "petani", date(2027, 1, 1), 12_346 + 6_800 + 24_691),
    ],
)
def test_monthly_iuran_matches_the_domain_notes(
    income: int, programme: Programme, occupation: str, month: date, total: int
) -> None:
    assert monthly_iuran(income, programme, (occupation,), month, R).total == total


def test_jht_is_never_discounted_and_becak_is_configurable() -> None:
    november = date(2026, 11, 1)
    assert monthly_iuran(2_000_000, Programme.JKK_JKM_JHT, ("becak",), date(2027, 2, 1), R).jht == 40_000
    assert monthly_iuran(1_000_000, Programme.JKK_JKM, ("becak",), date(2027, 2, 1), R).total == 8_400
    strict = Rules(becak_is_transport=False)
    assert monthly_iuran(1_000_000, Programme.JKK_JKM, ("becak",), date(2027, 2, 1), strict).total == 16_800
    assert monthly_iuran(1_000_000, Programme.JKK_JKM, ("becak",), november, strict).total == 8_400


@pytest.mark.parametrize(
    ("month", "due"),
    [
        (date(2026, 11, 1), date(2026, 11, 16)),  # Sunday 15th -> Monday
        (date(2026, 12, 1), date(2026, 12, 15)),  # Tuesday
        (date(2027, 8, 1), date(2027, 8, 16)),  # Sunday 15th -> Monday 16th
        (date(2026, 8, 1), date(2026, 8, 18)),  # Saturday 15th; Monday 17th is Independence Day
    ],
)
def test_due_date_moves_past_weekends_and_public_holidays(month: date, due: date) -> None:
    assert due_date(month, R) == due


def test_first_iuran_month_is_next_month_once_this_months_due_date_passed() -> None:
    assert first_iuran_month(date(2026, 11, 16), R) == date(2026, 11, 1)
    assert first_iuran_month(date(2026, 11, 17), R) == date(2026, 12, 1)
    assert first_iuran_month(date(2026, 12, 31), R) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1,5 juta", 1_500_000),
        ("Rp 2.000.000", 2_000_000),
        ("2jt", 2_000_000),
        ("1500000", 1_500_000),
        ("Rp 1,5 juta", 1_500_000),
        ("1,5jt", 1_500_000),
        ("2 juta", 2_000_000),
        ("1.500.000", 1_500_000),
    ],
)
def test_typed_amounts_are_understood(typed: str, amount: int) -> None:
    assert parse_income(typed, R) == amount


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("500 ribu", AmountProblem.TOO_LOW),
        ("abc", AmountProblem.NOT_AN_AMOUNT),
        ("21 juta", AmountProblem.TOO_HIGH),
        ("1.50.000", AmountProblem.NOT_AN_AMOUNT),
        ("", AmountProblem.NOT_AN_AMOUNT),
    ],
)
def test_typed_amounts_are_refused_with_a_reason(typed: str, problem: AmountProblem) -> None:
    assert parse_income(typed, R) == problem


def test_registration_number_check_digit_catches_a_mistyped_digit_or_swap() -> None:
    number = registration_number(42, date(2026, 11, 5), 9071)
    assert number.startswith("26119071000042")
    assert len(number) == 15
    assert is_registration_number("26110000427")  # an 11-digit number issued before keeps working
    assert is_registration_number(number)
    for position in range(len(number)):
        for digit in "0123456789":
            if digit != number[position]:
                typo = number[:position] + digit + number[position + 1 :]
                assert not is_registration_number(typo)
    for position in range(len(number) - 1):
        if number[position] != number[position + 1]:
            swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
            assert not is_registration_number(swapped)


def test_province_decides_the_time_zone() -> None:
    assert regions.province("31").timezone is regions.TimeZone.WIB  # Jakarta
    assert regions.province("51").timezone is regions.TimeZone.WITA  # Bali
    assert regions.province("73").timezone is regions.TimeZone.WITA  # Sulawesi Selatan
    assert regions.province("94").timezone is regions.TimeZone.WIT  # Papua
    assert [r.name for r in regions.match_regency("Kota Makasar")] == ["Kota Makassar"]
