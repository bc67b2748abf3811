"""How the flows are reached: commands, typed requests, /bantuan and Telegram's command list.

Derived from each flow's own `Entry`, so adding a flow means declaring it in its module and adding it to
the registry; the engine, the menu and the Telegram handlers read these routes and name no flow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.flows.base import N_, Lines, Say, Text
from bot.flows.kit import CANCELLED, HOME, Entry, Flow, InvalidFlowDefinition

ASKED = "?"  # switch_to a typed question: the flow that answers questions takes it

HELP_HEAD = N_(
    "Cara memakai bot ini:\n• Tekan tombol untuk menjawab; ketik hanya bila diminta.\n• /start — menu utama"
)
HELP = N_("{head}\n{commands}\n{tail}")
HELP_LINE = N_("• /{command} — {what}")
HELP_TAIL = N_(
    "• /batal — berhenti dari langkah yang sedang berjalan\n"
    "Butuh bantuan langsung? Hubungi BPJS Ketenagakerjaan di 175."
)
START_COMMAND = ("start", N_("Menu utama"))
CLOSING_COMMANDS = (("bantuan", N_("Bantuan")), ("batal", N_("Batalkan langkah yang sedang berjalan")))


@dataclass(frozen=True)
class Routes:
    """Where each command, typed request and word leads, and what /batal says when leaving a flow."""

    home: str
    entries: tuple[tuple[str, Entry], ...]  # (flow name, its entry), in menu order

    @classmethod
    def of(cls, flows: Mapping[str, Flow[Any]]) -> Routes:
        """Collect the entries of `flows`; two flows may not claim one command or word."""
        entries = sorted(
            ((name, flow.entry) for name, flow in flows.items() if flow.entry is not None),
            key=lambda pair: pair[1].position,
        )
        claimed: dict[str, str] = {}
        for name, entry in entries:
            for key in (entry.command, *entry.typed, *(w.upper() for w in entry.words)):
                if claimed.setdefault(key, name) != name:
                    raise InvalidFlowDefinition(f"{key!r} is claimed by {claimed[key]!r} and {name!r}")
        return cls(HOME, tuple(entries))

    def resolve(self, key: str) -> str | None:
        """Return the flow (with `#where` to begin) a command, typed request or flow name leads to."""
        for name, entry in self.entries:
            if key in (name, entry.command):
                return name
            if key in entry.typed:
                return f"{name}#{entry.typed[key]}"
            if key == ASKED and entry.answers:
                return name
        return None

    def command(self, name: str) -> str | None:
        """Return the flow a slash command starts, or None."""
        return next((flow for flow, entry in self.entries if entry.command == name), None)

    def word(self, text: str) -> str | None:
        """Return the flow an exact typed word starts ("STOP"), or None."""
        typed = text.strip().upper()
        return next((name for name, entry in self.entries if typed in entry.words), None)

    def cancelled(self, flow: str) -> str:
        """Return what /batal says when it leaves `flow`."""
        return next((entry.cancelled for name, entry in self.entries if name == flow), CANCELLED)

    def commands(self) -> tuple[tuple[str, str], ...]:
        """Return Telegram's command list: (command, description msgid), in menu order."""
        own = tuple((entry.command, entry.describe) for _, entry in self.entries if entry.listed)
        return (START_COMMAND, *own, *CLOSING_COMMANDS)

    def buttons(self) -> tuple[tuple[int, str, str], ...]:
        """Return the main menu's buttons of the flows: (position, key, label msgid)."""
        return tuple((e.position, e.command, e.button) for _, e in self.entries if e.button is not None)

    def help(self) -> Say:
        """Return /bantuan: how to use the bot and one line per command."""
        lines = tuple(
            Text(HELP_LINE, {"command": entry.command, "what": Text(entry.help)})
            for _, entry in self.entries
            if entry.help and entry.listed
        )
        return Say(HELP, {"head": Text(HELP_HEAD), "commands": Lines(lines), "tail": Text(HELP_TAIL)})
