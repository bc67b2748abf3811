"""The one Telegram sender: turn replies and notices alike, with stamped keyboards and classified failures."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import httpx
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bot.delivery.channel import Delivery, SendResult
from bot.delivery.files import RefusedFile, file_url, read_shared, relative_file_path
from bot.delivery.messages import Rendered
from bot.turn.runner import NOTICE_STAMP
from bot.turn.runner import stamp as stamp_key

log = logging.getLogger("bot.sender")
NETWORK_RETRY = 30.0

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


class TelegramSender:
    """Deliver rendered messages through the Bot API; say whether the chat is reachable."""

    def __init__(self, bot: Bot, shared_folder: Path | None = None, *, paid_broadcast: bool = False) -> None:
        self.bot = bot
        self.shared_folder = shared_folder  # a local Bot API server's folder, when it shares it
        # Above 30 messages a second Telegram answers 429 unless each message pays 0.1 Star (PAID_BROADCAST).
        self.paid_broadcast = True if paid_broadcast else None

    async def download(self, file_id: str, limit: int) -> bytes:
        """Fetch a file a user sent (a claim document): a safe path, streamed, never over `limit` bytes.

        Refused (`RefusedFile`): a `file_path` that is no relative path under the file URL (PTB would read
        a local one from disk), or more bytes than `limit`, whatever getFile declared.
        """
        found = await self.bot.get_file(file_id)
        if found.file_size is not None and found.file_size > limit:
            raise RefusedFile(RefusedFile.TOO_LARGE)
        base = self.bot.base_file_url
        if self.shared_folder is not None and found.file_path and not found.file_path.startswith(base):
            return await asyncio.to_thread(read_shared, self.shared_folder, found.file_path, limit)
        url = file_url(base, relative_file_path(found.file_path, base))
        if not isinstance(self.bot.request, HTTPXRequest):  # a request of another kind (a test double)
            content = bytes(await self.bot.request.retrieve(url))
            if len(content) > limit:
                raise RefusedFile(RefusedFile.TOO_LARGE)
            return content
        return await _stream(url, limit)

    async def deliver(
        self, chat_id: int, messages: Sequence[Rendered], stamp: tuple[int, int] | None = None
    ) -> SendResult:
        """Send the messages in order; stop at the first failure (403 blocked, 429 wait, network retry)."""
        try:
            for message in messages:
                markup = _markup(message, stamp)
                if message.photo is not None:
                    await self.bot.send_photo(
                        chat_id,
                        message.photo,
                        caption=message.text,
                        reply_markup=markup,
                        allow_paid_broadcast=self.paid_broadcast,
                    )
                else:
                    await self.bot.send_message(
                        chat_id, message.text, reply_markup=markup, allow_paid_broadcast=self.paid_broadcast
                    )
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


async def _stream(url: str, limit: int) -> bytes:
    """Download `url`, stopping as soon as more than `limit` bytes arrive."""
    received = bytearray()
    timeout = httpx.Timeout(30.0, read=60.0)
    async with httpx.AsyncClient(timeout=timeout) as client, client.stream("GET", url) as response:
        if response.status_code != 200:
            raise NetworkError(f"file download answered {response.status_code}")
        async for chunk in response.aiter_bytes():
            received += chunk
            if len(received) > limit:
                raise RefusedFile(RefusedFile.TOO_LARGE)
    return bytes(received)


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
