"""An heir reports a death; what the family is owed is explained from our records, and the claim follows.

Through the real PTB Application on SQLite and PostgreSQL: the worker registered and paid; months later
their husband reports the death from his own phone.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app.services import Services
from bot.domain.payments import PaymentNotice
from storage.models import Claim, ClaimEvent, Participant, Reminder
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient

REGISTERED_AT = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)  # first iuran month December 2026
HUSBAND = 5151


async def paid(services: Services, months: int, amount: int, reference: str = "BRI-1") -> None:
    applied = await services.payments.apply(
        PaymentNotice(reference, "bri", NIK, amount, months, REGISTERED_AT)
    )
    assert applied.outcome == "applied", applied


async def begin_death_report(
    reporter: BotClient,
    *,
    name: str = "Budi Santoso",
    relation: str = "Suami/istri",
    phone: str = "0813 1111 2222",
) -> list[str]:
    """/klaim, "Lapor meninggal dunia", consent, the reporter's name, relation and phone: what was said."""
    said: list[str] = []
    said += await reporter.says("/klaim")
    said += await reporter.taps("Lapor meninggal dunia")
    said += await reporter.taps("Setuju")
    said += await reporter.says(name)
    said += await reporter.taps(relation)
    said += await reporter.says(phone)
    return said


async def report_death(
    heir: BotClient,
    *,
    died: str,
    cause: str = "Sakit / wajar",
    identify: tuple[str, str] = ("NIK (KTP)", NIK),
) -> list[str]:
    """Walk the death report up to the explanation of rights; return what the bot said then."""
    said = await heir.says("/klaim")
    assert said[0] == "Lapor klaim. Apa yang ingin Anda laporkan?"
    said = await heir.taps("Lapor meninggal dunia")
    assert said[0].startswith("Turut berduka cita yang sedalam-dalamnya.")
    await heir.taps("Setuju")
    await heir.says("Budi Santoso")
    said = await heir.taps("Suami/istri")
    assert said[0].startswith("Berapa nomor HP Anda?")
    await heir.says("0813 1111 2222")
    kind, value = identify
    await heir.taps(kind)
    said = await heir.says(value)
    if said[0].startswith("Di pendaftaran kami ada peserta berinisial"):
        assert said[0] == "Di pendaftaran kami ada peserta berinisial S. A. Benar ini orangnya?"
        await heir.taps("Ya, benar")
    await heir.says(died)
    await heir.says("RSUD Arifin Achmad, Pekanbaru")
    return await heir.taps(cause)


async def test_three_paid_months_then_a_death_from_illness_gives_the_full_jkm(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, 8400 + 16800 + 16800)  # December, January, February
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    said = await report_death(husband, died="09-03-2027")
    assert said[0] == (
        "Menurut catatan kami, iuran sudah terbayar untuk 3 bulan kepesertaan sebelum meninggal, jadi ahli "
        "waris berhak atas JKM Rp42.000.000: santunan kematian Rp20.000.000, santunan berkala Rp12.000.000, "
        "dan biaya pemakaman Rp10.000.000 (PP 82/2019; Permenaker 1/2025)."
    )
    assert said[1].startswith("Dokumen yang perlu disiapkan (foto atau PDF):\nKartu peserta (KPJ)\n")
    assert "Buku nikah" in said[1]  # the reporter is the spouse
    said = await husband.taps("Kirim laporan")
    assert said[0].startswith("Laporan tercatat. Nomor klaim: K2703")
    assert "JKM dibayar paling lambat 3 hari kerja setelah dokumen lengkap" in said[0]
    async with services.db.transaction() as db:
        claim = (await db.execute(select(Claim))).scalar_one()
        person = (await db.execute(select(Participant))).scalar_one()
        events = (await db.execute(select(ClaimEvent))).scalars().all()
    assert (claim.kind, claim.programme, claim.status, claim.reporter_chat_id) == (
        "kematian",
        "jkm",
        "diterima",
        HUSBAND,
    )
    # A report, not a fact: only an officer's verification marks her deceased.
    assert (person.deceased, person.death_reported) == (False, claim.number)
    assert [(e.actor, e.to_status) for e in events] == [("pelapor", "diterima")]


@pytest.mark.parametrize(
    ("months", "amount", "died", "cause", "first_words"),
    [
        (
            1,
            8400,
            "20-12-2026",
            "Sakit / wajar",
            "Menurut catatan kami, masa kepesertaan dengan iuran terbayar belum 3 bulan saat meninggal (baru "
            "0 bulan penuh), jadi JKM yang dibayarkan Rp10.000.000 (Permenaker 1/2025).",
        ),
        (
            1,
            8400,
            "20-02-2027",
            "Kecelakaan lain",
            "Menurut catatan kami, masa kepesertaan dengan iuran terbayar belum 3 bulan saat meninggal (baru "
            "1 bulan penuh), jadi JKM yang dibayarkan Rp10.000.000. Ada juga tunggakan 2 bulan (Rp33.600)",
        ),
        (
            1,
            8400,
            "20-05-2027",
            "Sakit / wajar",
            "Menurut catatan kami, saat meninggal iuran 5 bulan berturut-turut belum dibayar, lebih dari 3 "
            "bulan, jadi kepesertaan nonaktif",
        ),
        (
            3,
            42000,
            "09-03-2027",
            "Kecelakaan kerja / di jalan kerja",
            "Meninggal karena kecelakaan kerja diklaim lewat JKK: santunan Rp48.000.000 (48 x penghasilan "
            "Rp1.000.000, paling sedikit santunan kematian JKM), santunan berkala Rp12.000.000, dan biaya "
            "pemakaman Rp10.000.000; seluruhnya Rp70.000.000 (PP 44/2015 Pasal 25 dan 37).",
        ),
    ],
    ids=["fewer than 3 months", "unpaid months", "nonaktif", "JKK death with scholarship"],
)
async def test_what_the_family_is_owed_follows_our_records_at_the_date_of_death(
    worker: BotClient,
    husband: BotClient,
    services: Services,
    clock: list[datetime],
    months: int,
    amount: int,
    died: str,
    cause: str,
    first_words: str,
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, months, amount)
    clock[0] = datetime(2027, 6, 1, 3, 0, tzinfo=UTC)
    said = await report_death(husband, died=died, cause=cause)
    assert said[0].startswith(first_words)
    if cause.startswith("Kecelakaan kerja"):
        assert said[1].startswith(
            "Beasiswa untuk paling banyak 2 anak, per anak per tahun: TK dan SD Rp1.500.000"
        )
        assert "Kronologi kecelakaan" in said[2]
    said = await husband.taps("Kirim laporan")
    assert said[0].startswith("Laporan tercatat. Nomor klaim: K")


