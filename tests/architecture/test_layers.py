"""The rooms hold their layers: each package imports only the packages below it.

Checked on the source (every `import` and `from … import`, also inside functions), so a flow that
reaches for storage, or a job that reaches for a flow, fails here before it is merged.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> the packages of ours it may import (itself always). `bot.app` wires everything together.
ALLOWED: dict[str, frozenset[str]] = {
    "bot.domain": frozenset(),
    "bot.telemetry": frozenset(),  # the process's counters: every layer that does something counts it
    "bot.flows": frozenset({"bot.domain"}),
    "storage": frozenset({"bot.domain"}),
    "bot.app.settings": frozenset({"bot.domain"}),  # configuration: read by every layer that is configured
    "bot.delivery": frozenset({"bot.domain", "bot.telemetry", "storage"}),
    "bot.turn": frozenset({"bot.domain", "bot.flows", "bot.delivery", "bot.telemetry", "storage"}),
    "bot.jobs": frozenset(
        {"bot.domain", "bot.delivery", "bot.turn", "bot.telemetry", "bot.app.settings", "storage"}
    ),
    "bot.handlers": frozenset(
        {
            "bot.domain",
            "bot.flows",
            "bot.turn",
            "bot.delivery",
            "bot.jobs",
            "bot.app",
            "bot.app.settings",
            "bot.telemetry",
            "storage",
        }
    ),
    # The branch console: pages over the same services as the operator commands (no flow, no handler).
    "bot.console": frozenset(
        {"bot.domain", "bot.turn", "bot.delivery", "bot.jobs", "bot.app.settings", "bot.telemetry", "storage"}
    ),
    "bot.operator": frozenset(
        {
            "bot.console",
            "bot.domain",
            "bot.turn",
            "bot.delivery",
            "bot.jobs",
            "bot.app",
            "bot.app.settings",
            "bot.telemetry",
            "storage",
        }
    ),
    "bot.app": frozenset(
        {
            "bot.domain",
            "bot.flows",
            "bot.turn",
            "bot.delivery",
            "bot.jobs",
            "bot.handlers",
            "bot.operator",
            "bot.console",
            "bot.app.settings",
            "bot.telemetry",
            "storage",
        }
    ),
}
OURS = ("bot", "storage")


def package_of(module: str) -> str | None:
    """Return the layer a dotted module name belongs to (its longest listed prefix)."""
    matches = [p for p in ALLOWED if module == p or module.startswith(p + ".")]
    return max(matches, key=len) if matches else None


def imported(source: str) -> set[str]:
    """Return every module of ours that `source` imports (`from bot.flows import claims` names the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            package = ROOT.joinpath(*node.module.split("."))
            if package.is_dir():  # names imported from a package are its modules
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
    return {name for name in found if name.split(".")[0] in OURS}


def violations(module: str, source: str) -> list[str]:
    """Return the imports of `module` that its layer does not allow."""
    own = package_of(module)
    if own is None:
        return []
    bad = []
    for name in sorted(imported(source)):
        target = package_of(name)
        if target is None:
            if name in ("bot", "storage"):
                continue
            target = name
        if target != own and target not in ALLOWED[own]:
            bad.append(f"{module} imports {name}")
    return sorted(set(bad))


def modules() -> list[tuple[str, Path]]:
    found = []
    for top in OURS:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found.append((dotted, path))
    return found


def test_the_checker_refuses_a_flow_that_imports_storage() -> None:
    assert violations("bot.flows.claims", "from storage.models import Participant") == [
        "bot.flows.claims imports storage.models"
    ]
    assert violations("bot.flows.claims", "from storage import db") == ["bot.flows.claims imports storage.db"]
    assert violations("bot.jobs.reminders", "import bot.flows.notices") == [
        "bot.jobs.reminders imports bot.flows.notices"
    ]
    assert violations("bot.domain.iuran", "def f():\n    from bot.turn.render import render\n") != []
    assert violations("storage.repositories.claims", "from bot.domain.claims import Standing") == []


def test_every_module_lives_in_a_layer() -> None:
    entry = ("bot", "bot.__main__", "storage")
    homeless = [m for m, _ in modules() if package_of(m) is None and m not in entry]
    assert homeless == []


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_it_may(layer: str) -> None:
    problems = [
        problem
        for module, path in modules()
        if package_of(module) == layer
        for problem in violations(module, path.read_text())
    ]
    assert problems == []


def test_the_bot_root_holds_at_most_five_modules_and_no_file_is_over_500_lines() -> None:
    root_modules = sorted(p.name for p in (ROOT / "bot").glob("*.py"))
    assert len(root_modules) <= 5, root_modules
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "bot").rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 500
    }
    assert long == {}
