"""Personal numbers typed into a question, masked before anything keeps the text. Pure.

People type a NIK or a phone number with any separator (spaces, no-break or zero-width spaces, `/`, `,`,
`.`, `-`, brackets), split over two messages, or write an e-mail address as `x @ gmail.com`, `x [at] ...`
or with a fullwidth `＠`. The text is normalised first (NFKC: fullwidth forms, no-break spaces; invisible
characters dropped), then every run of digits with separators is measured by its digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SEP = r"[\s./,\-()\[\]_]"
# A run of digits joined by at most three separators between any two of them.
_RUN = re.compile(rf"[(\[]?\+?\d(?:{_SEP}{{0,3}}\d)*")
_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:@|\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[\w-]+"
    r"(?:\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*[\w-]+)*\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*[a-z]{2,}\b",
    re.IGNORECASE,
)
_GROUPS_OF_FOUR = re.compile(r"(?<![\d.,])\d{4}(?:[ ]\d{4})+(?![\d.,])")  # "3174 0712": a fragment of an ID
_LEADING_RUN = re.compile(rf"^\s*\+?\d(?:{_SEP}{{0,3}}\d)*")
_TRAILING_RUN = re.compile(rf"\+?\d(?:{_SEP}{{0,3}}\d)*\s*$")
LONG = 10  # digits from which a number is personal (accounts, cards, KPJ, phones); amounts are shorter


@dataclass(frozen=True)
class Masked:
    """The text with personal numbers replaced, whether any was found, and the digits it ended with."""

    text: str
    found: bool
    tail: str = ""  # the digits of a number the text ended with (to join a number split over messages)
    joined: bool = False  # the text began with the rest of a number the previous message ended with


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _label(run: str) -> str | None:
    digits = _digits(run)
    if len(digits) == 16:
        return "[NIK]"
    phone = digits.startswith(("08", "628")) or (run.lstrip("([").startswith("+62"))
    if phone and 9 <= len(digits) <= 14:
        return "[HP]"
    return "[nomor]" if len(digits) >= LONG else None


def _mask_runs(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        label = _label(match.group(0))
        return label if label else match.group(0)

    return _RUN.sub(replace, text)


def normalised(text: str) -> str:
    """Return `text` with fullwidth forms and no-break spaces made plain and invisible characters gone."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def mask_personal(text: str, before: str = "") -> Masked:
    """Replace NIKs, phone numbers, e-mail addresses and long numbers (bank accounts, cards, KPJ).

    `before` is the digits the chat's previous message ended with: a number split over two messages is
    masked here too (`joined`), and the caller redacts the previous message's part.
    """
    plain = normalised(text)
    masked = _EMAIL.sub("[email]", plain)
    joined = False
    if before and (head := _LEADING_RUN.match(masked)) is not None:
        whole = before + _digits(head.group(0))
        label = _label(whole)
        if label is not None:
            masked, joined = label + masked[head.end() :], True
    masked = _GROUPS_OF_FOUR.sub("[nomor]", _mask_runs(masked))
    trailing = _TRAILING_RUN.search(plain)
    ended = _digits(trailing.group(0)) if trailing else ""
    tail = ended if 0 < len(ended) < LONG else ""  # a longer one is masked whole already
    return Masked(masked, masked != text, tail, joined)


def redact_tail(stored: str) -> str:
    """Mask the number a stored question ended with (its rest came in the next message)."""
    return _TRAILING_RUN.sub("[nomor]", stored)
