"""Four workers who are not used to forms enrol through the real bot, typing the way they talk.

Each finishes in at most 18 messages, and no answer of theirs is refused twice in a row: help words get
help, typos are understood, places and amounts are read as said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bot.app.services import Services
from storage.models import Conversation, Participant
from tests.support.telegram import BotClient

MAX_TURNS = 18


@dataclass
class Persona:
    """A worker at the keyboard, counted: messages sent, answers refused in a row."""

    worker: BotClient
    services: Services
    turns: int = 0
    refused_in_a_row: int = 0
    most_refused_in_a_row: int = 0
    heard: list[str] = field(default_factory=list)

    async def where(self) -> Any:
        async with self.services.db.transaction() as db:
            row = (
                await db.execute(select(Conversation).where(Conversation.chat_id == self.worker.chat_id))
            ).scalar_one_or_none()
        if row is None:
            return None
        vault = self.services.vault
        return (
            row.flow,
            row.state,
            vault.open(row.data) if row.data else {},
            row.stack and vault.open(row.stack),
        )

    async def _turn(self, act: Any, *, asking: bool) -> list[str]:
        before = await self.where()
        said = await act
        self.turns += 1
        self.heard += said
        # Refused: nothing moved, though the worker answered (rather than asked for help).
        refused = not asking and before is not None and await self.where() == before
        self.refused_in_a_row = self.refused_in_a_row + 1 if refused else 0
        self.most_refused_in_a_row = max(self.most_refused_in_a_row, self.refused_in_a_row)
        return said

    async def says(self, text: str, *, asking: bool = False) -> list[str]:
        return await self._turn(self.worker.says(text), asking=asking)

    async def taps(self, label: str) -> list[str]:
        return await self._turn(self.worker.taps(label), asking=False)

    async def taps_first(self) -> list[str]:
        return await self.taps(self.worker.last_buttons()[0])

    async def registered(self) -> Participant:
        async with self.services.db.transaction() as db:
            return (
                await db.execute(select(Participant).where(Participant.chat_id == self.worker.chat_id))
            ).scalar_one()

    def finished_well(self) -> None:
        assert self.turns <= MAX_TURNS, self.turns
        assert self.most_refused_in_a_row <= 1
        assert all(len(text) <= 600 for text in self.heard)


async def test_an_ojol_in_jakarta_selatan_with_typos(worker: BotClient, services: Services) -> None:
    budi = Persona(worker, services)
    said = await budi.says("mau daftar")
    assert said[0].startswith("Daftar BPJS Ketenagakerjaan untuk pekerja mandiri (BPU)")
    await budi.taps("Setuju")
    said = await budi.says("3174 0712 0390 0003")
    assert said == [
        "Dari NIK itu: lahir 12 Maret 1990, laki-laki, terdaftar di Kota Administrasi Jakarta Selatan, "
        "Daerah Khusus Ibukota Jakarta. Benar?"
    ]
    await budi.taps("Ya, benar")
    await budi.says("budi santoso")
    said = await budi.says("0812-3456")  # digits missing: refused once
    assert said[0] == "Itu bukan nomor HP yang lengkap. Contoh yang benar: 0812 3456 7890."
    await budi.says("0812-3456-7890")
    said = await budi.says("jakarta selatn")
    assert said[0].startswith("Ketik alamat tempat tinggal Anda")
    await budi.says("jl kemang raya no 12 rt 3 rw 2")
    said = await budi.says("ngojol")
    assert said[0] == "Sudah dipilih: Ojek online. Pilih satu lagi, atau tekan “Lanjut”."
    await budi.taps("Lanjut")
    said = await budi.says("2jtan")
    assert said[0].startswith(
        "Pilih program perlindungan. Iuran untuk Desember 2026, dengan penghasilan Rp2.000.000"
    )
    await budi.taps_first()
    await budi.says("siti rahayu")
    await budi.taps("Suami/istri")
    await budi.taps("Lewati")
    said = await budi.taps("Lanjut")
    assert "Domisili: Kota Administrasi Jakarta Selatan, Daerah Khusus Ibukota Jakarta\n" in said[0]
    said = await budi.taps("Konfirmasi")
    assert said[0].startswith("Pendaftaran Anda tercatat.")
    found = await budi.registered()
    assert (found.regency_code, found.timezone, found.occupations) == ("3174", "Asia/Jakarta", ["ojol"])
    budi.finished_well()


async def test_a_pedagang_in_makassar_typing_dua_juta(worker: BotClient, services: Services) -> None:
    nur = Persona(worker, services)
    await nur.says("/daftar")
    await nur.taps("Setuju")
    said = await nur.says("7371014506880002")
    assert said[0].endswith("terdaftar di Kota Makassar, Sulawesi Selatan. Benar?")
    await nur.taps("Ya, benar")
    await nur.says("Hj. Nurhayati")
    await nur.says("081355512345")
    said = await nur.says("makasar")
    assert said[0].startswith("Ketik alamat tempat tinggal Anda")
    await nur.says("Jl. Veteran Selatan lr. 4 no 10, Mamajang")
    said = await nur.says("jualan sayur")
    assert said[0] == "Sudah dipilih: Pedagang pasar. Pilih satu lagi, atau tekan “Lanjut”."
    await nur.taps("Lanjut")
    said = await nur.says("dua juta")
    assert "dengan penghasilan Rp2.000.000" in said[0]
    await nur.taps_first()
    await nur.says("Andi Baso")
    await nur.taps("Suami/istri")
    await nur.taps("Lewati")
    await nur.taps("Lanjut")
    said = await nur.taps("Konfirmasi")
    assert said[0].startswith("Pendaftaran Anda tercatat.")
    found = await nur.registered()
    assert (found.regency_code, found.timezone, found.income) == ("7371", "Asia/Makassar", 2_000_000)
    nur.finished_well()


async def test_a_tukang_becak_in_yogyakarta_who_is_unsure(worker: BotClient, services: Services) -> None:
    slamet = Persona(worker, services)
    await slamet.says("/daftar")
    await slamet.taps("Setuju")
    said = await slamet.says("apa itu NIK?", asking=True)
    assert said[0].startswith("NIK (Nomor Induk Kependudukan) adalah 16 angka")
    said = await slamet.says("bisa diulang?", asking=True)
    assert said[0].startswith("NIK (Nomor Induk Kependudukan) adalah 16 angka")
    assert said[1] == "Ketik NIK Anda: 16 angka yang ada di KTP. Boleh pakai spasi."
    said = await slamet.says("3471021010750003")
    assert said[0].endswith("terdaftar di Kota Yogyakarta, Daerah Istimewa Yogyakarta. Benar?")
    await slamet.taps("Ya, benar")
    await slamet.says("Slamet")
    await slamet.says("0813 2727 1234")
    said = await slamet.says("jogja")
    assert said[0].startswith("Ketik alamat tempat tinggal Anda")
    await slamet.says("Jl. Sosrowijayan gg. 3 no 7")
    said = await slamet.says("narik becak")
    assert said[0] == "Sudah dipilih: Tukang becak. Pilih satu lagi, atau tekan “Lanjut”."
    await slamet.taps("Lanjut")
    said = await slamet.says("tidak tahu", asking=True)
    assert said[0].startswith("Perkiraan penghasilan bersih Anda sebulan, tidak perlu tepat.")
    said = await slamet.says("sehari 50 ribu")
    assert said[0].startswith("Sehari Rp50.000, dengan 26 hari kerja sebulan, berarti sekitar Rp1.300.000")
    await slamet.taps("Ya, pakai Rp1.300.000")
    await slamet.taps_first()
    said = await slamet.taps("Lewati")  # no heirs recorded
    assert said[1].startswith(
        "Program: JKK + JKM, iuran Rp9.900 per bulan sampai Maret 2027, lalu Rp19.800 bila tukang becak "
        "termasuk sektor transportasi (belum dipastikan BPJS), atau Rp9.900 per bulan sampai Desember 2026, "
        "lalu Rp19.800"
    )
    said = await slamet.taps("Konfirmasi")
    assert said[0].startswith("Pendaftaran Anda tercatat.")
    found = await slamet.registered()
    assert (found.regency_code, found.income, found.occupations) == ("3471", 1_300_000, ["becak"])
    slamet.finished_well()


async def test_a_petani_in_jayawijaya_with_a_95_nik(worker: BotClient, services: Services) -> None:
    yulius = Persona(worker, services)
    await yulius.says("/daftar")
    await yulius.taps("Setuju")
    said = await yulius.says("9501 0215 0880 0004")
    assert said[0].endswith("terdaftar di Kabupaten Jayawijaya, Papua Pegunungan. Benar?")
    await yulius.taps("Ya, benar")
    await yulius.says("Yulius Wenda")
    await yulius.says("0821 9876 5432")
    assert worker.last_buttons() == ["Kabupaten Jayawijaya"]
    await yulius.taps("Kabupaten Jayawijaya")
    await yulius.says("Kampung Wesaput, Distrik Wamena")
    said = await yulius.says("bertani")
    assert said[0] == "Sudah dipilih: Petani. Pilih satu lagi, atau tekan “Lanjut”."
    await yulius.taps("Lanjut")
    await yulius.taps("Rp1 juta")
    await yulius.taps_first()
    await yulius.says("Maria Wenda")
    await yulius.taps("Suami/istri")
    await yulius.taps("Lewati")
    await yulius.taps("Lanjut")
    said = await yulius.taps("Konfirmasi")
    assert said[0].startswith("Pendaftaran Anda tercatat.")
    assert "bayar paling lambat Selasa, 15 Desember 2026" in said[0]
    found = await yulius.registered()
    assert (found.province_code, found.regency_code, found.timezone) == ("95", "9501", "Asia/Jayapura")
    yulius.finished_well()
