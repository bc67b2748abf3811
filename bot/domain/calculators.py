"""What a benefit question computes when it gives the numbers: iuran, JKM, a JKK death, a scholarship.

Pure: the flow words the result (`bot/flows/benefits.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.amounts import AmountReading, Period, period_of, read_amount
from bot.domain.intents import occupation_from_text, programme_from_text
from bot.domain.iuran import Iuran, Programme, monthly_iuran
from bot.domain.rights import full_jkm, jkm_amount
from bot.domain.rules import Rules

_AMOUNT = re.compile(
    r"(?:rp\.?\s*)?\d[\d.,]*\s*(?:jt|juta|rb|ribu|k)?(?:an)?\b|"
    r"\b(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s*(?:setengah\s+)?juta\b"
)
_MONTHS = re.compile(r"\b(\d{1,2})\s*(?:bulan|bln)\b")
_YEARS = re.compile(r"\b(\d{1,2})\s*(?:tahun|thn|th)\b")
# (what people type, the level's key in `Rules.scholarship_by_level`)
LEVELS: tuple[tuple[str, str], ...] = (
    (r"\b(tk|paud)\b", "TK"),
    (r"\b(sd|sekolah dasar)\b", "SD"),
    (r"\b(smp|mts)\b", "SMP"),
    (r"\b(sma|smk|ma|slta)\b", "SMA"),
    (r"\b(kuliah|universitas|kampus|s1|perguruan tinggi|pelatihan)\b", "Perguruan tinggi"),
)


@dataclass(frozen=True)
class JkmFigure:
    """JKM after `months` months of iuran; `full` once the full benefit is earned."""

    months: int
    amount: int
    full: bool = True


@dataclass(frozen=True)
class JkkDeathFigure:
    """A death from a work accident at `income`: the lump sum, the periodic payment and the funeral."""

    income: int
    lump: int
    minimum: int
    periodic: int
    funeral: int


@dataclass(frozen=True)
class IuranFigure:
    """The iuran of one month at `income` for `programme` and an occupation (None: any other work).

    `earned` is the income as typed (per day or week when so): the month's is worked out from it.
    """

    income: int
    programme: Programme
    occupation: str | None
    occupations: tuple[str, ...]
    month: date
    iuran: Iuran
    earned: AmountReading | None = None


@dataclass(frozen=True)
class ScholarshipFigure:
    """A scholarship level: per child per year, for how many years, in all."""

    level: str
    amount: int
    years: int
    total: int
    children: int


Figure = JkmFigure | JkkDeathFigure | IuranFigure | ScholarshipFigure


def calculate(text: str, topic: str | None, today: date, rules: Rules) -> Figure | None:
    """Compute what the question asks when it gives the numbers (income, months paid), or None."""
    lowered = text.lower()
    if topic == "beasiswa" or "beasiswa" in lowered:
        return scholarship(lowered, rules)
    months = _MONTHS.search(lowered)
    about_death = topic == "jkm" or re.search(r"\b(jkm|santunan|kematian|meninggal)\b", lowered) is not None
    if about_death and months and "iuran" in lowered:
        paid = int(months.group(1))
        return JkmFigure(paid, jkm_amount(paid, rules), full_jkm(paid, rules))
    earned = income_in(lowered)
    if earned is None:
        return None
    income = min(max(earned.monthly(), rules.min_income), rules.max_income)
    if "kecelakaan" in lowered and ("meninggal" in lowered or "mati" in lowered):
        lump = max(rules.jkk_death_multiplier * income, rules.jkm_lump_sum)
        return JkkDeathFigure(income, lump, rules.jkm_lump_sum, rules.jkm_periodic, rules.jkm_funeral)
    if (
        topic not in (None, "iuran", "bayar", "daftar")
        and "iuran" not in lowered
        and "penghasilan" not in lowered
    ):
        return None
    programme = programme_from_text(lowered) or Programme.JKK_JKM
    occupation = occupation_from_text(lowered, longest=None)
    occupations = (occupation,) if occupation else ("lainnya",)
    month = today.replace(day=1)
    iuran = monthly_iuran(income, programme, occupations, month, rules)
    shown = earned if earned.period is not Period.MONTH else None
    return IuranFigure(income, programme, occupation, occupations, month, iuran, shown)


def income_in(lowered: str) -> AmountReading | None:
    """The income a question names, with its period ("100 ribu sehari"), the way enrolment reads it."""
    for found in _AMOUNT.finditer(lowered):
        reading = read_amount(found.group(0))
        if reading is None:
            continue
        if reading.period is Period.MONTH:
            reading = AmountReading(reading.amount, period_of(lowered))
        if reading.monthly() >= 100_000 and reading.amount >= 10_000:
            return reading
    return None


def scholarship(lowered: str, rules: Rules) -> ScholarshipFigure | None:
    """Compute the scholarship of the school level named, for the years asked (at most the level's)."""
    level = next((key for pattern, key in LEVELS if re.search(pattern, lowered)), None)
    if level is None:
        return None
    amount, most = next((a, y) for name, a, y in rules.scholarship_by_level if name == level)
    asked = _YEARS.search(lowered)
    years = min(int(asked.group(1)), most) if asked else most
    return ScholarshipFigure(level, amount, years, amount * years, rules.scholarship_children)
