"""Build the python-telegram-bot Application: base URL, rate limiter, handlers, start-up hooks."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.commands import COMMANDS
from bot.handlers.context import BotContext
from bot.handlers.errors import on_error
from bot.handlers.replies import TelegramSender
from bot.handlers.updates import on_callback_query, on_message
from bot.i18n import LANGUAGES, translate
from bot.runner import Runner
from bot.settings import Settings
from bot.wiring import make_runner


def build_application(
    settings: Settings, *, request: BaseRequest | None = None, runner: Runner | None = None
) -> Application:
    """Return a configured Application; `request` replaces the HTTP layer (tests, benchmarks)."""
    assert settings.telegram_bot_token, "checked by the CLI before building"
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(256)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.send_rate_per_second > 0:
        builder = builder.rate_limiter(AIORateLimiter(overall_max_rate=settings.send_rate_per_second))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data["settings"] = settings
    if runner is not None:
        application.bot_data["runner"] = runner
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & ~filters.UpdateType.EDITED, on_message))
    application.add_handler(CallbackQueryHandler(on_callback_query))
    application.add_error_handler(on_error)
    return application


async def _post_init(application: Application) -> None:
    """Open the database, create the runner, and register the command menu in both languages."""
    settings: Settings = application.bot_data["settings"]
    if "runner" not in application.bot_data:
        application.bot_data["runner"] = make_runner(settings)
    application.bot_data["sender"] = TelegramSender(application.bot)
    for language in LANGUAGES:
        commands = [BotCommand(name, translate(description, language)) for name, description in COMMANDS]
        await application.bot.set_my_commands(commands, language_code=None if language == "id" else language)


async def _post_shutdown(application: Application) -> None:
    """Close the database pool."""
    runner: Runner | None = application.bot_data.get("runner")
    if runner is not None:
        await runner.db.dispose()


ALL_UPDATES = Update.ALL_TYPES
