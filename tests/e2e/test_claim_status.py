"""An operator's status change reaches the reporter exactly once, in their language, across `kill -9`.

The change and the message it owes are one transaction (`bpu-bot claims set-status`); the bot delivers
from its outbox whenever it runs. Killed before the send, it sends after the restart; killed after, never
again.
"""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app.services import Services
from bot.app.settings import Settings
from storage.crypto import generate_key
from storage.db import Database
from storage.migrate import upgrade
from storage.models import OutboxMessage
from storage.repositories.claims import ClaimRepository
from tests.conftest import make_database_url
from tests.e2e.test_process import bot_process
from tests.support.cli import bpu_bot_sync
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.slow
REPORTER = 9101
OTHER = 9102


async def seed_claim(database_url: str, key: str) -> str:
    services = await Services.open(Settings(database_url=database_url, data_key=key))
    now = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    try:
        return await services.db.run(
            lambda session: (
                ClaimRepository(session, services.vault)
                .create(
                    kind="kematian",
                    programme="jkm",
                    chat_id=REPORTER,
                    language="en",
                    participant_id=None,
                    details={"reporter_name": "Budi Santoso", "event_on": date(2026, 11, 18).isoformat()},
                    documents=("kartu_peserta", "surat_kematian"),
                    now=now,
                )
                .number
            )
        )
    finally:
        await services.close()


async def recorded_as_sent(database_url: str) -> None:
    """Wait until the outbox has recorded the reporter's message as sent (it batches these writes)."""
    db = Database(database_url)
    try:
        for _ in range(200):
            async with db.transaction() as session:
                states = (
                    (
                        await session.execute(
                            select(OutboxMessage.state).where(OutboxMessage.chat_id == REPORTER)
                        )
                    )
                    .scalars()
                    .all()
                )
            if states and all(state == "sent" for state in states):
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"not recorded as sent: {states}")
    finally:
        await db.dispose()


def told(api: FakeBotApi) -> list[str]:
    return [params.get("text", "") for params in api.sent(REPORTER)]


def kill(process) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_until_serving(api: FakeBotApi, chat: int, count: int) -> None:
    api.push(api.factory.text(chat, "/start"))
    api.wait_for_texts(chat, count)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_status_change_is_told_once_in_english_across_kills(kind: str, tmp_path: Path) -> None:
    database_url = make_database_url(kind, tmp_path)
    upgrade(database_url)
    key = generate_key()
    number = asyncio.run(seed_claim(database_url, key))
    with FakeBotApi() as api:
        with bot_process(api, database_url, tmp_path, DATA_KEY=key) as bot:
            wait_until_serving(api, OTHER, 2)
            kill(bot)  # the bot is down when the operator acts
        changed = bpu_bot_sync(
            database_url,
            tmp_path,
            "claims",
            "set-status",
            number,
            "dokumen_kurang",
            "--note",
            "Surat kematian belum dari kelurahan",
            "--operator",
            "petugas-pekanbaru",
            DATA_KEY=key,
        )
        assert changed.returncode == 0, changed.stderr
        assert changed.stdout.strip() == f"claim {number}: dokumen_kurang; the reporter will be told"
        assert told(api) == []
        with bot_process(api, database_url, tmp_path, DATA_KEY=key) as bot:
            texts = api.wait_for_texts(REPORTER, 1)
            assert texts == [
                f"Claim {number}: documents are still missing:\nParticipant card (KPJ)\nDeath certificate\n"
                "Send them through /klaim → Claim status.\n"
                "Note from the staff: Surat kematian belum dari kelurahan"
            ]
            asyncio.run(recorded_as_sent(database_url))
            kill(bot)  # killed after the send was recorded: nothing is sent again
        with bot_process(api, database_url, tmp_path, DATA_KEY=key) as bot:
            wait_until_serving(api, OTHER, 4)  # up, its first dispatch round done before it polled
            bot.terminate()  # stopped as an operator stops it: whatever it was sending is finished
            bot.wait(timeout=30)
        assert len(told(api)) == 1
    shown = bpu_bot_sync(database_url, tmp_path, "claims", "show", number, DATA_KEY=key)
    assert (
        "petugas-pekanbaru: diterima → dokumen_kurang — Surat kematian belum dari kelurahan" in shown.stdout
    )
