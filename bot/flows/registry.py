"""All flows by name, with their state graphs checked when the module is imported."""

from __future__ import annotations

from collections.abc import Mapping

from bot.flows import contributions, enrollment, language, menu, privacy
from bot.flows.base import Flow


class InvalidFlowDefinition(Exception):
    """A flow's state graph is broken: an unreachable state or a dead end."""


def validate(flow: Flow) -> None:
    """Reject a flow whose states are not all reachable or cannot all reach a terminal state."""
    states = set(flow.states)
    if set(flow.edges) != states:
        raise InvalidFlowDefinition(
            f"{flow.name}: edges must list every state: {sorted(states ^ set(flow.edges))}"
        )
    reachable = _closure({flow.initial}, lambda s: flow.edges[s])
    if unreachable := states - reachable:
        raise InvalidFlowDefinition(f"{flow.name}: unreachable states {sorted(unreachable)}")
    reverse: dict[object, set[object]] = {s: set() for s in states}
    for source, targets in flow.edges.items():
        for target in targets:
            reverse[target].add(source)
    can_finish = _closure(set(flow.terminals), lambda s: reverse[s])  # type: ignore[attr-defined]
    if dead_ends := states - can_finish:
        raise InvalidFlowDefinition(f"{flow.name}: states that never reach an end {sorted(dead_ends)}")


def _closure(start: set, successors) -> set:  # noqa: ANN001 - tiny graph helper
    seen, todo = set(start), list(start)
    while todo:
        for nxt in successors(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def build(*flows: Flow) -> Mapping[str, Flow]:
    """Validate `flows` and index them by name."""
    for flow in flows:
        validate(flow)
    return {flow.name: flow for flow in flows}


FLOWS: Mapping[str, Flow] = build(
    menu.FLOW, language.FLOW, enrollment.FLOW, privacy.FLOW, contributions.FLOW, contributions.STOP_FLOW
)
