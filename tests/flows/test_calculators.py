"""Calculations from typed benefit questions: programme, occupation and income as workers type them.

The programme ("3 program", "plus JHT", "jkk jkm aja") and the occupation are read by the same parsers as
enrolment (`bot/domain/intents.py`), the income with its period ("100 ribu sehari") by enrolment's amount
reader (`bot/domain/amounts.py`). The first two rows are the issue's: they were computed as JKK + JKM.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.iuran import Programme
from bot.flows.base import ChoiceMade, FlowContext, TextReceived
from bot.flows.dialogues.programme import ProgrammeChoice, read_programme
from tests.support.transcript import Transcript

NOV = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
JAN = datetime(2027, 1, 10, 3, 0, tzinfo=UTC)

TABLE = [
    # (when, typed, programme / occupation / income as understood, rupiah total of the month)
    (NOV, "3 program penghasilan sejuta pedagang",
     "Rp1.000.000, JKK + JKM + JHT, pekerjaan Pedagang pasar", "JHT Rp20.000, jadi Rp28.400"),
    (NOV, "1,5 juta 3 program ojol",
     "Rp1.500.000, JKK + JKM + JHT, pekerjaan Ojek online", "JHT Rp30.000, jadi Rp40.900"),
    (NOV, "jkk jkm aja, penghasilan 2 juta, petani",
     "Rp2.000.000, JKK + JKM, pekerjaan Petani", "JKM Rp3.400, jadi Rp13.400"),
    (NOV, "penghasilan 2 juta plus JHT nelayan",
     "Rp2.000.000, JKK + JKM + JHT, pekerjaan Nelayan", "JHT Rp40.000, jadi Rp53.400"),
    (NOV, "iuran kalau penghasilan 100 ribu sehari, ojol",
     "Rp100.000 sehari x 26 hari kerja = Rp2.600.000 sebulan, JKK + JKM, pekerjaan Ojek online",
     "JKK Rp13.000 + JKM Rp3.400, jadi Rp16.400"),
    (NOV, "sehari dapat 50 ribu, jualan sayur, dengan jht, iurannya berapa",
     "Rp50.000 sehari x 26 hari kerja = Rp1.300.000 sebulan, JKK + JKM + JHT, pekerjaan Pedagang pasar",
     "JHT Rp26.000, jadi Rp35.900"),
    (NOV, "penghasilan 500 ribu per minggu kurir",
     "Rp500.000 seminggu x 4 minggu = Rp2.000.000 sebulan, JKK + JKM, pekerjaan Kurir",
     "JKM Rp3.400, jadi Rp13.400"),
    (JAN, "penghasilan 3 juta sebulan sopir tanpa jht",
     "Rp3.000.000, JKK + JKM, pekerjaan Sopir / angkot", "JKK Rp15.000 + JKM Rp3.400, jadi Rp18.400"),
    (JAN, "iuran 1 juta pedagang 3 program",
     "Rp1.000.000, JKK + JKM + JHT, pekerjaan Pedagang pasar",
     "JKK Rp10.000 + JKM Rp6.800 + JHT Rp20.000, jadi Rp36.800"),
    (JAN, "iuran 1,5 juta ngojek plus jht",
     "Rp1.500.000, JKK + JKM + JHT, pekerjaan Ojek online", "JHT Rp30.000, jadi Rp40.900"),
]  # fmt: skip


@pytest.mark.parametrize(("when", "typed", "understood", "total"), TABLE)
def test_a_typed_calculation_reads_programme_occupation_and_income_and_gives_the_total(
    when: datetime, typed: str, understood: str, total: str
) -> None:
    chat = Transcript(now=when)
    chat.says("/start")
    said = chat.says(typed)[0]
    assert said.startswith(f"Dengan penghasilan {understood}: iuran "), said
    assert total in said, said


@pytest.mark.parametrize(
    ("typed", "programme"),
    [
        ("jkk jkm aja", Programme.JKK_JKM),
        ("3 program", Programme.JKK_JKM_JHT),
        ("plus JHT", Programme.JKK_JKM_JHT),
        ("tanpa jht", Programme.JKK_JKM),
    ],
)
def test_enrolment_takes_the_programme_typed_with_the_same_parser(typed: str, programme: Programme) -> None:
    ctx = FlowContext(now=NOV)
    assert read_programme(TextReceived(typed), ProgrammeChoice(), ctx) == programme.value
    assert read_programme(ChoiceMade(programme.value), ProgrammeChoice(), ctx) == programme.value
