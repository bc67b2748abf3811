"""Add labelled questions to the knowledge base: each to its entry's `asks`, or to `off_topic.txt` for "-".

    .venv/bin/python scripts/add_asks.py FILE.tsv [--knowledge DIR]

FILE.tsv holds `question<TAB>entry key` lines (`#` for comments), the format of tests/qa/dev.tsv and of
`bpu-bot qa missed --tsv`: what the field asked, reviewed by someone who knows the answers, goes into the
topic files it belongs to. Comments and layout of the files are kept; a question the entry already has is
skipped; an unknown key stops everything before a file is written, and the knowledge base is loaded again
afterwards, so a file that no longer validates is reported at once. Never feed it a held-out set
(tests/qa/test_heldout_frozen.py; README, "Benefit answers: how they are measured").
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.flows.knowledge import DIRECTORY, OFF_TOPIC_FILE, load  # noqa: E402

OFF_TOPIC_KEY = "-"


@dataclass(frozen=True)
class Added:
    """What a run added and skipped."""

    asks: int
    off_topic: int
    skipped: int


def _same(text: str) -> str:
    return " ".join(text.lower().split())


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """The (question, key) lines of a labelled file."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{path.name}:{number}: expected question<TAB>entry key")
        rows.append((" ".join(parts[0].split()), parts[1].strip()))
    return rows


def _insert(text: str, key: str, questions: list[str]) -> str:
    """`text` (a topic file) with `questions` appended to the `asks` of the entry `key`."""
    lines = text.split("\n")
    start = lines.index(f'key = "{key}"')
    end = next((i for i in range(start, len(lines)) if lines[i] == "[[entries]]"), len(lines))
    added = [f"  {json.dumps(question, ensure_ascii=False)}," for question in questions]
    opening = next(i for i in range(start, end) if lines[i].startswith("asks = ["))  # load() checked
    if lines[opening].rstrip().endswith("]"):  # asks = ["one", "two", "three"] on one line
        items = lines[opening].rstrip()[:-1].rstrip().rstrip(",")
        return "\n".join([*lines[:opening], items + ",", *added, "]", *lines[opening + 1 :]])
    closing = next(i for i in range(opening, end) if lines[i] == "]")
    return "\n".join(lines[:closing] + added + lines[closing:])


def add(rows: list[tuple[str, str]], directory: Path = DIRECTORY) -> Added:
    """Append `rows` to the topic files and `off_topic.txt` in `directory`; validate by loading again."""
    knowledge = load(directory)
    entries = {entry.key: entry for entry in knowledge.entries}
    # A key an entry took over when entries were merged names that entry (labels written before the merge).
    rows = [(question, key if key == OFF_TOPIC_KEY else knowledge.canonical(key)) for question, key in rows]
    unknown = sorted({key for _, key in rows if key != OFF_TOPIC_KEY and key not in entries})
    if unknown:
        raise ValueError(f"no such entries: {', '.join(unknown)}")
    # A question the knowledge base already holds, under this entry or another, is not added again: one
    # question under two entries would make the matcher choose between them by chance.
    known = {_same(t) for e in entries.values() for t in (e.question, *e.asks)}
    known |= {_same(t) for t in knowledge.off_topic}
    new: dict[str, list[str]] = {}
    skipped = 0
    for question, key in rows:
        if _same(question) in known:
            skipped += 1
            continue
        known.add(_same(question))
        new.setdefault(key, []).append(question)
    for key, questions in new.items():
        if key == OFF_TOPIC_KEY:
            path = directory / OFF_TOPIC_FILE
            before = path.read_text(encoding="utf-8") if path.exists() else ""
            path.write_text(before + "".join(f"{q}\n" for q in questions), encoding="utf-8")
            continue
        path = directory / f"{entries[key].topic}.toml"
        path.write_text(_insert(path.read_text(encoding="utf-8"), key, questions), encoding="utf-8")
    load(directory)
    asks = sum(len(questions) for key, questions in new.items() if key != OFF_TOPIC_KEY)
    return Added(asks, len(new.get(OFF_TOPIC_KEY, ())), skipped)


def main() -> None:
    """Add the file's questions and print what was added."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--knowledge", type=Path, default=DIRECTORY, help="the knowledge base's folder")
    args = parser.parse_args()
    added = add(read_labelled(args.file), args.knowledge)
    print(f"added {added.asks} ways of asking, {added.off_topic} off-topic questions; {added.skipped} known")


if __name__ == "__main__":
    main()
