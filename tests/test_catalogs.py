"""Every text the bot can say exists, translated and not fuzzy, in Indonesian and English."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.flows.base import Day, Month
from bot.turn.render import rupiah, text

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def source_msgids() -> set[str]:
    method_map = [("bot/**.py", "python"), ("bot/console/templates/**.html", "jinja2")]
    return {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(str(ROOT), method_map=method_map, keywords={"N_": None, "_": None})
    }


def catalog(language: str):
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_source_has_texts() -> None:
    assert len(source_msgids()) > 20


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_msgid_is_translated_and_not_fuzzy(language: str) -> None:
    translated = catalog(language)
    problems = []
    for msgid in sorted(source_msgids()):
        message = translated.get(msgid)
        if message is None:
            problems.append(f"missing: {msgid[:60]!r}")
        elif not message.string:
            problems.append(f"empty: {msgid[:60]!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid[:60]!r}")
    assert problems == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_placeholders_match_the_msgid(language: str) -> None:
    mismatched = [
        m.id[:60]
        for m in catalog(language)
        if m.id and m.string and set(PLACEHOLDER.findall(m.id)) != set(PLACEHOLDER.findall(m.string))
    ]
    assert mismatched == []


def test_rupiah_and_dates_are_formatted_by_babel() -> None:
    assert rupiah(16800) == "Rp16.800"
    assert rupiah(42_000_000) == "Rp42.000.000"
    assert text("{d}", {"d": Day(date(2026, 12, 15))}, "id") == "15 Desember 2026"
    assert text("{d}", {"d": Day(date(2026, 11, 16), weekday=True)}, "id") == "Senin, 16 November 2026"
    assert text("{d}", {"d": Day(date(2026, 11, 16), weekday=True)}, "en") == "Monday, November 16, 2026"
    assert text("{m}", {"m": Month(date(2026, 11, 1))}, "id") == "November 2026"
