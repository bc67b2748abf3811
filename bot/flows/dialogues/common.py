"""What every sub-dialogue shares: typed answers, one-question sub-dialogues, their buttons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.flows.base import (
    N_,
    Event,
    Param,
    Say,
    TextReceived,
)
from bot.flows.kit import (
    Flow,
    Invalid,
    Question,
)

TYPE_IT = N_("Untuk pertanyaan ini, mohon ketik jawabannya, ya.")
SKIP = N_("Lewati")
NEXT_BUTTON = N_("Lanjut")


def typed(event: Event) -> str | Invalid:
    """Return typed text, or ask for typing when something else came."""
    if isinstance(event, TextReceived):
        return event.text.strip()
    return Invalid(TYPE_IT)


def refused(texts: Mapping[Any, str], problem: Any, **params: Param) -> Invalid:
    """Return the explanation `texts` give for `problem`, with its parameters."""
    return Invalid(texts[problem], params)


# --- A sub-dialogue of one typed question ----------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """The value of a one-question sub-dialogue."""

    value: str | None = None


def one_question(name: str, question: Question[Typed, Any]) -> Flow[Typed]:
    """Return a sub-dialogue that asks `question` and returns what was read."""
    return Flow(name, Typed, (question,), returns=lambda data: data.value)


def ask_text(text: str) -> Any:
    """Return an `ask` that says `text`."""
    return lambda _data, _ctx: Say(text)
