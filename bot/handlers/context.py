"""The callback context every handler receives, with the process's services typed, not by string keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    from bot.app.services import Services
    from bot.delivery.outbox import Outbox
    from bot.handlers.sender import TelegramSender
    from bot.jobs.documents import Documents
    from bot.jobs.reminders import Reminders
    from bot.turn.runner import Runner


class BotData:
    """What the Application holds for every handler (PTB's `bot_data`, typed through `ContextTypes`)."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self._sender: TelegramSender | None = None
        self._outbox: Outbox | None = None
        self._reminders: Reminders | None = None
        self._documents: Documents | None = None

    def attach(self, services: Services, sender: TelegramSender) -> None:
        """Give the handlers the services, the one Telegram sender and the outbox that uses it."""
        self._services = services
        self._sender = sender
        self._outbox = services.outbox(sender)
        self._reminders = services.reminders(self._outbox)
        self._documents = services.documents(self._outbox, sender.download)

    @property
    def services(self) -> Services:
        """Return the services built at start-up."""
        assert self._services is not None, "attached by build_application"
        return self._services

    @property
    def sender(self) -> TelegramSender:
        """Return the Telegram sender for replies and notices."""
        assert self._sender is not None, "attached by build_application"
        return self._sender

    @property
    def outbox(self) -> Outbox:
        """Return the outbox every message goes through."""
        assert self._outbox is not None, "attached by build_application"
        return self._outbox

    @property
    def reminders(self) -> Reminders:
        """Return the reminder planner and dispatcher."""
        assert self._reminders is not None, "attached by build_application"
        return self._reminders

    @property
    def documents(self) -> Documents:
        """Return the fetcher of claim documents."""
        assert self._documents is not None, "attached by build_application"
        return self._documents


class BotContext(CallbackContext[ExtBot[None], dict, dict, BotData]):  # type: ignore[type-arg]
    """CallbackContext with typed access to the runner and the Telegram sender."""

    def __init__(
        self,
        application: Application,
        chat_id: int | None = None,
        user_id: int | None = None,  # type: ignore[type-arg]
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def runner(self) -> Runner:
        """Return the turn runner."""
        return self.bot_data.services.runner

    @property
    def outbox(self) -> Outbox:
        """Return the outbox replies are owed through."""
        return self.bot_data.outbox
