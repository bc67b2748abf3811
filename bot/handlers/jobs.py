"""JobQueue adapters: plan reminders every few minutes, dispatch due ones every few seconds."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from telegram import Bot
from telegram.error import Forbidden, NetworkError, RetryAfter

from bot.handlers.context import BotContext
from bot.reminders import Delivery, Reminders, SendResult
from bot.render import Rendered

log = logging.getLogger("bot.reminders")

PLAN_EVERY = 600.0
DISPATCH_EVERY = 2.0


class TelegramNoticeSender:
    """Deliver notices; classify Telegram's answer (403 blocked, 429 wait, network error retry)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def deliver(self, chat_id: int, messages: Sequence[Rendered]) -> SendResult:
        """Send the messages in order; stop at the first failure."""
        try:
            for message in messages:
                if message.photo is not None:
                    await self.bot.send_photo(chat_id, message.photo, caption=message.text)
                else:
                    await self.bot.send_message(chat_id, message.text)
        except Forbidden:
            return SendResult(Delivery.BLOCKED)
        except RetryAfter as err:
            retry_after = err.retry_after  # a timedelta: bot/__init__.py opts in to PTB_TIMEDELTA
            seconds = (
                retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)
            )
            return SendResult(Delivery.RETRY, seconds)
        except NetworkError:
            return SendResult(Delivery.RETRY, 30.0)
        return SendResult(Delivery.SENT)


async def on_plan_tick(context: BotContext) -> None:
    """Plan the reminders due in the next day."""
    reminders: Reminders = context.application.bot_data["reminders"]
    planned = await reminders.plan()
    if planned:
        log.info("planned %s reminders", planned)


async def on_dispatch_tick(context: BotContext) -> None:
    """Send due reminders, batch after batch, until none is due."""
    reminders: Reminders = context.application.bot_data["reminders"]
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
