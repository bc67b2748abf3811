"""A message ready for any channel: its text, buttons, a keyboard request or a photo; already translated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A rendered button: its visible label and the key it sends back."""

    key: str
    label: str


@dataclass(frozen=True)
class Rendered:
    """A message ready for any channel; `request` is "contact" or "location" for a special keyboard."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()
    request: str | None = None
    request_label: str | None = None
    photo: bytes | None = None
