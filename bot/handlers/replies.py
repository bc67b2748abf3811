"""Send rendered replies as Telegram messages with stamped keyboards."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.flows.base import Request
from bot.render import Rendered
from bot.runner import stamp


class TelegramSender:
    """Deliver replies through the Bot API."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, replies: Sequence[Rendered], stamp_prefix: tuple[int, int]) -> None:
        """Send each reply in order; buttons carry the conversation id and version."""
        for reply in replies:
            markup = self._markup(reply, stamp_prefix)
            if reply.photo is not None:
                await self.bot.send_photo(chat_id, reply.photo, caption=reply.text, reply_markup=markup)
            else:
                await self.bot.send_message(chat_id, reply.text, reply_markup=markup)

    @staticmethod
    def _markup(
        reply: Rendered, prefix: tuple[int, int]
    ) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
        if reply.request is not None:
            button = KeyboardButton(
                reply.request_label or "",
                request_contact=True if reply.request is Request.CONTACT else None,
                request_location=True if reply.request is Request.LOCATION else None,
            )
            return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
        if reply.rows:
            return InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(b.label, callback_data=stamp(*prefix, b.key)) for b in row]
                    for row in reply.rows
                ]
            )
        # A typed answer leaves a "share contact" keyboard open; a plain question closes it.
        return ReplyKeyboardRemove()
