"""One turn of the whole conversation: global commands, then the current flow (or sub-dialogue).

Pure like the flows: a `Session` and an event in, the next `Session`, replies and effects out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.domain.agents import bind_token
from bot.domain.intents import is_back_request
from bot.domain.sponsors import link_code
from bot.flows.base import (
    CANNOT_READ,
    N_,
    STALE_BUTTON,
    TOO_LONG,
    CommandReceived,
    DiscardDrafts,
    Event,
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
from bot.flows.kit import HOME, Flow
from bot.flows.routes import Routes

MAX_TEXT_LENGTH = 1000
SPONSORED = "sponsor"  # the command of the flow a sponsor's link starts
AGENT = "agen"  # the command of the flow an agent's one-time link starts
NO_EARLIER_QUESTION = N_("Ini pertanyaan pertama, jadi tidak ada pertanyaan sebelumnya.")
NOT_YET = N_("Maaf, fitur ini belum tersedia di bot ini. Silakan pilih menu lain.")
UNKNOWN_COMMAND = N_("Perintah itu tidak saya kenal. Ketik /bantuan untuk daftar perintah.")


@dataclass(frozen=True)
class Frame:
    """A flow waiting for the sub-dialogue it called: its name, the calling state and its data."""

    flow: str
    state: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Session:
    """Where one chat stands: the active flow, its state and data, and the callers below it.

    Also the language, and the saved drafts of flows left unfinished.
    """

    flow: str = HOME
    state: str = HOME
    data: Mapping[str, Any] = field(default_factory=dict)
    language: str = "id"
    drafts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    stack: tuple[Frame, ...] = ()

    @property
    def root(self) -> str:
        """Return the flow the user started (below any sub-dialogue)."""
        return self.stack[0].flow if self.stack else self.flow


@dataclass(frozen=True)
class Outcome:
    """The result of one turn."""

    session: Session
    replies: tuple[Reply, ...]
    effects: tuple[Any, ...]


class Engine:
    """Route events: global commands first, then the active flow."""

    def __init__(self, flows: Mapping[str, Flow[Any]]) -> None:
        self.flows = flows
        self.routes = Routes.of(flows)

    def handle(self, session: Session, event: Event, ctx: FlowContext) -> Outcome:
        """Run one user event through the conversation."""
        ctx = replace(ctx, language=session.language)
        if not self._known(session):
            # Stored by an older version whose flow or state no longer exists: home, drafts kept.
            session = replace(session, flow=HOME, state=HOME, data={}, stack=())
        match event:
            case CommandReceived(name="start", args=args) if (code := link_code(args)) is not None:
                # A sponsor's link (t.me/<bot>?start=sp-CODE): enrolment paid by that programme.
                return self._enter(self._park(session), f"{SPONSORED}#{code}", ctx)
            case CommandReceived(name="start", args=args) if (token := bind_token(args)) is not None:
                # An agent's one-time link (t.me/<bot>?start=ag-TOKEN): this chat becomes the agent's.
                return self._enter(self._park(session), f"{AGENT}#{token}", ctx)
            case CommandReceived(name="start"):
                return self._enter(self._park(session), HOME, ctx)
            case CommandReceived(name="batal"):
                before = (Say(self.routes.cancelled(session.root)),) if session.root != HOME else ()
                return self._enter(self._park(session), HOME, ctx, before, greet=False)
            case CommandReceived(name="bantuan"):
                return self._reprompt(session, ctx, self.routes.help())
            case TextReceived(text=text) if session.flow != HOME and is_back_request(text):
                return self._back(session, ctx)
            case CommandReceived(name=name) if (started := self.routes.command(name)) is not None:
                return self._enter(self._park(session), started, ctx)
            case TextReceived(text=text) if (started := self.routes.word(text)) is not None:
                return self._enter(self._park(session), started, ctx)
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
        return self._follow(session, flow, flow.handle(session.state, session.data, event, ctx), ctx)

    def _back(self, session: Session, ctx: FlowContext) -> Outcome:
        """Go to the question before this one: in this flow, or, at a sub-dialogue's first, in its caller."""
        flow = self.flows[session.flow]
        step = flow.back(session.state, session.data, ctx)
        if step is not None:
            return self._follow(session, flow, step, ctx)
        if session.stack:
            caller = session.stack[-1]
            parent = self.flows[caller.flow]
            step = parent.back(caller.state, caller.data, ctx)
            if step is not None:
                popped = replace(
                    session, flow=caller.flow, state=caller.state, data=caller.data, stack=session.stack[:-1]
                )
                return self._follow(popped, parent, step, ctx)
        return self._reprompt(session, ctx, Say(NO_EARLIER_QUESTION))

    def _known(self, session: Session) -> bool:
        frames = (*session.stack, Frame(session.flow, session.state, session.data))
        return all(f.flow in self.flows and f.state in self.flows[f.flow].states for f in frames)

    def _follow(
        self, session: Session, flow: Flow[Any], step: Step, ctx: FlowContext, before: tuple[Reply, ...] = ()
    ) -> Outcome:
        """Apply a step: session effects, then calling, returning, finishing or switching flows."""
        effects = tuple(e for e in step.effects if not isinstance(e, SetLanguage | DiscardDrafts))
        for effect in step.effects:
            if isinstance(effect, SetLanguage):
                session = replace(session, language=effect.language)
                ctx = replace(ctx, language=effect.language)
            elif isinstance(effect, DiscardDrafts):
                session = replace(session, drafts={})
        replies = (*before, *step.replies)
        drafts = {k: v for k, v in session.drafts.items() if k != session.root and k != flow.name}
        session = replace(session, flow=flow.name, state=step.state, data=step.data, drafts=drafts)
        follow_up: Outcome | None = None
        if step.finished:
            home = replace(session, stack=())
            follow_up = self._enter(home, HOME, ctx, greet=False)
        elif step.switch_to is not None:
            follow_up = self._enter(replace(session, stack=()), step.switch_to, ctx)
        elif step.call is not None:
            callee = self.flows[step.call.flow]
            caller = Frame(flow.name, step.state, step.data)
            called = replace(session, stack=(*session.stack, caller))
            follow_up = self._follow(called, callee, callee.start(step.call.data, ctx), ctx)
        elif step.returns:
            if not session.stack:
                raise RuntimeError(f"{flow.name} returned, but nothing called it")
            caller = session.stack[-1]
            parent = self.flows[caller.flow]
            popped = replace(session, stack=session.stack[:-1])
            follow_up = self._follow(
                popped, parent, parent.resume(caller.state, caller.data, step.value, ctx), ctx
            )
        if follow_up is not None:
            return Outcome(follow_up.session, replies + follow_up.replies, effects + follow_up.effects)
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
        """Start flow `name`, or `name#entry` to begin it somewhere particular (or say it is not built)."""
        session = replace(session, stack=())
        name, _, entry = name.partition("#")
        name = self.routes.resolve(name) or name
        if "#" in name:  # a typed request that begins somewhere particular ("meninggal" → claims#death)
            name, _, entry = name.partition("#")
        if name not in self.flows:
            return self._enter(session, HOME, ctx, (*before, Say(NOT_YET)), greet=False)
        flow = self.flows[name]
        if name == HOME and not greet:
            step = Step(HOME, {}, flow.prompt(HOME, {}, ctx))
        else:
            draft = session.drafts.get(name)
            step = flow.start(draft["data"] if draft else None, ctx, entry or None)
        return self._follow(session, flow, step, ctx, before)

    def _park(self, session: Session) -> Session:
        """Keep the data of the flow being left (below any sub-dialogue), so it can be continued later."""
        root = session.stack[0] if session.stack else Frame(session.flow, session.state, session.data)
        if root.flow == HOME or not root.data:
            return replace(session, stack=())
        drafts = {**session.drafts, root.flow: {"state": root.state, "data": dict(root.data)}}
        # Left for the menu: the flow it was in must not count as the one being followed (whose draft is
        # dropped when it goes on), or a /batal at a top-level question would lose the answers.
        return replace(session, flow=HOME, state=HOME, data={}, drafts=drafts, stack=())

    def _reprompt(self, session: Session, ctx: FlowContext, *before: Reply) -> Outcome:
        """Say `before`, then the current question again; nothing else changes."""
        prompt = self.flows[session.flow].prompt(session.state, session.data, ctx)
        return Outcome(session, (*before, *prompt), ())
