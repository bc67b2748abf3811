"""The held-out questions are frozen: each set written before the change it measures, never tuned on.

Changing a line of a held-out file changes its hash and fails this test; a new held-out set is a new file
with a new hash, written before the change it measures (README, "Benefit answers: how they are measured").
`heldout.tsv` was the first (measured six times, then retired into tuning), `heldout2.tsv` the second
(measured three times, then retired); `heldout3.tsv` and `heldout4.tsv` (written to confirm the third on
questions none of its measurements saw) are the ones that measure now.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FROZEN_SHA256 = {
    "heldout.tsv": "0bbb6fcd908334c0e378f57c8afcf5c72f807ea4a09b790819dafcf248522281",
    "heldout2.tsv": "a692980034f249c5a553044cb961cc7e14e0c5e71a190ac7da57a934ad05c6dc",
    "heldout3.tsv": "d674ab93112d4931d71d0d639002d7ebe85d27660b1121f539687cc0553a8ba1",
    "heldout4.tsv": "69feee9e0af7319c7d03c40baaae05090544aa2d9d6cf6b8f60a91778ffebd3d",
}


@pytest.mark.parametrize("name", sorted(FROZEN_SHA256))
def test_the_held_out_set_is_the_frozen_one(name: str) -> None:
    assert hashlib.sha256((HERE / name).read_bytes()).hexdigest() == FROZEN_SHA256[name]


@pytest.mark.parametrize("name", sorted(FROZEN_SHA256))
def test_the_held_out_set_has_at_least_150_labelled_questions_and_off_topic_ones(name: str) -> None:
    rows = [
        line.split("\t")
        for line in (HERE / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(len(row) == 2 for row in rows)
    on_topic = [question for question, key in rows if key != "-"]
    assert len(on_topic) >= 150
    assert sum(1 for _, key in rows if key == "-") >= 20


def test_every_label_names_an_entry_of_the_knowledge_base_and_no_tuned_question_is_held_out() -> None:
    from benchmarks.qa import DEV, HELDOUT, RETIRED, labelled
    from bot.flows.knowledge import ENTRY_BY_KEY

    held_out = labelled(*HELDOUT)
    tuned = labelled(DEV) + labelled(*RETIRED)
    for _, key in held_out + tuned:
        assert key == "-" or key in ENTRY_BY_KEY, key
    asked = {question.strip().lower() for question, _ in held_out}
    assert not [question for question, _ in tuned if question.strip().lower() in asked]


def test_no_held_out_question_is_one_of_the_ways_of_asking_the_knowledge_base_holds() -> None:
    # A held-out question the matcher was given as a way of asking measures nothing: a dev question that
    # happens to be written the same way is left out of the asks (and of the dev set).
    from benchmarks.qa import HELDOUT, labelled
    from bot.flows.knowledge import KNOWLEDGE

    asked = {question.strip().lower() for question, _ in labelled(*HELDOUT)}
    given = [text for texts in KNOWLEDGE.paraphrases().values() for text in texts] + list(KNOWLEDGE.off_topic)
    assert not [text for text in given if text.strip().lower() in asked]
