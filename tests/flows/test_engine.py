"""The engine and flows without Telegram or a database: sessions round-trip through JSON at every step."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum

import pytest

from bot.flows import language
from bot.flows.base import ChoiceMade, CommandReceived, Event, FlowContext, Say, Step, TextReceived
from bot.flows.engine import Engine, InvalidTransition, Session
from bot.flows.registry import FLOWS, InvalidFlowDefinition, validate

CTX = FlowContext(now=datetime(2026, 11, 21, 10, 0, tzinfo=UTC))


class Transcript:
    """A conversation with the engine; the session goes through JSON after every turn, as in storage."""

    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine or Engine(FLOWS)
        self.session = Session()
        self.said: list[str] = []

    def user(self, event: Event) -> list[str]:
        outcome = self.engine.handle(self.session, event, CTX)
        raw = json.loads(
            json.dumps(
                {
                    "flow": outcome.session.flow,
                    "state": outcome.session.state,
                    "data": outcome.session.data,
                    "language": outcome.session.language,
                    "drafts": outcome.session.drafts,
                }
            )
        )
        self.session = Session(**raw)
        self.said = [r.text for r in outcome.replies if isinstance(r, Say)]
        return self.said


def test_language_is_switched_and_the_menu_follows() -> None:
    chat = Transcript()
    assert chat.user(CommandReceived("bahasa")) == [language.QUESTION]
    assert chat.session.state == "ask_language"
    chat.user(ChoiceMade("en"))
    assert chat.session.language == "en"
    assert (chat.session.flow, chat.session.state) == ("menu", "menu")


def test_a_wrong_answer_reasks_without_changing_the_session() -> None:
    chat = Transcript()
    chat.user(CommandReceived("bahasa"))
    before = chat.session
    said = chat.user(TextReceived("Jawa"))
    assert said == ["Mohon pilih salah satu tombol di bawah, ya.", language.QUESTION]
    assert chat.session == before


def test_an_undeclared_transition_is_refused() -> None:
    class Rogue(language.LanguageFlow):
        name = "language"

        def handle(self, state: StrEnum, data, event, ctx) -> Step:
            return (
                Step(language.LanguageState.ASK_LANGUAGE, data)
                if state == "done"
                else Step(language.LanguageState.DONE, data)
            )

    rogue = Rogue()
    rogue.edges = {language.LanguageState.ASK_LANGUAGE: frozenset(), language.LanguageState.DONE: frozenset()}
    chat = Transcript(Engine({**FLOWS, "language": rogue}))
    chat.user(CommandReceived("bahasa"))
    with pytest.raises(InvalidTransition):
        chat.user(ChoiceMade("en"))


def test_a_broken_graph_fails_at_definition_time() -> None:
    flow = language.LanguageFlow()
    flow.edges = {language.LanguageState.ASK_LANGUAGE: frozenset(), language.LanguageState.DONE: frozenset()}
    with pytest.raises(InvalidFlowDefinition, match="unreachable"):
        validate(flow)
    stuck = replace_edges(language.LanguageState.DONE, frozenset({language.LanguageState.ASK_LANGUAGE}))
    stuck.terminals = frozenset()
    with pytest.raises(InvalidFlowDefinition, match="never reach an end"):
        validate(stuck)


def replace_edges(state: StrEnum, targets: frozenset) -> language.LanguageFlow:
    flow = language.LanguageFlow()
    flow.edges = {**language.LanguageFlow.edges, state: targets}
    return flow


def test_every_registered_flow_is_valid() -> None:
    for flow in FLOWS.values():
        validate(flow)
    assert set(FLOWS) == {"menu", "language", "enrollment", "privacy", "payments", "stop"}
