"""All flows and sub-dialogues by name; each one's graph was checked when it was declared."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.flows import benefits, claims, dialogues, enrollment, iuran, language, menu, privacy
from bot.flows.kit import Flow, InvalidFlowDefinition


def build(*flows: Flow[Any]) -> Mapping[str, Flow[Any]]:
    """Index flows by name, refusing two with one name."""
    named: dict[str, Flow[Any]] = {}
    for flow in flows:
        if flow.name in named:
            raise InvalidFlowDefinition(f"two flows are named {flow.name!r}")
        named[flow.name] = flow
    return named


FLOWS: Mapping[str, Flow[Any]] = build(
    menu.FLOW,
    language.FLOW,
    enrollment.FLOW,
    privacy.FLOW,
    iuran.FLOW,
    iuran.STOP_FLOW,
    claims.FLOW,
    benefits.FLOW,
    *dialogues.SUB_DIALOGUES,
)
