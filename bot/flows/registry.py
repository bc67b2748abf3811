"""All flows and sub-dialogues by name; each one's graph was checked when it was declared.

Adding a flow: declare it (with its `Entry`) in its own module, and add it here. The main menu, the
commands, /bantuan and Telegram's command list are built from the flows' entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.flows import (
    agents,
    benefits,
    claims,
    death_report,
    dialogues,
    enrollment,
    handover,
    iuran,
    language,
    menu,
    privacy,
    sponsored,
)
from bot.flows.kit import Flow, InvalidFlowDefinition


def build(*flows: Flow[Any]) -> Mapping[str, Flow[Any]]:
    """Index flows by name with the main menu built from their entries, refusing two with one name."""
    named: dict[str, Flow[Any]] = {}
    for flow in flows:
        if flow.name in named:
            raise InvalidFlowDefinition(f"two flows are named {flow.name!r}")
        named[flow.name] = flow
    home = menu.build(named)
    return {home.name: home, **named}


FLOWS: Mapping[str, Flow[Any]] = build(
    enrollment.FLOW,
    iuran.FLOW,
    claims.FLOW,
    benefits.FLOW,
    privacy.FLOW,
    iuran.STOP_FLOW,
    language.FLOW,
    death_report.FLOW,
    sponsored.FLOW,
    handover.CONTINUE_FLOW,
    handover.LATER_FLOW,
    agents.BIND_FLOW,
    agents.ASSISTED_FLOW,
    agents.LIST_FLOW,
    agents.RESEND_FLOW,
    agents.LINK_FLOW,
    *dialogues.SUB_DIALOGUES,
)
