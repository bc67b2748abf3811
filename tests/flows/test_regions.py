"""Every NIK names the right region: Kemendagri codes of every edition, as a new worker sees them."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from bot.domain import regions
from bot.domain.regions import TimeZone
from bot.domain.rules import DEFAULT_RULES
from bot.domain.validators import NikInfo, parse_nik
from tests.support.transcript import NOW, Transcript


def kemendagri(level: str, *, latest: bool) -> dict[str, str]:
    source = files("bot.domain").joinpath("wilayah", "wilayah.csv").read_text(encoding="utf-8")
    return {
        row["code"].replace(".", ""): row["name"]
        for row in csv.DictReader(source.splitlines())
        if row["level"] == level and ("2025" in row["editions"].split()) == latest
    }


TODAY = kemendagri("2", latest=True)
HISTORIC = kemendagri("2", latest=False)
PROVINCES = kemendagri("1", latest=True)


def nik_in(code: str) -> str:
    return f"{code}01" + "170885" + "0001"  # kecamatan 01, born 17 August 1985, male


def test_the_vendored_data_is_complete() -> None:
    assert len(PROVINCES) == 38
    assert len(TODAY) == 514
    assert len(HISTORIC) == 26


def confirmation(nik: str) -> str:
    chat = Transcript()
    chat.says("/daftar")
    chat.taps("Setuju")
    return chat.says(nik)[0]


def test_every_kabupaten_kota_of_2025_is_named_as_kemendagri_names_it() -> None:
    wrong = {}
    for code, name in TODAY.items():
        info = parse_nik(nik_in(code), NOW.date(), DEFAULT_RULES)
        said = confirmation(nik_in(code))
        expected = f"terdaftar di {name}, {PROVINCES[code[:2]]}. Benar?"
        if not isinstance(info, NikInfo) or info.regency_code != code or not said.endswith(expected):
            wrong[code] = said
    assert wrong == {}


@pytest.mark.parametrize("code", sorted(HISTORIC))
def test_a_code_from_before_a_split_is_accepted_and_named_as_today(code: str) -> None:
    info = parse_nik(nik_in(code), NOW.date(), DEFAULT_RULES)
    assert isinstance(info, NikInfo)
    today = regions.regency(code)
    assert today is not None
    assert today.code in TODAY
    assert regions.same_name(today.name, HISTORIC[code].replace("KAB.", "Kabupaten"))
    assert info.regency_code == today.code


@pytest.mark.parametrize(
    ("nik", "named", "zone"),
    [
        (
            "3174071203900003",
            "Kota Administrasi Jakarta Selatan, Daerah Khusus Ibukota Jakarta",
            TimeZone.WIB,
        ),
        ("3171010101900001", "Kota Administrasi Jakarta Pusat, Daerah Khusus Ibukota Jakarta", TimeZone.WIB),
        ("3173010101900001", "Kota Administrasi Jakarta Barat, Daerah Khusus Ibukota Jakarta", TimeZone.WIB),
        ("1271010101900001", "Kota Medan, Sumatera Utara", TimeZone.WIB),
        ("7308010101900001", "Kabupaten Bone, Sulawesi Selatan", TimeZone.WITA),
        ("5301010101900001", "Kabupaten Kupang, Nusa Tenggara Timur", TimeZone.WITA),
        ("9103010101900001", "Kabupaten Jayapura, Papua", TimeZone.WIT),
        ("9171010101900001", "Kota Jayapura, Papua", TimeZone.WIT),
        ("6571010101900001", "Kota Tarakan, Kalimantan Utara", TimeZone.WITA),
        ("9501010101900001", "Kabupaten Jayawijaya, Papua Pegunungan", TimeZone.WIT),  # Wamena
        ("9102010101900001", "Kabupaten Jayawijaya, Papua Pegunungan", TimeZone.WIT),  # Wamena, before 2022
        ("9101010101900001", "Kabupaten Merauke, Papua Selatan", TimeZone.WIT),
        ("9201010101900001", "Kabupaten Sorong, Papua Barat Daya", TimeZone.WIT),
        ("9401010101900001", "Kabupaten Nabire, Papua Tengah", TimeZone.WIT),
    ],
)
def test_the_examples_from_the_field_by_name(nik: str, named: str, zone: TimeZone) -> None:
    assert confirmation(nik).endswith(f"terdaftar di {named}. Benar?")
    info = parse_nik(nik, NOW.date(), DEFAULT_RULES)
    assert isinstance(info, NikInfo)
    province = regions.province(info.regency_code[:2])
    assert province is not None
    assert province.timezone is zone


def test_an_unknown_kabupaten_is_refused_but_an_unknown_kecamatan_is_accepted() -> None:
    assert confirmation("3199010101900001").startswith("Empat angka pertama NIK adalah kode wilayah")
    assert confirmation("3174990101900001").startswith("Dari NIK itu")


def test_bukan_offers_the_right_kabupaten_and_stores_its_kemendagri_code() -> None:
    chat = Transcript()
    chat.says("/daftar")
    chat.taps("Setuju")
    chat.says("3174071203900003")
    chat.taps("Ya, benar")
    chat.says("Budi Santoso")
    chat.says("0812 3456 7890")
    assert chat.last_buttons() == ["Kota Administrasi Jakarta Selatan"]
    chat.taps("Kota Administrasi Jakarta Selatan")
    assert chat.session.stack[0].data["regency_code"] == "3174"
