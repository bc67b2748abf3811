"""Benefit questions: top-1 accuracy, fallback on off-topic questions, median answer time, per set.

    .venv/bin/python benchmarks/qa.py          # every set
    .venv/bin/python benchmarks/qa.py dev      # the sets tuned on only (dev, retired), while tuning

Sets (README, "Benefit answers: how they are measured"):
- dev (tests/qa/dev.tsv): the questions the knowledge base and the matcher are tuned on, in batches; every one
  of them is a way of asking an entry (scripts/add_asks.py), so the dev figure is from memory, and "left out"
  (each batch asked of the knowledge base without its own ways of asking) is what the dev set says of
  questions the knowledge base was not given;
- held-out 3 (tests/qa/heldout3.tsv): frozen on 2026-12-03 before the change it measures, never tuned on;
- held-out 4 (tests/qa/heldout4.tsv): frozen after held-out 3's third measurement, to confirm it on questions
  none of those measurements saw; never tuned on. "held-out 3+4" is both together, the figure to quote;
- retired (tests/qa/heldout.tsv, tests/qa/heldout2.tsv): the earlier held-out sets, each frozen before the
  change it measured, measured, then retired: tuned on since, printed for comparison only.

Matchers compared on the same split, all over the same knowledge base (`bot/flows/knowledge/*.toml`):
- BM25+ over entries (bot/domain/qa.py: slang table, Sastrawi stems, rapidfuzz typo correction), the bot's;
- BM25+ ranked together with a linear classifier (LinearSVC over word and character n-grams of the same
  ways of asking), the same gate: it wins cross-validation and the left-out batches by 1-2 points, but not
  the held-out sets;
- character n-gram TF-IDF (scikit-learn, char_wb 2-4 grams, cosine to each way of asking an entry);
- plain keywords (the baseline: the entry sharing the most raw words).
Then each dev batch left out, per matcher, and the ten entries each set gets wrong most often.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.domain.qa import THRESHOLD, Match, Matcher, _anchors, off_topic, spelled, words  # noqa: E402
from bot.domain.vocabulary import STOPWORDS  # noqa: E402
from bot.flows.knowledge import KNOWLEDGE  # noqa: E402

DEV = ROOT / "tests" / "qa" / "dev.tsv"
HELDOUT = (ROOT / "tests" / "qa" / "heldout3.tsv", ROOT / "tests" / "qa" / "heldout4.tsv")
RETIRED = (ROOT / "tests" / "qa" / "heldout.tsv", ROOT / "tests" / "qa" / "heldout2.tsv")
FALLBACK = "-"


class Answers(Protocol):
    """Anything that matches a question to an entry key, or does not answer."""

    def match(self, text: str) -> Match: ...


Builder = Callable[[Mapping[str, Iterable[str]], Iterable[str]], Answers]


def labelled(*paths: Path) -> list[tuple[str, str]]:
    """Return (question, entry key or "-") pairs, keys of merged entries read as the entry that took them."""
    rows = []
    lines = [line for path in paths or (DEV,) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line.strip() and not line.startswith("#"):
            question, key = line.split("\t")
            rows.append((question, key if key == FALLBACK else KNOWLEDGE.canonical(key)))
    return rows


@dataclass
class Evaluation:
    """How a matcher did on one set."""

    on_topic: int = 0
    right: int = 0
    offered: int = 0  # the right entry answered, or among those offered after a 👎
    offers: bool = False  # whether the matcher offers other entries at all
    answered: int = 0
    off_topic: int = 0
    fell_back: int = 0
    wrongly_fell_back: int = 0
    times: list[float] = field(default_factory=list)
    misses: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        """Top-1: on-topic questions answered with their entry."""
        return self.right / self.on_topic

    @property
    def with_offered(self) -> float:
        """On-topic questions whose entry was the answer or one tap away, among the others offered."""
        return self.offered / self.on_topic

    @property
    def fallback(self) -> float:
        """Off-topic questions that got the honest fallback, not a guess."""
        return self.fell_back / self.off_topic if self.off_topic else 1.0

    @property
    def fallback_precision(self) -> float:
        """Of the fallbacks given, those that were right to fall back (the question was off-topic)."""
        given = self.fell_back + self.wrongly_fell_back
        return self.fell_back / given if given else 1.0

    @property
    def answer_precision(self) -> float:
        """Of the answers given to on-topic questions, those that were the right entry."""
        return self.right / self.answered if self.answered else 1.0

    @property
    def median_ms(self) -> float:
        """The median time to answer one question."""
        return statistics.median(self.times)


def evaluate(matcher: Answers, rows: list[tuple[str, str]]) -> Evaluation:
    """Run every question through `matcher`."""
    result = Evaluation()
    for question, key in rows:
        started = time.perf_counter()
        found = matcher.match(question)
        result.times.append((time.perf_counter() - started) * 1000)
        if key == FALLBACK:
            result.off_topic += 1
            result.fell_back += not found.answered
            continue
        result.on_topic += 1
        result.asked[key] += 1
        result.answered += found.answered
        result.wrongly_fell_back += not found.answered
        result.offered += found.answered and (found.topic == key or key in found.others)
        result.offers |= bool(found.others)
        if found.answered and found.topic == key:
            result.right += 1
        else:
            result.misses[key] += 1
    return result


class KeywordBaseline:
    """Plain keyword matching over the same paraphrases (the baseline): shared raw words."""

    def __init__(self, paraphrases: Mapping[str, Iterable[str]], off_topic: Iterable[str] = ()) -> None:
        self.documents = [
            (key, set(text.lower().split())) for key, texts in paraphrases.items() for text in texts
        ]

    def match(self, text: str) -> Match:
        """Return the entry sharing the most words with `text` (answered when it shares any)."""
        asked = set(text.lower().split())
        key, shared = max(((k, len(asked & d)) for k, d in self.documents), key=lambda pair: pair[1])
        return Match(key if shared else None, float(shared) * THRESHOLD, 1.0 if shared else 0.0)


class CosineMatch(Match):
    """A TF-IDF match: answered when the cosine reaches the TF-IDF threshold (not BM25's)."""

    @property
    def answered(self) -> bool:
        """Tell whether the match is good enough to answer with."""
        return self.topic is not None and self.score >= CharTfidf.THRESHOLD


class CharTfidf:
    """Character n-gram TF-IDF (scikit-learn), cosine to every way of asking an entry; the best one wins.

    Words are normalised with the same spelling tables and stopwords as the bot's matcher, not stemmed: the
    n-grams carry what stemming and typo correction do for BM25. The same gate decides what is not a
    benefit question (off-topic words, no word the knowledge base is about), so the two differ only in
    how they rank.
    """

    THRESHOLD = 0.3  # cosine below which there is no answer (tuned on the dev set)

    def __init__(self, paraphrases: Mapping[str, Iterable[str]], off_topic: Iterable[str] = ()) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        examples = tuple(off_topic)
        paraphrases = {**paraphrases, FALLBACK: examples} if examples else paraphrases
        self.keys = [key for key, texts in paraphrases.items() for _ in texts]
        texts = [self._normal(text) for values in paraphrases.values() for text in values]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform(texts)

    @staticmethod
    def _normal(text: str) -> str:
        return " ".join(word for word in spelled(text) if word not in STOPWORDS)

    def match(self, text: str) -> Match:
        """Return the entry of the most similar way of asking, answered above the threshold."""
        normal = self._normal(text)
        if not normal or off_topic(text) or _anchors().isdisjoint(words(text)):
            return CosineMatch(None, 0.0, 0.0)
        scores = (self.matrix @ self.vectorizer.transform([normal]).T).toarray().ravel()
        best = int(scores.argmax())
        score = float(scores[best])
        if self.keys[best] == FALLBACK:  # closest to a question that is not a benefit question
            return CosineMatch(None, score, 0.0)
        return CosineMatch(self.keys[best], score, 1.0 if score else 0.0)


def worst(evaluation: Evaluation, count: int = 10) -> list[tuple[str, int, int]]:
    """The entries missed most often: (key, missed, asked)."""
    ranked = sorted(evaluation.misses.items(), key=lambda pair: (-pair[1], pair[0]))[:count]
    return [(key, missed, evaluation.asked[key]) for key, missed in ranked]


class LinearClassifier:
    """A linear classifier (scikit-learn's LinearSVC) over word and character n-grams of the ways of asking.

    Where BM25+ finds the entry sharing the rarest words, the classifier learns which words and word parts
    tell entries apart ("berapa" beside "anak" and "beasiswa" asks how many children), and gives a typo or
    an unseen ending partial credit through its character n-grams. Trained in about a second.
    """

    def __init__(self, keys: list[str], asked: list[list[str]]) -> None:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        texts = [" ".join(text) for text in asked]
        by_word = TfidfVectorizer(
            analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True
        )
        by_part = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        features = hstack([by_word.fit_transform(texts), by_part.fit_transform(texts)], format="csr")
        model = LinearSVC(C=1.0)
        model.fit(features, keys)
        classes = list(model.classes_)
        order = numpy.array([classes.index(key) for key in dict.fromkeys(keys)])
        # A question is scored by hand from the fitted vocabularies, idf and weights (columns in the keys'
        # order): scikit-learn's checks on each call cost more than the arithmetic.
        self.weights = numpy.ascontiguousarray(model.coef_.T[:, order], dtype=numpy.float32)
        self.intercepts = numpy.asarray(model.intercept_[order], dtype=numpy.float32)
        offset = len(by_word.vocabulary_)
        self.parts = [
            (by_word.build_analyzer(), by_word.vocabulary_, by_word.idf_, 0),
            (by_part.build_analyzer(), by_part.vocabulary_, by_part.idf_, offset),
        ]

    def margins(self, asked: list[str]) -> numpy.ndarray:
        """The classifier's margin for each entry, in the order of the keys it was trained with."""
        text = " ".join(asked)
        margins = self.intercepts.copy()
        for analyse, vocabulary, idf, offset in self.parts:
            counts: dict[int, int] = {}
            for gram in analyse(text):
                if (index := vocabulary.get(gram)) is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = numpy.fromiter(counts, dtype=numpy.int64)
            values = (1.0 + numpy.log(numpy.fromiter(counts.values(), dtype=numpy.float64))) * idf[indices]
            values /= numpy.linalg.norm(values)
            margins += values.astype(numpy.float32) @ self.weights[indices + offset]
        return margins


class BM25PlusClassifier(Matcher):
    """The bot's matcher, its gate and BM25+ scores, with the entry ranked by BM25+ and the classifier."""

    BM25_WEIGHT = 1.0  # BM25+ scaled to its best entry, beside the classifier's margin (cross-validation)

    def __init__(self, paraphrases: Mapping[str, Iterable[str]], off_topic: Iterable[str] = ()) -> None:
        super().__init__(paraphrases, off_topic)
        examples = tuple(off_topic)
        asked = {**paraphrases, FALLBACK: examples} if examples else dict(paraphrases)
        self.classifier = LinearClassifier(
            [key for key, texts in asked.items() for _ in texts],
            [words(text) for texts in asked.values() for text in texts],
        )

    def pick(self, asked: list[str], scores: numpy.ndarray, coverage: float) -> Match:
        """Rank by the classifier's margin plus scaled BM25+; how sure stays the best BM25+ score."""
        ranked = self.classifier.margins(asked) + self.BM25_WEIGHT * scores / max(float(scores.max()), 1e-9)
        best = int(numpy.argmax(ranked))
        topic = None if self.keys[best] == FALLBACK else self.keys[best]
        return Match(topic, float(scores.max()), coverage)


def cross_validated(build: Builder, folds: int = 5) -> Evaluation:
    """Each entry's ways of asking in `folds` parts: index all but one part, ask the held-back part.

    A figure from the knowledge base alone, no labelled set: how well an entry is found by a way of asking
    it does not have (the entry's own question is always indexed). Off-topic examples are split the same way.
    """
    paraphrases = KNOWLEDGE.paraphrases()
    examples = KNOWLEDGE.off_topic
    total = Evaluation()
    for fold in range(folds):
        kept = {
            key: (texts[0], *(t for i, t in enumerate(texts[1:]) if i % folds != fold))
            for key, texts in paraphrases.items()
        }
        asked = [
            (t, key)
            for key, texts in paraphrases.items()
            for i, t in enumerate(texts[1:])
            if i % folds == fold
        ]
        asked += [(t, FALLBACK) for i, t in enumerate(examples) if i % folds == fold]
        found = evaluate(build(kept, [t for i, t in enumerate(examples) if i % folds != fold]), asked)
        for name in (
            "on_topic",
            "right",
            "offered",
            "answered",
            "off_topic",
            "fell_back",
            "wrongly_fell_back",
        ):
            setattr(total, name, getattr(total, name) + getattr(found, name))
        total.times += found.times
    return total


_BATCH = re.compile(r"^# (\w+) batch \(")


def dev_batches(path: Path = DEV) -> dict[str, list[tuple[str, str]]]:
    """The dev set's later batches (each headed "# Sixth batch (…"), each written fresh and scored once."""
    found: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if heading := _BATCH.match(line):
            current = found.setdefault(heading.group(1).lower(), [])
        elif current is not None and line.strip() and not line.startswith("#"):
            question, key = line.split("\t")
            current.append((question, key if key == FALLBACK else KNOWLEDGE.canonical(key)))
    return found


def left_out(build: Builder, batches: Mapping[str, list[tuple[str, str]]]) -> dict[str, Evaluation]:
    """Each dev batch asked of a knowledge base without the ways of asking it added (its misses, tuned on).

    What the dev set says of questions the knowledge base was not given, without spending a look at the
    held-out sets: a batch's misses went into the asks after it was scored, so they are taken out again
    (matched as the matcher reads them) before the batch is asked.
    """
    paraphrases = KNOWLEDGE.paraphrases()
    found = {}
    for name, rows in batches.items():
        asked = {" ".join(words(question)) for question, _ in rows}
        kept = {
            key: (texts[0], *(t for t in texts[1:] if " ".join(words(t)) not in asked))
            for key, texts in paraphrases.items()
        }
        examples = [t for t in KNOWLEDGE.off_topic if " ".join(words(t)) not in asked]
        found[name] = evaluate(build(kept, examples), rows)
    return found


def main() -> None:
    paraphrases = KNOWLEDGE.paraphrases()
    sets = {"dev": labelled(DEV), "retired": labelled(*RETIRED)}
    if sys.argv[1:] != ["dev"]:
        sets |= {f"held-out {path.stem[-1]}": labelled(path) for path in HELDOUT}
        sets["held-out 3+4"] = labelled(*HELDOUT)
    for name, rows in sets.items():
        on = sum(1 for _, key in rows if key != FALLBACK)
        print(f"{name}: {on} on-topic questions, {len(rows) - on} off-topic")
    print(f"knowledge base: {len(KNOWLEDGE.entries)} entries in {len(KNOWLEDGE.topics)} topics")
    matchers: dict[str, Answers] = {}
    builders: dict[str, Builder] = {
        "BM25+ over entries": Matcher,
        "BM25+ and classifier": BM25PlusClassifier,
        "char n-gram TF-IDF": CharTfidf,
        "keywords (baseline)": KeywordBaseline,
    }
    for name, build in builders.items():
        started = time.perf_counter()
        matchers[name] = build(paraphrases, KNOWLEDGE.off_topic)
        print(f"{name} built in {(time.perf_counter() - started) * 1000:.0f} ms")
    header = f"{'':<22}{'set':<14}{'top-1':>8}{'off-topic→fallback':>20}{'fallback precision':>20}"
    print(f"\n{header}{'answer precision':>18}{'median':>10}{'with offered':>14}")
    results: dict[tuple[str, str], Evaluation] = {}
    for name, matcher in matchers.items():
        for set_name, rows in sets.items():
            found = results[name, set_name] = evaluate(matcher, rows)
            print(
                f"{name:<22}{set_name:<14}{found.accuracy:>8.1%}{found.fallback:>20.1%}"
                f"{found.fallback_precision:>20.1%}{found.answer_precision:>18.1%}{found.median_ms:>7.2f} ms"
                + (f"{found.with_offered:>14.1%}" if found.offers else f"{'—':>14}")
            )
    print("\ncross-validated over the knowledge base's own ways of asking (5 folds; no labelled set):")
    for name, build in builders.items():
        found = cross_validated(build)
        print(
            f"{name:<22}{'5-fold':<14}{found.accuracy:>8.1%}{found.fallback:>20.1%}"
            f"{found.fallback_precision:>20.1%}{found.answer_precision:>18.1%}"
        )
    batches = dev_batches()
    print(f"\neach dev batch left out ({', '.join(batches)}): its ways of asking taken out of the asks")
    for name, build in builders.items():
        per_batch = left_out(build, batches)
        right = sum(found.right for found in per_batch.values())
        asked = sum(found.on_topic for found in per_batch.values())
        print(
            f"{name:<22}{'left out':<14}{right / asked:>8.1%}   "
            + "  ".join(f"{batch} {found.accuracy:.1%}" for batch, found in per_batch.items())
        )
    for set_name in sets:
        print(f"\nten worst entries, {set_name} (BM25+ over entries, the bot's): missed / asked")
        for key, missed, asked in worst(results["BM25+ over entries", set_name]):
            print(f"  {key:<28}{missed:>3} / {asked}")


if __name__ == "__main__":
    main()
