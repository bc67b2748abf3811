"""Thin handlers: each turns one kind of Telegram update into a runner turn."""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.inputs import from_message
from bot.turn.runner import parse_stamp


async def on_message(update: Update, context: BotContext) -> None:
    """Turn a private message (text, command, contact, photo, sticker...) into one turn."""
    if update.effective_chat is None or update.effective_message is None:
        return
    event = from_message(update.effective_message)
    await context.runner.turn(update.effective_chat.id, event, context.outbox, update.update_id)


async def on_callback_query(update: Update, context: BotContext) -> None:
    """Turn a button tap into one turn; the stamp decides whether it is current or stale."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    await query.answer()
    pressed = parse_stamp(query.data)
    await context.runner.turn(query.message.chat.id, pressed, context.outbox, update.update_id)
