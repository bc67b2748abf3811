"""The knowledge base of facts: what it holds, how it is checked, how an operator grows it, and what it says
about the programmes BPU participants do not have."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.domain.qa import Matcher
from bot.domain.rules import DEFAULT_RULES
from bot.flows.answer_figures import answer_params
from bot.flows.base import Say
from bot.flows.knowledge import (
    ANSWER_LIMIT,
    BROAD_LIMIT,
    DIRECTORY,
    KNOWLEDGE,
    OFF_TOPIC_FILE,
    KnowledgeError,
    load,
)
from bot.flows.knowledge.extract import extract
from bot.turn.render import render
from tests.support.transcript import Transcript

NOV = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)


def test_the_knowledge_base_holds_150_facts_each_with_its_question_its_source_and_ways_of_asking() -> None:
    facts = [entry for entry in KNOWLEDGE.entries if not entry.broad]
    assert len(KNOWLEDGE.entries) >= 150
    topics = {topic.key for topic in KNOWLEDGE.topics}
    assert topics >= {"daftar", "iuran", "bayar", "telat", "kartu", "jkk", "jkm", "jht", "beasiswa", "klaim"}
    assert topics >= {"kontak", "lain"}
    assert all(topic.entries[0].broad for topic in KNOWLEDGE.topics)  # the topic paragraph stays
    for entry in facts:
        assert entry.question.strip(), entry.key
        assert entry.source.strip(), entry.key
        assert len(entry.asks) >= 3, entry.key
        assert entry.key.startswith(f"{entry.topic}."), entry.key


def test_every_answer_with_its_figures_is_short_and_said_in_both_languages() -> None:
    params = answer_params(DEFAULT_RULES, date(2026, 11, 21))
    for entry in KNOWLEDGE.entries:
        indonesian, english = (render(Say(entry.answer, params), language).text for language in ("id", "en"))
        for text in (indonesian, english):
            assert "{" not in text, (entry.key, text)
            assert len(text) <= (BROAD_LIMIT if entry.broad else ANSWER_LIMIT), (entry.key, len(text))
        assert english != indonesian, entry.key


def test_figures_in_answers_come_from_the_rules() -> None:
    params = answer_params(DEFAULT_RULES, date(2026, 11, 21))
    said = render(Say(_answer("jkm.besar"), params), "id").text
    assert said.startswith("Santunan JKM seluruhnya Rp42.000.000: santunan kematian Rp20.000.000")
    raised = answer_params(replace(DEFAULT_RULES, jkm_full_benefit=45_000_000), date(2026, 11, 21))
    assert "Rp45.000.000" in render(Say(_answer("jkm.besar"), raised), "id").text


def _answer(key: str) -> str:
    return next(entry.answer for entry in KNOWLEDGE.entries if entry.key == key)


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


BROAD = """
topic = "tes"
label = "Tes"
order = 1

[[entries]]
key = "tes"
question = "Apa itu tes?"
answer = "Tes adalah contoh."
source = "contoh"
asks = ["apa itu tes", "tes itu apa", "penjelasan tes"]
"""


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ('key = "tes.a"\nquestion = "?"\nanswer = "Iuran {unknown}."\nsource = "s"\nasks = ["a", "b", "c"]',
         "tes.toml entry tes.a: the answer names unknown figures ['unknown']"),
        ('key = "tes.a"\nquestion = "?"\nanswer = "Ya."\nsource = "s"\nasks = ["a"]',
         "tes.toml entry tes.a: `asks` must list at least 3 ways people ask it"),
        ('key = "lain.a"\nquestion = "?"\nanswer = "Ya."\nsource = "s"\nasks = ["a", "b", "c"]',
         "tes.toml entry lain.a: the key must be `tes` or start with `tes.`"),
        (f'key = "tes.a"\nquestion = "?"\nanswer = "{"x" * 401}"\nsource = "s"\nasks = ["a", "b", "c"]',
         "tes.toml entry tes.a: the answer has 401 characters, more than 400"),
        ('key = "tes.a"\nquestion = "?"\nanswer = "Ya."\nasks = ["a", "b", "c"]',
         "tes.toml entry tes.a: `source` must be a non-empty text"),
        ('key = "tes"\nquestion = "?"\nanswer = "Ya."\nsource = "s"\nasks = ["a", "b", "c"]',
         "tes.toml entry tes: the key tes is used twice"),
    ],
)  # fmt: skip
def test_a_mistake_in_a_topic_file_is_refused_naming_the_file_and_the_entry(
    tmp_path: Path, entry: str, complaint: str
) -> None:
    _write(tmp_path, "tes.toml", BROAD + "\n[[entries]]\n" + entry + "\n")
    with pytest.raises(KnowledgeError) as refused:
        load(tmp_path)
    assert str(refused.value) == complaint


def test_an_operator_adds_a_fact_and_it_is_answered_and_extracted_without_touching_the_matcher(
    tmp_path: Path,
) -> None:
    for path in DIRECTORY.glob("*.toml"):
        shutil.copy(path, tmp_path)
    added = """
