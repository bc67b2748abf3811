"""One turn of the whole conversation: global commands, then the current flow.

Pure like the flows: a `Session` and an event in, the next `Session`, replies and effects out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.flows import menu
from bot.flows.base import (
    CANNOT_READ,
    N_,
    STALE_BUTTON,
    TOO_LONG,
    CommandReceived,
    DiscardDrafts,
    Event,
    Flow,
    FlowContext,
    Reply,
    Resumed,
    Say,
    SetLanguage,
    StaleChoice,
    Step,
    TextReceived,
    Unsupported,
)

MAX_TEXT_LENGTH = 1000
# Commands that start a flow: the menu's items, plus /berhenti (and a plain "STOP") for reminders off.
COMMAND_FLOWS: Mapping[str, str | None] = {**menu.FLOW_BY_KEY, "berhenti": "stop"}
CANCELLED = N_("Baik, langkah tadi dibatalkan. Jawaban yang sudah Anda berikan tetap tersimpan.")
NOT_YET = N_("Maaf, fitur ini belum tersedia di bot ini. Silakan pilih menu lain.")
UNKNOWN_COMMAND = N_("Perintah itu tidak saya kenal. Ketik /bantuan untuk daftar perintah.")


class InvalidTransition(Exception):
    """A flow moved along an edge its declared graph does not have."""


@dataclass(frozen=True)
class Session:
    """Where one chat stands: the active flow, its state and data, the language, and saved drafts."""

    flow: str = menu.FLOW.name
    state: str = menu.MenuState.MENU.value
    data: Mapping[str, Any] = field(default_factory=dict)
    language: str = "id"
    drafts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """The result of one turn."""

    session: Session
    replies: tuple[Reply, ...]
    effects: tuple[Any, ...]


class Engine:
    """Route events: global commands first, then the active flow."""

    def __init__(self, flows: Mapping[str, Flow]) -> None:
        self.flows = flows

    def handle(self, session: Session, event: Event, ctx: FlowContext) -> Outcome:
        """Run one user event through the conversation."""
        ctx = replace(ctx, language=session.language)
        match event:
            case CommandReceived(name="start"):
                return self._enter(session, menu.FLOW.name, ctx)
            case CommandReceived(name="batal"):
                before = (Say(CANCELLED),) if session.flow != menu.FLOW.name else ()
                return self._enter(self._park(session), menu.FLOW.name, ctx, before, greet=False)
            case CommandReceived(name="bantuan"):
                return self._reprompt(session, ctx, Say(menu.HELP))
            case CommandReceived(name=name) if name in COMMAND_FLOWS:
                return self._enter(self._park(session), COMMAND_FLOWS[name] or menu.FLOW.name, ctx)
            case TextReceived(text=text) if text.strip().upper() == "STOP":
                return self._enter(self._park(session), COMMAND_FLOWS["berhenti"] or menu.FLOW.name, ctx)
            case CommandReceived():
                return self._reprompt(session, ctx, Say(UNKNOWN_COMMAND))
            case StaleChoice():
                return self._reprompt(session, ctx, Say(STALE_BUTTON))
            case Unsupported():
                return self._reprompt(session, ctx, Say(CANNOT_READ))
            case TextReceived(text=text) if len(text) > MAX_TEXT_LENGTH:
                return self._reprompt(session, ctx, Say(TOO_LONG))
            case Resumed():
                return self._reprompt(session, ctx)
        flow = self.flows[session.flow]
        state = flow.states(session.state)
        step = flow.handle(state, flow.data_type.from_json(session.data), event, ctx)
        if step.state != state and step.state not in flow.edges[state]:
            raise InvalidTransition(f"{flow.name}: {state} -> {step.state}")
        return self._follow(session, flow, step, ctx)

    def _follow(
        self, session: Session, flow: Flow, step: Step, ctx: FlowContext, before: tuple = ()
    ) -> Outcome:
        """Apply a step: session effects, then finishing or switching flows."""
        effects = tuple(e for e in step.effects if not isinstance(e, SetLanguage | DiscardDrafts))
        for effect in step.effects:
            if isinstance(effect, SetLanguage):
                session = replace(session, language=effect.language)
            elif isinstance(effect, DiscardDrafts):
                session = replace(session, drafts={})
        replies = (*before, *step.replies)
        drafts = {k: v for k, v in session.drafts.items() if k != flow.name}
        session = replace(
            session, flow=flow.name, state=step.state.value, data=step.data.to_json(), drafts=drafts
        )
        if step.finished:
            home = self._enter(session, menu.FLOW.name, replace(ctx, language=session.language), greet=False)
            return Outcome(home.session, replies + home.replies, effects + home.effects)
        if step.switch_to is not None:
            nxt = self._enter(session, step.switch_to, ctx)
            return Outcome(nxt.session, replies + nxt.replies, effects + nxt.effects)
        return Outcome(session, replies, effects)

    def _enter(
        self,
        session: Session,
        name: str,
        ctx: FlowContext,
        before: tuple[Reply, ...] = (),
        *,
        greet: bool = True,
    ) -> Outcome:
        """Start flow `name` (or say honestly that it is not built and show the menu)."""
        if name not in self.flows:
            return self._enter(session, menu.FLOW.name, ctx, (*before, Say(NOT_YET)), greet=False)
        flow = self.flows[name]
        if name == menu.FLOW.name and not greet:
            step = Step(flow.initial, flow.data_type(), flow.prompt(flow.initial, flow.data_type(), ctx))
        else:
            draft = session.drafts.get(name)
            data = flow.data_type.from_json(draft["data"]) if draft else flow.data_type()
            step = flow.start(data, ctx)
        return self._follow(session, flow, step, ctx, before)

    def _park(self, session: Session) -> Session:
        """Keep the data of the flow being left, so the user can continue it later."""
        if session.flow == menu.FLOW.name or not session.data:
            return session
        drafts = {**session.drafts, session.flow: {"state": session.state, "data": dict(session.data)}}
        return replace(session, drafts=drafts)

    def _reprompt(self, session: Session, ctx: FlowContext, *before: Reply) -> Outcome:
        """Say `before`, then the current question again; nothing else changes."""
        flow = self.flows[session.flow]
        state = flow.states(session.state)
        prompt = flow.prompt(state, flow.data_type.from_json(session.data), ctx)
        return Outcome(session, (*before, *prompt), ())
