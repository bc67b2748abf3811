"""Sponsored enrolment: a pemda, a Kadin or a desa pays for its pekerja rentan, and they stay covered after.

Pemko Pekanbaru pays JKK + JKM for six months for the market traders and farmers of the city. A trader
scans the poster's QR code (the deep link `/start sp-pku26`), enrols without being asked to pay, and
`/iuran` names who pays until when. The operator bills the month, records it paid (each worker told once,
the first time with the card); a month before the end the worker chooses to go on paying or not.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.app.services import Services
from bot.domain.payments import PaymentNotice
from bot.domain.standing import standing_on
from storage.models import AuditEntry, Participant, Payment
from storage.repositories.claims import ClaimRepository
from storage.repositories.sponsors import SponsorRepository
from tests.support.cli import bpu_bot
from tests.support.journeys import NIK
from tests.support.telegram import BotClient, RecordingRequest

WIB = ZoneInfo("Asia/Jakarta")
OTHER_NIK = "1471051708850002"  # Pekanbaru, born 17 August 1985, male
SELF_PAID = (
    "Anda tetap bisa terlindungi dengan mendaftar dan membayar sendiri: Rp8.400 per bulan sampai "
    "Desember 2026, lalu Rp16.800; ojol, opang, kurir dan sopir Rp8.400 per bulan sampai Maret 2027, "
    "lalu Rp16.800."
)


async def programme(
    services: Services,
    code: str = "PKU26",
    *,
    quota: int = 100,
    months: int = 6,
    regions: tuple[str, ...] = ("14.71",),
) -> None:
    """The branch adds the programme (as `bpu-bot sponsors add` does)."""
    now = services.clock()
    await services.db.run(
        lambda session: SponsorRepository(session, services.vault, services.settings.rules).add(
            name="Pemko Pekanbaru",
            code=code,
            quota=quota,
            months=months,
            programme="jkk_jkm",
            from_month=date(2026, 12, 1),
            regions=regions,
            occupations=("pedagang", "petani"),
            ends=None,
            actor="ani",
            now=now,
        )
    )


async def enrols_through_link(
    worker: BotClient, *, nik: str = NIK, code: str = "pku26", confirm: bool = True
) -> list[list[str]]:
    """The worker's whole enrolment from the poster's link: what the bot said to each message."""
    said = [await worker.says(f"/start sp-{code}")]
    said.append(await worker.taps("Setuju"))
    said.append(await worker.says(nik))
    said.append(await worker.taps("Ya, benar"))
    said.append(await worker.says("Siti Aminah"))
    said.append(await worker.says("0812 3456 7890"))
    said.append(await worker.taps(worker.last_buttons()[0]))  # the NIK's own kab/kota
    said.append(await worker.says("Jl. Sudirman Gg. Mawar No. 5, RT 02/RW 03"))
    said.append(await worker.taps("Pedagang pasar"))
    said.append(await worker.taps("Lanjut"))
    if confirm:
        said.append(await worker.taps("Konfirmasi"))
    return said


async def test_a_trader_enrols_through_the_link_in_eleven_messages_never_asked_to_pay(
    worker: BotClient, services: Services
) -> None:
    await programme(services)
    said = await enrols_through_link(worker)
    assert len(said) == 11  # the worker's messages, from the link to the registration
    assert said[0][0] == (
        "Iuran BPJS Ketenagakerjaan Anda (JKK + JKM) dibayar oleh Pemko Pekanbaru mulai Desember 2026 sampai "
        "Mei 2027: Anda tidak membayar apa pun. Saya tanya data Anda satu per satu, sekitar 2 menit."
    )
    # The consent says what the sponsor will see of the worker: enough to pay, no more.
    assert "pemberi program hanya menerima nomor pendaftaran dan 4 angka terakhir NIK Anda" in said[0][1]
    everything = "\n".join(text for turn in said for text in turn)
    assert "penghasilan Anda" not in everything.lower()  # neither income nor programme is asked
    assert "Pilih program" not in everything
    assert "bayar paling lambat" not in everything
    assert said[-1][0].startswith("Pendaftaran Anda tercatat.\nNomor pendaftaran: ")
    assert (
        "dibayar oleh Pemko Pekanbaru mulai Desember 2026 sampai Mei 2027; Anda tidak perlu membayar"
        in said[-1][0]
    )

    status = (await worker.says("/iuran"))[0]
    assert (
        "Iuran Anda dibayar oleh Pemko Pekanbaru sampai Mei 2027; Anda tidak perlu membayar sampai bulan itu."
        in status
    )
    assert "Cara bayar" not in status


async def test_a_link_for_another_region_is_refused_with_why_and_a_self_paid_path(
    worker: BotClient, services: Services
) -> None:
    await programme(services, "DUMAI26", regions=("14.72",))  # Kota Dumai only
    await worker.says("/start sp-dumai26")
    await worker.taps("Setuju")
    await worker.says(NIK)
    await worker.taps("Ya, benar")
    await worker.says("Siti Aminah")
    await worker.says("0812 3456 7890")
    said = await worker.taps("Kota Pekanbaru")
    assert said == [
        "Maaf, program Pemko Pekanbaru hanya untuk warga wilayah tertentu, dan kab/kota Anda tidak termasuk.",
        SELF_PAID,
    ]
    assert worker.last_buttons() == ["Daftar bayar sendiri", "Kembali ke menu"]
    said = await worker.taps("Daftar bayar sendiri")
    assert said[-1].startswith("Boleh saya catat data Anda?")  # the self-paid enrolment begins
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(Participant))).scalar_one() == 0


async def test_a_full_quota_is_refused_on_the_first_message(
    worker: BotClient, husband: BotClient, services: Services
) -> None:
    await programme(services, quota=1)
    await enrols_through_link(husband, nik=OTHER_NIK)
    said = await worker.says("/start sp-pku26")
    assert said == [
        "Maaf, kuota program Pemko Pekanbaru sudah penuh, jadi tidak ada tempat lagi.",
        SELF_PAID,
    ]


async def test_the_last_place_taken_meanwhile_is_refused_at_confirmation(
    worker: BotClient, husband: BotClient, services: Services
) -> None:
    await programme(services, quota=1)
    await enrols_through_link(husband, nik=OTHER_NIK, confirm=False)  # he stops at the summary
    said = await enrols_through_link(worker)
    assert said[-1][0].startswith("Pendaftaran Anda tercatat.")
    # He confirms after the last place was taken: checked again, under a lock on the programme.
    said = await husband.taps("Konfirmasi")
    assert said[0] == "Maaf, kuota program Pemko Pekanbaru sudah penuh, jadi tidak ada tempat lagi."
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(Participant))).scalar_one() == 1


async def test_an_unknown_or_forged_code_says_so(worker: BotClient, services: Services) -> None:
    await programme(services)
    said = await worker.says("/start sp-PKU27")
    assert said[0] == (
        "Maaf, tautan pendaftaran ini tidak dikenal (mungkin salah ketik atau sudah diganti). Tanyakan "
        "tautan yang benar ke pemberi program."
    )
    said = await worker.says("/start sp-'; DROP TABLE sponsors;--")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"  # not a code: the menu
    assert not any("tautan" in text for text in said)


async def test_someone_already_paying_themselves_is_told_so(worker: BotClient, services: Services) -> None:
    from tests.support.journeys import register

    await programme(services)
    await register(worker)
    said = await worker.says("/start sp-pku26")
    assert said[0] == (
        "Anda sudah terdaftar sebagai peserta BPU, jadi tidak bisa didaftarkan lagi lewat program Pemko "
        "Pekanbaru. Lihat iuran Anda lewat /iuran."
    )


async def delivered(application, telegram: RecordingRequest) -> None:
    """The bot's reminder job sends what is due (the notices are planned like reminders)."""
    reminders = application.bot_data.reminders
    while (await reminders.dispatch()).claimed:
        pass


