"""Flows stay pure: no telegram, no sqlalchemy, no clock of their own."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
PURE = (BOT / "flows", BOT / "domain")
FORBIDDEN_MODULES = ("telegram", "sqlalchemy", "storage", "time", "aiosqlite", "asyncpg")
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter", "time_ns"}


def impurities(source: str) -> list[str]:
    """Return what in `source` breaks purity: forbidden imports and clock reads."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        found += [f"import {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CLOCK_CALLS
        ):
            found.append(f"clock call .{node.func.attr}()")
    return found


def test_the_checker_catches_each_kind_of_impurity() -> None:
    assert impurities("import telegram") == ["import telegram"]
    assert impurities("from sqlalchemy.orm import Session") == ["import sqlalchemy.orm"]
    assert impurities("from datetime import date\nx = date.today()") == ["clock call .today()"]
    assert impurities("import datetime\nx = datetime.datetime.now()") == ["clock call .now()"]
    assert impurities("import time") == ["import time"]


def test_no_flow_module_imports_telegram_or_sqlalchemy_or_reads_the_clock() -> None:
    modules = sorted(p for folder in PURE for p in folder.rglob("*.py"))
    assert len(modules) >= 10
    problems = {str(p.relative_to(BOT)): bad for p in modules if (bad := impurities(p.read_text()))}
    assert problems == {}
