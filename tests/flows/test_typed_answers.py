"""Answers typed the way workers type them: incomes, places, work, menu requests, help and "kembali"."""

from __future__ import annotations

import pytest

from bot.domain.amounts import AmountReading, Period, read_amount
from bot.domain.intents import is_back_request, is_help_request, menu_request, occupation_from_text
from bot.domain.regions import match_regency
from tests.flows.test_enrollment_answers import reach
from tests.support.transcript import Transcript

INCOMES = [
    ("dua juta", 2_000_000, Period.MONTH),
    ("dua setengah juta", 2_500_000, Period.MONTH),
    ("satu setengah juta", 1_500_000, Period.MONTH),
    ("2,5 jt", 2_500_000, Period.MONTH),
    ("2.500 rb", 2_500_000, Period.MONTH),
    ("2500rb", 2_500_000, Period.MONTH),
    ("2jtan", 2_000_000, Period.MONTH),
    ("sekitar 2 juta", 2_000_000, Period.MONTH),
    ("kira-kira 1,5 juta per bulan", 1_500_000, Period.MONTH),
    ("Rp 2.500.000,-", 2_500_000, Period.MONTH),
    ("Rp2.500.000", 2_500_000, Period.MONTH),
    ("1.500.000", 1_500_000, Period.MONTH),
    ("1500000", 1_500_000, Period.MONTH),
    ("3 jutaan", 3_000_000, Period.MONTH),
    ("sejuta", 1_000_000, Period.MONTH),
    ("satu juta lima ratus ribu", 1_500_000, Period.MONTH),
    ("sehari 50 ribu", 50_000, Period.DAY),
    ("50rb/hari", 50_000, Period.DAY),
    ("seminggu 400rb", 400_000, Period.WEEK),
    ("400 ribu per minggu", 400_000, Period.WEEK),
]


@pytest.mark.parametrize(("typed", "amount", "period"), INCOMES)
def test_an_income_is_read_as_people_say_it(typed: str, amount: int, period: Period) -> None:
    assert read_amount(typed) == AmountReading(amount, period)


@pytest.mark.parametrize("typed", ["abc", "-1000000", "1.5.0", "2 ekor kambing", "", "x" * 100])
def test_what_is_no_amount_is_not_read_as_one(typed: str) -> None:
    assert read_amount(typed) is None


def test_a_daily_income_is_turned_into_a_month_and_confirmed_with_a_button() -> None:
    chat = Transcript()
    reach(chat, "ask_income")
    said = chat.says("sehari 50 ribu")
    assert said == [
        "Sehari Rp50.000, dengan 26 hari kerja sebulan, berarti sekitar Rp1.300.000 per bulan. "
        "Pakai angka ini?"
    ]
    assert chat.last_buttons() == ["Ya, pakai Rp1.300.000", "Ketik per bulan"]
    said = chat.taps("Ya, pakai Rp1.300.000")
    assert said[0].startswith(
        "Pilih program perlindungan. Iuran untuk November 2026, dengan penghasilan Rp1.300.000"
    )


def test_a_weekly_income_can_be_retyped_as_a_month() -> None:
    chat = Transcript()
    reach(chat, "ask_income")
    assert chat.says("seminggu 400rb")[0].startswith(
        "Seminggu Rp400.000, berarti sekitar Rp1.600.000 per bulan"
    )
    assert chat.taps("Ketik per bulan") == ["Ketik penghasilan per bulan, contoh: 1.750.000 atau 1,75 juta."]
    assert chat.says("dua juta")[0].startswith("Pilih program perlindungan.")


DOMICILES = [
    ("jaksel", ["Kota Administrasi Jakarta Selatan"]),
    ("jakarta selatn", ["Kota Administrasi Jakarta Selatan"]),
    ("jakbar", ["Kota Administrasi Jakarta Barat"]),
    ("jogja", ["Kota Yogyakarta"]),
    ("yogya", ["Kota Yogyakarta"]),
    ("Kota Makasar", ["Kota Makassar"]),
    ("makassar", ["Kota Makassar"]),
    ("sentani", ["Kabupaten Jayapura"]),  # a kecamatan: its kabupaten
    ("wamena", ["Kabupaten Jayawijaya"]),
    ("bekasi", ["Kota Bekasi", "Kabupaten Bekasi"]),  # both: asked with two buttons
    ("kab bekasi", ["Kabupaten Bekasi"]),
    ("kota sleman", ["Kabupaten Sleman"]),  # there is no Kota Sleman
    ("surbaya", ["Kota Surabaya"]),
    ("pekanbaru", ["Kota Pekanbaru"]),
    ("tarakan", ["Kota Tarakan"]),
]


@pytest.mark.parametrize(("typed", "names"), DOMICILES)
def test_a_domicile_is_found_as_people_type_it(typed: str, names: list[str]) -> None:
    assert [r.name for r in match_regency(typed)] == names


