"""`bpu-bot participants …`: maintenance of the register (regions recomputed)."""

from __future__ import annotations

import argparse

from bot.app.services import Services
from bot.app.settings import Settings
from bot.jobs.maintenance import recompute_regions


async def participants_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot participants recompute-regions`."""
    services = await Services.open(settings)
    try:
        result = await recompute_regions(services.db, services.vault)
        print(f"participants: {result.seen} checked, {result.changed} with a new region or time zone")
        return 0
    finally:
        await services.close()
