"""Choosing the language the bot speaks to this user."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from bot.flows.base import (
    N_,
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    NoData,
    Reply,
    Say,
    SetLanguage,
    Step,
    reask,
)

LANGUAGES: Mapping[str, str] = {"id": N_("Bahasa Indonesia"), "en": N_("English")}
QUESTION = N_("Pilih bahasa / Choose your language:")
CHANGED = N_("Baik, saya akan memakai Bahasa Indonesia.")


class LanguageState(StrEnum):
    """Waiting for a language, then done."""

    ASK_LANGUAGE = "ask_language"
    DONE = "done"


class LanguageFlow:
    """Ask which language to use and remember it."""

    name: ClassVar[str] = "language"
    states: ClassVar[type[StrEnum]] = LanguageState
    initial: ClassVar[StrEnum] = LanguageState.ASK_LANGUAGE
    terminals: ClassVar[frozenset[StrEnum]] = frozenset({LanguageState.DONE})
    edges: ClassVar[Mapping[StrEnum, frozenset[StrEnum]]] = {
        LanguageState.ASK_LANGUAGE: frozenset({LanguageState.DONE}),
        LanguageState.DONE: frozenset(),
    }
    data_type = NoData

    def start(self, data: NoData, ctx: FlowContext) -> Step:
        """Ask for the language."""
        return Step(LanguageState.ASK_LANGUAGE, NoData(), self.prompt(LanguageState.ASK_LANGUAGE, data, ctx))

    def prompt(self, state: StrEnum, data: NoData, ctx: FlowContext) -> tuple[Reply, ...]:
        """Offer one button per language."""
        return (Say(QUESTION, choices=tuple(Choice(code, label) for code, label in LANGUAGES.items())),)

    def handle(self, state: StrEnum, data: NoData, event: Event, ctx: FlowContext) -> Step:
        """Switch language on a valid choice."""
        match event:
            case ChoiceMade(key=code) if code in LANGUAGES:
                # CHANGED is rendered after SetLanguage applies, so it comes out in the new language.
                return Step(
                    LanguageState.DONE, NoData(), (Say(CHANGED),), effects=(SetLanguage(code),), finished=True
                )
        return reask(self, state, data, ctx, USE_BUTTONS)


FLOW = LanguageFlow()
