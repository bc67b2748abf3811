"""The callback context every handler receives, with the runner at hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    from bot.handlers.replies import TelegramSender
    from bot.runner import Runner


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with typed access to the runner and the Telegram sender."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def runner(self) -> Runner:
        """Return the turn runner created at start-up."""
        return self.application.bot_data["runner"]

    @property
    def sender(self) -> TelegramSender:
        """Return the sender that turns rendered replies into Telegram messages."""
        return self.application.bot_data["sender"]
