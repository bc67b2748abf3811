"""What the field asked goes into the knowledge base with one command, and is answered from then on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.qa import Matcher
from bot.flows.knowledge import DIRECTORY, load
from scripts.add_asks import add

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(DIRECTORY, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy


def answer(directory: Path, question: str) -> str | None:
    knowledge = load(directory)
    found = Matcher(knowledge.paraphrases(), knowledge.off_topic).match(question)
    return found.topic if found.answered else None


def test_a_missed_question_labelled_by_an_officer_is_answered_after_it_is_added(knowledge: Path) -> None:
    missed = "kulo badhe ngertos, ndaftar kanggo bakul sayur kados pundi"
    labelled = knowledge.parent / "missed.tsv"
    labelled.write_text(
        "# from bpu-bot qa missed --tsv, reviewed\n"
        f"{missed}\tdaftar.cara\n"
        "Bagaimana cara mendaftar?\tdaftar.cara\n"  # the entry's own question: already known
        "harga pakan lele sekarang berapa\t-\n",
        encoding="utf-8",
    )
    before = (knowledge / "daftar.toml").read_text(encoding="utf-8")

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "add_asks.py"), str(labelled), "--knowledge", str(knowledge)],
        capture_output=True,
        text=True,
        check=True,
    )

    assert done.stdout.strip() == "added 1 ways of asking, 1 off-topic questions; 1 known"
    after = (knowledge / "daftar.toml").read_text(encoding="utf-8")
    assert after.startswith(before.split("[[entries]]")[0])  # comments and layout kept
    entry = next(e for e in load(knowledge).entries if e.key == "daftar.cara")
    assert entry.asks[-1] == missed
    assert answer(knowledge, missed) == "daftar.cara"
    assert "harga pakan lele sekarang berapa" in load(knowledge).off_topic
    assert answer(knowledge, "harga pakan lele sekarang berapa") is None


def test_an_unknown_entry_stops_everything_before_a_file_is_written(knowledge: Path) -> None:
    files = {path.name: path.read_text(encoding="utf-8") for path in knowledge.iterdir()}
    with pytest.raises(ValueError, match=r"no such entries: daftar\.caraa"):
        add([("cara daftar bpu", "daftar.caraa"), ("cara bayar iuran lewat pos", "bayar.tempat")], knowledge)
    assert {path.name: path.read_text(encoding="utf-8") for path in knowledge.iterdir()} == files


def test_ways_of_asking_written_on_one_line_get_the_new_one_too(knowledge: Path) -> None:
    path = knowledge / "lain.toml"
    text = path.read_text(encoding="utf-8")
    block = text.split('key = "lain.bsu"')[1].split("[[entries]]")[0]
    asks = block[block.index("asks = [") : block.index("\n]\n") + 2]
    one_line = 'asks = ["bsu", "subsidi upah", "bantuan subsidi upah"]'
    path.write_text(text.replace(asks, one_line), encoding="utf-8")
    add([("subsidi gaji buat pekerja mandiri ada ga", "lain.bsu")], knowledge)
    bsu = next(e for e in load(knowledge).entries if e.key == "lain.bsu")
    assert bsu.asks[0] == "bsu"
    assert bsu.asks[-1] == "subsidi gaji buat pekerja mandiri ada ga"
    assert len(bsu.asks) == 4


def test_a_label_written_before_entries_were_merged_goes_to_the_entry_that_took_it_and_nothing_is_added_twice(
    knowledge: Path,
) -> None:
    held = next(e for e in load(knowledge).entries if e.key == "daftar.cara").asks[0]
    added = add(
        [
            ("potongan pemerintah buat jht ada nggak sih kak", "iuran.diskon_jht"),  # merged into jht.diskon
            (held, "daftar.umur"),  # daftar.cara's already: under two entries it would be answered by chance
        ],
        knowledge,
    )

    assert (added.asks, added.skipped) == (1, 1)
    entries = {entry.key: entry for entry in load(knowledge).entries}
    assert entries["jht.diskon"].asks[-1] == "potongan pemerintah buat jht ada nggak sih kak"
    assert held not in entries["daftar.umur"].asks
