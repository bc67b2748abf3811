"""The benefit knowledge base: facts, one entry per question a worker or an heir asks, in topic files.

Each `<topic>.toml` here holds a topic (its button label and order) and its entries: the broad answer (the
entry whose key is the topic's) and one entry per fact, each with the question it answers, a short answer
(a msgid: `scripts/update_catalogs.py` extracts it with `bot/flows/knowledge/extract.py`, so it is translated
like every other text), its source, and the ways people ask it (`asks`, for the matcher). Figures are
parameters filled from `Rules` (`PARAMETERS`), never typed into an answer.

An operator adds an entry by adding a `[[entries]]` block to a topic file; the files are validated when
loaded, and a mistake names the file and the entry (`KnowledgeError`). The matcher is not touched.
Questions the field asked, labelled (`bpu-bot qa missed --tsv`), are added to their entries' `asks` by
`scripts/add_asks.py`.

`off_topic.txt` holds questions that are not benefit questions (one a line, `#` for comments): other
programmes, banks, ojol accounts, shopping. The matcher ranks them as one more entry, and a question closest
to them gets the honest fallback: an operator who sees a question wrongly answered adds it there.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DIRECTORY = Path(__file__).parent
OFF_TOPIC_FILE = "off_topic.txt"
ANSWER_LIMIT = 400  # characters of a fact's answer with its figures filled (tests/flows/test_knowledge.py)
BROAD_LIMIT = 600  # a topic's broad paragraph: one message (tests/flows/test_message_length.py)
# What an entry's answer may name, each filled by `bot/flows/answer_figures.py::answer_params` from the rules.
PARAMETERS = frozenset((
    "jkk_death", "jkm_full", "jkm_lump", "jkm_periodic", "jkm_funeral", "jkm_early", "jkm_full_after",
    "jht_rate", "children", "sd", "smp", "sma", "college", "max", "per_child_max", "min_income",
    "max_income", "jkk_rate", "jkm_flat", "cheapest", "cheapest_normal", "jkk_cheapest", "jht_cheapest",
    "cheapest_jht_normal", "jkk_highest", "jht_highest", "highest", "discount", "transport_until",
    "other_until", "months", "min_age", "max_age", "jkm_sla", "jkk_sla", "due_day", "pay_ahead",
    "max_jobs", "number_days", "card_days", "card_handover_days", "change_days", "suspected_days",
    "stmb_months", "stmb_later", "disability_base", "total_disability", "disability_periodic",
    "home_care", "home_care_months", "transport_land", "transport_sea", "transport_air", "glasses",
    "dentures", "hearing", "jkk_claim_years", "late_penalty", "sudden_months", "jht_age",
    "jht_wait_months", "jht_partial_years", "jht_cash_share", "jht_house_share", "npwp_from",
    "scholarship_years", "scholarship_age", "scholarship_late_years",
))  # fmt: skip
# Own figures that follow an answer for a registered worker (`bot/flows/benefits.py::entry_answer`).
OWN_FIGURES = frozenset({"iuran", "status", "jkm"})


class KnowledgeError(ValueError):
    """A topic file that cannot be loaded, with the file and the entry at fault."""


@dataclass(frozen=True)
class Entry:
    """One fact: the question it answers, the answer (a msgid), its source, and how people ask it."""

    key: str
    topic: str
    question: str
    answer: str
    source: str
    asks: tuple[str, ...]
    own: str | None = None
    aliases: tuple[str, ...] = ()  # keys this fact was known by (merged or renamed entries)

    @property
    def broad(self) -> bool:
        """Tell whether this is the topic's broad answer (the topic button's)."""
        return self.key == self.topic


@dataclass(frozen=True)
class Topic:
    """A topic button and its entries, the broad one first."""

    key: str
    label: str
    order: int
    entries: tuple[Entry, ...]

    @property
    def answer(self) -> str:
        """The broad answer, given for the topic button."""
        return self.entries[0].answer


@dataclass(frozen=True)
class KnowledgeBase:
    """Every topic and entry, validated."""

    topics: tuple[Topic, ...]
    off_topic: tuple[str, ...] = ()  # questions that are not benefit questions (`off_topic.txt`)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, topic by topic."""
        return tuple(entry for topic in self.topics for entry in topic.entries)

    def canonical(self, key: str) -> str:
        """The key of the entry known as `key` (itself, or the entry that took it as an alias)."""
        return next((entry.key for entry in self.entries if key in entry.aliases), key)

    def paraphrases(self) -> dict[str, tuple[str, ...]]:
        """What the matcher indexes: each entry's question and the ways people ask it."""
        return {entry.key: (entry.question, *entry.asks) for entry in self.entries}


