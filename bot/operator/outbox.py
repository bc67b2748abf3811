"""`bpu-bot outbox …`: what is owed and what kept failing (never a message's text)."""

from __future__ import annotations

import argparse

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.priority import Priority
from bot.domain.safe_text import printable
from storage.repositories.outbox import OutboxRepository


async def outbox_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot outbox …`: what is owed, and what kept failing (never the message text)."""
    services = await Services.open(settings)
    try:
        if args.outbox_command == "status":
            counts = await services.db.run(lambda s: OutboxRepository(s, services.vault).counts())
            for state in ("pending", "sent", "parked", "dropped"):
                print(f"{state}: {counts.get(state, 0)}")
            return 0
        parked = await services.db.run(lambda s: OutboxRepository(s, services.vault).parked())
        if not parked:
            print("no parked messages")
            return 0
        print(f"{'id':>7}  {'chat':<12} {'kind':<7} {'tries':>5}  {'created':<20} error")
        kinds = {p.value: p.name.lower() for p in Priority}
        for row in parked:
            chat = services.runner.chat_tag(row.chat_id)
            created = f"{row.created_at:%Y-%m-%d %H:%M:%S}"
            error = printable(row.error or "")
            kind = kinds.get(row.priority, "?")
            print(f"{row.id:>7}  {chat:<12} {kind:<7} {row.attempts:>5}  {created:<20} {error}")
        return 0
    finally:
        await services.close()
