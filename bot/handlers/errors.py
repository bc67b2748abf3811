"""Log handler errors without user content."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.flows.base import N_, Say
from bot.handlers.context import BotContext
from bot.turn.render import render

log = logging.getLogger("bot.errors")


SORRY = N_(
    "Maaf, ada gangguan di sistem kami. Jawaban Anda yang sebelumnya tetap tersimpan; "
    "coba lagi sebentar lagi."
)


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
            await context.bot.send_message(update.effective_chat.id, render(Say(SORRY), "id").text)
        except TelegramError:
            log.warning("could not tell chat about update %s failing", update_id)
