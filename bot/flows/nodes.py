"""The nodes a flow is declared with; `bot/flows/kit.py` checks their graph and runs them.

* `Question`: one typed (or shared) answer: how it is asked, read (a validator returning the value or an
  `Invalid`), stored (a field name), acknowledged, and where to go next.
* `Choose`: one answer from buttons (a typed answer may be matched to one); each `Option` says where it
  goes, what is said first and what it stores.
* `Consent`: "may I record your data?": agreed (the time is stored), declined (said, then the menu), or
  the details read first.
* `Resume`: "continue where you left off?": back to the question reached, or start again.
* `Call`: a sub-dialogue written once that returns its value to the caller.
* `Screen`: custom code for what is not a plain question (a summary with change buttons, a list); its
  `handle` returns a `Go` to one of its declared `targets`.
* `Action`: an effect the runner performs in the turn's transaction, and the handling of its result.

Node fields after the state are keyword-only, so a declaration reads as what it means.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import KW_ONLY, MISSING, dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bot.flows.base import (
    USE_BUTTONS,
    Choice,
    ChoiceMade,
    Event,
    FlowContext,
    Param,
    Reply,
    Say,
    TextReceived,
)

if TYPE_CHECKING:
    from bot.flows.kit import Flow

D = TypeVar("D")
T = TypeVar("T")

NEXT = "<next>"  # the node declared after this one
FINISH = "<finish>"  # the flow is over: back to the main menu
RETURN = "<return>"  # a sub-dialogue is over: its value goes back to the caller
SWITCH = "<switch>"  # hand over to another flow (the menu's picks)


@dataclass(frozen=True)
class Invalid:
    """A refused answer: the explanation to give before asking again."""

    why: str
    params: Mapping[str, Param] = field(default_factory=dict)
    finish: bool = False  # the answer ends the flow (said once, then the menu): the node must allow FINISH


@dataclass(frozen=True)
class Branch(Generic[D, T]):
    """Choose the next state from the stored data, the value read and the context.

    `targets` lists every state `choose` may return.
    """

    choose: Callable[[D, T, FlowContext], str]
    targets: tuple[str, ...]


Goes = str | Branch[Any, Any]


@dataclass(frozen=True)
class Go:
    """Where a node's handler sends the conversation.

    `before` is said first; `back` makes the target's answer return to `back` instead of going on
    (a summary's "change" buttons); `switch_to` names the flow a `SWITCH` starts; `quiet` stays without
    asking again (the question is still the last thing on the screen).
    """

    target: str
    data: Any
    before: tuple[Reply, ...] = ()
    effects: tuple[Any, ...] = ()
    back: str | None = None
    switch_to: str | None = None
    quiet: bool = False


Asker = Callable[[D, FlowContext], Reply | tuple[Reply, ...]]
Store = str | Callable[[D, Any], D]  # a field name (the usual way), or a function for a derived value
Ack = Callable[[D, Any, FlowContext], tuple[Reply, ...]]


def stored(data: D, store: Store[D] | None, value: Any) -> D:
    """Put `value` into `data` as `store` says: into the field it names, or through the function."""
    if store is None:
        return data
    if isinstance(store, str):
        return replace(data, **{store: value})  # type: ignore[type-var]
    return store(data, value)


def forgotten(data: D, names: tuple[str, ...]) -> D:
    """Set the fields `names` back to their defaults (answers that no longer hold)."""
    if not names:
        return data
    defaults = {
        f.name: f.default_factory() if f.default_factory is not MISSING else f.default
        for f in fields(data)  # type: ignore[arg-type]
        if f.name in names
    }
    return replace(data, **defaults)  # type: ignore[type-var]


def replies(asked: Reply | tuple[Reply, ...]) -> tuple[Reply, ...]:
    """Return what an asker returned as a tuple of replies."""
    return asked if isinstance(asked, tuple) else (asked,)


def _goes_targets(goes: Goes) -> tuple[str, ...]:
    return goes.targets if isinstance(goes, Branch) else (goes,)


def _next(goes: Goes, data: Any, value: Any, ctx: FlowContext) -> str:
    return goes.choose(data, value, ctx) if isinstance(goes, Branch) else goes


@dataclass(frozen=True)
class Question(Generic[D, T]):
    """One question: asked, answered, read, stored, acknowledged, and on to `goes`."""

    state: str
    _: KW_ONLY
    ask: Asker[D]
    read: Callable[[Event, D, FlowContext], T | Invalid]
    store: Store[D] | None = None
    ack: Ack[D] | None = None  # said after a valid answer, before the next question
    help: str = ""
    goes: Goes = NEXT
    progress: bool = True

    def targets(self) -> tuple[str, ...]:
        """Return every declared next state."""
        return _goes_targets(self.goes)

    def prompt(self, data: D, ctx: FlowContext) -> tuple[Reply, ...]:
        """Return the question."""
        return replies(self.ask(data, ctx))

    def handle(self, event: Event, data: D, ctx: FlowContext) -> Go:
        """Read the answer; store it and go on, or explain and ask again."""
        value = self.read(event, data, ctx)
        if isinstance(value, Invalid):
            return Go(FINISH if value.finish else self.state, data, (Say(value.why, value.params),))
        kept = stored(data, self.store, value)
        said = self.ack(kept, value, ctx) if self.ack else ()
        return Go(_next(self.goes, kept, value, ctx), kept, said)


_KEY: Any = object()  # an option stores its own key unless told otherwise


@dataclass(frozen=True)
class Option:
    """A button of a `Choose`: where it goes, what is said first, what it stores and forgets."""

    key: str
    label: str
    params: Mapping[str, Param] = field(default_factory=dict)
    _: KW_ONLY
    goes: str = NEXT
    say: tuple[Reply, ...] = ()
    value: Any = _KEY  # what the node's `store` receives: the key, another value, or nothing (None)
    forget: tuple[str, ...] = ()  # fields set back to their defaults when this is chosen


Options = tuple[Option, ...] | Callable[[Any, FlowContext], tuple[Option, ...]]


@dataclass(frozen=True)
class Choose(Generic[D]):
    """A question answered with one of its buttons; a typed answer may be matched to a key.

    `ask` says the question (several messages put the buttons on the last); `options` are fixed or
    computed from the data, and computed ones declare where they may go in `may_go`.
    """

    state: str
    _: KW_ONLY
    ask: Asker[D]
    options: Options
    store: Store[D] | None = None
    typed: Callable[[str], str | None] | None = None
    may_go: tuple[str, ...] = ()  # where computed options and `other` may go
    help: str = ""
    progress: bool = True
    # An event that is no button (a file sent unasked, say) the flow takes itself; None: not one of its.
    other: Callable[[Event, D, FlowContext], Go | None] | None = None

    def _options(self, data: D, ctx: FlowContext) -> tuple[Option, ...]:
        return self.options(data, ctx) if callable(self.options) else self.options

    def targets(self) -> tuple[str, ...]:
        """Return every declared next state: the fixed options' and the declared ones."""
        fixed = tuple(o.goes for o in self.options) if not callable(self.options) else ()
        return tuple(dict.fromkeys((*fixed, *self.may_go)))

    def prompt(self, data: D, ctx: FlowContext) -> tuple[Reply, ...]:
        """Return the question with its buttons on the last message."""
        asked = replies(self.ask(data, ctx))
        last = asked[-1]
        assert isinstance(last, Say), f"{self.state}: buttons go on a text message"
        choices = tuple(Choice(o.key, o.label, o.params) for o in self._options(data, ctx))
        return (*asked[:-1], replace(last, choices=(*last.choices, *choices)))

    def handle(self, event: Event, data: D, ctx: FlowContext) -> Go:
        """Take the chosen option, or ask for a button and show the question again."""
        key: str | None = None
        if isinstance(event, ChoiceMade):
            key = event.key
        elif isinstance(event, TextReceived) and self.typed is not None:
            key = self.typed(event.text)
        chosen = next((o for o in self._options(data, ctx) if o.key == key), None)
        taken = self.other(event, data, ctx) if chosen is None and key is None and self.other else None
        if taken is not None:
            return taken
        if chosen is None:
            return Go(self.state, data, (Say(USE_BUTTONS),))
        data = forgotten(data, chosen.forget)
        if chosen.value is not None:
            data = stored(data, self.store, chosen.key if chosen.value is _KEY else chosen.value)
        return Go(chosen.goes, data, chosen.say)


AGREE = "yes"
DISAGREE = "no"
DETAILS = "info"


@dataclass(frozen=True)
class Consent(Generic[D]):
    """Consent before personal data is recorded (UU PDP): the time it was given goes into `into`."""

    state: str
    _: KW_ONLY
    question: str | Callable[[D], str]
    agree: str
    disagree: str
    declined: str  # said when the worker says no; then the menu, nothing kept
    details_label: str = ""
    details: str = ""  # "more about your data": said, then the question again
    into: str = "consent_at"
    help: str = ""
    progress: bool = False

    def targets(self) -> tuple[str, ...]:
        """Agreeing goes on; declining finishes."""
        return (NEXT, FINISH)

    def prompt(self, data: D, _ctx: FlowContext) -> tuple[Reply, ...]:
        """Ask for consent."""
        text = self.question(data) if callable(self.question) else self.question
        choices = [Choice(AGREE, self.agree), Choice(DISAGREE, self.disagree)]
        if self.details:
            choices.append(Choice(DETAILS, self.details_label))
        return (Say(text, choices=tuple(choices)),)

    def handle(self, event: Event, data: D, ctx: FlowContext) -> Go:
        """Record the consent's time and go on; or finish; or tell more and ask again."""
        match event:
            case ChoiceMade(key=key) if key == AGREE:
                return Go(NEXT, replace(data, **{self.into: ctx.now.isoformat()}))  # type: ignore[type-var]
            case ChoiceMade(key=key) if key == DISAGREE:
                return Go(FINISH, type(data)(), (Say(self.declined),))
            case ChoiceMade(key=key) if key == DETAILS and self.details:
                return Go(self.state, data, (Say(self.details),))
        return Go(self.state, data, (Say(USE_BUTTONS),))


RESUME = "resume"
RESTART = "restart"


@dataclass(frozen=True)
class Resume(Generic[D]):
    """Offer a draft left unfinished: back to the question it reached, or start again.

    `offer` is called by the flow's entry with the draft and the question reached; the question is kept
    in the data's field `at` while the offer is open.
    """

    state: str
    _: KW_ONLY
    question: str
    resume: str
    restart: str
    states: tuple[str, ...]  # where a draft may be continued
    again: Callable[[D, FlowContext], Go]  # how a fresh start begins
    again_targets: tuple[str, ...]
    at: str = "resume_at"
    after: str = "consent_at"  # a draft is offered only once this is set
    progress: bool = False

    def offer(self, data: D, at: str | None) -> Go | None:
        """Return the offer to continue the draft, or None when there is nothing to continue."""
        if at in self.states and getattr(data, self.after, None):
            return Go(self.state, replace(data, **{self.at: at}))  # type: ignore[type-var]
        return None

    def targets(self) -> tuple[str, ...]:
        """Every resumable question, and where a fresh start goes."""
        return tuple(dict.fromkeys((*self.states, *self.again_targets)))

    def prompt(self, _data: D, _ctx: FlowContext) -> tuple[Reply, ...]:
        """Ask whether to continue."""
        return (Say(self.question, choices=(Choice(RESUME, self.resume), Choice(RESTART, self.restart))),)

    def handle(self, event: Event, data: D, ctx: FlowContext) -> Go:
        """Go back to the question reached, or start afresh."""
        match event:
            case ChoiceMade(key=key) if key == RESUME:
                at = getattr(data, self.at, None)
                if at in self.states:
                    return Go(at, replace(data, **{self.at: None}))  # type: ignore[type-var]
                return self.again(data, ctx)
            case ChoiceMade(key=key) if key == RESTART:
                return self.again(data, ctx)
        return Go(self.state, data, (Say(USE_BUTTONS),))


@dataclass(frozen=True)
class Screen(Generic[D]):
    """Custom code for one state; `targets` declares where `handle` may go."""

    state: str
    _: KW_ONLY
    ask: Asker[D]
    handle: Callable[[Event, D, FlowContext], Go]
    targets: tuple[str, ...]
    help: str = ""
    edits: tuple[str, ...] = ()  # states reached with `back=` this screen, which come back here
    progress: bool = True


@dataclass(frozen=True)
class Action(Generic[D]):
    """An effect performed in the turn's transaction; `handle` reads its result event."""

    state: str
    _: KW_ONLY
    effect: Callable[[D, FlowContext], Any]
    handle: Callable[[Event, D, FlowContext], Go]
    targets: tuple[str, ...]
    progress: bool = False


@dataclass(frozen=True)
class Call(Generic[D]):
    """Run the sub-dialogue `flow`; its value is stored with `into`, then on to `goes`."""

    state: str
    _: KW_ONLY
    flow: Flow[Any]
    into: Store[D]
    start: Callable[[D, FlowContext], Any] | None = None
    goes: Goes = NEXT
    progress: bool = True

    def targets(self) -> tuple[str, ...]:
        """Return every declared next state."""
        return _goes_targets(self.goes)

    def returned(self, data: D, value: Any, ctx: FlowContext) -> Go:
        """The sub-dialogue returned `value`: store it and go on."""
        kept = stored(data, self.into, value)
        return Go(_next(self.goes, kept, value, ctx), kept)


Node = Question[Any, Any] | Choose[Any] | Consent[Any] | Resume[Any] | Screen[Any] | Action[Any] | Call[Any]
Asking = Question[Any, Any] | Choose[Any] | Consent[Any] | Resume[Any]  # nodes with a prompt and handle


@dataclass(frozen=True)
class Enter(Generic[D]):
    """How the flow starts: `go(data, at, ctx)` with the saved data (a draft) and the question reached."""

    go: Callable[[D, str | None, FlowContext], Go]
    targets: tuple[str, ...]


def again(state: str, data: Any, why: str, **params: Param) -> Go:
    """Explain why the answer was refused and ask the same question again."""
    return Go(state, data, (Say(why, params),))


Act = Callable[[Any, FlowContext], Go]


def buttons(
    state: str,
    actions: Mapping[str, Act],
    other: Callable[[str, Any, FlowContext], Go | None] | None = None,
) -> Callable[[Event, Any, FlowContext], Go]:
    """Return a `Screen` handler: a tapped key runs its action, `other` may take keys not listed.

    Anything else asks for a button and shows the same screen.
    """

    def handle(event: Event, data: Any, ctx: FlowContext) -> Go:
        if isinstance(event, ChoiceMade):
            if event.key in actions:
                return actions[event.key](data, ctx)
            if other is not None and (went := other(event.key, data, ctx)) is not None:
                return went
        return again(state, data, USE_BUTTONS)

    return handle


def to(target: str, *before: Reply) -> Act:
    """Return an action that goes to `target` with the data as it is, after `before`."""
    return lambda data, _ctx: Go(target, data, before)
