"""Match a typed benefit question to the knowledge-base entry that answers it, or to none. Pure.

Words are normalised (slang, English, Javanese / Sundanese / Betawi, synonyms, trades named in passing:
`bot/domain/vocabulary.py`), stemmed (Sastrawi, Indonesian), corrected to the knowledge base's vocabulary
when mistyped (rapidfuzz), then ranked with BM25+ (rank-bm25) over each entry's ways of asking, all
together and each on its own. A question
that names nothing the knowledge base is about, scores below the threshold, or is closest to the examples of
questions that are not benefit questions (ranked as one more entry), gets no answer: the caller says so
honestly, never guesses. Chosen over character n-gram TF-IDF by held-out accuracy
(benchmarks/qa.py; README, "Benefit answers").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy
from rank_bm25 import BM25Plus
from rapidfuzz import fuzz, process
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from bot.domain.vocabulary import (
    ANCHORS,
    ENGLISH,
    ENGLISH_PAIRS,
    EVENTS,
    OFF_TOPIC,
    PHRASES,
    REGIONAL,
    SLANG,
    STEMS,
    STOPWORDS,
    STRONG,
    SYNONYMS,
    TRADE,
    TRADES,
)

SPELLINGS: Mapping[str, str] = {**ENGLISH, **REGIONAL, **SLANG, **SYNONYMS, **dict.fromkeys(TRADES, TRADE)}


_WORD = re.compile(r"[a-z0-9]+")
_PAIRS: Mapping[str, str] = {**ENGLISH_PAIRS, **PHRASES}
_PAIR = re.compile(r"\b(" + "|".join(re.escape(pair) for pair in _PAIRS) + r")\b")
THRESHOLD = 3.0  # BM25+ score below which there is no answer (tuned on tests/qa/dev.tsv: benchmarks/qa.py)
MIN_COVERAGE = 0.5  # share of the question's content words the knowledge base knows (dev set)
SINGLE_WEIGHT = 1.0  # how much the closest single way of asking counts beside the entry's (dev set)
OTHERS = 2  # entries offered after a 👎: with the answer, the right one is among three 98.6% of the time


@dataclass(frozen=True)
class Match:
    """The best entry for a question (`topic`: its key), how sure, and whether that is sure enough."""

    topic: str | None
    score: float
    coverage: float
    # The next entries the question is close to (best first): offered when the answer did not help.
    others: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        """Tell whether the match is good enough to answer with."""
        return self.topic is not None and self.score >= THRESHOLD and self.coverage >= MIN_COVERAGE


@cache
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@cache
def _stem(word: str) -> str:
    if word in STEMS:
        return STEMS[word]
    return str(_stemmer().stem(word))  # type: ignore[attr-defined]


def spelled(text: str) -> list[str]:
    """Return the words of a text as the knowledge base spells them (slang, English, regional words)."""
    text = _PAIR.sub(lambda pair: _PAIRS[pair.group(1)], text.lower())
    return [word for raw in _WORD.findall(text) for word in _spelling(raw).split()]


def _spelling(raw: str) -> str:
    if raw in SPELLINGS:
        return SPELLINGS[raw]
    if raw.endswith("nye") and len(raw) > 5:  # Betawi "caranye", "iurannye": "-nya"
        return SPELLINGS.get(raw[:-3] + "nya", raw[:-3] + "nya")
    return raw


def words(text: str) -> list[str]:
    """Return the normalised, stemmed content words of a text."""
    return [_content(word) for word in spelled(text) if word not in STOPWORDS]


@cache
def _content(word: str) -> str:
    """The stem of a word; Jakarta's "-in" ("daftarin", "dicairin") read as the word it is added to."""
    if word.isdigit():
        return word
    stem = _stem(word)
    if stem in TRADES:  # "bertani", "berjualan", "pedagangnya"
        return TRADE
    if (synonym := _one_word(SYNONYMS.get(stem))) is not None:  # "langkahnya": the stem's synonym
        return _stem(synonym)
    if word.endswith("in") and len(word) > 5 and (bare := _stem(word[:-2])) in _anchors():
        return bare
    return stem


def _one_word(spelling: str | None) -> str | None:
    """A table's spelling when it is one word (one stem may stand for it), else None."""
    return spelling if spelling is not None and " " not in spelling else None


