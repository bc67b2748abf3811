"""Operators work claims from the command line; reporters see only their own; accidents are reported too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app.services import Services
from bot.flows.claim_register import AttachDocument, DocumentAttached
from bot.turn.effects import EffectHandlers
from storage.models import Claim, ClaimDocument, ClaimEvent
from tests.bot.test_claim_documents import JPEG, photo
from tests.bot.test_claims import HUSBAND, REGISTERED_AT, paid, report_death
from tests.support.cli import bpu_bot
from tests.support.journeys import register
from tests.support.telegram import BotClient, RecordingRequest

STRANGER = 6363


async def claim_with_a_document(
    worker: BotClient,
    husband: BotClient,
    services: Services,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> str:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, 8400 + 16800 + 16800)
    clock[0] = datetime(2027, 3, 15, 3, 0, tzinfo=UTC)
    await report_death(husband, died="12-03-2027")
    said = await husband.taps("Kirim laporan")
    number = said[0].split("Nomor klaim: ")[1].split(".")[0]
    telegram.files["kk-1"] = JPEG
    await husband.taps("Kartu Keluarga")
    await husband.sends(photo=photo("kk-1"))
    return number


@pytest.mark.slow
async def test_an_operator_sees_the_claim_exports_its_documents_and_every_change_is_audited(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    number = await claim_with_a_document(worker, husband, services, telegram, clock)
    await application.bot_data.documents.fetch_pending()
    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}

    listed = await bpu_bot(database_url, tmp_path, "claims", "list", **env)
    assert listed.stdout.splitlines()[1].split() == [number, "kematian", "jkm", "diterima", "7", "2027-03-15"]
    shown = await bpu_bot(
        database_url, tmp_path, "claims", "show", number, "--export", str(tmp_path / "out"), **env
    )
    assert shown.returncode == 0, shown.stderr
    assert "  reporter_name: Budi Santoso\n" in shown.stdout
    assert "  relation: pasangan\n" in shown.stdout
    assert "1 documents exported" in shown.stdout
    exported = list((tmp_path / "out" / number).iterdir())
    assert [f.read_bytes() for f in exported] == [JPEG]
    documents = await bpu_bot(database_url, tmp_path, "claims", "documents", number, **env)
    assert documents.stdout.split()[1:3] == ["kk", "stored"]

    husband.new_texts()
    verified = await bpu_bot(
        database_url, tmp_path, "claims", "set-status", number, "diverifikasi", "--operator", "ani", **env
    )
    assert verified.stdout.strip() == f"claim {number}: diverifikasi; the reporter will be told"
    await application.bot_data.outbox.drain()
    told = husband.new_texts()
    assert len(told) == 1
    assert told[0].startswith(f"Klaim {number} sudah diverifikasi dan dokumennya lengkap. JKM sebesar Rp42")
    again = await bpu_bot(database_url, tmp_path, "claims", "set-status", number, "diverifikasi", **env)
    assert again.stdout.strip() == f"claim {number} is already diverifikasi; nothing sent"
    refused = await bpu_bot(database_url, tmp_path, "claims", "set-status", number, "ditolak", **env)
    assert refused.returncode == 2
    rejected = await bpu_bot(
        database_url,
        tmp_path,
        "claims",
        "set-status",
        number,
        "ditolak",
        "--note",
        "Bukan ahli waris sah",
        **env,
    )
    assert rejected.returncode == 0
    await application.bot_data.outbox.drain()
    assert husband.new_texts() == [
        f"Klaim {number} ditolak. Alasannya: Bukan ahli waris sah. "
        "Bila ada pertanyaan, hubungi 175 atau kantor cabang."
    ]
    async with services.db.transaction() as db:
        events = (await db.execute(select(ClaimEvent).order_by(ClaimEvent.id))).scalars().all()
    assert [(e.actor, e.from_status, e.to_status, e.note) for e in events] == [
        ("pelapor", None, "diterima", None),
        ("ani", "diterima", "diverifikasi", None),
        (events[2].actor, "diverifikasi", "ditolak", "Bukan ahli waris sah"),
    ]


async def test_a_reporter_never_sees_or_changes_another_reporters_claim(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    number = await claim_with_a_document(worker, husband, services, telegram, clock)
    stranger = BotClient(application, telegram, chat_id=STRANGER)
    await stranger.says("/klaim")
    said = await stranger.taps("Status klaim")
    assert said[0] == "Anda belum punya laporan klaim."
    assert number not in " ".join(said)

    # The stranger reports an accident of their own, then forges a tap on the husband's claim.
    await stranger.says("/klaim")
    await stranger.taps("Lapor kecelakaan kerja")
    await stranger.taps("Setuju")
    await stranger.says("Joko Susilo")
    await stranger.taps("Saya sendiri (peserta)")
    await stranger.says("0857 1234 5678")
    await stranger.taps("Nomor KPJ (kartu peserta)")
    await stranger.says("12345678901")
    await stranger.says("kemarin")
    await stranger.says("Jl. Ahmad Yani, Bekasi")
    await stranger.says("Tertabrak mobil saat mengantar paket")
    said = await stranger.says("RS Mitra Keluarga Bekasi")
    assert said[0].startswith("Peserta ini tidak ada di catatan bot ini. Aturan umumnya:")
    assert said[1] == (
        "Batas lapor 2 x 24 jam hampir lewat (sampai 16 Maret 2027). Kirim laporan ini sekarang, dan dokumen "
        "menyusul."
    )
    assert said[2].startswith("Dokumen yang perlu disiapkan (foto atau PDF):\nKartu peserta (KPJ)")
    said = await stranger.taps("Kirim laporan")
    assert "Santunan tunai JKK dibayar paling lambat 7 hari kerja setelah sembuh dan dokumen" in said[0]
    await stranger.taps("Selesai")
    await stranger.says("/klaim")
    await stranger.taps("Status klaim")
    own = stranger.button_data(stranger.last_buttons()[0])
    forged = own.rsplit(":", 1)[0] + f":c{number}"
    said = await stranger.taps_data(forged)
    assert said[0] == "Mohon pilih salah satu tombol di bawah, ya."
    assert number not in " ".join(said)

    # Even a forged effect from the stranger's chat cannot attach to the husband's claim.
    async with services.db.transaction() as db:
        before = (await db.execute(select(ClaimDocument))).scalars().all()
    handlers = EffectHandlers(services.vault)
    answer = await services.db.run(
        lambda session: handlers.apply(
            session, STRANGER, AttachDocument(number, "kk", "x", "y", "image/jpeg", 10), clock[0]
        )
    )
    assert answer == DocumentAttached("kk", found=False)
    async with services.db.transaction() as db:
        after = (await db.execute(select(ClaimDocument))).scalars().all()
        claims = (await db.execute(select(Claim).order_by(Claim.id))).scalars().all()
    assert len(after) == len(before)
    assert [(c.kind, c.programme, c.reporter_chat_id) for c in claims] == [
        ("kematian", "jkm", HUSBAND),
        ("kecelakaan", "jkk", STRANGER),
    ]


async def test_a_work_accident_reported_late_is_warned_not_refused(
    husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
    await husband.says("/klaim")
    said = await husband.taps("Lapor kecelakaan kerja")
    assert said[0].startswith("Semoga lekas pulih.")
    await husband.taps("Setuju")
    await husband.says("Budi Santoso")
    await husband.taps("Keluarga atau teman")
    await husband.says("0813 1111 2222")
    await husband.taps("Nomor KPJ (kartu peserta)")
    await husband.says("12345678901")
    await husband.says("15-12-2026")
    await husband.says("Pasar Senen, Jakarta Pusat")
    await husband.says("Terjatuh dari tangga saat memikul barang")
    said = await husband.says("RSUD Tarakan Jakarta")
    assert said[1].startswith("Kecelakaan ini sudah lebih dari 2 x 24 jam yang lalu. Tetap laporkan sekarang")
    said = await husband.taps("Kirim laporan")
    assert said[0].startswith("Laporan tercatat. Nomor klaim: K2612")
