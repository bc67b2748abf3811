"""Benefit questions: top-1 accuracy, fallback precision on off-topic questions, median answer time.

    .venv/bin/python benchmarks/qa.py

Runs the matcher (Sastrawi + BM25 + rapidfuzz, bot/domain/qa.py) and, as the baseline in the same run,
plain keyword matching over the same knowledge base, on the labelled questions in tests/qa/questions.tsv.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.domain.qa import THRESHOLD, Match, Matcher  # noqa: E402
from bot.flows.knowledge import TOPICS  # noqa: E402

LABELLED = ROOT / "tests" / "qa" / "questions.tsv"


class KeywordBaseline:
    """Plain keyword matching over the same paraphrases (the benchmark's baseline): shared raw words."""

    def __init__(self, paraphrases: Mapping[str, Iterable[str]]) -> None:
        self.documents = [
            (topic, set(text.lower().split())) for topic, texts in paraphrases.items() for text in texts
        ]

    def match(self, text: str) -> Match:
        """Return the topic sharing the most words with `text` (answered when it shares any)."""
        asked = set(text.lower().split())
        topic, shared = max(((t, len(asked & d)) for t, d in self.documents), key=lambda pair: pair[1])
        return Match(topic if shared else None, float(shared) * THRESHOLD, 1.0 if shared else 0.0)


def labelled() -> list[tuple[str, str]]:
    """Return (question, topic or "-") pairs."""
    rows = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            question, topic = line.split("\t")
            rows.append((question, topic))
    return rows


def evaluate(matcher: Matcher | KeywordBaseline, rows: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Return top-1 accuracy on on-topic questions, fallback precision on off-topic ones, median ms."""
    right = on = fell_back = off = 0
    times = []
    for question, topic in rows:
        started = time.perf_counter()
        found = matcher.match(question)
        times.append((time.perf_counter() - started) * 1000)
        if topic == "-":
            off += 1
            fell_back += not found.answered
        else:
            on += 1
            right += found.answered and found.topic == topic
    return right / on, fell_back / off, statistics.median(times)


def main() -> None:
    rows = labelled()
    paraphrases = {topic.key: topic.paraphrases for topic in TOPICS}
    started = time.perf_counter()
    matcher = Matcher(paraphrases)
    built = (time.perf_counter() - started) * 1000
    on = sum(1 for _, topic in rows if topic != "-")
    print(f"labelled questions: {on} on-topic, {len(rows) - on} off-topic; matcher built in {built:.0f} ms")
    print(f"{'':<22}{'top-1 accuracy':>16}{'fallback precision':>20}{'median answer':>16}")
    for name, candidate in (("matcher", matcher), ("baseline (keywords)", KeywordBaseline(paraphrases))):
        accuracy, precision, median = evaluate(candidate, rows)
        print(f"{name:<22}{accuracy:>16.1%}{precision:>20.1%}{median:>13.2f} ms")


if __name__ == "__main__":
    main()
