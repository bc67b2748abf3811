"""Files from users are taken only as safe paths, within the size limit, and only when they open.

A forged getFile answer (the fake Bot API answers what an attacker's server would) never makes the bot read
its own disk; a file larger than declared stops at the limit; a PDF that is a JPEG, an HTML page or empty is
refused with a message; an unusable documents folder fails once, not forever; an export never overwrites
and never follows a link.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app.services import Services
from storage.models import ClaimDocument
from tests.bot.test_claim_documents import JPEG, PDF, document, photo, submitted_claim
from tests.bot.test_claims import HUSBAND
from tests.support.cli import bpu_bot
from tests.support.telegram import BotClient, RecordingRequest

SECRET = b"DATA KEY: do not leak"


async def states(services: Services) -> list[tuple[str, str, str | None]]:
    async with services.db.transaction() as db:
        rows = (await db.execute(select(ClaimDocument).order_by(ClaimDocument.id))).scalars().all()
    return [(r.kind, r.state, r.error) for r in rows]


def stored_files(folder: str) -> list[bytes]:
    return [p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()]


def replace_with_a_file(folder: str) -> None:
    path = Path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        os.rmdir(path)
    path.write_bytes(b"not a folder")


@pytest.fixture
def husband_at(application, telegram: RecordingRequest) -> BotClient:
    return BotClient(application, telegram, chat_id=HUSBAND)


@pytest.mark.parametrize("forged", ["../../etc/passwd", "/etc/passwd", "var/data.key"])
async def test_a_forged_file_path_is_refused_and_nothing_is_read_from_disk(
    worker: BotClient,
    husband_at: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forged: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # where `var/data.key` exists, as in a deployment's working folder
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "data.key").write_bytes(SECRET)
    await submitted_claim(worker, husband_at, services, clock)
    telegram.files["kk-1"] = JPEG
    telegram.file_paths["kk-1"] = forged
    await husband_at.taps("Kartu Keluarga")
    await husband_at.sends(photo=photo("kk-1"))
    husband_at.new_texts()
    fetched = await application.bot_data.documents.fetch_pending()
    assert (fetched.stored, fetched.failed) == (0, 1)
    assert await states(services) == [("kk", "failed", "unsafe_path")]
    stored = stored_files(services.settings.documents_dir)
    assert all(SECRET not in services.vault.open_bytes(content) for content in stored)
    told = husband_at.new_texts()
    assert told == [
        "Maaf, dokumen Kartu Keluarga untuk klaim "
        f"{told[0].split('klaim ')[1].split(' ')[0]} tidak bisa saya ambil. Mohon kirim lagi lewat /klaim → "
        "Status klaim."
    ]
    assert (await application.bot_data.documents.fetch_pending()).failed == 0  # once, not every tick


@pytest.mark.parametrize("declared", [1_000, None], ids=["declared 1,000 bytes", "no size declared"])
async def test_a_file_larger_than_declared_stops_at_the_limit(
    worker: BotClient,
    husband_at: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    declared: int | None,
) -> None:
    await submitted_claim(worker, husband_at, services, clock)
    telegram.files["big"] = JPEG + b"\0" * (services.settings.rules.document_max_bytes + 1)
    telegram.declared_sizes["big"] = declared
    await husband_at.taps("Kartu Keluarga")
    said = await husband_at.sends(photo=photo("big", size=declared or 0))
    assert said[0] == "Diterima: Kartu Keluarga."  # the declared size passed
    fetched = await application.bot_data.documents.fetch_pending()
    assert (fetched.stored, fetched.failed) == (0, 1)
    assert await states(services) == [("kk", "failed", "too_large")]
    assert husband_at.new_texts()[-1].startswith("Maaf, dokumen Kartu Keluarga untuk klaim K")
    assert "terlalu besar (paling besar 20 MB)" in husband_at.request.sent_to(HUSBAND)[-1].params["text"]


@pytest.mark.parametrize(
    ("content", "mime"),
    [
        (JPEG, "application/pdf"),
        (b"<html><body>Surat</body></html>", "application/pdf"),
        (b"", "application/pdf"),
        (b"<html>", "image/webp"),
        (PDF[:40], "application/pdf"),
    ],
    ids=["a JPEG called PDF", "HTML called PDF", "0 bytes", "HTML called WebP", "a cut PDF"],
)
async def test_a_file_that_is_not_what_it_claims_is_refused_with_a_message(
    worker: BotClient,
    husband_at: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    content: bytes,
    mime: str,
) -> None:
    await submitted_claim(worker, husband_at, services, clock)
    telegram.files["x"] = content
    await husband_at.taps("Surat keterangan ahli waris")
    said = await husband_at.sends(document=document("x", mime, max(len(content), 1)))
    assert said[0] == "Diterima: Surat keterangan ahli waris."
    husband_at.new_texts()
    fetched = await application.bot_data.documents.fetch_pending()
    assert (fetched.stored, fetched.failed) == (0, 1)
    assert await states(services) == [("surat_ahli_waris", "failed", "not_readable")]
    told = husband_at.new_texts()
    assert len(told) == 1
    assert "tidak bisa dibuka: bukan foto atau PDF yang utuh, atau kosong" in told[0]


async def test_an_unusable_documents_folder_fails_the_document_once(
    worker: BotClient,
    husband_at: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    await submitted_claim(worker, husband_at, services, clock)
    replace_with_a_file(services.settings.documents_dir)  # DOCUMENTS_DIR points at a file
    telegram.files["kk-1"] = JPEG
    await husband_at.taps("Kartu Keluarga")
    await husband_at.sends(photo=photo("kk-1"))
    husband_at.new_texts()
    fetched = await application.bot_data.documents.fetch_pending()
    assert (fetched.stored, fetched.failed) == (0, 1)
    assert await states(services) == [("kk", "failed", "storage_error")]
    assert len(husband_at.new_texts()) == 1  # one resend request
    assert (await application.bot_data.documents.fetch_pending()).failed == 0


async def test_an_export_never_overwrites_and_never_follows_a_link(
    worker: BotClient,
    husband_at: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    number = await submitted_claim(worker, husband_at, services, clock)
    telegram.files["kk-1"] = JPEG
    await husband_at.taps("Kartu Keluarga")
    await husband_at.sends(photo=photo("kk-1"))
    await application.bot_data.documents.fetch_pending()
    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}

    existing = tmp_path / "existing"
    (existing / number).mkdir(parents=True)
    (existing / number / "notes.txt").write_text("kept")
    refused = await bpu_bot(
        database_url, tmp_path, "claims", "show", number, "--export", str(existing), **env
    )
    assert refused.returncode == 1
    assert "exists; export into a new folder" in refused.stderr
    assert [p.name for p in (existing / number).iterdir()] == ["notes.txt"]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / number).symlink_to(elsewhere)
    refused = await bpu_bot(database_url, tmp_path, "claims", "show", number, "--export", str(linked), **env)
    assert refused.returncode == 1
    assert list(elsewhere.iterdir()) == []

    fresh = tmp_path / "fresh"
    shown = await bpu_bot(database_url, tmp_path, "claims", "show", number, "--export", str(fresh), **env)
    assert shown.returncode == 0, shown.stderr
    files = list((fresh / number).iterdir())
    assert [f.read_bytes() for f in files] == [JPEG]
    assert files[0].stat().st_mode & 0o777 == 0o600
    assert (fresh / number).stat().st_mode & 0o777 == 0o700
