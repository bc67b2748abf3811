"""Print a flow's state graph as Mermaid, from its declarations: `python -m bot.flows.diagram enrollment`."""

from __future__ import annotations

import sys
from typing import Any

from bot.flows.kit import FINISH, RETURN, SWITCH, Call, Flow
from bot.flows.registry import FLOWS

ENDS = {FINISH: "finish", RETURN: "return", SWITCH: "switch"}


def mermaid(flow: Flow[Any]) -> str:
    """Return the flow's derived graph as a Mermaid state diagram; calls name their sub-dialogue."""
    lines = ["stateDiagram-v2"]
    for state, node in flow.nodes.items():
        if isinstance(node, Call):
            lines.append(f"    {state}: {state} (calls {node.flow.name})")
    for source, targets in sorted(flow.edges.items()):
        origin = "[*]" if source.startswith("<") else source
        for target in sorted(targets):
            if target in ENDS:
                lines.append(f"    {origin} --> [*]: {ENDS[target]}")
            else:
                lines.append(f"    {origin} --> {target}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the diagram of the flow named in `argv`."""
    if len(argv) != 1 or argv[0] not in FLOWS:
        print(f"usage: python -m bot.flows.diagram {{{','.join(FLOWS)}}}", file=sys.stderr)
        return 2
    print(mermaid(FLOWS[argv[0]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