[[entries]]
key = "kontak.mobil_keliling"
question = "Ada layanan mobil keliling?"
answer = "Beberapa kantor cabang punya layanan keliling ke pasar dan desa; jadwalnya tanyakan ke 175."
source = "kantor cabang (contoh)"
asks = ["mobil keliling bpjs", "layanan keliling ke desa", "pelayanan jemput bola di pasar"]
"""
    path = tmp_path / "kontak.toml"
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    grown = load(tmp_path)
    assert len(grown.entries) == len(KNOWLEDGE.entries) + 1
    found = Matcher(grown.paraphrases()).match("ada mobil keliling bpjs ke pasar kami?")
    assert found.answered
    assert found.topic == "kontak.mobil_keliling"
    extracted = [message for _, _, message, _ in extract(io.BytesIO(path.read_bytes()), (), (), {})]
    assert extracted[0] == "Kontak & kantor cabang"
    assert extracted[-2].startswith("Beberapa kantor cabang punya layanan keliling")
    assert extracted[-1] == "Ada layanan mobil keliling?"  # offered as a button when an answer missed


def test_an_operator_adds_a_question_that_is_someone_elses_and_it_gets_the_fallback_not_a_guess(
    tmp_path: Path,
) -> None:
    for path in DIRECTORY.glob("*.toml"):
        shutil.copy(path, tmp_path)
    asked = "cara daftar anak ke paud di desa"
    before = Matcher(load(tmp_path).paraphrases(), load(tmp_path).off_topic).match(asked)
    assert before.answered  # shares "cara daftar" and "anak" with benefit entries: a guess
    (tmp_path / OFF_TOPIC_FILE).write_text("# not benefit questions\ncara daftar anak ke paud\n")
    grown = load(tmp_path)
    assert grown.off_topic == ("cara daftar anak ke paud",)
    assert not Matcher(grown.paraphrases(), grown.off_topic).match(asked).answered
    assert (
        Matcher(grown.paraphrases(), grown.off_topic).match("cara daftar bpjs tk sendiri").topic
        == "daftar.cara"
    )


def test_the_shipped_off_topic_examples_are_loaded_and_none_is_a_benefit_question() -> None:
    assert len(KNOWLEDGE.off_topic) >= 100
    asks = {ask.lower() for entry in KNOWLEDGE.entries for ask in entry.asks}
    assert not [question for question in KNOWLEDGE.off_topic if question.lower() in asks]


# --- Programmes BPU participants do not have: said plainly, with what they do have ------------------


def ask(typed: str) -> str:
    chat = Transcript(now=NOV)
    chat.says("/start")
    said = chat.says(typed)
    assert said[-1] == "Membantu?", said
    return said[0]


def test_jaminan_pensiun_is_not_for_bpu_and_jht_is_what_they_can_save_for_old_age() -> None:
    assert ask("sebagai pedagang bisa dapat jaminan pensiun tiap bulan?") == (
        "Tidak. Jaminan Pensiun (pensiun bulanan) hanya untuk pekerja penerima upah; BPU tidak bisa "
        "mengikutinya. Untuk hari tua, BPU bisa menambah JHT: tabungan 2 persen yang dicairkan saat usia 56 "
        "tahun atau berhenti bekerja."
    )


def test_jkp_is_not_for_bpu_and_jht_can_be_withdrawn_on_stopping_work() -> None:
    assert ask("saya ojol, kalau berhenti narik dapat jaminan kehilangan pekerjaan?") == (
        "Tidak. Jaminan Kehilangan Pekerjaan (JKP) hanya untuk pekerja penerima upah yang kena PHK; BPU "
        "tidak bisa mengikutinya. Bila berhenti bekerja atau menutup usaha, peserta BPU yang ikut JHT bisa "
        "mencairkan saldonya."
    )


def test_return_to_work_is_not_settled_for_bpu_and_what_jkk_gives_them_is_said() -> None:
    assert ask("ada program return to work untuk pekerja mandiri?") == (
        "Program kembali bekerja (Return to Work) adalah pendampingan JKK bagi pekerja penerima upah agar "
        "kembali ke pemberi kerjanya setelah kecelakaan; untuk BPU belum ada ketentuan yang pasti, tanyakan "
        "ke 175. Yang pasti BPU punya: perawatan tanpa batas biaya sampai sembuh, santunan tidak mampu "
        "bekerja, dan alat bantu."
    )


def test_mlt_housing_is_not_for_bpu_and_jht_can_help_with_housing() -> None:
    assert ask("peserta mandiri boleh ajukan MLT untuk renovasi rumah?") == (
        "Tidak. Manfaat Layanan Tambahan (MLT) perumahan hanya untuk peserta penerima upah. Peserta BPU yang "
        "ikut JHT paling sedikit 10 tahun bisa mencairkan paling banyak 30 persen saldo JHT untuk perumahan."
    )


def test_bsu_is_not_for_bpu_and_the_iuran_discount_is_what_they_get() -> None:
    assert ask("pedagang pasar dapat BSU juga ga?") == (
        "Tidak. Bantuan Subsidi Upah (BSU) untuk pekerja penerima upah dengan gaji di bawah batas yang "
        "ditetapkan pemerintah; peserta BPU tidak menerimanya. Yang tersedia untuk BPU saat ini: potongan 50 "
        "persen iuran JKK dan JKM sampai Desember 2026 (transportasi sampai Maret 2027)."
    )


def test_why_join_jkm_while_young_is_answered_not_refused() -> None:
    said = ask("kenapa harus ikut JKM, saya masih muda")
    assert said.startswith("Kematian tidak menunggu tua")
    assert "Rp42.000.000 setelah 3 bulan" in said
