"""A death report is a report, not a fact; the report is no oracle of the register.

Through the real PTB Application on SQLite and PostgreSQL: Siti registered and paid three months, and named
her husband Budi (0813 1111 2222) as her heir. A stranger, who knows her NIK, reports her dead.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from stdnum import damm

from bot.app.services import Services
from bot.domain.payments import PaymentNotice
from storage.models import Claim, ClaimEvent, NikCheck, Participant
from tests.bot.test_claims import REGISTERED_AT, begin_death_report, paid, report_death
from tests.support.cli import bpu_bot, verify
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient, RecordingRequest

STRANGER = 6363
THREE_MONTHS = 8400 + 16800 + 16800


async def stranger_reports(
    stranger: BotClient, identify: tuple[str, str], phone: str = "0857 1234 5678"
) -> list[str]:
    """A stranger walks the death report to the explanation of rights; every text the bot said."""
    said = await begin_death_report(stranger, name="Joko Susilo", relation="Bukan keluarga", phone=phone)
    kind, value = identify
    said += await stranger.taps(kind)
    said += await stranger.says(value)
    assert stranger.last_buttons() == [] or "Ya, benar" not in stranger.last_buttons()
    said += await stranger.says("09-03-2027")
    said += await stranger.says("di rumah, Pekanbaru")
    said += await stranger.taps("Sakit / wajar")
    return said


async def test_a_strangers_report_marks_nothing_until_an_officer_verifies_it(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    stranger = BotClient(application, telegram, chat_id=STRANGER)
    heard = await stranger_reports(stranger, ("NIK (KTP)", NIK))
    heard += await stranger.taps("Kirim laporan")
    spoken = "\n".join(heard)
    private = ("berinisial", "S. A.", "21 November 2026", "Rp1.000.000", "terbayar untuk 3 bulan", "Rp33.600")
    for fact in private:
        assert fact not in spoken, fact  # no registration date, income, months paid, initials
    assert "Laporan tercatat. Nomor klaim: K" in spoken
    async with services.db.transaction() as db:
        person = (await db.execute(select(Participant))).scalar_one()
        claim = (await db.execute(select(Claim))).scalar_one()
    assert (person.deceased, person.death_reported) == (False, claim.number)

    # Siti's own chat is told, with a button to say it is wrong.
    worker.new_texts()
    await application.bot_data.outbox.drain()
    told = worker.new_texts()
    assert told == [
        "Ada laporan kematian atas pendaftaran Anda (klaim "
        f"{claim.number}). Bila Anda membaca ini dan masih hidup, tekan tombol di bawah: petugas BPJS "
        "Ketenagakerjaan akan memeriksanya. Perlindungan Anda tidak berubah selama laporan diperiksa."
    ]
    assert worker.last_buttons() == ["Ini keliru, saya masih hidup"]

    said = await worker.says("/iuran")  # her own chat: the report, then her status
    assert said[0] == (
        f"Ada laporan kematian atas pendaftaran ini (klaim {claim.number}) yang sedang diperiksa "
        "petugas; selama itu pengingat iuran berhenti, perlindungan tidak berubah. Bila laporan itu "
        "keliru, ketik /hidup."
    )
    assert said[1].split("\n")[2] == "Status: aktif, terlindungi JKK dan JKM."

    # Her next payment is applied as usual.
    applied = await services.payments.apply(PaymentNotice("BRI-9", "bri", NIK, 16800, 1, clock[0]))
    assert applied.outcome == "applied"

    said = await worker.says("/hidup")  # as /iuran told her (the button on the notice does the same)
    assert said[0].startswith("Terima kasih. Petugas sudah diberi tahu bahwa laporan itu keliru")
    async with services.db.transaction() as db:
        claim = (await db.execute(select(Claim))).scalar_one()
        events = (await db.execute(select(ClaimEvent).order_by(ClaimEvent.id))).scalars().all()
        person = (await db.execute(select(Participant))).scalar_one()
    assert claim.status == "disanggah"
    assert [(e.actor, e.to_status) for e in events][-1] == ("peserta", "disanggah")
    assert (person.deceased, person.death_reported) == (False, None)

    env = {"DATA_KEY": data_key, "DOCUMENTS_DIR": services.settings.documents_dir}
    listed = await bpu_bot(database_url, tmp_path, "claims", "list", "--status", "disanggah", **env)
    assert claim.number in listed.stdout

    # Only an officer's verification makes the death a fact.
    await verify(database_url, tmp_path, claim.number, env)
    async with services.db.transaction() as db:
        person = (await db.execute(select(Participant))).scalar_one()
    assert (person.deceased, str(person.deceased_on), person.deceased_source) == (
        True,
        "2027-03-09",
        claim.number,
    )


async def test_the_named_heir_hears_the_figures_and_is_not_limited_to_strangers_words(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    said = await report_death(husband, died="09-03-2027")  # Budi, from the phone Siti listed
    assert "ahli waris berhak atas JKM Rp42.000.000" in said[0]


async def test_eight_niks_and_forty_registration_numbers_from_one_chat_answer_at_most_the_quota(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    clock[0] = REGISTERED_AT
    number = await register(worker)
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    stranger = BotClient(application, telegram, chat_id=STRANGER)
    niks = [NIK[:-4] + f"{n:04d}" for n in range(2, 9)] + [NIK]  # Siti's NIK last
    answers = []
    for nik in niks:
        await stranger.says("/klaim")
        if "Mulai ulang" in stranger.last_buttons():  # the report left with /batal
            await stranger.taps("Mulai ulang")
        await stranger.taps("Lapor meninggal dunia")
        await stranger.taps("Setuju")
        await stranger.says("Joko Susilo")
        await stranger.taps("Bukan keluarga")
        await stranger.says("0857 1234 5678")
        await stranger.taps("NIK (KTP)")
        answers.append(await stranger.says(nik))
        await stranger.says("/batal")
    # Whether found or not, a stranger hears the same next question: nothing tells the NIK is registered.
    assert all(said[-1].startswith("Kapan meninggalnya?") for said in answers), answers
    assert len({tuple(said) for said in answers[:5]}) == 1
    assert any("Batas pemeriksaan" in " ".join(said) for said in answers[5:])
    async with services.db.transaction() as db:
        checks = (await db.execute(select(NikCheck).where(NikCheck.chat_id == STRANGER))).scalars().all()
    assert len(checks) == services.settings.nik_checks_per_day

    # Registration numbers: forty computed from her month and the sequence, as the old numbers were made.
    assert len(number) == 15
    computed = [f"{number[:4]}{seq:06d}" for seq in range(1, 41)]
    computed = [body + damm.calc_check_digit(body) for body in computed]
    assert number not in computed  # a computed number lands only by chance (1 in 10,000)
    async with services.db.transaction() as db:
        taken = set((await db.execute(select(Participant.registration_number))).scalars())
    assert taken.isdisjoint(computed)


async def test_kembali_goes_back_the_way_taken_and_a_number_is_read_as_what_it_was_asked_for(
    worker: BotClient, husband: BotClient, services: Services, clock: list[datetime]
) -> None:
    clock[0] = REGISTERED_AT
    number = await register(worker)
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    await begin_death_report(husband)
    await husband.taps("NIK (KTP)")
    said = await husband.says("3174071203900003")  # a NIK not in the register
    assert said[-1].startswith("Kapan meninggalnya?")
    said = await husband.says("kembali")
    assert said[-1] == "Ketik NIK almarhum/almarhumah: 16 angka di KTP."  # not the KPJ declared beside it
    said = await husband.says("kembali")
    assert said[-1].startswith("Berapa nomor HP Anda?")
    await husband.says("0813 1111 2222")
    await husband.taps("Nomor pendaftaran bot ini")
    said = await husband.says(number)
    assert (
        said[0] == "Di pendaftaran kami ada peserta berinisial S. A. Benar ini orangnya?"
    )  # read as a number


async def test_a_forged_or_repeated_alive_tap_changes_nothing(
    worker: BotClient,
    services: Services,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    clock[0] = REGISTERED_AT
    await register(worker)
    await paid(services, 3, THREE_MONTHS)
    clock[0] = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    stranger = BotClient(application, telegram, chat_id=STRANGER)
    await stranger_reports(stranger, ("NIK (KTP)", NIK))
    await stranger.taps("Kirim laporan")
    said = await stranger.taps_data("0:0:hidup")  # the stranger forges the participant's button
    assert said[0] == "Tidak ada laporan kematian yang sedang diperiksa untuk pendaftaran Anda."
    said = await stranger.taps_data("0:0:\x1b[2Jbukan-perintah")
    assert said[0] == "Perintah itu tidak saya kenal. Ketik /bantuan untuk daftar perintah."
    async with services.db.transaction() as db:
        claim = (await db.execute(select(Claim))).scalar_one()
        person = (await db.execute(select(Participant))).scalar_one()
    assert (claim.status, person.death_reported) == ("diterima", claim.number)
    await application.bot_data.outbox.drain()
    worker.new_texts()
    said = await worker.taps("Ini keliru, saya masih hidup")
    assert said[0].startswith("Terima kasih. Petugas sudah diberi tahu")
    said = await worker.taps_data("0:0:hidup")  # a double tap on the same notice's button
    assert said[0] == "Tidak ada laporan kematian yang sedang diperiksa untuk pendaftaran Anda."
    async with services.db.transaction() as db:
        events = (await db.execute(select(ClaimEvent).where(ClaimEvent.actor == "peserta"))).scalars().all()
    assert len(events) == 1
