"""The `bpu-bot` command: run (polling or webhook), chat (terminal), db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.settings import Settings, SettingsError
from storage.migrate import upgrade


def configure_logging(level: str) -> None:
    """Log to stderr; keep HTTP client logs quiet, since their URLs contain the bot token."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen command."""
    parser = argparse.ArgumentParser(prog="bpu-bot", description="BPJS Ketenagakerjaan BPU enrolment bot")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve Telegram (long polling, or --webhook)")
    run.add_argument("--webhook", action="store_true", help="receive updates on a webhook (WEBHOOK_URL)")
    commands.add_parser("chat", help="talk to the bot in this terminal")
    db = commands.add_parser("db", help="database maintenance")
    db.add_subparsers(dest="db_command", required=True).add_parser("upgrade", help="apply migrations")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
    except SettingsError as err:
        print(f"bpu-bot: {err}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)

    if args.command == "db":
        upgrade(settings.database_url)
        return 0
    if args.command == "chat":
        logging.getLogger("bot.turn").setLevel(logging.WARNING)
        upgrade(settings.database_url)
        asyncio.run(_chat(settings))
        return 0
    return _run(settings, webhook=args.webhook)


async def _chat(settings: Settings) -> None:
    from bot.terminal import chat

    await chat(settings)


def _run(settings: Settings, *, webhook: bool) -> int:
    if not settings.telegram_bot_token:
        print("bpu-bot: TELEGRAM_BOT_TOKEN is not set (the token from @BotFather).", file=sys.stderr)
        return 2
    if webhook and not (settings.webhook_url and settings.webhook_secret):
        print("bpu-bot: --webhook needs WEBHOOK_URL and WEBHOOK_SECRET.", file=sys.stderr)
        return 2
    from telegram import Update

    from bot.app import build_application

    upgrade(settings.database_url)
    application = build_application(settings)
    if webhook:
        application.run_webhook(
            listen=settings.http_host,
            port=settings.http_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
