"""Log handler errors without user content."""

from __future__ import annotations

import logging

from telegram import Update

from bot.handlers.context import BotContext

log = logging.getLogger("bot.errors")


async def on_error(update: object, context: BotContext) -> None:
    """Log the error's type and where it was raised; never the update (it holds personal data)."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "update %s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
