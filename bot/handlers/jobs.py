"""JobQueue adapters: plan reminders every few minutes, dispatch due ones every few seconds."""

from __future__ import annotations

import logging

from telegram import Update

from bot.handlers.context import BotContext

log = logging.getLogger("bot.jobs.reminders")

PLAN_EVERY = 600.0
DISPATCH_EVERY = 2.0
RECOVER_EVERY = 30.0
PRUNE_EVERY = 3600.0
DOCUMENTS_EVERY = 5.0


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


async def on_recover_tick(context: BotContext) -> None:
    """Hand PTB the updates a killed process accepted but never processed (all of them at start)."""
    at_start = context.job is not None and context.job.data == "start"
    found = await context.bot_data.services.inbox.unprocessed(at_start=at_start)
    for raw in found:
        await context.application.update_queue.put(Update.de_json(raw, context.bot))
    if found:
        log.info("recovered %s accepted updates", len(found))


async def on_prune_tick(context: BotContext) -> None:
    """Forget update ids past Telegram's redelivery window and long-delivered messages."""
    gone = await context.bot_data.services.inbox.prune()
    if gone:
        log.info("pruned %s rows", gone)


async def on_documents_tick(context: BotContext) -> None:
    """Fetch the claim documents accepted since the last tick and store them sealed."""
    done = await context.bot_data.documents.fetch_pending()
    if done.stored or done.failed:
        log.info("documents stored=%s failed=%s", done.stored, done.failed)
