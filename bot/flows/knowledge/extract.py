"""Babel extraction of the knowledge base's texts: topic labels, entries' answers and questions are msgids.

Registered in `babel.cfg`, so `scripts/update_catalogs.py` puts an operator's new entry into both
catalogs and `tests/test_catalogs.py` asks for its English translation.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterator, Mapping
from typing import Any, BinaryIO

Extracted = tuple[int, str | None, str, list[str]]


def _line_of(source: str, text: str) -> int:
    """The line where `text` begins in the file (1 when it cannot be found: line numbers are not kept)."""
    index = source.find(text[:30])
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def extract(
    fileobj: BinaryIO,
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the label, the answers and the questions of one topic file, as Babel's extraction asks."""
    source = fileobj.read().decode("utf-8")
    raw = tomllib.loads(source)
    label = raw.get("label")
    if isinstance(label, str):
        yield _line_of(source, label), None, label, []
    for entry in raw.get("entries", ()):
        answer = " ".join(str(entry.get("answer", "")).split())
        key = str(entry.get("key", ""))
        if answer:
            yield _line_of(source, key), None, answer, [f"knowledge: {key}"]
        question = " ".join(str(entry.get("question", "")).split())
        if question:  # a button when an answer did not help ("Mungkin maksud Anda ...")
            yield _line_of(source, key), None, question, [f"knowledge question: {key}"]
