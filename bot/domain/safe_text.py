"""Text the bot writes for operators: terminal lines that cannot steer a terminal, cells that cannot run.

A reference or a channel name comes from outside; printed raw, an ESC sequence rewrites the operator's
screen, and a cell starting with `=` runs as a formula when the file is opened in a spreadsheet.
"""

from __future__ import annotations

# OWASP "CSV Injection": a cell starting with one of these is read as a formula (fullwidth forms too,
# which some spreadsheet programs normalise).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
CELL_LIMIT = 200


def printable(text: str) -> str:
    """Escape control characters so nothing printed can steer the operator's terminal."""
    return "".join(
        c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text
    )


def cell(value: object) -> str:
    """Return `value` as a spreadsheet cell that opens as text, never as a formula (OWASP rules).

    Control characters are escaped and long values cut, so a rejects file stays readable.
    """
    text = printable(str(value))
    if len(text) > CELL_LIMIT:
        text = text[:CELL_LIMIT] + "…"
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text


def is_formula(text: str) -> bool:
    """Tell whether a spreadsheet would read this cell as a formula."""
    return text.startswith(FORMULA_STARTS)
