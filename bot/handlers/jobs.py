"""JobQueue adapters: plan reminders every few minutes, dispatch due ones every few seconds."""

from __future__ import annotations

import logging

from bot.handlers.context import BotContext

log = logging.getLogger("bot.reminders")

PLAN_EVERY = 600.0
DISPATCH_EVERY = 2.0


async def on_plan_tick(context: BotContext) -> None:
    """Plan the reminders due in the next day."""
    planned = await context.bot_data.reminders.plan()
    if planned:
        log.info("planned %s reminders", planned)


async def on_dispatch_tick(context: BotContext) -> None:
    """Send due reminders, batch after batch, until none is due."""
    reminders = context.bot_data.reminders
    while (stats := await reminders.dispatch()).claimed:
        log.info(
            "reminders claimed=%s sent=%s skipped=%s deferred=%s blocked=%s retried=%s",
            stats.claimed,
            stats.sent,
            stats.skipped,
            stats.deferred,
            stats.blocked,
            stats.retried,
        )
        if stats.claimed < reminders.batch:
            break
