"""Benefit questions as workers type them: the right short answer, a calculation, or an honest fallback."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from benchmarks.qa import DEV, HELDOUT, RETIRED, dev_batches, evaluate, labelled, left_out
from bot.domain.coverage import add_months, months_between
from bot.domain.participants import PaidMonths, Participant
from bot.domain.qa import Matcher
from bot.flows.knowledge import KNOWLEDGE, TOPICS
from tests.support.people import siti
from tests.support.transcript import Transcript

# Measured by benchmarks/qa.py (README, "Benefit answers"), at the eighth measurement of the third held-out
# set and the fifth of the fourth: the third 95.6% top-1, 90.0% of its off-topic questions given the
# fallback, 100% of its fallbacks right, 98.9% given the right answer or offered it one tap away after a 👎;
# the fourth 92.7%, 90.0%, 100% and 98.2% (94.2% top-1 both together). Every question the team labelled is
# a way of asking, so the dev set and the retired sets are answered from memory (99.4%, 98.9%); what the dev
# set says of questions the knowledge base was not given is each batch left out of the others: 90.9%.
# These floors sit just under what was measured, to catch a change that makes the answers worse. Nothing is
# tuned on the held-out sets (frozen: tests/qa/test_heldout_frozen.py).
DEV_FLOOR = 0.95
RETIRED_FLOOR = 0.95
LEFT_OUT_FLOOR = 0.89
# held-out file: (top-1, off-topic fallback, fallback precision, right answer or offered after a 👎)
HELDOUT_FLOORS = {
    "heldout3.tsv": (0.95, 0.88, 0.95, 0.98),
    "heldout4.tsv": (0.92, 0.88, 0.95, 0.98),
}


def test_the_questions_tuned_on_keep_their_accuracy() -> None:
    matcher = Matcher(KNOWLEDGE.paraphrases(), KNOWLEDGE.off_topic)
    found = evaluate(matcher, labelled(DEV))
    assert found.on_topic >= 600
    assert found.off_topic >= 50
    assert found.accuracy >= DEV_FLOOR
    assert evaluate(matcher, labelled(*RETIRED)).accuracy >= RETIRED_FLOOR


def test_each_dev_batch_is_answered_without_its_own_ways_of_asking() -> None:
    # A batch's questions taken out of the asks, then asked: the dev set's figure for questions the
    # knowledge base was not given (benchmarks/qa.py, "left out").
    per_batch = left_out(Matcher, dev_batches())
    assert len(per_batch) >= 15
    right = sum(found.right for found in per_batch.values())
    asked = sum(found.on_topic for found in per_batch.values())
    assert right / asked >= LEFT_OUT_FLOOR


@pytest.mark.parametrize("name", sorted(HELDOUT_FLOORS))
def test_the_frozen_held_out_questions_keep_their_accuracy_and_off_topics_their_fallback(name: str) -> None:
    (path,) = [path for path in HELDOUT if path.name == name]
    found = evaluate(Matcher(KNOWLEDGE.paraphrases(), KNOWLEDGE.off_topic), labelled(path))
    top_1, fallback, fallback_precision, with_offered = HELDOUT_FLOORS[name]
    assert found.accuracy >= top_1
    assert found.fallback >= fallback
    assert found.fallback_precision >= fallback_precision
    assert found.with_offered >= with_offered


def chat_at(now: datetime, participant: Participant | None = None) -> Transcript:
    chat = Transcript(now=now, participant=participant)
    chat.says("/start")
    return chat


NOV = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)


def test_a_topic_button_answers_and_asks_whether_it_helped() -> None:
    chat = chat_at(NOV)
    said = chat.says("/manfaat")
    assert said == ["Tanya manfaat. Pilih topik, atau ketik pertanyaan Anda."]
    assert chat.last_buttons()[:3] == ["JKK", "JKM", "JHT"]
    said = chat.taps("JKM")
    assert said[0].startswith("Jaminan Kematian (JKM) dibayar kepada ahli waris")
    assert "Rp42.000.000 (santunan kematian Rp20.000.000, santunan berkala Rp12.000.000" in said[0]
    assert said[1] == "Membantu?"
    assert chat.last_buttons() == ["👍", "👎", "Tanya lagi", "Kembali ke menu"]


@pytest.mark.parametrize(
    ("typed", "starts"),
    [
        ("brp iuran paling murah", "Iuran termurah memakai penghasilan terendah Rp1.000.000"),
        ("kalo kecelakaan pas narik ditanggung ga?", "Jaminan Kecelakaan Kerja (JKK) menanggung"),
        ("santunan kematian berapa", "Santunan JKM seluruhnya Rp42.000.000"),
        ("jkm itu apa", "Jaminan Kematian (JKM) dibayar"),
        ("anak sy dpt beasiswa gak", "Beasiswa untuk paling banyak 2 anak"),
    ],
)
def test_typed_questions_at_the_menu_are_answered(typed: str, starts: str) -> None:
    said = chat_at(NOV).says(typed)
    assert said[0].startswith(starts)


@pytest.mark.parametrize(
    "typed",
    [
        "motor saya mogok gimana benerinnya",
        "jadwal bola malam ini",
        "mau pinjam uang",
        "cara buka rekening bank bri tanpa ke kantor",
    ],
)
def test_off_topic_questions_get_the_honest_fallback(typed: str) -> None:
    chat = chat_at(NOV)
    said = chat.says(typed)
    assert said == [
        "Maaf, untuk pertanyaan itu saya belum punya jawaban yang pasti. Pilih topik di bawah, atau tanyakan "
        "ke BPJS Ketenagakerjaan di 175.",
        "Tanya manfaat. Pilih topik, atau ketik pertanyaan Anda.",
    ]


@pytest.mark.parametrize(
    ("typed", "where"),
    [("mau daftar", ("enrollment", "ask_consent")), ("lapor meninggal", ("claims", "ask_consent"))],
)
def test_a_typed_request_in_manfaat_starts_its_flow(typed: str, where: tuple[str, str]) -> None:
    chat = chat_at(NOV)
    chat.says("/manfaat")
    chat.says(typed)
    assert chat.where == where


def test_a_personal_number_in_a_question_is_never_kept_and_the_worker_is_told() -> None:
    chat = chat_at(NOV)
    said = chat.says("nik sy 3174071203900003 iuran brp")
    assert said[0].startswith("Demi keamanan, jangan kirim NIK, nomor HP, atau nomor rekening")
    assert not said[1].startswith("Maaf, untuk pertanyaan itu")
    recorded = [e for e in chat.effects if type(e).__name__ == "RecordQuestion"]
    assert recorded[-1].text == "nik sy [NIK] iuran brp"
    assert "3174071203900003" not in chat.stored()


# --- calculators -------------------------------------------------------------------------------------

CALCULATIONS = [
    # (when, typed, first words) — discounts by sector and month, each programme
    (
        datetime(2026, 3, 10, 3, tzinfo=UTC),
        "penghasilan 2 juta, jkk jkm, petani",
        "iuran Maret 2026 JKK Rp20.000 + JKM Rp6.800, jadi Rp26.800",
    ),
    (
        datetime(2026, 4, 10, 3, tzinfo=UTC),
        "penghasilan 2 juta, jkk jkm, petani",
        "iuran April 2026 JKK Rp10.000 + JKM Rp3.400, jadi Rp13.400",
    ),
    (
        datetime(2026, 3, 10, 3, tzinfo=UTC),
        "penghasilan 2 juta ojol",
        "iuran Maret 2026 JKK Rp10.000 + JKM Rp3.400, jadi Rp13.400",
    ),
    (
        datetime(2026, 12, 10, 3, tzinfo=UTC),
        "iuran penghasilan 1 juta pedagang",
        "iuran Desember 2026 JKK Rp5.000 + JKM Rp3.400, jadi Rp8.400",
    ),
    (
        datetime(2027, 1, 10, 3, tzinfo=UTC),
        "iuran penghasilan 1 juta pedagang",
        "iuran Januari 2027 JKK Rp10.000 + JKM Rp6.800, jadi Rp16.800",
    ),
    (
        datetime(2027, 1, 10, 3, tzinfo=UTC),
        "iuran penghasilan 1 juta kurir",
        "iuran Januari 2027 JKK Rp5.000 + JKM Rp3.400, jadi Rp8.400",
    ),
    (
        datetime(2027, 3, 10, 3, tzinfo=UTC),
        "iuran penghasilan 1 juta sopir",
        "iuran Maret 2027 JKK Rp5.000 + JKM Rp3.400, jadi Rp8.400",
    ),
    (
        datetime(2027, 4, 10, 3, tzinfo=UTC),
        "iuran penghasilan 1 juta sopir",
        "iuran April 2027 JKK Rp10.000 + JKM Rp6.800, jadi Rp16.800",
    ),
    (
        datetime(2026, 11, 10, 3, tzinfo=UTC),
        "iuran penghasilan 2 juta jkk jkm jht nelayan",
        "iuran November 2026 JKK Rp10.000 + JKM Rp3.400 + JHT Rp40.000, jadi Rp53.400",
    ),
    (
        datetime(2027, 4, 10, 3, tzinfo=UTC),
        "iuran penghasilan 2 juta dengan jht ojol",
        "iuran April 2027 JKK Rp20.000 + JKM Rp6.800 + JHT Rp40.000, jadi Rp66.800",
    ),
]


@pytest.mark.parametrize(("when", "typed", "expected"), CALCULATIONS)
def test_an_income_in_the_question_gets_this_months_iuran(when: datetime, typed: str, expected: str) -> None:
    said = chat_at(when).says(typed)
    assert expected in said[0], said[0]


def test_jkm_by_months_paid_and_a_work_accident_death() -> None:
    chat = chat_at(NOV)
    assert (
        chat.says("jkm kalau iuran 2 bulan")[0] == "Dengan iuran 2 bulan, JKM yang dibayarkan Rp10.000.000."
    )
    chat.taps("Tanya lagi")
    assert chat.says("santunan kematian kalau iuran 5 bulan")[0] == (
        "Dengan iuran 5 bulan, JKM yang dibayarkan Rp42.000.000."
    )
    chat.taps("Tanya lagi")
    said = chat.says("kecelakaan kerja lalu meninggal penghasilan 3 juta")
    assert said[0].startswith(
        "Bila meninggal karena kecelakaan kerja dengan penghasilan Rp3.000.000: santunan Rp144.000.000"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "beasiswa anak sd berapa",
            "Beasiswa SD: Rp1.500.000 per anak per tahun, paling lama 6 tahun, jadi Rp9.000.000",
        ),
        (
            "beasiswa smp 2 tahun",
            "Beasiswa SMP: Rp2.000.000 per anak per tahun, paling lama 2 tahun, jadi Rp4.000.000",
        ),
        (
            "anak kuliah dapat beasiswa",
            "Beasiswa Perguruan tinggi: Rp12.000.000 per anak per tahun, paling lama 5",
        ),
    ],
)
def test_a_scholarship_by_school_level_and_years(typed: str, expected: str) -> None:
    assert chat_at(NOV).says(typed)[0].startswith(expected)


def monthly_payments(first: date, through: date | None) -> tuple[PaidMonths, ...]:
    """Each month paid on its 10th, from `first` through `through`."""
    count = months_between(first, through) + 1 if through else 0
    months = [add_months(first, i) for i in range(count)]
    return tuple(PaidMonths(month, 1, month.replace(day=10)) for month in months)


def participant(paid_through: date | None) -> Participant:
    return siti(first_month=date(2026, 7, 1), payments=monthly_payments(date(2026, 7, 1), paid_through))


def test_a_registered_worker_hears_their_own_figures() -> None:
    chat = chat_at(datetime(2026, 12, 1, 3, tzinfo=UTC), participant(date(2026, 11, 1)))
    said = chat.says("iuran sebulan berapa")
    assert said[1] == (
        "Iuran Anda untuk Desember 2026: Rp8.400 (potongan iuran sampai Desember 2026, lalu Rp16.800 per "
        "bulan), jatuh tempo Selasa, 15 Desember 2026."
    )
    chat.taps("Tanya lagi")
    said = chat.says("santunan kematian berapa")
    assert said[1] == (
        "JKM untuk keluarga Anda: Rp42.000.000, karena iuran sudah terbayar untuk 5 bulan kepesertaan (PP "
        "82/2019; Permenaker 1/2025)."
    )
    early = chat_at(datetime(2026, 8, 1, 3, tzinfo=UTC), participant(date(2026, 7, 1)))
    said = early.says("santunan kematian berapa")
    assert said[1] == (
        "JKM untuk keluarga Anda saat ini Rp10.000.000, karena masa kepesertaan dengan iuran terbayar baru 1 "
        "bulan; Rp42.000.000 setelah iuran 3 bulan kepesertaan. Iuran yang dibayar di muka dihitung setelah "
        "bulannya lewat (Permenaker 1/2025)."
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_answer_exists_in_both_languages_and_fits_a_message(language: str) -> None:
    chat = chat_at(NOV)
    if language == "en":
        chat.says("/bahasa")
        chat.taps("English")
    chat.says("/manfaat")
    labels = chat.last_buttons()[:-1]
    assert len(labels) == len(TOPICS)
    for label in labels:
        said = chat.taps(label)
        assert all(len(text) <= 600 for text in said)
        assert said[-1] == ("Membantu?" if language == "id" else "Was this helpful?")
        if language == "en":
            assert not any(word in said[0] for word in ("dibayar", "iuran tidak", "peserta meninggal")), said[
                0
            ]
        chat.taps(chat.last_buttons()[2])  # "Tanya lagi" / "Ask again"