def _text(raw: Mapping[str, Any], field: str, where: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}: `{field}` must be a non-empty text")
    return " ".join(value.split())


def _entry(raw: Any, topic: str, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: an entry must be a table")
    key = _text(raw, "key", where)
    where = f"{where} entry {key}"
    unknown = set(raw) - {"key", "question", "answer", "source", "asks", "own", "aliases"}
    if unknown:
        raise KnowledgeError(f"{where}: unknown fields {sorted(unknown)}")
    if key != topic and not key.startswith(f"{topic}."):
        raise KnowledgeError(f"{where}: the key must be `{topic}` or start with `{topic}.`")
    answer = _text(raw, "answer", where)
    named = {name for _, name, _, _ in string.Formatter().parse(answer) if name is not None}
    if named - PARAMETERS:
        raise KnowledgeError(f"{where}: the answer names unknown figures {sorted(named - PARAMETERS)}")
    limit = BROAD_LIMIT if key == topic else ANSWER_LIMIT
    if len(answer) > limit:
        raise KnowledgeError(f"{where}: the answer has {len(answer)} characters, more than {limit}")
    asks = raw.get("asks")
    if not isinstance(asks, list) or len(asks) < 3 or not all(isinstance(a, str) and a.strip() for a in asks):
        raise KnowledgeError(f"{where}: `asks` must list at least 3 ways people ask it")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise KnowledgeError(f"{where}: `aliases` must list entry keys")
    own = raw.get("own")
    if own is not None and own not in OWN_FIGURES:
        raise KnowledgeError(f"{where}: `own` must be one of {sorted(OWN_FIGURES)}")
    return Entry(
        key=key,
        topic=topic,
        question=_text(raw, "question", where),
        answer=answer,
        source=_text(raw, "source", where),
        asks=tuple(" ".join(a.split()) for a in asks),
        own=own,
        aliases=tuple(aliases),
    )


def _topic(path: Path) -> Topic:
    where = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError(f"{where}: {error}") from error
    key = _text(raw, "topic", where)
    if path.stem != key:
        raise KnowledgeError(f"{where}: the file of topic `{key}` must be named {key}.toml")
    entries = tuple(_entry(item, key, where) for item in raw.get("entries", ()))
    if not entries or not entries[0].broad:
        raise KnowledgeError(f"{where}: the first entry must be the broad one, key `{key}`")
    order = raw.get("order")
    if not isinstance(order, int):
        raise KnowledgeError(f"{where}: `order` must be a whole number")
    return Topic(key, _text(raw, "label", where), order, entries)


def load(directory: Path = DIRECTORY) -> KnowledgeBase:
    """Load and validate every topic file in `directory`."""
    topics = sorted((_topic(path) for path in sorted(directory.glob("*.toml"))), key=lambda t: t.order)
    seen: set[str] = set()
    for entry in (entry for topic in topics for entry in topic.entries):
        for key in (entry.key, *entry.aliases):
            if key in seen:
                raise KnowledgeError(f"{entry.topic}.toml entry {entry.key}: the key {key} is used twice")
            seen.add(key)
    if not topics:
        raise KnowledgeError(f"{directory}: no topic files")
    return KnowledgeBase(tuple(topics), _off_topic(directory / OFF_TOPIC_FILE))


def _off_topic(path: Path) -> tuple[str, ...]:
    """The questions in `path` that are not benefit questions; none when there is no such file."""
    if not path.exists():
        return ()
    lines = (" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines())
    questions = tuple(line for line in lines if line and not line.startswith("#"))
    if "\t" in "".join(questions):
        raise KnowledgeError(f"{path.name}: one question a line, nothing after it")
    return questions


KNOWLEDGE = load()
TOPICS = KNOWLEDGE.topics
TOPIC_BY_KEY = {topic.key: topic for topic in TOPICS}
ENTRY_BY_KEY = {entry.key: entry for entry in KNOWLEDGE.entries}