def sent(telegram: RecordingRequest, chat_id: int, since: int) -> list[tuple[str, str]]:
    return [
        (call.endpoint, call.params.get("text") or call.params.get("caption", ""))
        for call in telegram.sent_to(chat_id)[since:]
    ]


async def test_billing_and_the_recorded_payment_tell_each_worker_once(
    worker: BotClient,
    husband: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    env = {"DATA_KEY": data_key, "TELEGRAM_BOT_USERNAME": "@bpu_test_bot", "USER": "ani"}
    added = await bpu_bot(
        database_url, tmp_path, "sponsors", "add", "Pemko Pekanbaru", "--code", "pku26", "--quota", "100",
        "--months", "6", "--from", "2026-12", "--regions", "14.71", "--occupations", "pedagang,petani", **env,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "link: https://t.me/bpu_test_bot?start=sp-pku26" in added.stdout
    assert (tmp_path / "poster-PKU26.png").read_bytes().startswith(b"\x89PNG")
    await enrols_through_link(worker)
    await enrols_through_link(husband, nik=OTHER_NIK)

    clock[0] = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    billed = await bpu_bot(database_url, tmp_path, "sponsors", "bill", "PKU26", "--month", "2026-12", **env)
    assert billed.returncode == 0, billed.stderr
    assert "PKU26 2026-12: 2 workers, total Rp16.800" in billed.stdout
    bill_csv = (tmp_path / "tagihan-PKU26-2026-12.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(bill_csv.splitlines()))
    assert rows[0] == ["registration_number", "nik", "iuran"]
    assert [row[1:] for row in rows[1:3]] == [["************0001", "8400"], ["************0002", "8400"]]
    assert rows[3] == ["TOTAL", "2", "16800"]
    sheet = load_workbook(tmp_path / "tagihan-PKU26-2026-12.xlsx").active
    assert [c.value for c in sheet[2]] == ["registration_number", "nik", "iuran"]
    assert sheet.cell(row=5, column=3).value == 16800

    worker_seen, husband_seen = len(telegram.sent_to(worker.chat_id)), len(telegram.sent_to(husband.chat_id))
    paid = await bpu_bot(
        database_url,
        tmp_path,
        "sponsors",
        "paid",
        "PKU26",
        "--month",
        "2026-12",
        "--reference",
        "TRX-991",
        **env,
    )
    assert paid.returncode == 0, paid.stderr
    assert "PKU26 2026-12 recorded paid: 2 workers, Rp16.800" in paid.stdout
    # The command ran on the real clock: its notices are due from the real day on.
    clock[0] = max(clock[0], datetime.now(UTC) + timedelta(days=1)).replace(hour=3, minute=0)
    await delivered(application, telegram)
    told = sent(telegram, worker.chat_id, worker_seen)
    assert told[0][1].startswith(
        "Iuran BPJS Ketenagakerjaan Anda untuk Desember 2026 sudah dibayar oleh Pemko Pekanbaru. Anda "
        "terlindungi JKK dan JKM mulai "
    )
    assert told[0][1].endswith("Pemko Pekanbaru membayar iuran Anda sampai Mei 2027. Ini kartu peserta Anda.")
    assert told[1][0] == "sendPhoto"
    assert len(told) == 2
    assert len(sent(telegram, husband.chat_id, husband_seen)) == 2

    again = await bpu_bot(
        database_url,
        tmp_path,
        "sponsors",
        "paid",
        "PKU26",
        "--month",
        "2026-12",
        "--reference",
        "TRX-991",
        **env,
    )
    assert again.returncode == 0
    assert "already recorded with TRX-991: nothing changed" in again.stdout
    other = await bpu_bot(
        database_url,
        tmp_path,
        "sponsors",
        "paid",
        "PKU26",
        "--month",
        "2026-12",
        "--reference",
        "TRX-992",
        **env,
    )
    assert other.returncode == 1
    assert "was recorded paid with reference TRX-991" in other.stderr
    await delivered(application, telegram)
    assert len(sent(telegram, worker.chat_id, worker_seen)) == 2  # told once
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(Payment))).scalar_one() == 2
        audit = (
            (await db.execute(select(AuditEntry).where(AuditEntry.action == "sponsor_paid"))).scalars().all()
        )
        assert [(a.actor, a.subject) for a in audit] == [("ani", "PKU26 2026-12")]

    # January (paid late or on time): the next month's list, recorded in the bot's own process.
    clock[0] = max(datetime(2027, 1, 4, 3, 0, tzinfo=UTC), clock[0] + timedelta(days=1))
    seen = len(telegram.sent_to(worker.chat_id))
    await sponsor_pays(services, date(2027, 1, 1), "TRX-1020")
    await delivered(application, telegram)
    assert sent(telegram, worker.chat_id, seen) == [
        (
            "sendMessage",
            "Iuran BPJS Ketenagakerjaan Anda untuk Januari 2027 sudah dibayar oleh Pemko Pekanbaru: Anda "
            "terlindungi bulan ini. Pemko Pekanbaru membayar iuran Anda sampai Mei 2027.",
        )
    ]
    worker.new_calls()
    status = (await worker.says("/iuran"))[0]
    assert "Iuran terbayar sampai: Januari 2027" in status
    report = await bpu_bot(database_url, tmp_path, "sponsors", "report", "PKU26", **env)
    assert "enrolled: 2 of 100\n" in report.stdout


async def sponsor_pays(services: Services, month: date, reference: str) -> None:
    now = services.clock()

    def pay(session) -> None:
        repo = SponsorRepository(session, services.vault, services.settings.rules)
        repo.bill("PKU26", month, now)
        repo.paid("PKU26", month, reference, "ani", now)

    await services.db.run(pay)


async def test_a_payment_recorded_days_late_counts_from_the_day_the_sponsor_paid(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    await programme(services)
    await enrols_through_link(worker)
    clock[0] = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 10:00 WIB: the list is written
    await services.db.run(
        lambda session: SponsorRepository(session, services.vault, services.settings.rules).bill(
            "PKU26", date(2026, 12, 1), clock[0]
        )
    )
    seen = len(telegram.sent_to(worker.chat_id))
    env = {"DATA_KEY": data_key, "USER": "ani"}
    paid = ("sponsors", "paid", "PKU26", "--month", "2026-12", "--reference", "TRX-7")

    # A day that has not come, or one before the list existed: refused, nothing recorded, nobody told.
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    ahead = await bpu_bot(database_url, tmp_path, *paid, "--paid-on", tomorrow, **env)
    assert ahead.returncode == 1
    assert f"--paid-on {tomorrow} is after today" in ahead.stderr
    early = await bpu_bot(database_url, tmp_path, *paid, "--paid-on", "2026-11-30", **env)
    assert early.returncode == 1
    assert "--paid-on 2026-11-30 is before the list was written (2026-12-01)" in early.stderr
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(Payment))).scalar_one() == 0

    # The transfer arrived on 2 December; the officer records it a week later. The worker was protected
    # from the 2nd, and an accident between the two days is judged on that (`standing_on` counts the
    # payments made by the day of the accident).
    clock[0] = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)
    await services.db.run(
        lambda session: SponsorRepository(session, services.vault, services.settings.rules).paid(
            "PKU26", date(2026, 12, 1), "TRX-7", "ani", clock[0], paid_on=date(2026, 12, 2)
        )
    )
    await delivered(application, telegram)
    assert sent(telegram, worker.chat_id, seen)[0][1].startswith(
        "Iuran BPJS Ketenagakerjaan Anda untuk Desember 2026 sudah dibayar oleh Pemko Pekanbaru. Anda "
        "terlindungi JKK dan JKM mulai 2 Desember 2026;"
    )
    async with services.db.transaction() as db:
        paid_at = (await db.execute(select(Payment.paid_at))).scalars().all()
        audit = (
            await db.execute(select(AuditEntry.after).where(AuditEntry.action == "sponsor_paid"))
        ).scalar_one()
    assert [(at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(WIB).date() for at in paid_at] == [
        date(2026, 12, 2)
    ]
    assert audit.endswith("ref TRX-7; paid on 2026-12-02")

    async with services.db.transaction() as db:
        participant_id = (await db.execute(select(Participant.id))).scalar_one()
    for day, protected in ((date(2026, 12, 1), False), (date(2026, 12, 5), True)):
        judged = await services.db.run(
            lambda session, day=day: standing_on(
                ClaimRepository(session, services.vault).record_of(participant_id),  # type: ignore[arg-type]
                day,
                services.settings.rules,
            )
        )
        assert judged.protected is protected, day


async def test_the_handover_a_month_before_the_end(
    worker: BotClient,
    husband: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    await programme(services, months=2)  # December and January
    await enrols_through_link(worker)
    await enrols_through_link(husband, nik=OTHER_NIK)
    clock[0] = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    worker_seen = len(telegram.sent_to(worker.chat_id))
    await sponsor_pays(services, date(2026, 12, 1), "TRX-1")
    await delivered(application, telegram)
    assert sent(telegram, worker.chat_id, worker_seen)[0][1] == (
        "Iuran BPJS Ketenagakerjaan Anda untuk Desember 2026 sudah dibayar oleh Pemko Pekanbaru. Anda "
        "terlindungi JKK dan JKM mulai 2 Desember 2026; Pemko Pekanbaru membayar iuran Anda sampai Januari "
        "2027. Ini kartu peserta Anda."
    )
    reminders = application.bot_data.reminders
    await reminders.plan()  # the handover is due from 1 December: the month before the last (January)
    worker_seen = len(telegram.sent_to(worker.chat_id))
    await delivered(application, telegram)
    handover = [text for _, text in sent(telegram, worker.chat_id, worker_seen)][-1]
    assert handover == (
        "Iuran BPJS Ketenagakerjaan Anda dibayar oleh Pemko Pekanbaru sampai Januari 2027. Setelah itu, agar "
        "tetap terlindungi JKK dan JKM, Anda bisa membayar sendiri: Rp16.800 per bulan mulai Februari 2027, "
        "jatuh tempo 15 Februari 2027. Lanjut bayar sendiri?"
    )
    assert worker.last_buttons() == ["Lanjut bayar sendiri", "Nanti saja"]
    await reminders.plan()  # planned once
    await delivered(application, telegram)
    assert [t for _, t in sent(telegram, worker.chat_id, worker_seen)].count(handover) == 1

    worker.new_calls()
    assert (await worker.taps("Lanjut bayar sendiri"))[0] == (
        "Terima kasih! Mulai Februari 2027, iuran Anda bayar sendiri; saya kirim pengingat sebelum jatuh "
        "tempo. Sampai Januari 2027, iuran tetap dibayar oleh Pemko Pekanbaru. Atur pengingat lewat /iuran."
    )
    husband.new_calls()
    assert (await husband.taps("Nanti saja"))[0].startswith(
        "Baik. Iuran Anda dibayar oleh Pemko Pekanbaru sampai Januari 2027; sesudah itu perlindungan berhenti"
    )
    report = await services.db.run(
        lambda s: SponsorRepository(s, services.vault, services.settings.rules).report(
            "PKU26", date(2026, 12, 2)
        )
    )
    assert (report.continuing, report.ended, report.undecided) == (1, 1, 0)

    # January's own reminders ask nobody to pay: the sponsor pays January (even before it has).
    worker_seen, husband_seen = len(telegram.sent_to(worker.chat_id)), len(telegram.sent_to(husband.chat_id))
    for day in (12, 15, 22):
        clock[0] = datetime(2027, 1, day, 2, 0, tzinfo=UTC)
        await reminders.plan()
        await delivered(application, telegram)
    assert sent(telegram, worker.chat_id, worker_seen) == []
    await sponsor_pays(services, date(2027, 1, 1), "TRX-2")
    await delivered(application, telegram)

    # February: the worker who goes on hears the self-paid reminder; the one who said "later" hears nothing.
    worker_seen, husband_seen = len(telegram.sent_to(worker.chat_id)), len(telegram.sent_to(husband.chat_id))
    clock[0] = datetime(2027, 2, 12, 2, 0, tzinfo=UTC)
    await reminders.plan()
    await delivered(application, telegram)
    reminded = sent(telegram, worker.chat_id, worker_seen)
    assert len(reminded) == 1
    assert reminded[0][1].startswith(
        "Pengingat iuran BPJS Ketenagakerjaan: iuran Februari 2027 sebesar Rp16.800"
    )
    assert sent(telegram, husband.chat_id, husband_seen) == []
    worker.new_calls()
    assert "Cara bayar" in (await worker.says("/iuran"))[0]  # February is the worker's own to pay

    # The one who said "Nanti saja" pays February at the bank after all: that is going on, and his
    # reminders come back for March without a trip to /iuran.
    applied = await services.payments.apply(
        PaymentNotice("BRI-FEB", "bri", OTHER_NIK, 16800, 1, datetime(2027, 2, 14, 3, 0, tzinfo=UTC))
    )
    assert applied.outcome == "applied"
    report = await services.db.run(
        lambda s: SponsorRepository(s, services.vault, services.settings.rules).report(
            "PKU26", date(2027, 2, 14)
        )
    )
    assert (report.continuing, report.ended, report.undecided) == (2, 0, 0)
    await delivered(application, telegram)
    husband_seen = len(telegram.sent_to(husband.chat_id))
    clock[0] = datetime(2027, 3, 12, 2, 0, tzinfo=UTC)
    await reminders.plan()
    await delivered(application, telegram)
    reminded = sent(telegram, husband.chat_id, husband_seen)
    assert len(reminded) == 1
    assert reminded[0][1].startswith(
        "Pengingat iuran BPJS Ketenagakerjaan: iuran Maret 2027 sebesar Rp16.800"
    )


async def test_moving_to_another_region_at_the_summary_is_refused_at_once(
    worker: BotClient, services: Services
) -> None:
    await programme(services)  # Kota Pekanbaru only
    await enrols_through_link(worker, confirm=False)
    await worker.taps("Ubah kab/kota")
    said = await worker.says("Kota Dumai")
    assert said == [
        "Maaf, program Pemko Pekanbaru hanya untuk warga wilayah tertentu, dan kab/kota Anda tidak termasuk.",
        SELF_PAID,
    ]
    assert worker.last_buttons() == ["Daftar bayar sendiri", "Kembali ke menu"]
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(Participant))).scalar_one() == 0


