"""Choosing the language the bot speaks to this user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.flows.base import N_, Choice, FlowContext, Say, SetLanguage
from bot.flows.kit import FINISH, Act, Entry, Flow, Go, Screen, buttons

LANGUAGES: Mapping[str, str] = {"id": N_("Bahasa Indonesia"), "en": N_("English")}
QUESTION = N_("Pilih bahasa / Choose your language:")
CHANGED = N_("Baik, saya akan memakai Bahasa Indonesia.")
ASK_LANGUAGE = "ask_language"


@dataclass(frozen=True)
class Nothing:
    """Choosing a language collects nothing."""


def ask_language(_data: Nothing, _ctx: FlowContext) -> Say:
    """Offer one button per language."""
    return Say(QUESTION, choices=tuple(Choice(code, label) for code, label in LANGUAGES.items()))


def _switch(code: str) -> Act:
    # CHANGED is rendered after SetLanguage applies, so it comes out in the new language.
    return lambda data, _ctx: Go(FINISH, data, (Say(CHANGED),), (SetLanguage(code),))


choose_language = buttons(ASK_LANGUAGE, {code: _switch(code) for code in LANGUAGES})
ENTRY = Entry(
    command="bahasa",
    describe=N_("Ganti bahasa"),
    position=70,
    button=N_("Bahasa / Language"),
    help=N_("ganti bahasa"),
    cancelled=N_("Baik, dibatalkan. Bahasa tidak berubah."),
)

FLOW = Flow(
    "language",
    Nothing,
    (Screen(ASK_LANGUAGE, ask=ask_language, handle=choose_language, targets=(FINISH,)),),
    entry=ENTRY,
)
