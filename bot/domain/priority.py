"""Who is served first when messages are owed: a worker waiting for an answer, news for them, reminders."""

from __future__ import annotations

from enum import IntEnum


class Priority(IntEnum):
    """Who is served first: a worker waiting for an answer, then news for them, then reminders."""

    REPLY = 0
    NOTICE = 1
    BULK = 2
