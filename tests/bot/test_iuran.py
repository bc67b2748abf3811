"""`/iuran`: status, what to pay and when, reminder settings; `/berhenti` and STOP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app.services import Services
from bot.domain.payments import PaymentNotice
from bot.turn.runner import Runner
from storage.models import Participant
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient


@pytest.fixture(autouse=True)
def november(clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)


async def participant(runner: Runner) -> Participant:
    async with runner.db.transaction() as db:
        return (await db.execute(select(Participant))).scalar_one()


async def test_status_before_the_first_payment(worker: BotClient) -> None:
    number = await register(worker)
    said = await worker.says("/iuran")
    assert said[0] == (
        "Iuran BPJS Ketenagakerjaan\n"
        f"Nomor pendaftaran: {number}\n"
        "Status: terdaftar, belum terlindungi. Perlindungan mulai setelah iuran pertama tercatat.\n"
        "Iuran terbayar sampai: belum ada pembayaran\n"
        "Iuran berikutnya (November 2026): Rp8.400 (potongan iuran sampai Desember 2026, lalu Rp16.800 "
        "per bulan), jatuh tempo Senin, 16 November 2026\n"
        "Tunggakan: tidak ada\n"
        "Cara bayar: sebutkan NIK Anda sebagai kode bayar di bank, kantor pos, minimarket mitra BPJS "
        "Ketenagakerjaan, atau aplikasi JMO."
    )
    assert worker.last_buttons() == ["Pengaturan pengingat", "Saya sudah bayar", "Kembali ke menu"]
    said = await worker.taps("Saya sudah bayar")
    assert said[0].startswith("Terima kasih! Pembayaran tercatat otomatis setelah kanal pembayaran")
    assert said[1].startswith("Iuran BPJS Ketenagakerjaan")


async def test_status_of_an_active_participant_with_arrears(
    worker: BotClient, services: Services, clock: list[datetime]
) -> None:
    await register(worker)
    applied = await services.payments.apply(
        PaymentNotice("BRI-1", "bri", NIK, 8400, 1, datetime(2026, 11, 5, 4, 0, tzinfo=UTC))
    )
    assert applied.outcome == "applied"
    clock[0] = datetime(2027, 1, 20, 3, 0, tzinfo=UTC)
    said = await worker.says("/iuran")
    assert (
        "Status: aktif, dengan tunggakan 2 bulan (Rp25.200). Hak JKK dan JKM tetap ada, tetapi santunan "
        "tunai baru dibayar setelah tunggakan dilunasi (PP 44/2015 Pasal 39 dan 42). Bila tunggakan lebih "
        "dari 3 bulan, kepesertaan nonaktif.\n" in said[0]
    )
    assert "Iuran terbayar sampai: November 2026\n" in said[0]
    assert (
        "Iuran berikutnya (Desember 2026): Rp8.400 (potongan iuran sampai Desember 2026, lalu Rp16.800 per "
        "bulan), jatuh tempo Selasa, 15 Desember 2026\n" in said[0]
    )
    assert "Tunggakan: 2 bulan (Rp25.200)\n" in said[0]
    clock[0] = datetime(2027, 2, 20, 3, 0, tzinfo=UTC)  # three months: the rights hold, on condition
    said = await worker.says("/iuran")
    assert said[0].split("\n")[2].startswith("Status: aktif, dengan tunggakan 3 bulan (Rp42.000).")
    clock[0] = datetime(2027, 3, 20, 3, 0, tzinfo=UTC)  # four: nonaktif
    said = await worker.says("/iuran")
    assert (
        said[0]
        .split("\n")[2]
        .startswith("Status: nonaktif: iuran lebih dari 3 bulan berturut-turut belum dibayar")
    )


async def test_reminder_settings_are_saved(worker: BotClient, runner: Runner) -> None:
    await register(worker)
    await worker.says("/iuran")
    said = await worker.taps("Pengaturan pengingat")
    assert said[0] == (
        "Pengingat iuran: nyala.\nDikirim 3 hari sebelum jatuh tempo, pada hari jatuh tempo, "
        "dan 7 hari sesudahnya bila belum dibayar, sekitar jam 09.00 WIB. "
        "Tidak pernah malam hari (20.00–08.00)."
    )
    assert worker.last_buttons() == [
        "Matikan pengingat",
        "7 hari sebelum",
        "3 hari sebelum",
        "1 hari sebelum",
        "Jam 08.00",
        "Jam 12.00",
        "Jam 17.00",
        "Kembali",
    ]
    said = await worker.taps("7 hari sebelum")
    assert said[0] == "Pengaturan pengingat tersimpan."
    said = await worker.taps("Jam 17.00")
    assert "Dikirim 7 hari sebelum jatuh tempo" in said[1]
    assert "sekitar jam 17.00 WIB" in said[1]
    found = await participant(runner)
    assert (found.reminder_days, found.reminder_hour) == (7, 17)


async def test_berhenti_turns_reminders_off_and_turning_on_asks_first(
    worker: BotClient, runner: Runner
) -> None:
    await register(worker)
    said = await worker.says("/berhenti")
    assert said[0].startswith("Pengingat iuran dimatikan")
    assert not (await participant(runner)).reminders_on
    await worker.says("/iuran")
    said = await worker.taps("Pengaturan pengingat")
    assert said[0] == "Pengingat iuran: mati. Anda tidak menerima pengingat iuran dari bot ini."
    said = await worker.taps("Nyalakan pengingat")
    assert said == ["Nyalakan lagi pengingat iuran lewat chat ini?"]
    assert not (await participant(runner)).reminders_on
    said = await worker.taps("Ya, nyalakan")
    assert said[0] == "Pengaturan pengingat tersimpan."
    assert (await participant(runner)).reminders_on


async def test_plain_stop_works_like_berhenti(worker: BotClient, runner: Runner) -> None:
    await register(worker)
    said = await worker.says("stop")
    assert said[0].startswith("Pengingat iuran dimatikan")
    assert not (await participant(runner)).reminders_on


async def test_not_registered(worker: BotClient) -> None:
    said = await worker.says("/iuran")
    assert said[0] == "Anda belum terdaftar sebagai peserta BPU, jadi belum ada iuran. Daftar lewat /daftar."
    said = await worker.says("/berhenti")
    assert said[0] == "Anda belum terdaftar, jadi tidak ada pengingat yang dikirim ke Anda."
