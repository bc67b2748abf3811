"""The options of `bpu-bot sponsors …` (read without loading the bot's other parts)."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from bot.domain.iuran import Programme
from bot.domain.participants import OCCUPATION_KEYS


def month_argument(text: str) -> date:
    """Read `YYYY-MM` as the first day of that month."""
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-12") from err


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Declare `bpu-bot sponsors …` and its options."""
    sponsors = commands.add_parser("sponsors", help="sponsor programmes that pay their workers' iuran")
    actions = sponsors.add_subparsers(dest="sponsors_command", required=True)
    adding = actions.add_parser("add", help="create a programme; prints its link and writes its QR poster")
    adding.add_argument("name")
    adding.add_argument(
        "--code", required=True, help="letters and digits, e.g. DUMAI26 (the link's sp-dumai26)"
    )
    adding.add_argument("--quota", type=int, required=True, help="how many workers it pays for")
    adding.add_argument("--months", type=int, required=True, help="months paid for each worker")
    adding.add_argument("--programme", choices=[p.value for p in Programme], default=Programme.JKK_JKM.value)
    adding.add_argument("--from", dest="from_month", type=month_argument, help="first month paid (YYYY-MM)")
    adding.add_argument("--regions", default="", help="Kemendagri codes, e.g. 14.72,61 (default: anywhere)")
    adding.add_argument("--occupations", default="", help=f"any of {','.join(OCCUPATION_KEYS)}")
    adding.add_argument("--ends", type=date.fromisoformat, help="last day to enrol and to be paid for")
    adding.add_argument("--poster", type=Path, help="where to write the poster (default: poster-CODE.png)")
    actions.add_parser("list", help="every programme with its quota used")
    billing = actions.add_parser("bill", help="write a month's list (CSV and XLSX) for the sponsor to pay")
    billing.add_argument("code")
    billing.add_argument("--month", type=month_argument, required=True)
    billing.add_argument("--out", type=Path, default=Path("."), help="folder for the files")
    paying = actions.add_parser("paid", help="record a month's list paid: every worker on it, at once")
    paying.add_argument("code")
    paying.add_argument("--month", type=month_argument, required=True)
    paying.add_argument("--reference", required=True, help="the sponsor's transfer reference")
    paying.add_argument(
        "--paid-on",
        type=date.fromisoformat,
        help="the day the transfer arrived (YYYY-MM-DD), when recorded later: rights count from it",
    )
    paying.add_argument("--operator", default=os.environ.get("USER") or "operator", help="who (audit)")
    reporting = actions.add_parser("report", help="a programme's numbers (no personal data)")
    reporting.add_argument("code")
