"""Build the python-telegram-bot Application: base URL, rate limiter, handlers, start-up hooks."""

from __future__ import annotations

from pathlib import Path

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.app.services import Services
from bot.handlers.context import BotContext, BotData
from bot.handlers.errors import on_error
from bot.handlers.polling import DurableUpdates
from bot.handlers.processor import ChatQueues
from bot.handlers.sender import TelegramSender
from bot.handlers.updates import ACTED_ON, on_callback_query, on_message
from bot.turn.i18n import LANGUAGES, translate

BotApplication = Application  # type: ignore[type-arg]


def build_application(services: Services, *, request: BaseRequest | None = None) -> BotApplication:
    """Return a configured Application; `request` replaces the HTTP layer (tests, benchmarks)."""
    settings = services.settings
    assert settings.telegram_bot_token, "checked by the CLI before building"
    owner: list[BotApplication] = []

    async def on_flood(update: Update, first: bool) -> None:
        data = owner[0].bot_data
        chat = update.effective_chat.id if update.effective_chat else 0
        await data.services.runner.dropped(chat, update.update_id, data.outbox, tell=first)

    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .concurrent_updates(ChatQueues(256, settings.chat_backlog, on_flood))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.send_rate_per_second > 0:
        builder = builder.rate_limiter(AIORateLimiter(overall_max_rate=settings.send_rate_per_second))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        polling = HTTPXRequest(connection_pool_size=1)
        builder = builder.get_updates_request(DurableUpdates(polling, services.inbox))
    application = builder.build()
    owner.append(application)
    shared = settings.telegram_local_files_dir
    sender = TelegramSender(
        application.bot, Path(shared) if shared else None, paid_broadcast=settings.paid_broadcast
    )
    application.bot_data.attach(services, sender)
    application.add_handler(MessageHandler(ACTED_ON, on_message))
    application.add_handler(CallbackQueryHandler(on_callback_query))
    application.add_error_handler(on_error)
    return application


async def _post_init(application: BotApplication) -> None:
    """Register the command menu in both languages."""
    for language in LANGUAGES:
        listed = application.bot_data.services.runner.engine.routes.commands()
        commands = [BotCommand(name, translate(description, language)) for name, description in listed]
        await application.bot.set_my_commands(commands, language_code=None if language == "id" else language)


async def _post_shutdown(application: BotApplication) -> None:
    """Record what was sent, then close the database pool."""
    await application.bot_data.outbox.close()
    await application.bot_data.services.close()


ALL_UPDATES = Update.ALL_TYPES
