"""Thin handlers: each turns one kind of Telegram update into a runner turn."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telegram import Update
from telegram.ext import filters

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
    if query is None or query.message is None or not acts_on(update.to_dict()):
        return
    await query.answer()
    pressed = parse_stamp(query.data)
    await context.runner.turn(query.message.chat.id, pressed, context.outbox, update.update_id)


def acts_on(raw: Mapping[str, Any]) -> bool:
    """Tell whether the bot acts on this update: a new message or a button tap, in a private chat.

    The one definition: polling stores only these, the webhook answers the rest at once, and the
    Application's handlers take only these. Edited messages, channel posts and group chats are ignored.
    """
    if not isinstance(raw, Mapping) or type(raw.get("update_id")) is not int:
        return False
    message = raw.get("message")
    query = raw.get("callback_query")
    if isinstance(query, Mapping):
        message = query.get("message")
    elif not isinstance(message, Mapping):
        return False
    chat = message.get("chat") if isinstance(message, Mapping) else None
    return isinstance(chat, Mapping) and chat.get("type") == "private"


class ActedOn(filters.UpdateFilter):
    """python-telegram-bot's filter for `acts_on`."""

    def filter(self, update: Update) -> bool:
        """Apply `acts_on` to the update as Telegram sent it."""
        return acts_on(update.to_dict())


ACTED_ON = ActedOn(name="acted_on")
