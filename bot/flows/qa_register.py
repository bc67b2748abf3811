"""What the benefit questions flow asks of storage: record a question (masked), rate an answer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordQuestion:
    """Keep a question as asked (personal numbers already masked), with what it was matched to."""

    text: str
    topic: str | None
    score: float
    answered: bool
    language: str
    corrects: int | None = None  # the question whose answer missed, when this is the entry chosen instead


@dataclass(frozen=True)
class RedactQuestion:
    """Mask the number a kept question ended with: the next message held the rest of it."""

    question_id: int


@dataclass(frozen=True)
class RateAnswer:
    """Record whether an answer helped."""

    question_id: int
    useful: bool


@dataclass(frozen=True)
class QuestionRecorded:
    """Answer to `RecordQuestion`."""

    question_id: int


@dataclass(frozen=True)
class AnswerRated:
    """Answer to `RateAnswer`."""
