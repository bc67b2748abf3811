"""Log lines escape what Telegram or users send: no forged lines, no terminal control."""

from __future__ import annotations

import io
import logging

from bot.app.cli import configure_logging


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
