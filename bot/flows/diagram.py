"""Print a flow's state graph as Mermaid: `python -m bot.flows.diagram enrollment`."""

from __future__ import annotations

import sys

from bot.flows.base import Flow
from bot.flows.registry import FLOWS


def mermaid(flow: Flow) -> str:
    """Return the flow's declared graph as a Mermaid state diagram."""
    lines = ["stateDiagram-v2", f"    [*] --> {flow.initial.value}"]
    for source, targets in flow.edges.items():
        lines += [f"    {source.value} --> {target.value}" for target in sorted(targets, key=str)]
    lines += [f"    {terminal.value} --> [*]" for terminal in flow.terminals]  # type: ignore[attr-defined]
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
