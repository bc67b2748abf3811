"""No message over 600 characters, in either language: a cheap phone shows about that much on one screen."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.domain.participants import Heir, Participant, ParticipantStatus, Terms
from tests.support.transcript import Transcript

LIMIT = 600
LOCALES = Path(__file__).resolve().parents[2] / "locales"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Parameters that hold whole blocks of text, rendered by the worst-case transcripts below instead.
BLOCKS = {"particulars", "heirs", "price", "amount", "other", "transport"}


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_catalog_message_with_long_parameters_fits(language: str) -> None:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    too_long = {}
    for message in catalog:
        if not message.id:
            continue
        text = message.string or str(message.id)
        filled = PLACEHOLDER.sub(lambda m: "" if m.group(1) in BLOCKS else "x" * 40, text)
        if len(filled) > LIMIT:
            too_long[str(message.id)[:50]] = len(filled)
    assert too_long == {}


LONG_NAME = "Maria Magdalena Theresia Christina Fransiska Wulandari Sihombing Panjaitan Situmorang Hutapea"
LONG_ADDRESS = ("Jl. Raya Pasar Minggu Gang Haji Mursid Nomor 123 Blok C RT 012 RW 008 " * 3)[:200]


def worst_case(language: str) -> list[str]:
    """Enrol with every field at its longest: long names, two occupations, five heirs, JHT, becak."""
    chat = Transcript()
    said = []
    if language == "en":
        said += chat.says("/bahasa")
        said += chat.taps("English")
    steps: list[tuple[str, str]] = [
        ("says", "/daftar"),
        ("taps", "Setuju" if language == "id" else "I agree"),
        ("says", "3174071203900003"),
        ("taps_first", ""),
        ("says", LONG_NAME),
        ("says", "0812 3456 7890"),
        ("taps_first", ""),
        ("says", LONG_ADDRESS),
        ("says", "narik becak"),
        ("taps", "Lainnya" if language == "id" else "Other"),
        ("says", "Tukang servis sepeda motor dan pompa air keliling"),
        ("taps", "Rp5 juta" if language == "id" else "Rp5 million"),
        ("taps_last", ""),
    ]
    for n in range(5):
        steps += [
            ("says", f"{LONG_NAME} {'ABCDE'[n]}"),
            ("taps_first", ""),
            ("says", "0813 1111 222" + str(n)),
        ]
        if n < 4:
            steps += [("taps_first", "")]  # "Tambah ahli waris"; after the fifth the summary comes
    for how, what in steps:
        if how == "says":
            said += chat.says(what)
        elif how == "taps":
            said += chat.taps(what)
        elif how == "taps_first":
            said += chat.taps_first()
        else:
            said += chat.taps(chat.last_buttons()[-1])
    assert chat.where == ("enrollment", "confirm_summary"), said[-2:]
    return said


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_longest_enrolment_says_nothing_over_600_characters(language: str) -> None:
    said = worst_case(language)
    assert [len(text) for text in said if len(text) > LIMIT] == []


def longest_participant() -> Participant:
    heirs = tuple(Heir(f"{LONG_NAME} {'ABCDE'[n]}", "anak", "+6281311112220") for n in range(5))
    return Participant(
        registration_number="26110000013",
        status=ParticipantStatus.REGISTERED,
        nik_last4="0003",
        name=LONG_NAME,
        birth_date=date(1990, 3, 12),
        female=False,
        phone="+6281234567890",
        regency_code="3174",
        address=LONG_ADDRESS,
        occupation_other="Tukang servis sepeda motor dan pompa air keliling",
        heirs=heirs,
        consent_at="2026-11-05T10:00:00+07:00",
        terms=Terms(5_000_000, "jkk_jkm_jht", ("becak", "lainnya"), 20_000_000, "jkk_jkm", date(2026, 12, 1)),
        first_month=date(2026, 11, 1),
        paid_through=None,
        reminders_on=True,
        reminder_days=3,
        reminder_hour=9,
        timezone="Asia/Jakarta",
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_what_the_bot_holds_about_the_longest_participant_fits(language: str) -> None:
    chat = Transcript(participant=longest_participant())
    said = []
    if language == "en":
        said += chat.says("/bahasa")
        said += chat.taps("English")
    said += chat.says("/datasaya")
    said += chat.says("/iuran")
    assert len(said) >= 3
    assert [len(text) for text in said if len(text) > LIMIT] == []
