"""Log lines escape what Telegram or users send: no forged lines, no terminal control."""

from __future__ import annotations

import io
import json
import logging

from bot.app.cli import configure_logging
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient


def test_a_telegram_description_with_control_characters_stays_one_escaped_line() -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream)
    try:
        nasty = "Bad Request\x1b[2J\x1b]0;owned\x07\u202eevil\r\nINFO forged line"
        logging.getLogger("bot.delivery.outbox").warning(
            "outbox row %s parked after %s attempts: %s", 7, 5, nasty
        )
    finally:
        configure_logging("WARNING", None)
    written = stream.getvalue()
    assert written.count("\n") == 1  # one record, one line
    for control in ("\x1b", "\u202e", "\r"):
        assert control not in written
    assert "Bad Request\\x1b[2J\\x1b]0;owned\\x07\\u202eevil\\x0d\\x0aINFO forged line" in written


async def test_json_logs_are_one_object_a_line_with_the_same_fields_and_no_personal_data(
    worker: BotClient,
) -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream, fmt="json")
    try:
        await register(worker)
        logging.getLogger("bot.delivery.outbox").warning("parked: %s", "evil\r\nINFO forged line")
    finally:
        configure_logging("WARNING", None)
    lines = stream.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert len(entries) >= 17
    assert all(set(entry) == {"time", "level", "logger", "message"} for entry in entries)
    turns = [e for e in entries if e["message"].startswith("turn chat=")]
    assert len(turns) == 17
    assert entries[-1]["message"] == "parked: evil\\x0d\\x0aINFO forged line"
    written = stream.getvalue()
    for personal in (NIK, "Siti Aminah", "0812 3456 7890", "81234567890", "Budi", "4242"):
        assert personal not in written
