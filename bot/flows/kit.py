"""The flow kit: a conversation is declared as a sequence of nodes, and its graph is checked at import.

A node is one of:

* `Question`: one question: how it is asked, how an answer is read (a validator returning the value or
  an `Invalid`), where the value goes, its help text, and where to go next.
* `Call`: a sub-dialogue written once (NIK, phone, heirs...) that returns its value to the caller
  (a call stack in the session, as aiogram-dialog's `Start`/`done`/`on_process_result`).
* `Screen`: custom code for what is not a plain question (a summary with change buttons, a menu): its
  `handle` returns a `Go` to one of its declared `targets`.
* `Action`: an effect the runner performs in the turn's transaction (a write, or a read that depends on an
  answer) and the handling of its result event.

Every target a node can go to is declared (`NEXT`, a state, `FINISH`, `RETURN`, or a `Branch`), so the
graph is known when `Flow(...)` is built: an unknown target, an unreachable state or a state that can
never finish raises `InvalidFlowDefinition` at import. `handle` stays pure: event in, `Step` out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bot.domain.intents import is_help_request
from bot.flows import codec
from bot.flows.base import (
    USE_BUTTONS,
    Called,
    ChoiceMade,
    Event,
    FlowContext,
    Param,
    Reply,
    Say,
    Step,
    TextReceived,
)

D = TypeVar("D")
T = TypeVar("T")

NEXT = "<next>"  # the node declared after this one
FINISH = "<finish>"  # the flow is over: back to the main menu
RETURN = "<return>"  # a sub-dialogue is over: its value goes back to the caller
SWITCH = "<switch>"  # hand over to another flow (the menu's picks)
_ENDS = frozenset({FINISH, RETURN, SWITCH})
_START = "<start>"


class InvalidFlowDefinition(Exception):
    """A flow's declaration is broken: an unknown target, an unreachable state or a dead end."""


class InvalidTransition(Exception):
    """A node's handler went somewhere its declaration does not allow."""


@dataclass(frozen=True)
class Invalid:
    """A refused answer: the explanation to give before asking again."""

    why: str
    params: Mapping[str, Param] = field(default_factory=dict)
    finish: bool = (
        False  # the answer ends the flow (said once, then the menu): the question must allow FINISH
    )


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
    """Where a `Screen` or `Action` handler sends the conversation.

    `before` is said first; `back` makes the target's answer return to `back` instead of going on
    (a summary's "change" buttons); `value` is what a sub-dialogue returns with `RETURN`.
    """

    target: str
    data: Any
    before: tuple[Reply, ...] = ()
    effects: tuple[Any, ...] = ()
    back: str | None = None
    switch_to: str | None = None


Asker = Callable[[D, FlowContext], Reply | tuple[Reply, ...]]


@dataclass(frozen=True)
class Question(Generic[D, T]):
    """One question: asked, answered, read, stored, and on to `goes`."""

    state: str
    ask: Asker[D]
    read: Callable[[Event, D, FlowContext], T | Invalid]
    store: Callable[[D, T], D]
    help: str = ""
    goes: Goes = NEXT
    progress: bool = True

    def targets(self) -> tuple[str, ...]:
        """Return every declared next state."""
        return self.goes.targets if isinstance(self.goes, Branch) else (self.goes,)

    def handle(self, event: Event, data: D, ctx: FlowContext) -> Go:
        """Read the answer; store it and go on, or explain and ask again."""
        value = self.read(event, data, ctx)
        if isinstance(value, Invalid):
            return Go(FINISH if value.finish else self.state, data, (Say(value.why, value.params),))
        stored = self.store(data, value)
        target = self.goes.choose(stored, value, ctx) if isinstance(self.goes, Branch) else self.goes
        return Go(target, stored)


@dataclass(frozen=True)
class Screen(Generic[D]):
    """Custom code for one state; `targets` declares where `handle` may go."""

    state: str
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
    effect: Callable[[D, FlowContext], Any]
    handle: Callable[[Event, D, FlowContext], Go]
    targets: tuple[str, ...]
    progress: bool = False


@dataclass(frozen=True)
class Call(Generic[D]):
    """Run the sub-dialogue `flow`; its value is stored with `into`, then on to `goes`."""

    state: str
    flow: Flow[Any]
    into: Callable[[D, Any], D]
    start: Callable[[D, FlowContext], Any] | None = None
    goes: Goes = NEXT
    progress: bool = True

    def targets(self) -> tuple[str, ...]:
        """Return every declared next state."""
        return self.goes.targets if isinstance(self.goes, Branch) else (self.goes,)


Node = Question[Any, Any] | Screen[Any] | Action[Any] | Call[Any]


