"""The `bpu-bot` command run as operators run it: a real process, its output read back."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path


def bpu_bot_sync(database_url: str, workdir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `bpu-bot ARGS` against `database_url` in `workdir`, with `env` added (e.g. DATA_KEY)."""
    environment = {"DATABASE_URL": database_url, "PATH": os.environ.get("PATH", ""), **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=environment,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
    )


async def bpu_bot(database_url: str, workdir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `bpu-bot ARGS` without blocking the event loop the test's bot runs on."""
    return await asyncio.to_thread(bpu_bot_sync, database_url, workdir, *args, **env)


async def verify(database_url: str, workdir: Path, number: str, env: dict[str, str]) -> None:
    """An officer verifies claim `number` (`bpu-bot claims set-status N diverifikasi`)."""
    verified = await bpu_bot(
        database_url, workdir, "claims", "set-status", number, "diverifikasi", "--operator", "ani", **env
    )
    assert verified.returncode == 0, verified.stderr
