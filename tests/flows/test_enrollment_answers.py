"""Every enrolment question answered wrongly: a specific explanation, the same question, nothing lost.

Pure transcripts through the engine and the real catalogs; what Telegram turns into these events is shown
end to end in tests/bot/test_bad_input.py.
"""

from __future__ import annotations

import pytest

from bot.flows.base import ChoiceMade, StaleChoice
from tests.support.journeys import HAPPY_PATH, NIK
from tests.support.telegram import PHOTO, STICKER
from tests.support.transcript import Transcript

LOCATION = {"location": {"latitude": -0.5, "longitude": 101.4}}

TYPE_IT = "Untuk pertanyaan ini, mohon ketik jawabannya, ya."
BUTTONS = "Mohon pilih salah satu tombol di bawah, ya."
CANNOT_READ = "Maaf, saya belum bisa membaca pesan jenis itu."
TOO_LONG = "Pesannya terlalu panjang"
NOT_AN_OCCUPATION = "Saya belum mengenali pekerjaan itu."

# question -> (the question's first words, [(how, what, explanation starts with)])
WRONG_ANSWERS: dict[str, tuple[str, list[tuple[str, object, str]]]] = {
    "ask_consent": (
        "Boleh saya catat data Anda?",
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
            ("says", "١٤٧١٠٥٥٧٠٨٨٥٠٠٠١", "NIK hanya berisi angka."),  # Arabic-Indic digits
            ("says", "1471 0557 0885 000", "NIK harus 16 angka; yang Anda ketik baru 15 angka."),
            ("registered", "3171011708850009", "NIK ini tidak bisa didaftarkan lewat chat ini"),
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
            ("says", "astronot", NOT_AN_OCCUPATION),
            ("says", "lanjut", NOT_AN_OCCUPATION),  # "Lanjut" before choosing anything
            ("key", "pilot", NOT_AN_OCCUPATION),
            ("key", "next", NOT_AN_OCCUPATION),
            ("sends", {"photo": PHOTO}, NOT_AN_OCCUPATION),
            ("sends", LOCATION, NOT_AN_OCCUPATION),
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
        "Siapa keluarga yang Anda catat sebagai ahli waris?",
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
            ("says", "0812", "Itu bukan nomor HP yang lengkap."),
            ("says", "+44 20 7946 0958", "Mohon pakai nomor HP Indonesia"),
            ("says", "021 1234 5678", "Itu tampaknya nomor telepon rumah."),
            ("key", "next", BUTTONS),
            ("sends", {"photo": PHOTO}, BUTTONS),
            ("sends", LOCATION, BUTTONS),
            ("sends", {"sticker": STICKER}, CANNOT_READ),
        ],
    ),
    "confirm_summary": (
        "Program: JKK + JKM, iuran",
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


def reach(chat: Transcript, question: str) -> list[str]:
    """Walk the happy path until `question` is asked; return what the bot said last."""
    for reached, how, what in HAPPY_PATH:
        if how == "says":
            said = chat.says(str(what))
        elif how == "taps":
            said = chat.taps(str(what))
        else:
            said = chat.taps_first()
        if reached == question:
            return said
    raise ValueError(f"no question {question!r} on the happy path")


@pytest.mark.parametrize(("question", "index"), CASES)
def test_wrong_answer_gets_a_specific_explanation_and_the_same_question(question: str, index: int) -> None:
    prompt, answers = WRONG_ANSWERS[question]
    how, what, explanation = answers[index]
    chat = Transcript()
    if how == "registered":
        chat.taken.add(str(what))
    reach(chat, question)
    buttons_before = chat.last_buttons()
    before = chat.stored()
    if how in ("says", "registered"):
        said = chat.says(str(what))
    elif how == "sends":
        said = chat.sends(**what)  # type: ignore[arg-type]
    elif how == "key":
        said = chat.send(ChoiceMade(str(what)))
    else:
        said = chat.send(StaleChoice())
    assert said[0].startswith(explanation), said
    assert said[-1].startswith(prompt), said
    assert chat.last_buttons() == buttons_before
    assert chat.stored() == before


def test_the_happy_path_reaches_the_summary_with_every_answer() -> None:
    chat = Transcript()
    said = reach(chat, "confirm_summary")
    assert said[0].startswith("Periksa data Anda:\nNIK: " + NIK)
    assert chat.where == ("enrollment", "confirm_summary")