@dataclass(frozen=True)
class Enter(Generic[D]):
    """How the flow starts: `go(data, at, ctx)` with the saved data (a draft) and the question reached."""

    go: Callable[[D, str | None, FlowContext], Go]
    targets: tuple[str, ...]


def set_field(name: str) -> Callable[[Any, Any], Any]:
    """Return a `store` that puts the value in the data's field `name`."""
    from dataclasses import replace

    def store(data: Any, value: Any) -> Any:
        return replace(data, **{name: value})

    return store


def keep(data: Any, _value: Any) -> Any:
    """A `store` (or `into`) that keeps the data as it is."""
    return data


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


class Flow(Generic[D]):
    """A conversation declared as nodes; its graph is derived from them and checked here."""

    def __init__(
        self,
        name: str,
        data: type[D],
        nodes: Sequence[Node],
        *,
        enter: Enter[D] | None = None,
        returns: Callable[[D], Any] | None = None,
    ) -> None:
        self.name = name
        self.data_type = data
        self.nodes: dict[str, Node] = {}
        for node in nodes:
            if node.state in self.nodes or node.state.startswith("<"):
                raise InvalidFlowDefinition(f"{name}: state {node.state!r} declared twice or reserved")
            self.nodes[node.state] = node
        self.order = tuple(self.nodes)
        if not self.order:
            raise InvalidFlowDefinition(f"{name}: a flow needs at least one node")
        self.enter = enter or Enter(lambda d, _at, _ctx: Go(NEXT, d), (NEXT,))
        self.returns = returns
        self.edges = self._derive_edges()
        self._check()

    # --- the graph ----------------------------------------------------------------------------------

    @property
    def states(self) -> frozenset[str]:
        """Return every state of the flow."""
        return frozenset(self.nodes)

    @property
    def initial(self) -> str:
        """Return the first declared state."""
        return self.order[0]

    def _next_of(self, state: str) -> str:
        position = self.order.index(state) if state != _START else -1
        if position + 1 >= len(self.order):
            raise InvalidFlowDefinition(
                f"{self.name}: {state!r} goes to NEXT but nothing is declared after it"
            )
        return self.order[position + 1]

    def _resolve(self, source: str, target: str) -> str:
        return self._next_of(source) if target == NEXT else target

    def _declared(self, state: str) -> tuple[str, ...]:
        if state == _START:
            return self.enter.targets
        node = self.nodes[state]
        if isinstance(node, Question | Call):
            return node.targets()
        return node.targets

    def _derive_edges(self) -> dict[str, frozenset[str]]:
        edges: dict[str, set[str]] = {state: set() for state in (_START, *self.order)}
        for source in edges:
            for target in self._declared(source):
                edges[source].add(self._resolve(source, target))
        for state, node in self.nodes.items():
            if isinstance(node, Screen):
                for edited in node.edits:
                    edges[state].add(edited)
                    if edited in edges:
                        edges[edited].add(state)
        return {state: frozenset(targets) for state, targets in edges.items()}

    def _check(self) -> None:
        known = set(self.nodes) | _ENDS
        for source, targets in self.edges.items():
            if unknown := targets - known:
                raise InvalidFlowDefinition(
                    f"{self.name}: {source!r} goes to undeclared state(s) {sorted(unknown)}"
                )
            if RETURN in targets and self.returns is None:
                raise InvalidFlowDefinition(
                    f"{self.name}: {source!r} returns, but the flow is not a sub-dialogue"
                )
        reachable = _closure({_START}, lambda s: self.edges.get(s, frozenset()))
        if unreachable := set(self.nodes) - reachable:
            raise InvalidFlowDefinition(f"{self.name}: unreachable states {sorted(unreachable)}")
        reverse: dict[str, set[str]] = {s: set() for s in known | {_START}}
        for source, targets in self.edges.items():
            for target in targets:
                reverse[target].add(source)
        can_end = _closure(set(_ENDS), lambda s: reverse.get(s, set()))
        if dead_ends := set(self.nodes) - can_end:
            raise InvalidFlowDefinition(f"{self.name}: states that never reach an end {sorted(dead_ends)}")

    # --- running ------------------------------------------------------------------------------------

    def start(self, raw: Mapping[str, Any] | None, ctx: FlowContext, entry: str | None = None) -> Step:
        """Enter the flow with saved data (a draft) or fresh data.

        `entry` names where a fresh start should begin ("death" for a typed "ada yang meninggal"); a draft's
        own resume point wins over it.
        """
        data, meta = self._load(raw)
        go = self.enter.go(data, meta.get("at") or entry, ctx)
        return self._go(_START, go, {}, ctx)

    def prompt(self, state: str, raw: Mapping[str, Any], ctx: FlowContext) -> tuple[Reply, ...]:
        """Render the question awaited in `state` again."""
        node = self.nodes.get(state)
        if node is None or isinstance(node, Action | Call):
            return ()
        data, _ = self._load(raw)
        return _replies(node.ask(data, ctx))

    def handle(self, state: str, raw: Mapping[str, Any], event: Event, ctx: FlowContext) -> Step:
        """Advance by one event."""
        node = self.nodes[state]
        data, meta = self._load(raw)
        if (
            isinstance(node, Question | Screen)
            and node.help
            and isinstance(event, TextReceived)
            and is_help_request(event.text)
        ):
            return Step(state, dict(raw), (Say(node.help), *_replies(node.ask(data, ctx))))
        if isinstance(node, Call):
            # A call's own state is only held while its sub-dialogue runs; ask it anew.
            return self._go(state, Go(state, data), meta, ctx)
        go = node.handle(event, data, ctx)
        if (
            go.target != state
            and go.target not in self._declared(state)
            and go.target not in (node.edits if isinstance(node, Screen) else ())
        ):
            raise InvalidTransition(f"{self.name}: {state} -> {go.target}")
        return self._go(state, go, meta, ctx)

    def back(self, state: str, raw: Mapping[str, Any], ctx: FlowContext) -> Step | None:
        """Ask the question declared before `state` again ("kembali"); None when `state` is the first.

        Questions and calls count; screens (summaries, confirmations) and actions are passed over.
        """
        position = self.order.index(state) if state in self.order else 0
        earlier = [s for s in self.order[:position] if isinstance(self.nodes[s], Question | Call)]
        if not earlier:
            return None
        data, meta = self._load(raw)
        meta = {k: v for k, v in meta.items() if k != "back"}
        return self._go(state, Go(earlier[-1], data), meta, ctx)

    def resume(self, state: str, raw: Mapping[str, Any], value: Any, ctx: FlowContext) -> Step:
        """A sub-dialogue called at `state` returned `value`: store it and go on."""
        node = self.nodes[state]
        if not isinstance(node, Call):
            raise InvalidTransition(f"{self.name}: {state} did not call a sub-dialogue")
        data, meta = self._load(raw)
        stored = node.into(data, value)
        target = node.goes.choose(stored, value, ctx) if isinstance(node.goes, Branch) else node.goes
        return self._go(state, Go(target, stored), meta, ctx)

    def _go(self, source: str, go: Go, meta: Mapping[str, Any], ctx: FlowContext) -> Step:
        """Turn a `Go` into a `Step`: ask the target's question, call, act, finish or return."""
        meta = dict(meta)
        target = go.target
        if go.back is not None:
            meta["back"] = go.back
        elif target == NEXT and meta.get("back") and source != _START:
            target = meta.pop("back")  # an edited answer goes back to where the edit was asked
        target = self._resolve(source, target)
        if target == FINISH:
            return Step(source, self._dump(go.data, {}), go.before, go.effects, finished=True)
        if target == SWITCH:
            return Step(source, self._dump(go.data, {}), go.before, go.effects, switch_to=go.switch_to)
        if target == RETURN:
            assert self.returns is not None, "checked at definition"
            value = self.returns(go.data)
            return Step(source, self._dump(go.data, {}), go.before, go.effects, returns=True, value=value)
        node = self.nodes[target]
        if node.progress:
            meta["at"] = target
        raw = self._dump(go.data, meta)
        if isinstance(node, Call):
            first = node.start(go.data, ctx) if node.start else None
            called = Called(node.flow.name, node.flow.dump_data(first) if first is not None else {})
            return Step(target, raw, go.before, go.effects, call=called)
        if isinstance(node, Action):
            return Step(target, raw, go.before, (*go.effects, node.effect(go.data, ctx)))
        return Step(target, raw, (*go.before, *_replies(node.ask(go.data, ctx))), go.effects)

    # --- data ---------------------------------------------------------------------------------------

    def _load(self, raw: Mapping[str, Any] | None) -> tuple[D, dict[str, Any]]:
        raw = raw or {}
        meta = dict(raw.get("_kit", {}))
        return codec.load(self.data_type, raw), meta

    def _dump(self, data: D, meta: Mapping[str, Any]) -> dict[str, Any]:
        raw: dict[str, Any] = codec.dump(data)
        if meta:
            raw["_kit"] = dict(meta)
        return raw

    def dump_data(self, data: D) -> dict[str, Any]:
        """Return `data` as this flow stores it."""
        return self._dump(data, {})


def _replies(asked: Reply | tuple[Reply, ...]) -> tuple[Reply, ...]:
    return asked if isinstance(asked, tuple) else (asked,)


def _closure(start: set[str], successors: Callable[[str], Any]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for nxt in successors(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
