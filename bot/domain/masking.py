"""Personal numbers typed into a question, masked before anything keeps the text. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<!\d)(?:\d[ .-]?){15}\d(?!\d)"), "[NIK]"),  # 16 digits, spaced or not
    (re.compile(r"(?<![\d+])(?:\+62|62|0)8(?:[ .-]?\d){7,11}(?!\d)"), "[HP]"),
    (re.compile(r"(?<!\d)(?:\d[ -]?){9,19}\d(?!\d)"), "[nomor]"),  # accounts, cards, KPJ (not Rp amounts)
)


@dataclass(frozen=True)
class Masked:
    """The text with personal numbers replaced, and whether any was found."""

    text: str
    found: bool


def mask_personal(text: str) -> Masked:
    """Replace NIKs, phone numbers, e-mail addresses and long numbers (bank accounts, cards)."""
    masked = text
    for pattern, label in _PATTERNS:
        masked = pattern.sub(label, masked)
    return Masked(masked, masked != text)
