"""A worker enrols from the chat: consent, one question per message, a summary, a number and a card."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest
from sqlalchemy import text

from tests.support.journeys import reach, register
from tests.support.telegram import BotClient, RecordingRequest, reply_keyboard

NIK = "1471055708850001"  # Pekanbaru, born 17 August 1985, female (+40 on the day)
NOV_5 = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)  # 10:00 WIB, first iuran month November 2026


async def enrol_until_summary(worker: BotClient, *, programme: str = "JKK + JKM: Rp8.400/bulan") -> list[str]:
    said = await worker.says("/daftar")
    assert said[0] == (
        "Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU): Jaminan Kecelakaan Kerja (JKK) dan Jaminan "
        "Kematian (JKM). Perlindungan mulai setelah iuran pertama dibayar.\n"
        "Iuran termurah: Rp8.400 per bulan sampai Desember 2026, lalu Rp16.800; ojol, opang, kurir dan sopir "
        "Rp8.400 per bulan sampai Maret 2027, lalu Rp16.800.\n"
        "Saya tanya satu per satu, sekitar 3 menit."
    )
    assert "terlindungi" not in said[0]
    assert len(said[0]) + len(said[1]) <= 700  # the intro and the consent before the first question
    assert worker.last_buttons() == ["Setuju", "Tidak", "Info lebih lanjut"]
    assert await worker.taps("Setuju") == ["Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi."]
    said = await worker.says("1471 0557 0885 0001")
    assert said == [
        "Dari NIK itu: lahir 17 Agustus 1985, perempuan, terdaftar di Kota Pekanbaru, Riau. Benar?"
    ]
    assert await worker.taps("Ya, benar") == ["Ketik nama lengkap Anda, sama persis dengan di KTP."]
    said = await worker.says("Siti Aminah")
    assert said[0].startswith("Berapa nomor HP Anda?")
    keyboard = reply_keyboard(worker.request.sent_to(worker.chat_id)[-1])
    assert keyboard == [{"text": "Bagikan nomor HP", "request_contact": True}]
    said = await worker.sends(
        contact={"phone_number": "6281234567890", "first_name": "Siti", "user_id": worker.chat_id}
    )
    assert said[0].startswith("Di kabupaten/kota mana Anda tinggal sekarang?")
    assert worker.last_buttons() == ["Kota Pekanbaru"]
    said = await worker.taps("Kota Pekanbaru")
    assert said[0].startswith("Ketik alamat tempat tinggal Anda")
    said = await worker.says("Jl. Sudirman Gg. Mawar No. 5, RT 02/RW 03, Kel. Simpang Empat")
    assert said == ["Apa pekerjaan Anda? Pilih satu, atau dua kalau Anda punya dua pekerjaan."]
    said = await worker.taps("Pedagang pasar")
    assert said == ["Sudah dipilih: Pedagang pasar. Pilih satu lagi, atau tekan “Lanjut”."]
    said = await worker.taps("Lanjut")
    assert said[0].startswith("Berapa kira-kira penghasilan Anda per bulan?")
    said = await worker.taps("Rp1 juta")
    assert said[0].startswith(
        "Pilih program perlindungan. Iuran untuk November 2026, dengan penghasilan Rp1.000.000"
    )
    assert worker.last_buttons() == ["JKK + JKM: Rp8.400/bulan", "JKK + JKM + JHT: Rp28.400/bulan"]
    said = await worker.taps(programme)
    assert said[0].startswith("Siapa keluarga yang Anda catat sebagai ahli waris? Urutan penerima santunan")
    said = await worker.says("Budi Santoso")
    assert said == ["Apa hubungan Budi Santoso dengan Anda?"]
    said = await worker.taps("Suami/istri")
    assert said == ["Nomor HP Budi Santoso? Ketik nomornya, atau tekan “Lewati”."]
    said = await worker.says("0813 1111 2222")
    assert said == ["Ahli waris tercatat: 1 orang. Tambah ahli waris lain?"]
    return await worker.taps("Lanjut")


@pytest.fixture
def november(clock: list[datetime]) -> None:
    clock[0] = NOV_5


@pytest.mark.usefixtures("november")
async def test_happy_path_in_indonesian_with_jkk_jkm(worker: BotClient, telegram: RecordingRequest) -> None:
    summary = await enrol_until_summary(worker)
    assert summary == [
        "Periksa data Anda:\n"
        f"NIK: {NIK}\n"
        "Nama: Siti Aminah\n"
        "Lahir: 17 Agustus 1985 (perempuan)\n"
        "HP: +6281234567890\n"
        "Domisili: Kota Pekanbaru, Riau\n"
        "Alamat: Jl. Sudirman Gg. Mawar No. 5, RT 02/RW 03, Kel. Simpang Empat\n"
        "Pekerjaan: Pedagang pasar\n"
        "Penghasilan: Rp1.000.000 per bulan\n",
        "Program: JKK + JKM, iuran Rp8.400 per bulan sampai Desember 2026, lalu Rp16.800\n"
        "Ahli waris: Budi Santoso (Suami/istri)\n"
        "Tekan bagian yang ingin diubah, atau “Konfirmasi” bila sudah benar.",
    ]
    said = await worker.taps("Konfirmasi")
    welcome = said[0]
    assert welcome.startswith("Pendaftaran Anda tercatat.\nNomor pendaftaran: 2611")
    assert (
        "Iuran November 2026: Rp8.400 per bulan sampai Desember 2026, lalu Rp16.800; "
        "bayar paling lambat Senin, 16 November 2026." in welcome
    )
    assert "kartu peserta digital dikirim setelah itu." in welcome
    assert "Perlindungan mulai setelah pembayaran pertama tercatat" in welcome
    number = welcome.split("Nomor pendaftaran: ")[1].split("\n")[0]
    photo = worker.request.sent_to(worker.chat_id)[-2]
    assert photo.endpoint == "sendPhoto"
    assert photo.params["caption"].startswith("Bukti pendaftaran Anda (bukan kartu peserta).")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    content = photo.params["photo"]
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    image = cv2.imdecode(np.frombuffer(content, np.uint8), cv2.IMREAD_COLOR)
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert decoded == number


CHANGES = {
    "Ubah NIK": (
        [("says", "3171011708850009"), ("taps", "Ya, benar")],
        "NIK: 3171011708850009\n",
        "Lahir: 17 Agustus 1985 (laki-laki)",
    ),
    "Ubah nama": ([("says", "Siti Nurhaliza")], "Nama: Siti Nurhaliza\n", None),
    "Ubah HP": ([("says", "0811 2222 3333")], "HP: +6281122223333\n", None),
    "Ubah kab/kota": (
        [("says", "bandung"), ("taps", "Kota Bandung")],
        "Domisili: Kota Bandung, Jawa Barat\n",
        None,
    ),
    "Ubah alamat": (
        [("says", "Jl. Merdeka No. 1, RT 01/RW 01")],
        "Alamat: Jl. Merdeka No. 1, RT 01/RW 01\n",
        None,
    ),
    "Ubah pekerjaan": ([("taps", "Ojek online"), ("taps", "Kurir")], "Pekerjaan: Ojek online, Kurir\n", None),
    "Ubah penghasilan": (
        [("taps", "Nominal lain"), ("says", "1,5 juta")],
        "Penghasilan: Rp1.500.000 per bulan\n",
        "Program: JKK + JKM, iuran Rp10.900 per bulan sampai Desember 2026, lalu Rp21.800",
    ),
    "Ubah program": (
        [("taps", "JKK + JKM + JHT: Rp28.400/bulan")],
        "Program: JKK + JKM + JHT, iuran Rp28.400 per bulan sampai Desember 2026, lalu Rp36.800\n",
        None,
    ),
    "Ubah ahli waris": ([("taps", "Lewati")], "Ahli waris: belum ada\n", None),
}


@pytest.mark.usefixtures("november")
@pytest.mark.parametrize("item", list(CHANGES))
async def test_each_summary_item_can_be_changed_and_returns_to_the_summary(
    worker: BotClient, item: str
) -> None:
    await enrol_until_summary(worker)
    steps, expected, also = CHANGES[item]
    said = await worker.taps(item)
    for how, what in steps:
        said = await (worker.says(what) if how == "says" else worker.taps(what))
    summary = "".join(said[-2:])
    assert summary.startswith("Periksa data Anda:")
    assert expected in summary
    if also:
        assert also in summary
    untouched = {"Nama: Siti Aminah\n", "HP: +6281234567890\n", "Pekerjaan: Pedagang pasar\n"} - {
        line
        for line in ("Nama: Siti Aminah\n", "HP: +6281234567890\n", "Pekerjaan: Pedagang pasar\n")
        if line.split(":")[0] in expected
    }
    assert all(line in summary for line in untouched)
    said = await worker.taps("Konfirmasi")
    assert said[0].startswith("Pendaftaran Anda tercatat.")


async def test_happy_path_in_english_with_jht(worker: BotClient, clock: list[datetime]) -> None:
    clock[0] = datetime(2027, 1, 4, 3, 0, tzinfo=UTC)  # Monday 4 January 2027, 10:00 WIB
    await worker.says("/bahasa")
    await worker.taps("English")
    said = await worker.says("/daftar")
    assert said[0].startswith("Register with BPJS Ketenagakerjaan as a self-employed worker (BPU)")
    assert (
        "Lowest contribution: Rp16.800 a month; ojol and ojek drivers, couriers and drivers Rp8.400 a month "
        "until March 2027, then Rp16.800." in said[0]
    )
    assert said[1].startswith("May I record your data?")
    assert worker.last_buttons() == ["I agree", "No", "More information"]
    assert await worker.taps("I agree") == ["Type your NIK: the 16 digits on your KTP. Spaces are fine."]
    said = await worker.says("1471-0557-0885-0001")
    assert said == [
        "From that NIK: born August 17, 1985, female, registered in Kota Pekanbaru, Riau. Is that right?"
    ]
    await worker.taps("Yes, that's right")
    await worker.says("Siti Aminah")
    said = await worker.says("081234567890")
    assert said[0].startswith("Which regency or city")
    await worker.taps("Kota Pekanbaru")
    said = await worker.says("Jl. Sudirman No. 5, RT 02/RW 03")
    assert said == ["What is your work? Choose one, or two if you have two jobs."]
    await worker.taps("Farmer")
    said = await worker.taps("Next")
    assert said[0].startswith("Roughly how much do you earn per month?")
    assert await worker.taps("Another amount") == [
        "Type your monthly income, for example: 1.750.000 or 1,75 juta."
    ]
    said = await worker.says("Rp 1,5 juta")
    assert said[0].startswith(
        "Choose your protection. Contribution for January 2027, with an income of Rp1.500.000"
    )
    assert worker.last_buttons() == ["JKK + JKM: Rp21.800/month", "JKK + JKM + JHT: Rp51.800/month"]
    said = await worker.taps("JKK + JKM + JHT: Rp51.800/month")
    assert said[0].startswith("Which family members do you want to record as heirs?")
    said = await worker.taps("Skip")
    assert said[0].startswith("Check your data:\nNIK: 1471055708850001\n")
    assert "Programme: JKK + JKM + JHT, contribution Rp51.800 a month\n" in said[1]
    assert "Heirs: none yet\n" in said[1]
    said = await worker.taps("Confirm")
    assert said[0].startswith("Your registration is recorded.\nRegistration number: 2701")
    assert "Contribution for January 2027: Rp51.800 a month; pay by Friday, January 15, 2027." in said[0]
    assert said[1] == (
        "Your registration receipt (not a participant card). Keep this picture; the registration number is "
        "in the QR code."
    )
    assert said[-1] == "What would you like to do? Tap one of the buttons:"


@pytest.mark.usefixtures("november")
async def test_leaving_and_coming_back_days_later_continues_with_every_answer(
    worker: BotClient, clock: list[datetime]
) -> None:
    await reach(worker, "ask_income")
    said = await worker.says("/batal")
    assert said[0] == (
        "Baik, pendaftaran dihentikan dulu. Jawaban Anda tersimpan: "
        "ketik /daftar kapan saja untuk melanjutkan."
    )
    clock[0] = datetime(2026, 11, 9, 3, 0, tzinfo=UTC)
    await worker.says("/start")
    said = await worker.says("/daftar")
    assert said == [
        "Anda pernah mulai mendaftar dan jawaban Anda masih tersimpan. Lanjutkan dari yang terakhir?"
    ]
    said = await worker.taps("Lanjutkan")
    assert said[0].startswith("Berapa kira-kira penghasilan Anda per bulan?")
    await worker.taps("Rp2 juta")
    await worker.taps("JKK + JKM: Rp13.400/bulan")
    said = await worker.taps("Lewati")
    assert "Nama: Siti Aminah\n" in said[0]
    assert "Pekerjaan: Pedagang pasar\n" in said[0]
    assert "Penghasilan: Rp2.000.000 per bulan\n" in said[0]


@pytest.mark.usefixtures("november")
async def test_starting_over_forgets_the_earlier_answers(worker: BotClient) -> None:
    await reach(worker, "ask_phone")
    await worker.says("/batal")
    await worker.says("/daftar")
    said = await worker.taps("Mulai ulang")
    assert said[0].startswith("Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU):")
    await worker.taps("Setuju")
    said = await worker.says(NIK)
    assert said[0].startswith("Dari NIK itu")
    await worker.says("/batal")
    said = await worker.says("/daftar")
    assert said[0].startswith("Anda pernah mulai mendaftar")


@pytest.mark.usefixtures("november")
async def test_declining_consent_records_nothing_and_returns_to_the_menu(worker: BotClient, runner) -> None:
    await worker.says("/daftar")
    said = await worker.taps("Info lebih lanjut")
    assert said[0].startswith("Lebih lanjut tentang data Anda:")
    assert said[1].startswith("Boleh saya catat data Anda?")
    said = await worker.taps("Tidak")
    assert said[0].startswith("Baik, tidak apa-apa. Tanpa persetujuan, saya tidak mencatat data apa pun.")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    said = await worker.says("/daftar")  # nothing was kept, so nothing is offered to continue
    assert said[0].startswith("Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU):")
    assert said[1].startswith("Boleh saya catat data Anda?")


@pytest.mark.usefixtures("november")
async def test_a_registered_worker_is_not_registered_twice(worker: BotClient) -> None:
    number = await register(worker)
    said = await worker.says("/daftar")
    assert said[0] == (
        f"Anda sudah terdaftar sebagai peserta BPU dengan nomor {number}. "
        "Lihat status iuran lewat /iuran, atau data Anda lewat /datasaya."
    )


@pytest.mark.usefixtures("november")
async def test_tapping_konfirmasi_twice_creates_one_participant(worker: BotClient, runner) -> None:
    await reach(worker, "confirm_summary")
    confirm = worker.button_data("Konfirmasi")
    first = await worker.taps_data(confirm)
    second = await worker.taps_data(confirm)
    assert first[0].startswith("Pendaftaran Anda tercatat.")
    assert second[0] == "Tombol itu sudah tidak berlaku. Ini pertanyaan yang sedang berjalan:"
    assert await count(runner, "participants") == 1


@pytest.mark.usefixtures("november")
async def test_two_chats_confirming_the_same_nik_at_once_create_one_participant(
    application,
    telegram,
    runner,
) -> None:
    workers = [BotClient(application, telegram, chat_id=chat_id) for chat_id in (501, 502)]
    for one in workers:
        await reach(one, "confirm_summary")
    taps = [one.updates.callback(one.chat_id, one.button_data("Konfirmasi")) for one in workers]
    await asyncio.gather(*(one.deliver(raw) for one, raw in zip(workers, taps, strict=True)))
    outcomes = sorted(one.new_texts()[0][:40] for one in workers)
    assert outcomes == sorted(
        ["Pendaftaran Anda tercatat.\nNomor pendaft", "Maaf, NIK ini baru saja didaftarkan dari"]
    )
    assert await count(runner, "participants") == 1


async def count(runner, table: str) -> int:
    async with runner.db.transaction() as db:
        return (await db.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
