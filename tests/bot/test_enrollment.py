"""A worker enrols from the chat: consent, one question per message, a summary, a number and a card."""

from __future__ import annotations

from datetime import UTC, datetime

import cv2
import numpy as np
import pytest

from tests.support.telegram import BotClient, RecordingRequest, reply_keyboard

NIK = "1471055708850001"  # Pekanbaru, born 17 August 1985, female (+40 on the day)
NOV_5 = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)  # 10:00 WIB, first iuran month November 2026


async def enrol_until_summary(worker: BotClient, *, programme: str = "JKK + JKM: Rp8.400/bulan") -> list[str]:
    said = await worker.says("/daftar")
    assert said[0].startswith("Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU).")
    assert "Iuran paling murah untuk November 2026: Rp8.400 per bulan" in said[0]
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
    assert said[0].startswith("Siapa ahli waris Anda")
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
        "Periksa data Anda sebelum dikirim:\n"
        f"NIK: {NIK}\n"
        "Nama: Siti Aminah\n"
        "Lahir: 17 Agustus 1985 (perempuan)\n"
        "HP: +6281234567890\n"
        "Domisili: Kota Pekanbaru, Riau\n"
        "Alamat: Jl. Sudirman Gg. Mawar No. 5, RT 02/RW 03, Kel. Simpang Empat\n"
        "Pekerjaan: Pedagang pasar\n"
        "Penghasilan: Rp1.000.000 per bulan\n"
        "Program: JKK + JKM, iuran Rp8.400 per bulan\n"
        "Ahli waris: Budi Santoso (Suami/istri)\n"
        "Tekan bagian yang ingin diubah, atau “Konfirmasi” bila sudah benar."
    ]
    said = await worker.taps("Konfirmasi")
    welcome = said[0]
    assert welcome.startswith("Pendaftaran Anda tercatat.\nNomor pendaftaran: 2611")
    assert "Iuran pertama (November 2026): Rp8.400, dibayar paling lambat Senin, 16 November 2026." in welcome
    assert "perlindungan baru berlaku setelah pembayaran pertama tercatat" in welcome
    number = welcome.split("Nomor pendaftaran: ")[1].split("\n")[0]
    photo = worker.request.sent_to(worker.chat_id)[-2]
    assert photo.endpoint == "sendPhoto"
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    content = photo.params["photo"]
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    image = cv2.imdecode(np.frombuffer(content, np.uint8), cv2.IMREAD_COLOR)
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert decoded == number
