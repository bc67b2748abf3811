"""The one Telegram sender: turn replies and notices alike, with stamped keyboards and classified failures."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.delivery.channel import Delivery, SendResult
from bot.delivery.messages import Rendered
from bot.turn.runner import NOTICE_STAMP
from bot.turn.runner import stamp as stamp_key

log = logging.getLogger("bot.sender")
NETWORK_RETRY = 30.0

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


class TelegramSender:
    """Deliver rendered messages through the Bot API; say whether the chat is reachable."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def download(self, file_id: str) -> bytes:
        """Fetch a file a user sent (a claim document) through the Bot API's getFile."""
        found = await self.bot.get_file(file_id)
        return bytes(await found.download_as_bytearray())

    async def deliver(
        self, chat_id: int, messages: Sequence[Rendered], stamp: tuple[int, int] | None = None
    ) -> SendResult:
        """Send the messages in order; stop at the first failure (403 blocked, 429 wait, network retry)."""
        try:
            for message in messages:
                markup = _markup(message, stamp)
                if message.photo is not None:
                    await self.bot.send_photo(
                        chat_id, message.photo, caption=message.text, reply_markup=markup
                    )
                else:
                    await self.bot.send_message(chat_id, message.text, reply_markup=markup)
        except Forbidden as err:
            return SendResult(Delivery.BLOCKED, error=_describe(err))
        except RetryAfter as err:
            retry_after = err.retry_after  # a timedelta: bot/__init__.py opts in to PTB_TIMEDELTA
            seconds = (
                retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)
            )
            return SendResult(Delivery.RETRY, seconds, _describe(err), rate_limited=True)
        except BadRequest as err:
            return SendResult(Delivery.FAILED, error=_describe(err))
        except (NetworkError, TelegramError) as err:  # timeouts and 5xx are NetworkErrors
            log.warning("send failed: %s", type(err).__name__)
            return SendResult(Delivery.RETRY, NETWORK_RETRY, _describe(err))
        return SendResult(Delivery.SENT)


def _markup(message: Rendered, stamp: tuple[int, int] | None) -> Markup:
    if message.request is not None:
        button = KeyboardButton(
            message.request_label or "",
            request_contact=True if message.request == "contact" else None,
            request_location=True if message.request == "location" else None,
        )
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    if message.rows:
        stamp = stamp or NOTICE_STAMP  # a notice's buttons act as commands, whatever the chat shows
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b.label, callback_data=stamp_key(*stamp, b.key)) for b in row]
                for row in message.rows
            ]
        )
    if stamp is None:
        return None  # a notice leaves whatever keyboard the conversation shows
    # A typed answer leaves a "share contact" keyboard open; a plain question closes it.
    return ReplyKeyboardRemove()


def _describe(err: TelegramError) -> str:
    """Name the error for the operator (Telegram's text never carries the message sent)."""
    return f"{type(err).__name__}: {err.message}"[:200]
