"""The backup drill: a branch office backs up the running bot, restores it on another machine, and it works.

Filled through the real Application: Siti registered and paid three months, her husband reported her death
and sent a photo and a PDF, and Ani stopped her enrolment at the question about her name. The backup runs
as a separate `bpu-bot backup` process while another worker keeps chatting. It is restored by
`bpu-bot restore` into a new, empty database and documents folder; every conversation, participant,
payment, claim and document opens there with the data key (kept apart from the backup), and Ani's
enrolment goes on where she left it. The wrong key, or a database that is not empty, is refused.
"""

from __future__ import annotations

import asyncio
import tarfile
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app.services import Services
from bot.app.settings import Settings
from bot.handlers.telegram import build_application
from storage.crypto import generate_key
from storage.keyring import fingerprint
from storage.models import Claim, ClaimDocument, Conversation, Participant, Payment
from tests.bot.test_claim_documents import JPEG, PDF, claim_with_documents
from tests.bot.test_claims import HUSBAND
from tests.conftest import BASE_DB, _recreate, _url_of
from tests.support.cli import bpu_bot
from tests.support.journeys import reach
from tests.support.telegram import BotClient, RecordingRequest

ANI_NIK = "3171015508900002"
TABLES = (Participant, Payment, Claim, ClaimDocument)


@pytest.fixture
def restored_url(database_url: str, tmp_path: Path) -> str:
    """A new, empty database of the same kind, elsewhere."""
    if database_url.startswith("sqlite"):
        return f"sqlite+aiosqlite:///{tmp_path / 'elsewhere' / 'restored.sqlite3'}"
    name = f"{BASE_DB}_restored"
    asyncio.run(_recreate(name))
    return _url_of(name)


async def counts(services: Services) -> dict[str, int]:
    async with services.db.transaction() as db:
        return {
            table.__tablename__: (await db.execute(select(func.count()).select_from(table))).scalar_one()
            for table in TABLES
        }


async def chatter(application, telegram: RecordingRequest, stop: asyncio.Event) -> int:
    """Another worker keeps talking to the bot while the backup runs; return how many turns it took."""
    busy = BotClient(application, telegram, chat_id=9090)
    turns = 0
    while not stop.is_set():
        await busy.says("/bahasa" if turns % 2 else "/menu")
        turns += 1
        await asyncio.sleep(0.005)
    return turns


async def test_backup_while_chatting_restore_elsewhere_and_carry_on(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    restored_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    await claim_with_documents(worker, husband, services, application, telegram, clock)
    ani = BotClient(application, telegram, chat_id=7777)
    said = await reach(ani, "ask_name", nik=ANI_NIK)
    assert said[-1] == "Ketik nama lengkap Anda, sama persis dengan di KTP."
    before = await counts(services)
    assert before == {"participants": 1, "payments": 1, "claims": 1, "claim_documents": 2}

    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}
    stop = asyncio.Event()
    chatting = asyncio.create_task(chatter(application, telegram, stop))
    made = await bpu_bot(database_url, tmp_path, "backup", str(tmp_path / "backups"), **env)
    stop.set()
    assert await chatting > 0  # turns were committed while the backup ran
    assert made.returncode == 0, made.stderr
    assert f"data key fingerprint: {fingerprint(data_key)}" in made.stdout
    assert "The data key is not in the backup." in made.stdout
    (backup,) = (tmp_path / "backups").glob("*.tar")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "backups" / f"{backup.name}.key-fingerprint").read_text().strip() == fingerprint(
        data_key
    )
    with tarfile.open(backup) as archive:
        names = archive.getnames()
        packed = b"".join(
            archive.extractfile(m).read()
            for m in archive.getmembers()
            if m.isfile()  # type: ignore[union-attr]
        )
    assert sum(name.startswith("documents/") for name in names) == 2
    for personal in (
        b"Siti Aminah",
        b"Budi Santoso",
        b"1471055708850001",
        ANI_NIK.encode(),
        data_key.encode(),
    ):
        assert personal not in packed  # sealed in the backup; the key is not in it

    elsewhere = tmp_path / "elsewhere-documents"
    wrong = await bpu_bot(
        restored_url, tmp_path, "restore", str(backup), DATA_KEY=generate_key(), DOCUMENTS_DIR=str(elsewhere)
    )
    assert wrong.returncode == 2
    assert f"is not the backup's ({fingerprint(data_key)}): nothing was restored" in wrong.stderr
    restored = await bpu_bot(
        restored_url, tmp_path, "restore", str(backup), DATA_KEY=data_key, DOCUMENTS_DIR=str(elsewhere)
    )
    assert restored.returncode == 0, restored.stderr
    again = await bpu_bot(
        restored_url, tmp_path, "restore", str(backup), DATA_KEY=data_key, DOCUMENTS_DIR=str(tmp_path / "x")
    )
    assert again.returncode == 2
    assert "the target database is not empty" in again.stderr

    settings = Settings(
        telegram_bot_token="123:TEST",
        send_rate_per_second=0,
        database_url=restored_url,
        data_key=data_key,
        documents_dir=str(elsewhere),
    )
    copy = await Services.open(settings, clock=lambda: clock[0])
    try:
        assert await counts(copy) == before
        async with copy.db.transaction() as db:
            people = (await db.execute(select(Participant))).scalars().all()
            claims = (await db.execute(select(Claim))).scalars().all()
            documents = (await db.execute(select(ClaimDocument))).scalars().all()
            conversations = (await db.execute(select(Conversation))).scalars().all()
        assert [copy.vault.open(p.personal or "")["name"] for p in people] == ["Siti Aminah"]
        assert all(copy.vault.open(claim.details) for claim in claims)
        opened = sorted(copy.vault.open_bytes((elsewhere / (d.path or "")).read_bytes()) for d in documents)
        assert opened == sorted([JPEG, PDF])
        for conversation in conversations:  # every conversation's sealed answers open
            for sealed in (conversation.data, conversation.drafts, conversation.stack):
                if sealed:
                    copy.vault.open(sealed)

        # Ani comes back to the restored bot and answers the question she was asked before the move.
        request = RecordingRequest()
        app = build_application(copy, request=request)
        await app.initialize()
        await app.post_init(app)
        try:
            ani_again = BotClient(app, request, chat_id=7777)
            said = await ani_again.says("Ani Lestari")
            assert said[0].startswith("Berapa nomor HP Anda?")
        finally:
            await app.bot_data.outbox.close()
            await app.shutdown()
    finally:
        await copy.close()
