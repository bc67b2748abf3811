"""The data key: a process without the database's key refuses to start; rotation survives a kill.

Before, a lost `var/data.key` was silently replaced: the same NIK could register twice and payments no
longer found their participant. Every command here is the real `bpu-bot` process.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.payments import PaymentNotice
from bot.jobs.documents import Documents
from bot.jobs.payments import PaymentService
from storage.crypto import Vault, generate_key
from storage.keyring import fingerprint
from storage.models import AssistedEnrolment, Claim, ClaimDocument, Conversation, DataKey, Participant
from storage.repositories.agents import AgentRepository
from storage.repositories.claims import ClaimRepository
from tests.bot.test_agents import registration
from tests.support.cli import bpu_bot
from tests.support.files import jpeg
from tests.support.journeys import NIK, register
from tests.support.seed import nik_for, seed_participants
from tests.support.telegram import BotClient

pytestmark = pytest.mark.slow
SCAN = jpeg(shade=33)


async def _scan() -> bytes:
    return SCAN


async def run(database_url: str, workdir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return await bpu_bot(database_url, workdir, *args, **env)


async def test_a_missing_key_file_stops_the_bot_and_no_new_key_is_written(
    worker: BotClient, database_url: str, data_key: str, tmp_path: Path
) -> None:
    await register(worker)  # sealed data now exists under `data_key`
    key_file = tmp_path / "var" / "data.key"
    started = await run(
        database_url,
        tmp_path,
        "run",
        TELEGRAM_BOT_TOKEN="123:TEST",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        HTTP_PORT="0",
    )
    assert started.returncode == 2
    assert started.stderr.strip().splitlines() == [
        f"bpu-bot: DATA_KEY: not set, and the key file var/data.key does not exist, but this database holds "
        f"data sealed with key {fingerprint(data_key)}; restore that key (README: Keys and backups). "
        "No new key was created."
    ]
    assert not key_file.exists()


@pytest.mark.slow
async def test_a_different_key_stops_every_command_with_one_line_naming_the_variable(
    worker: BotClient, database_url: str, data_key: str, tmp_path: Path
) -> None:
    await register(worker)
    other = generate_key()
    for command in (("payments", "exceptions"), ("outbox", "status"), ("chat",)):
        refused = await run(database_url, tmp_path, *command, DATA_KEY=other)
        assert refused.returncode == 2, command
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(
            f"bpu-bot: DATA_KEY: key {fingerprint(other)} is not the key this database"
        )
    key_file = tmp_path / "other.key"
    key_file.write_text(other)
    refused = await run(database_url, tmp_path, "outbox", "status", DATA_KEY_FILE=str(key_file))
    assert refused.stderr.startswith(f"bpu-bot: DATA_KEY_FILE ({key_file}): key {fingerprint(other)}")
    assert (await run(database_url, tmp_path, "outbox", "status", DATA_KEY=data_key)).returncode == 0


async def test_a_database_from_before_fingerprints_takes_the_key_that_opens_it_and_no_other(
    worker: BotClient, services: Services, database_url: str, data_key: str, tmp_path: Path
) -> None:
    await register(worker)
    async with services.db.transaction() as db:
        await db.execute(delete(DataKey))  # as the database was before migration 0006
    refused = await run(database_url, tmp_path, "outbox", "status", DATA_KEY=generate_key())
    assert refused.returncode == 2
    assert (
        refused.stderr.strip()
        == "bpu-bot: DATA_KEY: this key does not open the data in this database; set the key it uses"
    )
    assert (await run(database_url, tmp_path, "outbox", "status", DATA_KEY=data_key)).returncode == 0
    shown = await run(database_url, tmp_path, "keys", "fingerprint", DATA_KEY=data_key)
    assert shown.stdout.splitlines()[0] == f"database key: {fingerprint(data_key)}"


async def test_the_first_start_on_an_empty_database_creates_the_key_file_readable_by_its_owner_only(
    database_url: str, tmp_path: Path
) -> None:
    first = await run(database_url, tmp_path, "outbox", "status")
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "var" / "data.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    shown = await run(database_url, tmp_path, "keys", "fingerprint")
    mine = fingerprint(key_file.read_text().strip())
    assert shown.stdout.splitlines() == [f"database key: {mine}", f"configured key: {mine}"]
    assert (await run(database_url, tmp_path, "outbox", "status")).returncode == 0  # the same key again


@pytest.mark.slow
async def test_rotation_killed_half_way_resumes_and_then_only_the_new_key_opens_the_data(
    worker: BotClient,
    services: Services,
    database_url: str,
    data_key: str,
    tmp_path: Path,
    clock: list[datetime],
) -> None:
    await register(worker)  # a real participant, conversation, outbox rows
    documents = Documents(
        services.db,
        services.vault,
        Path(services.settings.documents_dir),
        lambda _id, _limit: _scan(),
        None,
        lambda: clock[0],
    )
    claim = await services.db.run(
        lambda session: ClaimRepository(session, services.vault).create(
            kind="kematian",
            programme="jkm",
            chat_id=5151,
            language="id",
            participant_id=None,
            details={"reporter_name": "Budi Santoso"},
            documents=("kk",),
            now=clock[0],
        )
    )
    await services.db.run(
        lambda session: ClaimRepository(session, services.vault).attach(
            session.merge(claim), "kk", "file-1", "u-1", "image/jpeg", 100, clock[0]
        )
    )

    # An agent's enrolment: the signed consent form's photo, kept sealed like a claim document.
    def agent_enrols(session: Session) -> None:
        agents = AgentRepository(session, services.vault)
        agents.bind(7001, agents.add("Rina", "PERISAI01", "ani", clock[0]), clock[0])
        agents.enrol(7001, registration(5000), "form-1", "u-form-1", clock[0])

    await services.db.run(agent_enrols)
    assert (await documents.fetch_pending()).stored == 2
    await seed_participants(services.db, services.vault, 300, first_month=date(2026, 11, 1), chat_base=50_000)
    async with services.db.transaction() as db:  # the seed's sealed identity, each with its own NIK
        for n in range(300):
            personal = services.vault.seal({"nik": nik_for(n), "name": f"Peserta {n}"})
            await db.execute(
                update(Participant).where(Participant.chat_id == 50_000 + n).values(personal=personal)
            )
    new_key_file = tmp_path / "new.key"
    assert (await run(database_url, tmp_path, "keys", "generate", str(new_key_file))).returncode == 0
    new_key = new_key_file.read_text().strip()
    folder = services.settings.documents_dir
    environment = {
        "DATABASE_URL": database_url,
        "DATA_KEY": data_key,
        "DOCUMENTS_DIR": folder,
        "PATH": os.environ.get("PATH", ""),
    }
    rotating = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-m", "bot", "keys", "rotate", "--new-key-file", str(new_key_file), "--batch", "20"],
        env=environment,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert rotating.stdout is not None
    first = await asyncio.to_thread(rotating.stdout.readline)
    assert first.startswith("participants: 20 rows re-sealed"), first + (
        rotating.stderr.read() if rotating.stderr else ""
    )
    os.kill(rotating.pid, signal.SIGKILL)  # half-way: some batches committed, most not
    rotating.wait(timeout=30)
    rotating.stdout.close()
    if rotating.stderr is not None:
        rotating.stderr.close()

    # Neither key may start the bot while the rotation is unfinished.
    for key in (data_key, new_key):
        refused = await run(database_url, tmp_path, "outbox", "status", DATA_KEY=key)
        assert refused.returncode == 2
        assert "rotation" in refused.stderr

    resumed = await run(
        database_url,
        tmp_path,
        "keys",
        "rotate",
        "--new-key-file",
        str(new_key_file),
        DATA_KEY=data_key,
        DOCUMENTS_DIR=folder,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"the database is sealed with key {fingerprint(new_key)}" in resumed.stdout

    assert (await run(database_url, tmp_path, "outbox", "status", DATA_KEY=data_key)).returncode == 2
    assert (await run(database_url, tmp_path, "outbox", "status", DATA_KEY=new_key)).returncode == 0

    # With only the new key: every identity opens, NIKs are found, a payment finds its participant.
    new = Vault(new_key)
    async with services.db.transaction() as db:
        people = (await db.execute(select(Participant).order_by(Participant.id))).scalars().all()
        conversations = (await db.execute(select(Conversation.data))).scalars().all()
    assert len(people) == 302
    for person in people:
        assert new.lookup_hash(new.open(person.personal)["nik"]) == person.nik_hash
    assert all(new.open(data) is not None for data in conversations if data)
    async with services.db.transaction() as db:
        stored = (await db.execute(select(ClaimDocument))).scalar_one()
        sealed_claim = (await db.execute(select(Claim))).scalar_one()
    assert new.open(sealed_claim.details)["reporter_name"] == "Budi Santoso"
    assert new.open(stored.file_id) == "file-1"
    assert new.open_bytes((Path(folder) / (stored.path or "")).read_bytes()) == SCAN
    async with services.db.transaction() as db:
        consent = (await db.execute(select(AssistedEnrolment))).scalar_one()
    assert new.open(consent.consent_file_id) == "form-1"
    assert new.open_bytes((Path(folder) / (consent.consent_path or "")).read_bytes()) == SCAN
    with pytest.raises(Exception, match="could not be opened"):
        services.vault.open(people[0].personal)  # the old key opens nothing any more
    settings = Settings(database_url=database_url)
    reopened = Services.build(settings, vault=new, clock=lambda: clock[0])
    try:
        clock[0] = datetime(2026, 11, 21, 5, 0, tzinfo=UTC)
        payments = PaymentService(reopened.db, new, settings.rules, lambda: clock[0])
        applied = await payments.apply(PaymentNotice("ROT-1", "bri", NIK, 8400, 1, clock[0]))
        assert applied.outcome == "applied"
        again = await run(
            database_url, tmp_path, "keys", "rotate", "--new-key-file", str(new_key_file), DATA_KEY=new_key
        )
        assert again.returncode == 0  # done before: nothing to do
    finally:
        await reopened.close()
