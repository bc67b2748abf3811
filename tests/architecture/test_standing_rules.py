"""No rule of standing outside `bot/domain`: flows, jobs, storage and operators read the standing model.

A rule of standing is a decision on arrears, membership months or the thresholds that turn them into
rights. Outside the domain, the thresholds may be shown (a figure in a text) but never compared, and no
module counts paid months itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THRESHOLDS = {
    "max_arrears_months",
    "jkm_full_after_months",
    "scholarship_min_months",
    "sudden_death_jkk_months",
}
STANDING_FIELDS = {"arrears", "membership", "unpaid_months", "paid_months", "ahead"}


def rules_of_standing(source: str) -> list[str]:
    """Return the comparisons in `source` that decide standing: a threshold or a count of months."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        ordered = any(isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE) for op in node.ops)
        names = {part.attr for part in ast.walk(node) if isinstance(part, ast.Attribute)}
        if ordered and names & (THRESHOLDS | STANDING_FIELDS):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        if (
            isinstance(node.left, ast.Call)
            and ast.unparse(node.left).startswith("len(")
            and any(name in ast.unparse(node.left) for name in STANDING_FIELDS)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_the_checker_finds_the_old_copies() -> None:
    assert rules_of_standing("if standing.unpaid_months >= rules.months_to_nonaktif: pass")
    assert rules_of_standing("x = paid >= rules.jkm_full_after_months")
    assert rules_of_standing("if len(state.unpaid_months) > 2: pass")
    assert rules_of_standing("if missed_before >= rules.max_arrears_months: pass")
    assert not rules_of_standing("params = {'max': rules.max_arrears_months}")


def test_only_the_domain_decides_standing() -> None:
    outside = [
        path
        for folder in ("bot", "storage")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "domain" not in path.relative_to(ROOT).parts
    ]
    assert len(outside) > 50
    found = {
        str(path.relative_to(ROOT)): rules
        for path in outside
        if (rules := rules_of_standing(path.read_text(encoding="utf-8")))
    }
    assert found == {}
