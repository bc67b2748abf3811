"""The flow kit: a conversation is declared as a sequence of nodes, and its graph is checked at import.

The nodes (`Question`, `Choose`, `Consent`, `Resume`, `Call`, `Screen`, `Action`) live in
`bot/flows/nodes.py`. Every target a node can go to is declared (`NEXT`, a state, `FINISH`, `RETURN`,
`SWITCH`, or a `Branch`), so the graph is known when `Flow(...)` is built: an unknown target, an unreachable
state or a state that can never finish raises `InvalidFlowDefinition` at import. `handle` stays pure:
event in, `Step` out. A flow also declares how it is reached (`Entry`: its command, its menu button, its
line in /bantuan, what /batal says when leaving it), so the engine and the menu name no flow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bot.domain.intents import is_help_request
from bot.flows import codec
from bot.flows.base import N_, Called, Event, FlowContext, Reply, Say, Step, TextReceived
from bot.flows.nodes import (
    FINISH,
    NEXT,
    RETURN,
    SWITCH,
    Act,
    Action,
    Asking,
    Branch,
    Call,
    Choose,
    Consent,
    Enter,
    Go,
    Invalid,
    Node,
    Option,
    Question,
    Resume,
    Screen,
    Store,
    again,
    buttons,
    replies,
    to,
)

__all__ = [
    "FINISH",
    "HOME",
    "NEXT",
    "RETURN",
    "SWITCH",
    "Act",
    "Action",
    "Branch",
    "Call",
    "Choose",
    "Consent",
    "Enter",
    "Entry",
    "Flow",
    "Go",
    "Invalid",
    "InvalidFlowDefinition",
    "InvalidTransition",
    "Node",
    "Option",
    "Question",
    "Resume",
    "Screen",
    "Store",
    "again",
    "buttons",
    "to",
]

D = TypeVar("D")

HOME = "menu"  # the flow every other one returns to, and the state of its one question
_ENDS = frozenset({FINISH, RETURN, SWITCH})
_START = "<start>"
CANCELLED = N_("Baik, langkah tadi dibatalkan. Jawaban yang sudah Anda berikan tetap tersimpan.")


class InvalidFlowDefinition(Exception):
    """A flow's declaration is broken: an unknown target, an unreachable state or a dead end."""


class InvalidTransition(Exception):
    """A node's handler went somewhere its declaration does not allow."""


@dataclass(frozen=True)
class Entry:
    """How a worker reaches a flow from outside it; the registry builds the menu and commands from these.

    `command` (without the slash) is also the menu key and what a typed request ("mau daftar") names;
    `describe` is its line in Telegram's command list; `button` its label in the main menu (none: a
    command only); `help` its line in /bantuan; `position` orders all three; `typed` maps other typed
    requests to a place to begin ("meninggal" → "death"); `words` are exact messages that start it
    ("STOP"); `cancelled` is what /batal says when leaving it; `answers` marks the flow that takes any
    typed question the menu does not understand; `listed` False keeps it out of Telegram's command list
    and /bantuan (a command reached only from a notice's button).
    """

    command: str
    describe: str
    position: int
    button: str | None = None
    help: str = ""
    typed: Mapping[str, str] = field(default_factory=dict)
    words: tuple[str, ...] = ()
    cancelled: str = CANCELLED
    answers: bool = False
    listed: bool = True


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
        entry: Entry | None = None,
        home: bool = False,
    ) -> None:
        self.name = name
        self.entry = entry
        self.home = home
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
        if isinstance(node, Screen | Action):
            return node.targets
        return node.targets()

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
        return _prompt(node, data, ctx)

    def handle(self, state: str, raw: Mapping[str, Any], event: Event, ctx: FlowContext) -> Step:
        """Advance by one event."""
        node = self.nodes[state]
        data, meta = self._load(raw)
        if (
            not isinstance(node, Action | Call | Resume)
            and node.help
            and isinstance(event, TextReceived)
            and is_help_request(event.text)
        ):
            return Step(state, dict(raw), (Say(node.help), *_prompt(node, data, ctx)))
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
        """Ask the question answered before `state` again ("kembali"); None when `state` is the first.

        The way actually taken counts (a report identified by NIK goes back to the NIK, not to the number
        declared beside it); without one, the question declared before. Questions and calls count;
        screens (summaries, confirmations) and actions are passed over.
        """
        data, meta = self._load(raw)
        trail = list(meta.get("trail", []))
        if state in trail and trail.index(state) > 0:
            earlier = trail[: trail.index(state)]
        else:
            position = self.order.index(state) if state in self.order else 0
            earlier = [s for s in self.order[:position] if isinstance(self.nodes[s], Question | Call)]
        if not earlier:
            return None
        meta = {k: v for k, v in meta.items() if k != "back"}
        return self._go(state, Go(earlier[-1], data), meta, ctx)

    def resume(self, state: str, raw: Mapping[str, Any], value: Any, ctx: FlowContext) -> Step:
        """A sub-dialogue called at `state` returned `value`: store it and go on."""
        node = self.nodes[state]
        if not isinstance(node, Call):
            raise InvalidTransition(f"{self.name}: {state} did not call a sub-dialogue")
        data, meta = self._load(raw)
        return self._go(state, node.returned(data, value, ctx), meta, ctx)

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
        if isinstance(node, Question | Call):
            trail = list(meta.get("trail", []))
            meta["trail"] = [*trail[: trail.index(target)], target] if target in trail else [*trail, target]
        raw = self._dump(go.data, meta)
        if isinstance(node, Call):
            first = node.start(go.data, ctx) if node.start else None
            called = Called(node.flow.name, node.flow.dump_data(first) if first is not None else {})
            return Step(target, raw, go.before, go.effects, call=called)
        if isinstance(node, Action):
            return Step(target, raw, go.before, (*go.effects, node.effect(go.data, ctx)))
        asked = () if go.quiet and target == source else _prompt(node, go.data, ctx)
        return Step(target, raw, (*go.before, *asked), go.effects)

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


def _prompt(node: Asking | Screen[Any], data: Any, ctx: FlowContext) -> tuple[Reply, ...]:
    """Return what a node asks: its question, with its buttons."""
    return replies(node.ask(data, ctx)) if isinstance(node, Screen) else node.prompt(data, ctx)


def _closure(start: set[str], successors: Callable[[str], Any]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for nxt in successors(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
