"""Every enrolment question answered wrongly: a specific explanation, the same question, nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.runner import Runner
from storage.repositories.conversations import ConversationRepository
from tests.support.journeys import reach, register
from tests.support.telegram import BotClient

STICKER = {
    "file_id": "s1",
    "file_unique_id": "su1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "ph1", "file_unique_id": "phu1", "width": 90, "height": 90}]
LOCATION = {"location": {"latitude": -0.5, "longitude": 101.4}}

TYPE_IT = "Untuk pertanyaan ini, mohon ketik jawabannya, ya."
BUTTONS = "Mohon pilih salah satu tombol di bawah, ya."
CANNOT_READ = "Maaf, saya belum bisa membaca pesan jenis itu."
TOO_LONG = "Pesannya terlalu panjang"

# question -> (the question's first words, [(how, what, explanation starts with)])
WRONG_ANSWERS: dict[str, tuple[str, list[tuple[str, object, str]]]] = {
    "ask_consent": (
        "Sebelum mulai, saya minta persetujuan Anda",
        [
            ("says", "ya", BUTTONS),
            ("says", "1471055708850001", BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("says", "x" * 5000, TOO_LONG),
            ("data", "999:1:yes", "Tombol itu sudah tidak berlaku"),
            ("key", "delete", BUTTONS),
        ],
    ),
    "ask_nik": (
        "Ketik NIK Anda",
        [
            ("says", "147105570885000", "NIK harus 16 angka; yang Anda ketik baru 15 angka."),
            ("says", "14710557088500011", "NIK harus 16 angka; yang Anda ketik 17 angka."),
            ("says", "1471O5570885OOO1", "NIK hanya berisi angka."),
            ("says", "9971055708850001", "Empat angka pertama NIK adalah kode wilayah"),
            ("says", "1471053202850001", "Angka ke-7 sampai ke-12 NIK adalah tanggal lahir"),
            (
                "says",
                "1471057208850001",
                "Angka ke-7 sampai ke-12 NIK adalah tanggal lahir",
            ),  # day 72-40 = 32
            ("says", "1471051708600001", "Maaf, pendaftaran peserta BPU hanya untuk usia di bawah 65 tahun."),
            ("says", "1471051708150001", "Maaf, peserta BPU minimal berusia 15 tahun"),
            ("registered", "3171011708850009", "NIK ini sudah terdaftar sebagai peserta"),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_name": (
        "Ketik nama lengkap Anda",
        [
            ("says", "S", "Nama terlalu pendek."),
            ("says", "A" * 101, "Nama terlalu panjang"),
            ("says", "Siti123", "Nama hanya boleh berisi huruf"),
            ("says", "@siti_aminah", "Nama hanya boleh berisi huruf"),
            ("says", "Siti 😀", "Nama hanya boleh berisi huruf"),
            ("says", "...", "Nama hanya boleh berisi huruf"),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            (
                "sends",
                {"contact": {"phone_number": "+6281234567890", "first_name": "S", "user_id": 4242}},
                TYPE_IT,
            ),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_phone": (
        "Berapa nomor HP Anda?",
        [
            ("says", "12345", "Itu bukan nomor HP yang lengkap."),
            ("says", "nomor saya", "Itu bukan nomor HP yang lengkap."),
            ("says", "+1 415 555 2671", "Mohon pakai nomor HP Indonesia"),
            ("says", "021 1234 5678", "Itu tampaknya nomor telepon rumah."),
            ("says", "0812", "Itu bukan nomor HP yang lengkap."),
            (
                "sends",
                {"contact": {"phone_number": "+6281299998888", "first_name": "Other", "user_id": 999}},
                "Itu kontak orang lain.",
            ),
            (
                "sends",
                {"contact": {"phone_number": "+6281299998888", "first_name": "No account"}},
                "Itu kontak orang lain.",
            ),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_regency": (
        "Di kabupaten/kota mana Anda tinggal sekarang?",
        [
            ("says", "Atlantis", "Saya tidak menemukan kabupaten/kota “Atlantis”."),
            ("says", "xyz", "Saya tidak menemukan kabupaten/kota “xyz”."),
            ("says", "12345", "Saya tidak menemukan kabupaten/kota"),
            ("says", "Kota Sleman", "Saya tidak menemukan kabupaten/kota"),  # Sleman is a kabupaten
            ("key", "r3171", BUTTONS),  # a button that was never offered
            ("key", "rxxxx", BUTTONS),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            ("sends", LOCATION, TYPE_IT),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_address": (
        "Ketik alamat tempat tinggal Anda",
        [
            ("says", "Jl", "Alamatnya terlalu singkat."),
            ("says", "    ", "Alamatnya terlalu singkat."),
            ("says", "a b", "Alamatnya terlalu singkat."),
            ("says", "Jalan " * 40, "Alamatnya terlalu panjang"),
            ("says", "x" * 5000, TOO_LONG),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            ("sends", LOCATION, TYPE_IT),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_occupation": (
        "Apa pekerjaan Anda?",
        [
            ("says", "pedagang", BUTTONS),
            ("says", "ojol", BUTTONS),
            ("key", "pilot", BUTTONS),
            ("key", "next", BUTTONS),  # "Lanjut" before choosing anything
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
            ("data", "1:1:ojol", "Tombol itu sudah tidak berlaku"),
        ],
    ),
    "ask_income": (
        "Berapa kira-kira penghasilan Anda per bulan?",
        [
            ("says", "500 ribu", "Penghasilan yang dilaporkan paling sedikit Rp1.000.000."),
            ("says", "abc", "Saya tidak bisa membaca nominal itu."),
            ("says", "25 juta", "Penghasilan yang dilaporkan paling banyak Rp20.700.000."),
            ("says", "999999", "Penghasilan yang dilaporkan paling sedikit Rp1.000.000."),
            ("says", "1.5.0", "Saya tidak bisa membaca nominal itu."),
            ("says", "-1000000", "Saya tidak bisa membaca nominal itu."),
            ("key", "i1234", BUTTONS),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_programme": (
        "Pilih program perlindungan.",
        [
            ("says", "JKK", BUTTONS),
            ("says", "yang murah", BUTTONS),
            ("key", "jht", BUTTONS),
            ("key", "i1000000", BUTTONS),
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
            ("data", "garbage", "Tombol itu sudah tidak berlaku"),
        ],
    ),
    "ask_heir_name": (
        "Siapa ahli waris Anda",
        [
            ("says", "B", "Nama terlalu pendek."),
            ("says", "Budi 2", "Nama hanya boleh berisi huruf"),
            ("says", "B" * 101, "Nama terlalu panjang"),
            ("says", "#budi", "Nama hanya boleh berisi huruf"),
            ("key", "anak", BUTTONS),
            ("sends", {"photo": PHOTO}, TYPE_IT),
            ("sends", LOCATION, TYPE_IT),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "ask_heir_relation": (
        "Apa hubungan Budi Santoso dengan Anda?",
        [
            ("says", "suami", BUTTONS),
            ("says", "istri saya", BUTTONS),
            ("key", "tetangga", BUTTONS),
            ("key", "skip", BUTTONS),
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
            ("says", "x" * 5000, TOO_LONG),
        ],
    ),
    "ask_heir_phone": (
        "Nomor HP Budi Santoso?",
        [
            ("says", "12345", "Itu bukan nomor HP yang lengkap."),
            ("says", "tidak tahu", "Itu bukan nomor HP yang lengkap."),
            ("says", "+44 20 7946 0958", "Mohon pakai nomor HP Indonesia"),
            ("says", "021 1234 5678", "Itu tampaknya nomor telepon rumah."),
            ("key", "next", BUTTONS),
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "confirm_summary": (
        "Periksa data Anda sebelum dikirim",
        [
            ("says", "ok", BUTTONS),
            ("says", "konfirmasi", BUTTONS),
            ("key", "delete", BUTTONS),
            ("key", "dob", BUTTONS),
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
            ("data", "1:0:confirm", "Tombol itu sudah tidak berlaku"),
        ],
    ),
}
CASES = [
    pytest.param(question, index, id=f"{question}-{index}")
    for question, (_, answers) in WRONG_ANSWERS.items()
    for index in range(len(answers))
]


def test_every_question_has_at_least_eight_wrong_answers() -> None:
    assert all(len(answers) >= 8 for _, answers in WRONG_ANSWERS.values())


async def stored(runner: Runner, chat_id: int) -> tuple:
    async with runner.db.transaction() as db:
        convo = await ConversationRepository(db, runner.vault).get(chat_id)
        assert convo is not None
        return convo.flow, convo.state, convo.data


@pytest.mark.parametrize(("question", "index"), CASES)
async def test_wrong_answer_gets_a_specific_explanation_and_the_same_question(
    application,
    telegram,
    runner: Runner,
    clock: list[datetime],
    question: str,
    index: int,
) -> None:
    clock[0] = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)
    prompt, answers = WRONG_ANSWERS[question]
    how, what, explanation = answers[index]
    if how == "registered":
        await register(BotClient(application, telegram, chat_id=1111), nik=str(what))
    worker = BotClient(application, telegram)
    await reach(worker, question)
    buttons_before = worker.last_buttons()
    before = await stored(runner, worker.chat_id)
    if how in ("says", "registered"):
        said = await worker.says(str(what))
    elif how == "sends":
        said = await worker.sends(**what)  # type: ignore[arg-type]
    elif how == "key":
        prefix = worker.button_data(buttons_before[0]).rsplit(":", 1)[0]
        said = await worker.taps_data(f"{prefix}:{what}")
    else:
        said = await worker.taps_data(str(what))
    assert said[0].startswith(explanation), said
    assert said[-1].startswith(prompt), said
    assert worker.last_buttons() == buttons_before
    after = await stored(runner, worker.chat_id)
    assert after == before
