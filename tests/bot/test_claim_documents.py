"""An heir sends the claim's documents as photos and PDFs, one now, the rest days later after a restart.

Uploads go through the real Application; the fake Bot API answers getFile and the download. What is
stored on disk cannot be read without the data key.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.app.services import Services
from bot.handlers.telegram import build_application
from storage.crypto import Vault, VaultError, generate_key
from storage.models import ClaimDocument
from tests.bot.test_claims import HUSBAND, REGISTERED_AT, paid, report_death
from tests.support.files import jpeg, pdf
from tests.support.journeys import register
from tests.support.telegram import BotClient, RecordingRequest

JPEG = jpeg()
PDF = pdf("Surat keterangan ahli waris atas nama Budi Santoso")


def photo(file_id: str, size: int = 60_000) -> list[dict]:
    return [
        {"file_id": f"{file_id}-small", "file_unique_id": f"{file_id}-us", "width": 90, "height": 90},
        {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "width": 1280,
            "height": 960,
            "file_size": size,
        },
    ]


def document(file_id: str, mime: str, size: int) -> dict:
    return {
        "file_id": file_id,
        "file_unique_id": f"u-{file_id}",
        "file_name": "dokumen",
        "mime_type": mime,
        "file_size": size,
    }


async def submitted_claim(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> str:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, 8400 + 16800 + 16800)
    clock[0] = datetime(2027, 3, 15, 3, 0, tzinfo=UTC)
    await report_death(husband, died="12-03-2027")
    said = await husband.taps("Kirim laporan")
    assert said[1].startswith("Dokumen klaim K")
    return said[0].split("Nomor klaim: ")[1].split(".")[0]


async def test_photos_and_pdfs_are_kept_sealed_and_wrong_files_are_explained(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    await submitted_claim(worker, husband, services, clock)
    telegram.files.update({"kpj-1": JPEG, "kpj-2": jpeg(shade=10), "waris-1": PDF})

    said = await husband.taps("Kartu peserta (KPJ)")
    assert said == ["Kirim foto atau file PDF: Kartu peserta (KPJ)."]
    said = await husband.sends(photo=photo("kpj-1"))
    assert said[0] == "Diterima: Kartu peserta (KPJ)."
    assert "✓ Kartu peserta (KPJ)" in said[1]

    await husband.taps("Surat keterangan ahli waris")
    said = await husband.sends(document=document("big", "application/pdf", 25_000_000))
    assert (
        said[0] == "File itu terlalu besar (paling besar 20 MB). Kirim foto saja, atau PDF yang lebih kecil."
    )
    assert said[1] == "Kirim foto atau file PDF: Surat keterangan ahli waris."
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    said = await husband.sends(document=document("docx", word, 30_000))
    assert said[0] == "Mohon kirim foto atau file PDF, ya."
    said = await husband.says("nanti saja")
    assert said[0] == "Mohon kirim foto atau file PDF, ya."
    said = await husband.sends(document=document("waris-1", "application/pdf", len(PDF)))
    assert said[0] == "Diterima: Surat keterangan ahli waris."

    await husband.taps("Kartu peserta (KPJ)")
    said = await husband.sends(photo=photo("kpj-2"))
    assert said[0] == "Diterima: Kartu peserta (KPJ) (menggantikan yang sebelumnya)."

    fetched = await application.bot_data.documents.fetch_pending()
    assert (fetched.stored, fetched.failed) == (2, 0)
    async with services.db.transaction() as db:
        rows = (await db.execute(select(ClaimDocument).order_by(ClaimDocument.id))).scalars().all()
    assert [(r.kind, r.state) for r in rows] == [
        ("kartu_peserta", "replaced"),
        ("surat_ahli_waris", "stored"),
        ("kartu_peserta", "stored"),
    ]
    folder = Path(services.settings.documents_dir)
    for row, original in ((rows[1], PDF), (rows[2], jpeg(shade=10))):
        sealed = (folder / (row.path or "")).read_bytes()
        assert all(word not in sealed for word in (b"Budi", b"PDF", b"foto"))
        assert (folder / (row.path or "")).stat().st_mode & 0o777 == 0o600
        assert services.vault.open_bytes(sealed) == original
        try:
            Vault(generate_key()).open_bytes(sealed)
        except VaultError:
            pass
        else:
            raise AssertionError("a stored document opened without the data key")
        assert services.vault.open(row.file_id) != row.file_id  # the file id is sealed too


async def test_a_claim_is_completed_days_later_after_a_restart(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    number = await submitted_claim(worker, husband, services, clock)
    telegram.files["kk-1"] = JPEG
    await husband.taps("Kartu Keluarga")
    await husband.sends(photo=photo("kk-1"))
    said = await husband.taps("Selesai")
    assert said[0] == (
        "Baik. Dokumen yang belum bisa dikirim nanti lewat /klaim → Status klaim. "
        f"Nomor klaim Anda: {number}."
    )

    # The bot stops (recording what it sent, as PTB's shutdown does) and starts again; three days later
    # the husband has the rest of the documents.
    await application.bot_data.outbox.close()
    restarted = await Services.open(services.settings, clock=lambda: clock[0])
    again = build_application(restarted, request=telegram)
    await again.initialize()
    try:
        clock[0] += timedelta(days=3)
        later = BotClient(again, telegram, chat_id=HUSBAND)
        later.new_texts()
        said = await later.says("/klaim")
        assert said == ["Lapor klaim. Apa yang ingin Anda laporkan?"]
        said = await later.taps("Status klaim")
        assert said[0] == (
            f"Laporan klaim Anda:\n{number}: meninggal dunia, diterima (dokumen kurang 7)\n"
            "Pilih untuk mengirim atau mengganti dokumen."
        )
        said = await later.taps(f"Dokumen {number}")
        assert "✓ Kartu Keluarga" in said[0]
        for n, label in enumerate(["Kartu peserta (KPJ)", "KTP almarhum/almarhumah", "KTP ahli waris",
                                   "Surat keterangan kematian", "Surat keterangan ahli waris",
                                   "Buku tabungan ahli waris", "Buku nikah"]):  # fmt: skip
            telegram.files[f"doc-{n}"] = JPEG
            await later.taps(label)
            said = await later.sends(photo=photo(f"doc-{n}"))
            assert said[0] == f"Diterima: {label}."
        assert "(belum)" not in said[1]
        await later.taps("Selesai")
        await later.says("/klaim")
        said = await later.taps("Status klaim")
        assert f"{number}: meninggal dunia, diterima\n" in said[0]
        fetched = await again.bot_data.documents.fetch_pending()
        assert fetched.stored == 8
    finally:
        await again.shutdown()
        await restarted.close()


async def claim_with_documents(
    worker: BotClient, husband: BotClient, services: Services, application, telegram: RecordingRequest, clock
) -> str:
    """Siti's death reported by her husband, with the KPJ card as a photo and the heirs' letter as a PDF,
    both fetched and stored; return the claim number."""
    number = await submitted_claim(worker, husband, services, clock)
    telegram.files.update({"kpj-1": JPEG, "waris-1": PDF})
    await husband.taps("Kartu peserta (KPJ)")
    await husband.sends(photo=photo("kpj-1"))
    await husband.taps("Surat keterangan ahli waris")
    await husband.sends(document=document("waris-1", "application/pdf", len(PDF)))
    assert (await application.bot_data.documents.fetch_pending()).stored == 2
    return number
