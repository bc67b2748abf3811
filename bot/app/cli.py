"""The `bpu-bot` command: run (polling or webhook), chat (terminal), db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import logging
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from bot.app.settings import Settings, SettingsError
from bot.domain.claims import ClaimStatus
from bot.domain.safe_text import printable
from bot.operator.agent_args import add_parsers as agent_parsers
from bot.operator.sponsor_args import add_parsers as sponsor_parsers
from storage.migrate import upgrade


class EscapingFormatter(logging.Formatter):
    """One record, one line.

    Control characters in a message (ESC, OSC, RLO, CR/LF from what Telegram or a user sent) are escaped,
    so nothing can forge log lines or steer the operator's terminal.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:
        """Escape the message, then format it as usual."""
        record.message = printable(record.message)
        return super().formatMessage(record)


class JsonFormatter(logging.Formatter):
    """One record, one JSON object a line (`LOG_FORMAT=json`): the same fields as the text lines.

    The message is escaped as in text lines: what goes in a log line was already kept free of personal
    data where it is written (hashed chat ids, masked numbers).
    """

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one line of JSON."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": printable(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = printable(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: str, stream: TextIO | None = None, fmt: str = "text") -> None:
    """Log to stderr; keep HTTP client logs quiet, since their URLs contain the bot token."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else EscapingFormatter(LOG_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in ("httpx", "httpcore", "tornado.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # "skipped: already running" is expected
    # PTB's DEBUG lines carry raw updates (what workers typed); never below INFO for it.
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen command."""
    parser = argparse.ArgumentParser(prog="bpu-bot", description="BPJS Ketenagakerjaan BPU enrolment bot")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve Telegram (long polling, or --webhook)")
    run.add_argument("--webhook", action="store_true", help="receive updates on a webhook (WEBHOOK_URL)")
    commands.add_parser("chat", help="talk to the bot in this terminal")
    db = commands.add_parser("db", help="database maintenance")
    db.add_subparsers(dest="db_command", required=True).add_parser("upgrade", help="apply migrations")
    payments = commands.add_parser("payments", help="payments from channels and banks")
    actions = payments.add_subparsers(dest="payments_command", required=True)
    importing = actions.add_parser("import", help="apply a bank reconciliation CSV")
    importing.add_argument("file", type=Path)
    listing = actions.add_parser("exceptions", help="list payments that could not be applied")
    listing.add_argument("--all", action="store_true", help="include resolved ones")
    resolving = actions.add_parser("resolve", help="mark an exception resolved")
    resolving.add_argument("id", type=int)
    resolving.add_argument("--note", required=True, help="what was done, e.g. 'refunded to payer'")
    outbox = commands.add_parser("outbox", help="messages owed to chats")
    outbox_actions = outbox.add_subparsers(dest="outbox_command", required=True)
    outbox_actions.add_parser("status", help="how many messages are pending, sent, parked, dropped")
    outbox_actions.add_parser("parked", help="list messages that kept failing, with their error")
    participants = commands.add_parser("participants", help="maintenance of the register")
    participant_actions = participants.add_subparsers(dest="participants_command", required=True)
    participant_actions.add_parser(
        "recompute-regions", help="recompute every region and time zone from the Kemendagri codes"
    )
    claims = commands.add_parser("claims", help="death and work-accident claims")
    claim_actions = claims.add_subparsers(dest="claims_command", required=True)
    listing_claims = claim_actions.add_parser("list", help="list claims")
    listing_claims.add_argument("--status", choices=[s.value for s in ClaimStatus])
    showing = claim_actions.add_parser("show", help="a claim's details, documents and history")
    showing.add_argument("number")
    showing.add_argument("--export", type=Path, help="write the claim's documents (decrypted) to this folder")
    documents = claim_actions.add_parser("documents", help="a claim's documents")
    documents.add_argument("number")
    setting = claim_actions.add_parser("set-status", help="change a claim's status; the reporter is told")
    setting.add_argument("number")
    setting.add_argument("status", choices=[s.value for s in ClaimStatus])
    setting.add_argument("--note", help="why (required for ditolak); sent to the reporter")
    setting.add_argument("--operator", default=os.environ.get("USER") or "operator", help="who (audit)")
    qa = commands.add_parser("qa", help="benefit questions")
    qa_actions = qa.add_subparsers(dest="qa_command", required=True)
    unanswered = qa_actions.add_parser(
        "unanswered", help="questions without an answer (masked), newest first"
    )
    unanswered.add_argument("--limit", type=int, default=100)
    missed = qa_actions.add_parser(
        "missed", help="answers rated unhelpful (masked), with the entry chosen instead, newest first"
    )
    missed.add_argument("--limit", type=int, default=100)
    missed.add_argument(
        "--tsv", action="store_true", help="only those with a chosen entry, as question<TAB>entry lines"
    )
    reminders = commands.add_parser("reminders", help="reminder planning against the token's capacity")
    reminder_actions = reminders.add_subparsers(dest="reminders_command", required=True)
    planning = reminder_actions.add_parser(
        "plan", help="the coming days' reminder load, window and spill (bpu-bot run plans by itself)"
    )
    planning.add_argument(
        "--dry-run", action="store_true", required=True, help="print the projected load, change nothing"
    )
    planning.add_argument("--date", type=date.fromisoformat, help="the first day shown (YYYY-MM-DD)")
    operators = commands.add_parser("operators", help="accounts of the branch console (/konsol)")
    operator_actions = operators.add_subparsers(dest="operators_command", required=True)
    adding = operator_actions.add_parser("add", help="create an account; prints a one-time password")
    adding.add_argument("name")
    adding.add_argument("--role", choices=["officer", "viewer"], required=True)
    disabling = operator_actions.add_parser("disable", help="disable an account and end its sessions")
    disabling.add_argument("name")
    backing_up = commands.add_parser("backup", help="back up the database and claim documents into DIR")
    backing_up.add_argument("folder", type=Path, metavar="DIR")
    restoring = commands.add_parser("restore", help="restore a backup into an empty database")
    restoring.add_argument("file", type=Path, metavar="FILE")
    keys = commands.add_parser("keys", help="the data key: fingerprint, new key file, rotation")
    key_actions = keys.add_subparsers(dest="keys_command", required=True)
    key_actions.add_parser("fingerprint", help="the configured key's fingerprint and the database's")
    generating = key_actions.add_parser("generate", help="write a new key to a file (mode 0600)")
    generating.add_argument("file", type=Path)
    rotating = key_actions.add_parser(
        "rotate", help="re-seal everything under a new key (the configured key is the old one)"
    )
    rotating.add_argument("--new-key-file", type=Path, required=True, help="file holding the new key")
    rotating.add_argument("--batch", type=int, default=500, help=argparse.SUPPRESS)
    sponsor_parsers(commands)
    agent_parsers(commands)
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
    except SettingsError as err:
        print(f"bpu-bot: {err}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, fmt=settings.log_format)
    try:
        return _command(settings, args)
    except SettingsError as err:  # includes a missing or wrong data key (bot/jobs/keys.py)
        print(f"bpu-bot: {err}", file=sys.stderr)
        return 2


# `bpu-bot NAME …` → the module and coroutine of the operator command that answers it.
OPERATOR_COMMANDS: dict[str, tuple[str, str]] = {
    "payments": ("bot.operator.payments", "payments_command"),
    "outbox": ("bot.operator.outbox", "outbox_command"),
    "participants": ("bot.operator.participants", "participants_command"),
    "claims": ("bot.operator.claims", "claims_command"),
    "qa": ("bot.operator.questions", "qa_command"),
    "keys": ("bot.operator.keys", "keys_command"),
    "reminders": ("bot.operator.reminders", "reminders_command"),
    "backup": ("bot.operator.backup", "backup_command"),
    "operators": ("bot.operator.operators", "operators_command"),
    "restore": ("bot.operator.backup", "backup_command"),
    "sponsors": ("bot.operator.sponsors", "sponsors_command"),
    "agents": ("bot.operator.agents", "agents_command"),
}


def _command(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "db":
        upgrade(settings.database_url)
        print("database schema is up to date")
        return 0
    if args.command in OPERATOR_COMMANDS:
        # Imported only when asked for: an operator command starts without the bot's other parts.
        module, function = OPERATOR_COMMANDS[args.command]
        command = getattr(importlib.import_module(module), function)
        # A new key needs no database; a restore needs it empty (it migrates after restoring).
        if not (args.command == "keys" and args.keys_command == "generate") and args.command != "restore":
            upgrade(settings.database_url)
        return int(asyncio.run(command(settings, args)))
    if args.command == "chat":
        logging.getLogger("bot.turn").setLevel(logging.WARNING)
        upgrade(settings.database_url)
        asyncio.run(_chat(settings))
        return 0
    return _run(settings, webhook=args.webhook)


async def _chat(settings: Settings) -> None:
    from bot.handlers.terminal import chat

    await chat(settings)


def _run(settings: Settings, *, webhook: bool) -> int:
    if not settings.telegram_bot_token:
        print("bpu-bot: TELEGRAM_BOT_TOKEN is not set (the token from @BotFather).", file=sys.stderr)
        return 2
    if webhook and not (settings.webhook_url and settings.webhook_secret):
        print("bpu-bot: --webhook needs WEBHOOK_URL and WEBHOOK_SECRET.", file=sys.stderr)
        return 2
    from bot.app.serve import serve

    upgrade(settings.database_url)
    asyncio.run(serve(settings, webhook=webhook))
    return 0


if __name__ == "__main__":
    sys.exit(main())