# Javanese "-e" / "-ne" ("iurane", "statuse"), Sundanese "-na" ("klaimna"), Betawi "-nye": all "-nya".
_POSSESSIVE = ("nya", "nye", "ne", "na", "e")


@cache
def _variants(word: str) -> tuple[str, ...]:
    """The word without a regional "-nya" ending, and with Betawi "-e" for "-a" ("berape", "kerje")."""
    bare = [word[: -len(end)] for end in _POSSESSIVE if word.endswith(end) and len(word) - len(end) > 2]
    # A regional word with its ending ("sedane", "gaweane"): the word it spells, then its stem.
    found = [_stem(_one_word(SPELLINGS.get(b)) or b) for b in bare]
    if word.endswith("e"):
        found.append(_stem(word[:-1] + "a"))
    return tuple(found)


@cache
def _anchors() -> frozenset[str]:
    return frozenset(_stem(word) for word in ANCHORS) | ANCHORS


_NAMES_A_BENEFIT = STRONG | EVENTS


def off_topic(text: str) -> bool:
    """Tell whether a question is about something else (loans, games, shopping), unless it names a benefit.

    A death or an accident named beside the off-topic word counts as naming one ("tersengat listrik").
    """
    said = spelled(text)
    return any(word in OFF_TOPIC for word in said) and not any(word in _NAMES_A_BENEFIT for word in said)


NOT_A_BENEFIT = "-"  # the key of the examples of off-topic questions, ranked beside the entries


class Matcher:
    """BM25+ over the knowledge base's entries: all their ways of asking, and the closest one.

    `off_topic` are questions that are not benefit questions, ranked as one more entry: a question closest
    to them is not answered ("cara buka rekening bank" shares words with entries, but is someone else's).
    """

    def __init__(self, paraphrases: Mapping[str, Iterable[str]], off_topic: Iterable[str] = ()) -> None:
        examples = tuple(off_topic)
        paraphrases = {**paraphrases, NOT_A_BENEFIT: examples} if examples else dict(paraphrases)
        self.keys = list(paraphrases)
        asked = [[words(text) for text in texts] for texts in paraphrases.values()]
        documents = [[word for text in texts for word in text] for texts in asked]
        self.vocabulary = sorted({word for document in documents for word in document})
        self.known = frozenset(self.vocabulary)
        self.index = BM25Plus(documents)
        # Each way of asking on its own too: a question close to one of them counts, however many others
        # the entry has.
        self.owner = numpy.array([index for index, texts in enumerate(asked) for _ in texts])
        self.single = BM25Plus([text or ["-"] for texts in asked for text in texts])

    def _correct(self, word: str) -> str | None:
        if word in self.known:
            return word
        if len(word) < 4 or word.isdigit():
            return None
        known = next((variant for variant in _variants(word) if variant in self.known), None)
        if known is not None:
            return known
        found = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=84)
        if found is None or abs(len(found[0]) - len(word)) > 2:
            return None
        return str(found[0])

    def match(self, text: str) -> Match:
        """Return the best entry for `text`."""
        asked = words(text)
        if not asked or off_topic(text):
            return Match(None, 0.0, 0.0)
        corrected = [c for word in asked if (c := self._correct(word)) is not None]
        coverage = len(corrected) / len(asked)
        corrected = list(dict.fromkeys(corrected))  # a word said twice in a story is not twice the evidence
        if not corrected or _anchors().isdisjoint(corrected):
            return Match(None, 0.0, coverage)
        scores = self.index.get_scores(corrected)
        closest = numpy.zeros(len(self.keys))
        numpy.maximum.at(closest, self.owner, self.single.get_scores(corrected))
        return self.pick(asked, scores + SINGLE_WEIGHT * closest, coverage)

    def pick(self, asked: list[str], scores: numpy.ndarray, coverage: float) -> Match:
        """Choose the entry by its BM25+ score (`benchmarks/qa.py` compares other ways to rank)."""
        ranked = [int(index) for index in numpy.argsort(-scores, kind="stable")]
        best = ranked[0]
        if self.keys[best] == NOT_A_BENEFIT:
            return Match(None, float(scores[best]), coverage)
        others = tuple(
            self.keys[index]
            for index in ranked[1:]
            if self.keys[index] != NOT_A_BENEFIT and scores[index] >= THRESHOLD
        )[:OTHERS]
        return Match(self.keys[best], float(scores[best]), coverage, others)
