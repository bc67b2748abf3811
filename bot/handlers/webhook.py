"""`POST /telegram`: webhook updates, checked against the secret token, stored before Telegram's 200."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application

from bot.app.http import JsonHandler
from bot.delivery.inbox import Inbox
from bot.handlers.updates import acts_on
from bot.telemetry import metrics


class TelegramHandler(JsonHandler):
    """`POST /telegram`: updates from Telegram, checked against the secret token, stored, then answered."""

    def initialize(self, bot_application: Application, secret: str | None, inbox: Inbox) -> None:
        """Receive the PTB application, the webhook secret and the inbox."""
        self.bot_application = bot_application
        self.secret = secret
        self.inbox = inbox

    async def post(self) -> None:
        """Store the update durably, answer Telegram, and hand the update to PTB."""
        token = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not self.secret or not hmac.compare_digest(token.encode(), self.secret.encode()):
            self.reply(403, error="bad secret token")
            return
        try:
            raw = json.loads(self.request.body)
            if not isinstance(raw, dict) or type(raw.get("update_id")) is not int:
                raise ValueError("no update_id")
            update = Update.de_json(raw, self.bot_application.bot)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.reply(400, error="not an update")
            return
        if acts_on(raw):
            chat = update.effective_chat.id if update.effective_chat else 0
            async with _in_arrival_order(chat):
                # Committed before the 200: a crash from here on is recovered from the inbox, not lost.
                if await self.inbox.accept(update.update_id, raw):
                    await self.bot_application.update_queue.put(update)
                else:  # Telegram delivered it again: stored or handled before
                    metrics.DUPLICATE_UPDATES.inc()
        self.reply(200, ok=True)


_TAILS: dict[int, asyncio.Future[None]] = {}


@asynccontextmanager
async def _in_arrival_order(chat: int) -> AsyncIterator[None]:
    """Queue a chat's webhook updates in the order they arrived, though storing them overlaps."""
    previous = _TAILS.get(chat)
    mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    _TAILS[chat] = mine
    try:
        if previous is not None:
            await asyncio.shield(previous)
        yield
    finally:
        mine.set_result(None)
        if _TAILS.get(chat) is mine:
            del _TAILS[chat]
