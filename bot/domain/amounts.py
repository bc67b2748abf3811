"""Rupiah amounts as workers type them: "2,5 jt", "2.500 rb", "dua setengah juta", "sehari 50 ribu". Pure.

An amount may carry a period ("sehari", "per minggu"); the caller converts it to a month and asks the
worker to confirm the assumption (`DAYS_PER_MONTH`, `WEEKS_PER_MONTH`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Period(StrEnum):
    """What an amount is earned in."""

    MONTH = "month"
    WEEK = "week"
    DAY = "day"


# Working days and weeks in a month for turning a daily or weekly income into a monthly one: six working
# days a week is what most informal workers keep; said to the worker, who confirms or types the month.
DAYS_PER_MONTH = 26
WEEKS_PER_MONTH = 4


@dataclass(frozen=True)
class AmountReading:
    """An amount read from text, and the period it is earned in."""

    amount: int
    period: Period = Period.MONTH

    def monthly(self) -> int:
        """Return the amount for a month."""
        factor = {Period.MONTH: 1, Period.WEEK: WEEKS_PER_MONTH, Period.DAY: DAYS_PER_MONTH}[self.period]
        return self.amount * factor


_UNITS = {
    "jt": 1_000_000,
    "juta": 1_000_000,
    "jeti": 1_000_000,
    "m": 1_000_000,
    "rb": 1_000,
    "ribu": 1_000,
    "rbu": 1_000,
    "k": 1_000,
    "ratus": 100,
}
_PERIODS = (
    (
        re.compile(r"\b(se|per\s*|/\s*|1\s*)hari\b|\bharian\b|\bsehari[- ]hari\b|\bper\s*day\b|\ba\s+day\b"),
        Period.DAY,
    ),
    (re.compile(r"\b(se|per\s*|/\s*|1\s*)minggu\b|\bmingguan\b|\bper\s*week\b|\ba\s+week\b"), Period.WEEK),
)
_FILLER = re.compile(
    r"\b(sekitar|kira[- ]?kira|kurang\s+lebih|kurleb|kisaran|rata[- ]?rata|paling|cuma|hanya|sampai|"
    r"penghasilan(\s*saya)?|gaji(\s*saya)?|pendapatan(\s*saya)?|saya|sy|aku|dapat|dapet|dpt|about|around|"
    r"approximately|income|my|per\s*bulan|perbulan|sebulan|bulanan|/\s*bulan|/\s*bln|per\s*bln|a\s+month|"
    r"per\s+month|monthly|rupiah|idr|an)\b|±|~|,-|\.-"
)
_WORD_DIGITS = {
    "nol": 0,
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1_000,
    "sejuta": 1_000_000,
}


def period_of(text: str) -> Period:
    """Return the period a text names for an income ("sehari", "per minggu"), a month when none."""
    lowered = " ".join(text.lower().split())
    return next((found for pattern, found in _PERIODS if pattern.search(lowered)), Period.MONTH)


def read_amount(text: str) -> AmountReading | None:
    """Read an amount in rupiah (and its period) from what a worker typed; None when there is none."""
    lowered = " ".join(text.lower().split())
    if not lowered or len(lowered) > 60 or re.search(r"(^|\s)[-−]\s*\d", lowered):
        return None  # nothing, too long, or negative
    period = Period.MONTH
    for pattern, found in _PERIODS:
        if pattern.search(lowered):
            period = found
            lowered = pattern.sub(" ", lowered)
    lowered = re.sub(r"\brp\.?\s*", " ", lowered)
    lowered = re.sub(r"(jt|juta|rb|ribu)an\b", r"\1", lowered)  # 2jtan, 2 jutaan
    lowered = re.sub(r"(\d)(jt|juta|rb|ribu|k)\b", r"\1 \2", lowered)  # 2jt, 500rb
    lowered = _FILLER.sub(" ", lowered)
    words = lowered.replace("-", " ").split()
    if not words:
        return None
    amount = _digits(words) if any(c.isdigit() for c in lowered) else _number_words(words)
    if amount is None or amount <= 0:
        return None
    return AmountReading(amount, period)


_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_DECIMAL = re.compile(r"^\d+([.,]\d+)?$")


def _digits(words: list[str]) -> int | None:
    """Read digits with an optional unit: 2.500.000, 2,5 jt, 2.500 rb, 500 ribu, 1.5 juta."""
    if len(words) > 2 or (len(words) == 2 and words[1] not in _UNITS):
        return None
    number, unit = words[0], _UNITS[words[1]] if len(words) == 2 else 1
    if _GROUPED.match(number) and (unit == 1 or unit == 1_000 or number.count(".") + number.count(",") > 1):
        # Thousands groups: 2.500.000, and "2.500 rb" is 2.500 thousands (not 2,5 thousand).
        value = float(re.sub(r"[.,]", "", number))
    elif _DECIMAL.match(number) and unit > 1:
        value = float(number.replace(",", "."))  # 2,5 jt
    elif number.isdigit():
        value = float(number)
    else:
        return None
    return round(value * unit)


def _number_words(words: list[str]) -> int | None:
    """Read number words: dua juta, dua setengah juta, satu juta lima ratus ribu, sejuta."""
    total, current, pending_half = 0, 0.0, False
    for word in words:
        if word in _WORD_DIGITS:
            value = _WORD_DIGITS[word]
            if value >= 100:  # seratus, seribu, sejuta as a whole
                current = current + value if value == 100 else current
                if value >= 1_000:
                    total += value
                continue
            current += value
        elif word in ("belas",):
            current += 10
        elif word in ("puluh",):
            current *= 10
        elif word == "ratus":
            current *= 100
        elif word == "setengah":
            pending_half = True
            if current == 0:
                current = 0.0
        elif word in ("ribu", "rb", "juta", "jt"):
            scale = _UNITS[word]
            base = current if current else (0 if pending_half else 1)
            total += round((base + (0.5 if pending_half else 0)) * scale)
            current, pending_half = 0.0, False
        elif word in ("dan", "lebih"):
            continue
        else:
            return None
    return total + round(current) if total or current else None
