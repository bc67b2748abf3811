"""Flow data to JSON and back, from the dataclass's own type hints (ISO dates, tuples as lists).

A flow's data is a frozen dataclass; the kit stores it as JSON in the conversation row, so every
dataclass round-trips without hand-written `to_json`/`from_json`. Unknown keys are ignored and missing
ones take their defaults, so data stored by an older version of a flow still loads.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def dump(value: Any) -> Any:
    """Return a JSON-safe form of `value` (a dataclass, tuple, date, enum or plain value)."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [dump(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): dump(item) for key, item in value.items()}
    return value


def load(kind: type[T], raw: Mapping[str, Any] | None) -> T:
    """Build a `kind` dataclass from what `dump` returned."""
    values = raw or {}
    hints = _hints(kind)  # type: ignore[arg-type]
    known = {
        f.name: _convert(hints[f.name], values[f.name])
        for f in dataclasses.fields(kind)  # type: ignore[arg-type]
        if f.name in values
    }
    return kind(**known)


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return load(hint, value)
    if hint is date:
        return date.fromisoformat(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value
