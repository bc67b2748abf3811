"""Turn throughput and latency through the real python-telegram-bot Application, Telegram faked at HTTP.

N chats each run a 5-step exchange (/start, tap Bahasa, tap English, /bahasa, tap Bahasa Indonesia),
`--concurrency` chats at a time. The same exchange runs on SQLite, on PostgreSQL, and on a baseline: a plain
ConversationHandler bot with in-memory state and the same messages and keyboards.

    python -m benchmarks.turns [--chats 500] [--concurrency 16] [--compare REV]

`--compare REV` runs the same benchmark of an earlier commit (checked out with `git archive` into a
temporary folder) first, in the same run, so the two can be compared on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
)

from bot.app.services import Services
from bot.app.settings import Settings
from bot.handlers.telegram import build_application
from storage.crypto import Vault, generate_key
from storage.migrate import upgrade
from tests.conftest import POSTGRES_URL, _reset_postgres
from tests.support.telegram import RecordingRequest, UpdateFactory, buttons

STEPS = ("/start", "tap:Bahasa / Language", "tap:English", "/bahasa", "tap:Bahasa Indonesia")


async def run_chats(
    app: Application, request: RecordingRequest, chats: int, concurrency: int
) -> tuple[float, list[float]]:
    """Run every chat's exchange; return wall seconds and per-turn latencies (ms)."""
    factory = UpdateFactory()
    latencies: list[float] = []
    gate = asyncio.Semaphore(concurrency)
    last_keyboard: dict[int, dict[str, str]] = {}

    async def one_chat(chat_id: int) -> None:
        async with gate:
            for step in STEPS:
                if step.startswith("tap:"):
                    raw = factory.callback(chat_id, last_keyboard[chat_id][step[4:]])
                else:
                    raw = factory.text(chat_id, step)
                started = time.perf_counter()
                await app.process_update(Update.de_json(raw, app.bot))
                latencies.append((time.perf_counter() - started) * 1000)
                for call in reversed(request.sent_to(chat_id)):
                    if found := buttons(call):
                        last_keyboard[chat_id] = dict(found)
                        break

    started = time.perf_counter()
    await asyncio.gather(*(one_chat(chat_id) for chat_id in range(1, chats + 1)))
    return time.perf_counter() - started, latencies


async def bpu_bot(database_url: str, chats: int, concurrency: int) -> tuple[float, list[float]]:
    request = RecordingRequest()
    settings = Settings(telegram_bot_token="1:BENCH", send_rate_per_second=0, database_url=database_url)
    services = Services.build(settings, vault=Vault(generate_key()), pool_size=concurrency)
    app = build_application(services, request=request)
    await app.initialize()
    await app.post_init(app)
    try:
        return await run_chats(app, request, chats, concurrency)
    finally:
        await app.shutdown()
        await services.close()


def baseline_application(request: RecordingRequest) -> Application:
    """A plain ConversationHandler bot with the same steps, messages and keyboards, state in memory."""
    menu = InlineKeyboardMarkup.from_column(
        [
            InlineKeyboardButton(t, callback_data=t)
            for t in (
                "Daftar peserta",
                "Iuran & pengingat",
                "Tanya manfaat",
                "Lapor klaim",
                "Data saya",
                "Bantuan",
                "Bahasa / Language",
            )
        ]
    )
    languages = InlineKeyboardMarkup.from_column(
        [
            InlineKeyboardButton("Bahasa Indonesia", callback_data="id"),
            InlineKeyboardButton("English", callback_data="en"),
        ]
    )
    MENU, LANGUAGE = range(2)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await context.bot.send_message(update.effective_chat.id, "Halo!")
        await context.bot.send_message(update.effective_chat.id, "Menu", reply_markup=menu)
        return MENU

    async def ask_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        if update.callback_query:
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, "Pilih bahasa", reply_markup=languages)
        return LANGUAGE

    async def set_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await update.callback_query.answer()
        context.user_data["language"] = update.callback_query.data
        await context.bot.send_message(update.effective_chat.id, "OK")
        await context.bot.send_message(update.effective_chat.id, "Menu", reply_markup=menu)
        return MENU

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conversation = ConversationHandler(
            entry_points=[CommandHandler("start", start), CommandHandler("bahasa", ask_language)],
            states={
                MENU: [CallbackQueryHandler(ask_language), CommandHandler("bahasa", ask_language)],
                LANGUAGE: [CallbackQueryHandler(set_language)],
            },
            fallbacks=[CommandHandler("start", start)],
        )
    app = ApplicationBuilder().token("1:BASE").request(request).get_updates_request(request).build()
    app.add_handler(conversation)
    return app


async def baseline(chats: int, concurrency: int) -> tuple[float, list[float]]:
    request = RecordingRequest()
    app = baseline_application(request)
    await app.initialize()
    try:
        wall, latencies = await run_chats(app, request, chats, concurrency)
    finally:
        await app.shutdown()
    return wall, latencies


def report(name: str, chats: int, wall: float, latencies: list[float], base_rate: float | None) -> float:
    turns = len(latencies)
    rate = turns / wall
    quantiles = statistics.quantiles(latencies, n=100)
    ratio = f"{rate / base_rate:5.2f}" if base_rate else "  -  "
    p50, p99 = quantiles[49], quantiles[98]
    print(f"{name:<28} {chats:>6} {turns:>7} {rate:>9.0f} {p50:>9.1f} {p99:>9.1f} {ratio:>8}")
    return rate


async def main_async(chats: int, concurrency: int) -> None:
    print(f"{chats} chats x {len(STEPS)} turns, {concurrency} chats at a time")
    print(f"{'bot':<28} {'chats':>6} {'turns':>7} {'turns/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'vs base':>8}")
    wall, latencies = await baseline(chats, concurrency)
    base_rate = report("baseline ConversationHandler", chats, wall, latencies, None)
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        await asyncio.to_thread(upgrade, sqlite_url)
        wall, latencies = await bpu_bot(sqlite_url, chats, concurrency)
        report("bpu-bot on SQLite", chats, wall, latencies, base_rate)
    await _reset_postgres()
    await asyncio.to_thread(upgrade, POSTGRES_URL)
    wall, latencies = await bpu_bot(POSTGRES_URL, chats, concurrency)
    report("bpu-bot on PostgreSQL", chats, wall, latencies, base_rate)


def earlier(revision: str, chats: int, concurrency: int) -> None:
    """Run the turn benchmark of an earlier commit and print its table."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", revision], cwd=root, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        compile_catalogs = [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"]
        subprocess.run([*compile_catalogs, "-D", "messages"], cwd=folder, check=True, capture_output=True)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.turns",
                "--chats",
                str(chats),
                "--concurrency",
                str(concurrency),
            ],
            cwd=folder,
            env={**os.environ, "PYTHONPATH": folder},
            capture_output=True,
            text=True,
            check=True,
        )
    print(f"--- before: commit {revision}")
    for line in result.stdout.splitlines()[1:]:
        print(line)
    print("--- now")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--compare", metavar="REV", help="also run this earlier commit's benchmark first")
    args = parser.parse_args()
    if args.compare:
        earlier(args.compare, args.chats, args.concurrency)
    asyncio.run(main_async(args.chats, args.concurrency))


if __name__ == "__main__":
    main()
