"""The options of `bpu-bot agents …` (read without loading the bot's other parts)."""

from __future__ import annotations

import argparse
import os


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Declare `bpu-bot agents …` and its options."""
    agents = commands.add_parser("agents", help="agents who enrol workers without phone or Telegram")
    actions = agents.add_subparsers(dest="agents_command", required=True)
    adding = actions.add_parser("add", help="register an agent; prints the one-time link for their chat")
    adding.add_argument("name")
    adding.add_argument("--code", required=True, help="letters and digits, e.g. PERISAI017")
    adding.add_argument("--operator", default=os.environ.get("USER") or "operator", help="who (audit)")
    actions.add_parser("list", help="every agent, whether their chat is bound, and how many they enrolled")
    listing = actions.add_parser("enrolments", help="an agent's enrolments, masked, with the consent photo")
    listing.add_argument("code")
