"""Parse what people type: NIK, names, phone numbers, rupiah amounts. Pure; errors are codes, not texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import phonenumbers
from stdnum.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik

from bot.domain import regions
from bot.domain.amounts import AmountReading, Period, read_amount
from bot.domain.rules import Rules


class NikProblem(StrEnum):
    """Why a typed NIK was refused; each has its own explanation in the flow."""

    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    BAD_DATE = "bad_date"
    BAD_REGION = "bad_region"
    TOO_YOUNG = "too_young"
    TOO_OLD = "too_old"


@dataclass(frozen=True)
class NikInfo:
    """What a NIK encodes."""

    nik: str
    birth_date: date
    female: bool
    province_code: str
    regency_code: str


def age_on(birth: date, today: date) -> int:
    """Return completed years of age."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def parse_nik(text: str, today: date, rules: Rules) -> NikInfo | NikProblem:
    """Validate a typed NIK with python-stdnum and decode it, or say what is wrong."""
    number = stdnum_nik.compact(text)
    if not (number.isascii() and number.isdigit()):
        return NikProblem.NOT_DIGITS
    if len(number) < 16:
        return NikProblem.TOO_SHORT
    if len(number) > 16:
        return NikProblem.TOO_LONG
    try:
        stdnum_nik.get_birth_date(number)  # python-stdnum's own day/month check (+40 for women)
    except ValidationError:
        return NikProblem.BAD_DATE
    if (birth := _birth_date(number, today)) is None:
        return NikProblem.BAD_DATE
    # Province and kabupaten/kota by Kemendagri code, of any edition (stdnum's list is BPS-coded); an
    # unknown kecamatan is accepted: new ones are created every year.
    today_regency = regions.current_code(number[:4])
    if regions.province(number[:2]) is None or today_regency is None:
        return NikProblem.BAD_REGION
    age = age_on(birth, today)
    if age < rules.min_age:
        return NikProblem.TOO_YOUNG
    if age >= rules.max_age_exclusive:
        return NikProblem.TOO_OLD
    return NikInfo(number, birth, int(number[6:8]) > 40, today_regency[:2], today_regency)


def nik_birth_date(text: str, today: date) -> date | None:
    """Return the birth date a typed NIK encodes, if its date part is a real date."""
    number = stdnum_nik.compact(text)
    return _birth_date(number, today) if number.isascii() and number.isdigit() and len(number) == 16 else None


def _birth_date(number: str, today: date) -> date | None:
    """Pick the century: the most recent date not after today (the NIK holds only two year digits)."""
    day, month, year = int(number[6:8]) % 40, int(number[8:10]), int(number[10:12])
    for century in (2000, 1900):
        try:
            candidate = date(century + year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


class NameProblem(StrEnum):
    """Why a typed name was refused."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    BAD_CHARACTERS = "bad_characters"


_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ' .\-]+$")


def parse_name(text: str, *, min_length: int = 2, max_length: int = 100) -> str | NameProblem:
    """Accept a name as on the KTP: letters, spaces, apostrophe, dot and hyphen."""
    name = " ".join(text.split())
    if len(name) < min_length:
        return NameProblem.TOO_SHORT
    if len(name) > max_length:
        return NameProblem.TOO_LONG
    if not _NAME.match(name) or not any(c.isalpha() for c in name):
        return NameProblem.BAD_CHARACTERS
    return name


class PhoneProblem(StrEnum):
    """Why a phone number was refused."""

    NOT_A_NUMBER = "not_a_number"
    NOT_INDONESIAN = "not_indonesian"
    NOT_MOBILE = "not_mobile"


def parse_phone(text: str) -> str | PhoneProblem:
    """Normalise an Indonesian mobile number to E.164 (+62…) with phonenumbers."""
    text = text.strip()
    if text.startswith("62") and text[2:3] == "8":  # "62812…" typed without the plus
        text = "+" + text
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return PhoneProblem.NOT_A_NUMBER
    if number.country_code != 62:
        return PhoneProblem.NOT_INDONESIAN
    if not phonenumbers.is_valid_number(number):
        return PhoneProblem.NOT_A_NUMBER
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return PhoneProblem.NOT_MOBILE
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class AmountProblem(StrEnum):
    """Why a typed income was refused."""

    NOT_AN_AMOUNT = "not_an_amount"
    TOO_LOW = "too_low"
    TOO_HIGH = "too_high"


def parse_income(text: str, rules: Rules) -> int | AmountReading | AmountProblem:
    """Parse and bound a declared monthly income.

    An income per day or week comes back as the `AmountReading`, for the worker to confirm its monthly
    figure (bounded too: its month is checked here).
    """
    reading = read_amount(text)
    if reading is None:
        return AmountProblem.NOT_AN_AMOUNT
    amount = reading.monthly()
    if amount < rules.min_income:
        return AmountProblem.TOO_LOW
    if amount > rules.max_income:
        return AmountProblem.TOO_HIGH
    return amount if reading.period is Period.MONTH else reading
