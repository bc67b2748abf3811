"""`bpu-bot operators add NAME --role officer|viewer` and `bpu-bot operators disable NAME`."""

from __future__ import annotations

import argparse
import sys

from bot.app.services import system_clock
from bot.app.settings import Settings
from bot.console.accounts import AccountError, Accounts, Role
from bot.domain.safe_text import printable
from storage.db import Database


async def operators_command(settings: Settings, args: argparse.Namespace) -> int:
    """Create an account (printing its one-time password) or disable one."""
    db = Database(settings.database_url)
    accounts = Accounts(db, system_clock)
    try:
        if args.operators_command == "add":
            password = await accounts.add(args.name, Role(args.role))
            print(f"account {printable(args.name)} ({args.role}) created.")
            print(f"one-time password: {password}")
            print("Hand it over in person; it must be changed at the first login at /konsol/login.")
            return 0
        await accounts.disable(args.name)
        print(f"account {printable(args.name)} disabled; its sessions ended.")
        return 0
    except AccountError as err:
        print(f"bpu-bot: {err}", file=sys.stderr)
        return 2
    finally:
        await db.dispose()