async def test_someone_registered_elsewhere_is_helped_without_an_invented_figure(
    husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    said = await report_death(
        husband, died="kemarin", identify=("Nomor KPJ (kartu peserta)", "26 050 123 456")
    )
    assert said[0].startswith(
        "Peserta ini tidak ada di catatan bot ini, jadi saya tidak bisa menyebut jumlahnya."
    )
    assert "Rp42.000.000 bila iuran sudah 3 bulan kepesertaan (sebelumnya Rp10.000.000)" in said[0]
    said = await husband.taps("Kirim laporan")
    assert said[0].startswith("Laporan tercatat.")
    async with services.db.transaction() as db:
        claim = (await db.execute(select(Claim))).scalar_one()
    assert claim.participant_id is None
    assert services.vault.open(claim.details)["id_value"] == "26050123456"


async def test_a_wrong_check_digit_and_a_future_date_are_explained_and_asked_again(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    number = await register(worker)
    clock[0] = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
    await begin_death_report(husband)
    await husband.taps("Nomor pendaftaran bot ini")
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    said = await husband.says(wrong)
    assert said[0].startswith("Nomor itu tidak cocok: ada angka yang salah ketik")
    assert said[1].startswith("Ketik nomor pendaftaran almarhum/almarhumah")
    said = await husband.says(number)
    assert said[0] == "Di pendaftaran kami ada peserta berinisial S. A. Benar ini orangnya?"
    await husband.taps("Ya, benar")
    said = await husband.says("25-12-2026")
    assert said[0] == "Tanggal itu belum lewat. Tulis tanggal kejadian yang sebenarnya, ya."
    said = await husband.says("19 Desember 2026")
    assert said[0].startswith("Di mana meninggalnya?")


async def test_a_death_report_stops_the_pending_reminders(
    worker: BotClient, husband: BotClient, services: Services, application, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    reminders = application.bot_data.reminders
    clock[0] = datetime(2026, 12, 11, 12, 0, tzinfo=UTC)  # the "3 days before" reminder is due tomorrow
    await reminders.plan()
    async with services.db.transaction() as db:
        assert (await db.execute(select(Reminder))).scalars().all() != []
    await report_death(husband, died="10-12-2026")
    await husband.taps("Kirim laporan")
    async with services.db.transaction() as db:
        left = (await db.execute(select(Reminder).where(Reminder.claimed_at.is_(None)))).scalars().all()
    assert left == []
    worker.new_texts()
    for day in range(12, 25):
        clock[0] = datetime(2026, 12, day, 3, 0, tzinfo=UTC)
        await reminders.plan()
        await reminders.dispatch()
    told = worker.new_texts()  # no reminder: only that a death was reported for her registration
    assert len(told) == 1
    assert told[0].startswith("Ada laporan kematian atas pendaftaran Anda")


async def test_a_report_paused_with_batal_continues_days_later_where_it_stopped(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 1, 8400)
    clock[0] = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
    said = await husband.says("suami saya meninggal")  # typed at the menu: straight to the death report
    assert said[0].startswith("Turut berduka cita")
    await husband.taps("Setuju")
    await husband.says("Rina Aminah")
    said = await husband.taps("Bukan keluarga")
    assert said[0].startswith("Terima kasih sudah melapor. Anda boleh melaporkan, tetapi klaim dibayarkan")
    await husband.says("0813 1111 2222")
    await husband.taps("NIK (KTP)")
    await husband.says(NIK)
    await husband.taps("Ya, benar")
    said = await husband.says("/batal")
    assert said[0] == "Baik, laporan dihentikan dulu. Jawaban Anda tersimpan: ketik /klaim untuk melanjutkan."
    clock[0] = datetime(2026, 12, 23, 3, 0, tzinfo=UTC)
    said = await husband.says("/klaim")
    assert said == ["Ada laporan yang belum selesai. Lanjutkan dari yang terakhir?"]
    said = await husband.taps("Lanjutkan")
    assert said[0].startswith("Kapan meninggalnya?")
    said = await husband.says("01-11-2026")  # before she registered on 21 November
    assert said[0].startswith("Di mana meninggalnya?")
    await husband.says("Rumah, Pekanbaru")
    said = await husband.taps("Sakit / wajar")
    assert said[0] == (
        "Tanggal itu sebelum pendaftaran di bot ini (21 November 2026), jadi pendaftaran ini belum "
        "melindungi saat itu. Laporan tetap bisa dibuat bila ada kepesertaan lain; petugas akan memeriksanya."
    )
    assert said[1].startswith("Menurut catatan kami, belum ada iuran yang tercatat")