async def test_work_the_programme_is_not_for_is_refused_naming_the_work_it_is_for(
    worker: BotClient, services: Services
) -> None:
    await programme(services)  # market traders and farmers
    await worker.says("/start sp-pku26")
    for answer in ("Setuju", NIK, "Ya, benar", "Siti Aminah", "0812 3456 7890"):
        await (worker.taps(answer) if answer in ("Setuju", "Ya, benar") else worker.says(answer))
    await worker.taps("Kota Pekanbaru")
    await worker.says("Jl. Sudirman Gg. Mawar No. 5, RT 02/RW 03")
    await worker.taps("Ojek online")
    said = await worker.taps("Lanjut")
    assert said == [
        "Maaf, program Pemko Pekanbaru hanya untuk pekerjaan tertentu (Pedagang pasar, Petani), dan "
        "pekerjaan Anda tidak termasuk.",
        SELF_PAID,
    ]


async def test_a_sponsored_worker_cannot_change_what_the_sponsor_pays_but_can_change_the_rest(
    worker: BotClient, services: Services
) -> None:
    await programme(services)  # December to May
    await enrols_through_link(worker)
    await worker.says("/datasaya")
    for change in ("Ubah penghasilan", "Ubah program"):
        said = await worker.taps(change)
        assert said[0] == (
            "Iuran Anda dibayar oleh Pemko Pekanbaru sampai Mei 2027, dengan penghasilan dan program yang "
            "ditetapkan programnya. Penghasilan dan program bisa Anda ubah untuk iuran mulai Juni 2027."
        )
        assert said[1].startswith("Data Anda yang tersimpan:")  # the data again, unchanged
    said = await worker.taps("Ubah alamat")
    assert "alamat" in said[0].lower()  # the rest is the worker's own to correct
