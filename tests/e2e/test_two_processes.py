"""Two `bpu-bot run` processes on one PostgreSQL share 2,000 due reminders: each is sent exactly once."""

from __future__ import annotations

import asyncio
import collections
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from storage.crypto import Vault, generate_key
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Participant, Reminder
from tests.conftest import POSTGRES_URL, _reset_postgres
from tests.support.fake_bot_api import FakeBotApi
from tests.support.seed import seed_participants

COUNT = 2_000  # enough for both processes to take batches (of 200) side by side, many times over


def daytime_zone() -> str:
    """Return a fixed-offset zone where it is early afternoon now, so quiet hours do not hold the test up."""
    offset = (13 - datetime.now(UTC).hour + 12) % 24 - 12  # -12..+11 hours from UTC
    return "Etc/UTC" if offset == 0 else f"Etc/GMT{-offset:+d}"  # POSIX sign: Etc/GMT-7 is UTC+7


async def prepare(key: str) -> None:
    await _reset_postgres()
    await asyncio.to_thread(upgrade, POSTGRES_URL)
    db = Database(POSTGRES_URL)
    # Iuran months far ahead: the planner adds nothing of its own, only these reminders are due.
    await seed_participants(
        db, Vault(key), COUNT, first_month=date(2030, 1, 1), chat_base=5_000_000, timezone=daytime_zone()
    )
    due = datetime.now(UTC) - timedelta(minutes=1)
    async with db.transaction() as session:
        ids = (await session.execute(select(Participant.id))).scalars().all()
        await session.execute(
            insert(Reminder),
            [
                {
                    "participant_id": i,
                    "iuran_month": date(2030, 1, 1),
                    "kind": "before",
                    "planned_at": due,
                    "due_at": due,
                    "attempts": 0,
                }
                for i in ids
            ],
        )
    await db.dispose()


async def outcomes() -> dict[str | None, int]:
    db = Database(POSTGRES_URL)
    async with db.transaction() as session:
        rows = (
            await session.execute(select(Reminder.outcome, func.count()).group_by(Reminder.outcome))
        ).all()
    await db.dispose()
    return dict(rows)


@pytest.mark.slow
def test_two_processes_send_every_due_reminder_exactly_once(tmp_path: Path) -> None:
    key = generate_key()
    asyncio.run(prepare(key))
    with FakeBotApi() as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123456:TWO",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": POSTGRES_URL,
            "DATA_KEY": key,
            "HTTP_PORT": "0",
            "SEND_RATE_PER_SECOND": "0",
            "LOG_LEVEL": "WARNING",
        }
        logs = [(tmp_path / f"bot{n}.log").open("wb") for n in range(2)]
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp_path,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for log in logs
        ]
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                sent = [int(p["chat_id"]) for m, p in list(api.calls) if m == "sendMessage"]
                if len(sent) >= COUNT and asyncio.run(outcomes()) == {"sent": COUNT}:
                    break  # every reminder is recorded sent: no process will take one again
                time.sleep(0.5)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
            for log in logs:
                log.close()
    # Both processes have stopped (each finished what it was sending): nothing more can arrive.
    sent = [int(p["chat_id"]) for m, p in list(api.calls) if m == "sendMessage"]
    per_chat = collections.Counter(sent)
    assert len(per_chat) == COUNT
    assert set(per_chat.values()) == {1}
    assert asyncio.run(outcomes()) == {"sent": COUNT}
    written = [(tmp_path / f"bot{n}.log").read_text() for n in range(2)]
    assert all("Traceback" not in log for log in written), written
