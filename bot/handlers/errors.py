"""Log handler errors without user content; the chat is told through the outbox, in its language."""

from __future__ import annotations

import logging

from telegram import Update

from bot.handlers.context import BotContext

log = logging.getLogger("bot.errors")


async def on_error(update: object, context: BotContext) -> None:
    """Log the error's type and where it was raised, never the update; tell the worker to try again."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "update %s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.runner.apologise(update.effective_chat.id, context.outbox)
        except Exception:  # the database may be what failed: the apology is not worth a second error
            log.warning("could not tell chat about update %s failing", update_id)
