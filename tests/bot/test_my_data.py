"""`/datasaya`: a worker sees what the bot holds, corrects it, and has it deleted."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from bot.turn.runner import Runner
from storage.models import Participant, Payment
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient

NOV_5 = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def november(clock: list[datetime]) -> None:
    clock[0] = NOV_5


async def test_shows_what_the_bot_holds_with_the_nik_masked(worker: BotClient) -> None:
    number = await register(worker)
    said = await worker.says("/datasaya")
    assert len(said) == 2  # who, then what and the buttons: each fits a phone screen
    shown = "".join(said)
    assert shown.startswith("Data Anda yang tersimpan:\nNIK: ************0001\n")
    assert said[1].startswith(f"Nomor pendaftaran: {number}\n")
    assert "Status: terdaftar, menunggu iuran pertama (belum terlindungi)\n" in shown
    assert "NIK: ************0001\n" in shown
    assert NIK not in shown
    assert "Nama: Siti Aminah\n" in shown
    assert "Ahli waris: Budi Santoso (Suami/istri)\n" in shown
    assert "Persetujuan data diberikan: 5 November 2026\n" in shown
    assert worker.last_buttons() == [
        "Ubah HP",
        "Ubah kab/kota",
        "Ubah alamat",
        "Ubah pekerjaan",
        "Ubah penghasilan",
        "Ubah program",
        "Ubah ahli waris",
        "Hapus data saya",
        "Selesai",
    ]


async def test_corrections_are_saved_and_income_applies_from_next_month(worker: BotClient) -> None:
    await register(worker)
    await worker.says("/datasaya")
    await worker.taps("Ubah HP")
    said = await worker.says("0811 2222 3333")
    assert said[0] == "Perubahan tersimpan."
    assert "HP: +6281122223333\n" in said[1]
    await worker.taps("Ubah penghasilan")
    said = await worker.taps("Rp2 juta")
    assert said[0] == "Perubahan tersimpan dan berlaku mulai iuran Desember 2026."
    assert "Penghasilan: Rp1.000.000 per bulan\n" in said[1]
    assert (
        "Mulai iuran Desember 2026: penghasilan Rp2.000.000, program JKK + JKM, iuran Rp13.400 per bulan.\n"
        in said[2]
    )
    await worker.taps("Ubah ahli waris")
    await worker.says("Rina Aminah")
    await worker.taps("Anak")
    said = await worker.taps("Lewati")
    assert said == ["Ahli waris tercatat: 1 orang. Tambah ahli waris lain?"]
    said = await worker.taps("Lanjut")
    assert "Ahli waris: Rina Aminah (Anak)\n" in said[2]
    await worker.taps("Ubah kab/kota")
    said = await worker.says("Kab Sleman")
    assert "Domisili: Kabupaten Sleman, Daerah Istimewa Yogyakarta\n" in said[1]
    said = await worker.taps("Selesai")
    assert said == ["Apa yang ingin Anda lakukan? Pilih salah satu tombol:"]
    said = await worker.says("/datasaya")
    assert "HP: +6281122223333\n" in said[0]


async def test_a_wrong_correction_is_explained_and_asked_again(worker: BotClient) -> None:
    await register(worker)
    await worker.says("/datasaya")
    await worker.taps("Ubah HP")
    said = await worker.says("12345")
    assert said[0] == "Itu bukan nomor HP yang lengkap. Contoh yang benar: 0812 3456 7890."
    assert said[1].startswith("Berapa nomor HP Anda?")


async def test_deleting_a_registration_never_paid_removes_it_entirely(
    worker: BotClient, runner: Runner
) -> None:
    number = await register(worker)
    await worker.says("/datasaya")
    said = await worker.taps("Hapus data saya")
    assert said[0] == (
        "Pendaftaran Anda belum pernah dibayar, jadi semua data Anda dihapus seluruhnya "
        f"dan nomor pendaftaran {number} tidak berlaku lagi. Hapus sekarang?"
    )
    said = await worker.taps("Ya, hapus")
    assert said[0] == "Data Anda sudah dihapus seluruhnya. Terima kasih sudah mencoba bot ini."
    async with runner.db.transaction() as db:
        assert (await db.execute(text("SELECT count(*) FROM participants"))).scalar_one() == 0
    said = await worker.says("/datasaya")
    assert said[0].startswith("Anda belum terdaftar, jadi saya tidak menyimpan NIK")
    said = await worker.says("/daftar")  # the same NIK may register again
    assert said[0].startswith("Daftar BPJS Ketenagakerjaan")


async def test_deleting_an_active_participant_anonymises_and_keeps_payments(
    worker: BotClient, runner: Runner
) -> None:
    number = await register(worker)
    async with runner.db.transaction() as db:
        participant = (await db.execute(select(Participant))).scalar_one()
        participant.status = "aktif"
        db.add(
            Payment(
                participant_id=participant.id,
                reference="BANK-1",
                channel="bank",
                amount=8400,
                first_month=date(2026, 11, 1),
                months=1,
                paid_at=NOV_5,
            )
        )
    await worker.says("/datasaya")
    said = await worker.taps("Hapus data saya")
    assert said[0].startswith(
        "Anda sudah pernah membayar iuran. Catatan pembayaran dan klaim wajib tetap disimpan"
    )
    said = await worker.taps("Batal")
    assert said[0].startswith("Data Anda yang tersimpan:")
    await worker.taps("Hapus data saya")
    said = await worker.taps("Ya, hapus")
    assert said[0].startswith(
        "Data pribadi Anda sudah dihapus. Catatan pembayaran tetap disimpan tanpa nama."
    )
    async with runner.db.transaction() as db:
        participant = (await db.execute(select(Participant))).scalar_one()
        assert participant.registration_number == number
        assert participant.status == "anonim"
        assert participant.personal is None
        assert participant.nik_last4 is None
        assert participant.chat_id is None
        assert participant.nik_hash != runner.vault.lookup_hash(NIK)
        payments = (await db.execute(select(Payment))).scalars().all()
        assert [(p.reference, p.amount) for p in payments] == [("BANK-1", 8400)]
    said = await worker.says("/datasaya")
    assert said[0].startswith("Anda belum terdaftar")


async def test_unfinished_answers_can_be_erased(worker: BotClient) -> None:
    await worker.says("/daftar")
    await worker.taps("Setuju")
    await worker.says(NIK)
    said = await worker.says("/datasaya")
    assert said[0].startswith("Anda belum terdaftar")
    said = await worker.taps("Hapus jawaban yang belum selesai")
    assert said[0] == "Jawaban pendaftaran yang belum selesai sudah dihapus."
    said = await worker.says("/daftar")
    assert said[0].startswith("Daftar BPJS Ketenagakerjaan")