def test_bekasi_is_asked_with_two_buttons() -> None:
    chat = Transcript()
    reach(chat, "ask_regency")
    assert chat.says("bekasi") == ["Ada beberapa yang mirip. Yang mana maksud Anda?"]
    assert chat.last_buttons() == ["Kota Bekasi", "Kabupaten Bekasi"]
    assert chat.taps("Kabupaten Bekasi")[0].startswith("Ketik alamat tempat tinggal Anda")


OCCUPATIONS = [
    ("ojol", "ojol"),
    ("ngojek", "ojol"),
    ("narik grab", "ojol"),
    ("opang", "ojek_pangkalan"),
    ("ojek pangkalan", "ojek_pangkalan"),
    ("dagang", "pedagang"),
    ("jualan sayur", "pedagang"),
    ("narik becak", "becak"),
    ("bertani", "petani"),
    ("nelayan", "nelayan"),
    ("kuli bangunan", "buruh"),
    ("kurir paket", "kurir"),
    ("sopir angkot", "sopir"),
]


@pytest.mark.parametrize(("typed", "key"), OCCUPATIONS)
def test_an_occupation_is_understood_as_people_name_it(typed: str, key: str) -> None:
    assert occupation_from_text(typed) == key


MENU_REQUESTS = [
    ("mau daftar", "daftar"),
    ("dftar", "daftar"),
    ("daftar bpjs", "daftar"),
    ("saya mau ikut bpjs", "daftar"),
    ("bayar iuran", "iuran"),
    ("cek tagihan", "iuran"),
    ("iuarn", "iuran"),
    ("klaim", "klaim"),
    ("ada yang meninggal", "meninggal"),
    ("suami saya meninggal", "meninggal"),
    ("ubah data", "datasaya"),
    ("ganti bahasa", "bahasa"),
]


@pytest.mark.parametrize(("typed", "key"), MENU_REQUESTS)
def test_a_typed_request_at_the_menu_is_understood(typed: str, key: str) -> None:
    assert menu_request(typed) == key


@pytest.mark.parametrize(
    ("typed", "starts"),
    [
        ("mau daftar", "Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU)"),
        ("dftar", "Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU)"),
        ("bayar iuran", "Anda belum terdaftar sebagai peserta BPU"),
        ("ada yang meninggal", "Turut berduka cita"),
    ],
)
def test_a_typed_request_at_the_menu_starts_the_matching_flow(typed: str, starts: str) -> None:
    chat = Transcript()
    chat.says("/start")
    assert chat.says(typed)[0].startswith(starts)


@pytest.mark.parametrize(
    "typed",
    [
        "?",
        "apa itu NIK?",
        "maksudnya?",
        "bisa diulang?",
        "diulang",
        "tidak tahu",
        "gak tau",
        "bingung",
        "what is NIK?",
    ],
)
def test_unsure_words_get_the_questions_help_and_the_question_again(typed: str) -> None:
    assert is_help_request(typed)
    chat = Transcript()
    reach(chat, "ask_nik")
    said = chat.says(typed)
    assert said[0].startswith("NIK (Nomor Induk Kependudukan) adalah 16 angka di bagian atas KTP Anda")
    assert said[1] == "Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi."


@pytest.mark.parametrize("typed", ["kembali", "Kembali", "balik", "sebelumnya", "back"])
def test_kembali_goes_to_the_previous_question(typed: str) -> None:
    assert is_back_request(typed)
    chat = Transcript()
    reach(chat, "ask_address")  # after the domicile question
    said = chat.says(typed)
    assert said[0].startswith("Di kabupaten/kota mana Anda tinggal sekarang?")
    said = chat.says("kembali")
    assert said[0].startswith("Berapa nomor HP Anda?")
    chat.says("0812 3456 7890")  # answered again, the enrolment goes on from there
    assert chat.where == ("domicile", "ask_regency")


def test_kembali_at_the_first_question_says_so_and_asks_it_again() -> None:
    chat = Transcript()
    reach(chat, "ask_nik")
    assert chat.says("kembali") == [
        "Ini pertanyaan pertama, jadi tidak ada pertanyaan sebelumnya.",
        "Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi.",
    ]


@pytest.mark.parametrize(
    ("nik", "says"),
    [
        ("1471051708600001", "Menurut NIK ini Anda berusia 66 tahun, sedangkan pendaftaran BPU hanya untuk"),
        (
            "1471051708150001",
            "Menurut NIK ini Anda berusia 11 tahun, sedangkan peserta BPU minimal berusia 15",
        ),
    ],
)
def test_an_age_outside_the_range_is_said_once_and_the_enrolment_ends_at_the_menu(
    nik: str, says: str
) -> None:
    chat = Transcript()
    reach(chat, "ask_nik")
    said = chat.says(nik)
    assert said[0].startswith(says)
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    assert chat.where == ("menu", "menu")
