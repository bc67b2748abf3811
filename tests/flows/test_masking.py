# ruff: noqa: E501  (one case a line)
"""Personal numbers in questions are masked however they are typed, and across two messages."""

from __future__ import annotations

import pytest

from bot.domain.masking import mask_personal, redact_tail

CASES = {
    "NIK plain": ("nik saya 3174071203900003 iuran berapa", "nik saya [NIK] iuran berapa"),
    "NIK double spaces": ("nik 3174  0712  0390  0003 iuran", "nik [NIK] iuran"),
    "NIK with slashes": ("nik 3174/0712/0390/0003", "nik [NIK]"),
    "NIK with commas": ("nik 3174, 0712, 0390, 0003", "nik [NIK]"),
    "NIK with zero-width spaces": ("nik 3174\u200b0712\u200b0390\u200b0003", "nik [NIK]"),
    "NIK with no-break spaces": ("nik 3174\u00a00712\u00a00390\u00a00003", "nik [NIK]"),
    "NIK in fullwidth digits": (
        "nik \uff13\uff11\uff17\uff14\uff10\uff17\uff11\uff12\uff10\uff13\uff19\uff10\uff10\uff10\uff10\uff13",
        "nik [NIK]",
    ),
    "NIK with dots": ("nik 31.74.07.120390.0003", "nik [NIK]"),
    "phone in brackets": ("hp (0812) 3456-7890 bisa daftar", "hp [HP] bisa daftar"),
    "phone with slashes": ("hp 0812/3456/7890", "hp [HP]"),
    "phone +62 spaced": ("wa +62 812 3456 7890", "wa [HP]"),
    "KPJ with dots": ("kpj 137.00.1234567.8 masih aktif", "kpj [nomor] masih aktif"),
    "account in groups": ("rekening 1234 5678 9012 345", "rekening [nomor]"),
    "a fragment in groups of four": ("nik saya 3174 0712", "nik saya [nomor]"),
    "e-mail spaced": ("email x @ gmail.com buat klaim", "email [email] buat klaim"),
    "e-mail fullwidth at": ("email siti＠gmail.com", "email [email]"),
    "e-mail [at] [dot]": ("email siti [at] gmail [dot] com", "email [email]"),
    "e-mail (at)": ("email siti(at)yahoo.co.id", "email [email]"),
    "an income stays": ("penghasilan 1.500.000 iuran berapa", "penghasilan 1.500.000 iuran berapa"),
    "a large income stays": ("penghasilan Rp 20.700.000", "penghasilan Rp 20.700.000"),
    "a date stays": ("meninggal 12/11/2026", "meninggal 12/11/2026"),
    "months stay": ("iuran 3 bulan 16.800", "iuran 3 bulan 16.800"),
}


@pytest.mark.parametrize(("typed", "kept"), CASES.values(), ids=CASES.keys())
def test_masking_as_people_type(typed: str, kept: str) -> None:
    masked = mask_personal(typed)
    assert masked.text == kept
    assert masked.found is (typed != kept)


def test_a_nik_split_over_two_messages_is_masked_in_both() -> None:
    first = mask_personal("nik saya 31740712")
    assert first.tail == "31740712"
    second = mask_personal("03900003 iuran berapa", before=first.tail)
    assert (second.text, second.joined) == ("[NIK] iuran berapa", True)
    assert redact_tail("nik saya 31740712") == "nik saya [nomor]"
    third = mask_personal("3 bulan", before="20700000")  # an amount, then months: nothing joined
    assert (third.text, third.joined) == ("3 bulan", False)
