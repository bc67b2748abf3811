"""Assemble a runner from settings (used by `run` and `chat`)."""

from __future__ import annotations

from bot.flows.engine import Engine
from bot.flows.registry import FLOWS
from bot.runner import Runner
from bot.settings import Settings
from storage.db import Database


def make_runner(settings: Settings) -> Runner:
    """Return a runner on the configured database, vault and rules."""
    return Runner(
        Database(settings.database_url),
        Engine(FLOWS),
        timezone=settings.timezone,
        log_salt=settings.log_salt,
        vault=settings.vault(),
        rules=settings.rules,
    )
