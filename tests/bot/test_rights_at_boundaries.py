"""Rights told right at the boundaries: arrears, months paid ahead, nonaktif, accidents, documents.

Each test is one defect of issue 16, tried as a family or a worker would, with the bot's clock moved. The
worker (pedagang pasar, Rp1 jt, JKK + JKM) registers on 21 November 2026: her first iuran month is December
2026 (Rp8.400 with the PP 50/2025 discount), every later month Rp16.800. Due dates: 15 December, 15 January,
15 February, 15 March, 15 April, 17 May 2027 (the 15th is a Saturday).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app.services import Services
from bot.domain.claims import working_days_after
from bot.flows.base import Day
from bot.turn.render import format_param
from tests.bot.test_claim_documents import JPEG, document, photo
from tests.bot.test_claims import HUSBAND, REGISTERED_AT, begin_death_report, paid, report_death
from tests.support.cli import bpu_bot, verify
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient, RecordingRequest

THREE_MONTHS = 8400 + 16800 + 16800  # December, January, February


def at(day: int, month: int, year: int = 2027) -> datetime:
    """10:00 WIB on that day."""
    return datetime(year, month, day, 3, 0, tzinfo=UTC)


async def ask_jkm(worker: BotClient) -> list[str]:
    """The worker asks /manfaat what her family would get."""
    await worker.says("/manfaat")
    return await worker.says("kalau saya meninggal keluarga dapat berapa")


# --- 1. Exactly three months of arrears keep the rights, with their condition ------------------------


async def test_three_months_of_arrears_keep_the_jkm_with_the_funeral_cost_paid_first(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = at(20, 5)  # March, April and May unpaid: three months, not more
    said = await worker.says("/iuran")
    assert "Status: aktif, dengan tunggakan 3 bulan (Rp50.400)" in said[0]
    assert "nonaktif:" not in said[0]
    said = await report_death(husband, died="20-05-2027")
    rights = said[0]
    assert "tidak ada hak" not in rights
    assert "ahli waris berhak atas JKM Rp42.000.000" in rights
    assert "tunggakan 3 bulan (Rp50.400)" in rights
    assert "Biaya pemakaman Rp10.000.000 dibayar lebih dulu" in rights
    assert "dibayar setelah ahli waris melunasi tunggakan (PP 44/2015 Pasal 42 ayat 1)" in rights
    assert said[1].startswith("Tunggakan dibayar dengan NIK almarhum/almarhumah")  # how to pay them


async def test_four_months_of_arrears_end_the_rights_and_say_so_kindly(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = at(20, 6)  # March to June unpaid
    said = await report_death(husband, died="20-06-2027")
    assert said[0].startswith(
        "Menurut catatan kami, saat meninggal iuran 4 bulan berturut-turut belum dibayar, lebih dari 3 bulan"
    )
    assert "(PP 44/2015 Pasal 42 ayat 2)" in said[0]


# --- 2. Months paid ahead are not membership ---------------------------------------------------------


async def test_three_months_paid_at_once_on_the_day_of_death_give_the_early_jkm_and_a_refund(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    said = await ask_jkm(worker)
    own = next(line for line in said if line.startswith("JKM untuk keluarga Anda"))
    assert "Rp10.000.000" in own
    assert "Rp42.000.000 setelah iuran 3 bulan kepesertaan" in own
    said = await report_death(husband, died="21-11-2026")
    assert "Rp42.000.000" not in said[0]
    assert "JKM yang dibayarkan Rp10.000.000" in said[0]
    refund = next(line for line in said if "dikembalikan" in line)
    assert "3 bulan sesudah meninggal (Rp42.000) dikembalikan kepada ahli waris" in refund


# --- 3. Arrears never promise more than paying on time -----------------------------------------------


async def test_one_month_paid_and_two_unpaid_promise_at_most_the_early_jkm(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 1, 8400)
    clock[0] = at(20, 2)
    said = await report_death(husband, died="20-02-2027")
    rights = said[0]
    assert "JKM yang dibayarkan Rp10.000.000" in rights
    for more in ("Rp42.000.000", "Rp20.000.000", "Rp12.000.000"):
        assert more not in rights
    assert "tunggakan 2 bulan (Rp33.600)" in rights


# --- 4. A work-accident death in arrears: cash after the arrears -------------------------------------


async def test_a_work_accident_death_in_arrears_is_paid_after_the_arrears(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = at(20, 4)
    said = await report_death(husband, died="20-04-2027", cause="Kecelakaan kerja / di jalan kerja")
    rights = said[0]
    assert "seluruhnya Rp70.000.000" in rights
    assert "tunggakan 2 bulan (Rp33.600)" in rights
    assert "seluruh santunan JKK dibayar setelah tunggakan dilunasi (PP 44/2015 Pasal 39 ayat 1)" in rights


# --- 5. The accident report states the worker's standing ---------------------------------------------


async def report_accident(worker: BotClient, day: str) -> list[str]:
    await worker.says("/klaim")
    said = await worker.taps("Lapor kecelakaan kerja")
    assert "ditanggung JKK:" not in said[0]  # nothing promised before the standing is read
    await worker.taps("Setuju")
    await worker.says("Siti Aminah")
    await worker.taps("Saya sendiri (peserta)")
    await worker.says("0812 3456 7890")
    await worker.taps("NIK (KTP)")
    await worker.says(NIK)
    await worker.taps("Ya, benar")
    await worker.says(day)
    await worker.says("Jl. Sudirman dekat pasar, Pekanbaru")
    await worker.says("terpeleset di los pasar, tangan patah")
    return await worker.says("RSUD Arifin Achmad")


@pytest.mark.parametrize(
    ("months", "amount", "day", "told"),
    [
        (
            3,
            THREE_MONTHS,
            "20-02-2027",
            "Menurut catatan kami, kepesertaan aktif saat kecelakaan: perawatan ditanggung JKK. Berobat di "
            "fasilitas kesehatan mitra BPJS Ketenagakerjaan (PLKK) tanpa membayar lebih dulu;",
        ),
        (
            1,
            8400,
            "20-03-2027",
            "Menurut catatan kami, ada tunggakan iuran 3 bulan (Rp50.400) saat kecelakaan. Perawatan tetap "
            "ditanggung JKK;",
        ),
        (
            1,
            8400,
            "20-04-2027",
            "Mohon maaf, menurut catatan kami iuran 4 bulan berturut-turut belum dibayar saat kecelakaan",
        ),
    ],
    ids=["aktif", "three months of arrears", "four months of arrears"],
)
async def test_the_accident_report_says_what_the_worker_is_covered_for(
    worker: BotClient,
    services: Services,
    clock: list[datetime],
    months: int,
    amount: int,
    day: str,
    told: str,
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, months, amount)
    day_, month_, year_ = (int(part) for part in day.split("-"))
    clock[0] = at(day_, month_, year_)
    said = await report_accident(worker, day)
    assert said[0].startswith(told), said[0]
    if months == 1 and day.startswith("20-04"):
        assert "kecelakaan ini tidak ditanggung JKK (PP 44/2015 Pasal 39 ayat 2)" in said[0]
        assert "Perawatan" not in said[0]
        assert "santunan" not in said[0].lower()
        assert "BPJS Kesehatan" in said[0]  # what they can do now


# --- 6. Payment times run from complete documents ----------------------------------------------------


async def test_payment_is_promised_from_complete_documents_and_the_date_comes_with_verification(
    worker: BotClient,
    husband: BotClient,
    services: Services,
    application,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = at(10, 3)
    await report_death(husband, died="09-03-2027")
    said = await husband.taps("Kirim laporan")
    assert "JKM dibayar paling lambat 3 hari kerja setelah dokumen lengkap" in said[0]
    assert "sekitar" not in said[0]
    number = said[0].split("Nomor klaim: ")[1].split(".")[0]
    husband.new_texts()
    clock[0] = at(22, 3)
    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}
    await verify(database_url, tmp_path, number, env)
    await application.bot_data.outbox.drain()
    told = husband.new_texts()
    # The operator's process runs on the real clock: the clock starts on the day they verify.
    verified_on = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    by = format_param(Day(working_days_after(verified_on, 3)), "id")
    assert told == [
        f"Klaim {number} sudah diverifikasi dan dokumennya lengkap. JKM sebesar Rp42.000.000 dibayar paling "
        f"lambat {by} "
        "(3 hari kerja)."
    ]


async def test_no_payment_is_promised_where_there_is_no_right(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 1, 8400)
    clock[0] = at(21, 6)
    said = await report_death(husband, died="20-06-2027")
    assert "tidak berhak" in said[0]
    said = await husband.taps("Kirim laporan")
    assert "paling lambat" not in said[0]
    assert "petugas BPJS Ketenagakerjaan akan memeriksa catatan pembayaran" in said[0]


# --- 7. Nonaktif: /manfaat names no amount -----------------------------------------------------------


async def test_a_nonaktif_worker_asking_about_jkm_hears_no_amount_and_how_to_come_back(
    worker: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 1, 8400)
    clock[0] = at(20, 5)  # January to May unpaid
    said = await ask_jkm(worker)
    own = next(line for line in said if line.startswith("JKM untuk keluarga Anda"))
    assert own.startswith(
        "JKM untuk keluarga Anda: saat ini tidak ada, karena iuran 5 bulan berturut-turut belum dibayar "
        "(nonaktif)."
    )
    assert "Rp42.000.000" not in own
    assert "Rp10.000.000" not in own
    assert "bayar iuran Juni 2027 (Rp16.800) dengan NIK Anda" in own  # May's due date has passed


# --- 8. Scholarship: only through JKK for a disability -----------------------------------------------


async def test_the_scholarship_answer_gives_it_for_disability_only_from_a_work_accident(
    worker: BotClient,
) -> None:
    await worker.says("/manfaat")
    said = await worker.says("anak sy dpt beasiswa gak")
    assert said[0].startswith("Beasiswa untuk paling banyak 2 anak bila peserta meninggal, atau cacat total")
    assert "cacat total tetap karena kecelakaan kerja" in said[0]
    assert "Cacat karena sakit tidak mendapat beasiswa." in said[0]


# --- 10. The deceased's own chat, and the operator's view --------------------------------------------


async def test_after_a_death_is_reported_the_deceased_chat_hears_no_status_of_protection(
    worker: BotClient,
    husband: BotClient,
    services: Services,
    application,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 6, 8400 + 5 * 16800)
    clock[0] = at(10, 3)
    await report_death(husband, died="09-03-2027")
    said = await husband.taps("Kirim laporan")
    number = said[0].split("Nomor klaim: ")[1].split(".")[0]
    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}
    await verify(database_url, tmp_path, number, env)
    await application.bot_data.outbox.drain()  # what her chat was told when the death was reported
    assert worker.new_texts()[0].startswith("Ada laporan kematian atas pendaftaran Anda")
    said = await worker.says("/iuran")  # the family now holds her phone
    assert said[0] == (
        "Peserta ini tercatat meninggal dunia pada 9 Maret 2027 (klaim "
        f"{number}). Iuran tidak perlu dibayar lagi, dan pengingat sudah dihentikan. Iuran yang sudah "
        "dibayar untuk 2 bulan sesudahnya (Rp33.600) dikembalikan kepada ahli waris bersama klaim. Status "
        "klaim: /klaim → Status klaim dari HP pelapor, atau telepon 175."
    )
    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}
    shown = await bpu_bot(database_url, tmp_path, "claims", "show", number, **env)
    assert shown.returncode == 0, shown.stderr
    assert "participant deceased on 2027-03-09" in shown.stdout
    assert (
        "standing on 2027-03-09: aktif, 3 months of paid membership, arrears 0 months (Rp0), paid ahead 2 "
        "months (Rp33.600, refunded)" in shown.stdout
    )
    assert (
        "documents missing: Kartu peserta (KPJ), KTP almarhum/almarhumah, KTP ahli waris, Kartu Keluarga"
        in shown.stdout
    )
    assert "ktp_ahli_waris" not in shown.stdout


# --- 11. Photos sent without choosing first ----------------------------------------------------------


async def test_an_album_sent_at_the_document_list_is_kept_and_each_photo_asked_about(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = at(15, 3)
    await report_death(husband, died="12-03-2027")
    said = await husband.taps("Kirim laporan")
    assert said[1].startswith("Dokumen klaim K")
    telegram.files.update({"a-1": JPEG, "a-2": JPEG + b"2", "a-3": JPEG + b"3", "c-1": JPEG + b"c"})

    album = "13579"
    said = await husband.sends(photo=photo("a-1"), media_group_id=album)
    assert said == ["Ini dokumen apa? Pilih salah satu untuk foto ini."]
    assert "Kartu Keluarga" in husband.last_buttons()
    assert await husband.sends(photo=photo("a-2"), media_group_id=album) == []  # asked one at a time
    assert await husband.sends(photo=photo("a-3"), media_group_id=album) == []
    said = await husband.taps("Kartu Keluarga")
    assert said == ["Diterima: Kartu Keluarga.", "Ini dokumen apa? Pilih salah satu untuk foto berikutnya."]
    assert "Kartu Keluarga" not in husband.last_buttons()  # only what is still missing
    said = await husband.taps("Surat keterangan kematian")
    assert said[0] == "Diterima: Surat keterangan kematian."
    said = await husband.taps("KTP ahli waris")
    assert said[0] == "Diterima: KTP ahli waris."
    assert said[1].startswith("Dokumen klaim K")  # back at the list, three ticked
    assert said[1].count("✓") == 3

    said = await husband.sends(photo=photo("c-1"), caption="buku tabungan")  # read from its caption
    assert said[0] == "Diterima: Buku tabungan ahli waris."
    await application.bot_data.documents.fetch_pending()


# --- 9. What a family needs and was not told ---------------------------------------------------------


async def test_the_family_hears_where_papers_come_from_and_the_worker_where_to_report(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    said = await worker.says("/iuran")
    said = await worker.taps("Saya sudah bayar")
    assert "biasanya dalam 1 hari" not in said[0]  # no promise without a source
    clock[0] = at(10, 3)
    said = await begin_death_report(husband)
    assert any("Urutan ahli waris diatur PP 44/2015" in text for text in said)  # a PP, not a law
    await husband.taps("NIK (KTP)")
    said = await husband.says(NIK)
    assert said[0] == "Di pendaftaran kami ada peserta berinisial S. A. Benar ini orangnya?"  # one stop
    await husband.taps("Ya, benar")
    await husband.says("09-03-2027")
    said = await husband.says("RSUD Arifin Achmad, Pekanbaru")
    assert "Mendadak saat bekerja" in husband.last_buttons()
    said = await husband.says("?")  # what the causes mean
    assert any("Meninggal mendadak saat bekerja" in text and "12 bulan" in text for text in said)
    said = await husband.taps("Mendadak saat bekerja")  # 3 months paid: JKM, and why
    assert said[0].startswith(
        "Meninggal mendadak saat bekerja dihitung kecelakaan kerja bila iuran sudah 12 bulan; menurut "
        "catatan kami baru 3 bulan, jadi diklaim lewat JKM (Permenaker 5/2021)."
    )
    checklist = next(text for text in said if text.startswith("Dokumen yang perlu disiapkan"))
    assert checklist.endswith(
        "Surat keterangan ahli waris dibuat di kantor kelurahan atau desa, lalu diketahui camat."
    )
    await worker.says("/klaim")
    said = await worker.taps("Lapor kecelakaan kerja")
    assert "ke BPJS Ketenagakerjaan (lewat laporan ini) dan ke Dinas Tenaga Kerja setempat" in said[0]


async def test_a_wrong_file_or_a_sticker_among_the_photos_is_explained_and_the_question_asked_again(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    husband = BotClient(application, telegram, chat_id=HUSBAND)
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = at(15, 3)
    await report_death(husband, died="12-03-2027")
    await husband.taps("Kirim laporan")
    telegram.files.update({"a-1": JPEG})
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    said = await husband.sends(document=document("docx", word, 30_000))  # at the list, unasked
    assert said[0] == "Mohon kirim foto atau file PDF, ya."
    assert said[1].startswith("Dokumen klaim K")
    await husband.sends(photo=photo("a-1"))
    said = await husband.sends(
        sticker={
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    )
    assert (
        said[-1] == "Ini dokumen apa? Pilih salah satu untuk foto ini."
    )  # the same question, the photo kept
    said = await husband.sends(document=document("docx", word, 30_000))
    assert said == [
        "Mohon kirim foto atau file PDF, ya.",
        "Ini dokumen apa? Pilih salah satu untuk foto ini.",
    ]
    said = await husband.taps("Kartu Keluarga")
    assert said[0] == "Diterima: Kartu Keluarga."
