"""Assisted enrolment: a Perisai agent enrols a farmer who has no Telegram, from the agent's own chat.

The agent reads the consent aloud, sends the photo of the form the farmer signed, and answers the
enrolment's questions with her. The photo is kept sealed; every enrolment is audited with the agent's
code; at most 30 a day. Weeks later the farmer's son installs Telegram on her phone and links it with the
code the agent handed over. Another agent sees nothing of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from bot.app.services import Services
from bot.domain.participants import Registration
from storage.crypto import Vault
from storage.models import AssistedEnrolment, AuditEntry
from storage.repositories.agents import AgentRepository
from tests.support.cli import bpu_bot
from tests.support.files import jpeg
from tests.support.journeys import HAPPY_PATH, NIK, step
from tests.support.seed import nik_for
from tests.support.telegram import BotClient, RecordingRequest

SIGNED_FORM = jpeg(shade=33, size=(120, 160))


def photo(file_id: str) -> list[dict]:
    return [
        {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "width": 960,
            "height": 1280,
            "file_size": 9_000,
        }
    ]


async def agent_link(
    services: Services, code: str = "PERISAI01", name: str = "Rina (Perisai Pekanbaru)"
) -> str:
    """The branch registers the agent (as `bpu-bot agents add` does); returns the one-time link's start."""
    now = services.clock()
    token = await services.db.run(lambda s: AgentRepository(s, services.vault).add(name, code, "ani", now))
    return f"/start ag-{token}"


async def enrols_for_worker(agent: BotClient, telegram: RecordingRequest, *, nik: str = NIK) -> list[str]:
    """The agent's whole assisted enrolment; returns what the bot said to the confirmation."""
    await agent.says("/bantudaftar")
    return await goes_on_enrolling(agent, telegram, nik=nik)


async def goes_on_enrolling(agent: BotClient, telegram: RecordingRequest, *, nik: str = NIK) -> list[str]:
    """From the consent read aloud to the confirmation."""
    telegram.files["form-1"] = SIGNED_FORM
    await agent.taps("Pekerja setuju")
    await agent.sends(photo=photo("form-1"))
    for _reached, how, what in HAPPY_PATH[2:]:
        await step(agent, how, nik if what == NIK else what)
    return await agent.taps("Konfirmasi")


def registration(n: int) -> Registration:
    return Registration(
        nik=nik_for(n),
        birth_date=date(1985, 8, 17),
        female=False,
        name=f"Pekerja {n}",
        phone="+6281234567890",
        regency_code="3171",
        address="Jl. Pasar",
        occupations=("petani",),
        occupation_other=None,
        income=1_000_000,
        programme="jkk_jkm",
        heirs=(),
        consent_version="v1",
        consent_at="2026-11-21T10:00:00+07:00",
        language="id",
        first_month=date(2026, 12, 1),
    )


async def test_an_agent_enrols_a_worker_with_a_sealed_consent_photo_and_an_audit_line(
    application, telegram: RecordingRequest, services: Services, vault: Vault, tmp_path: Path
) -> None:
    agent = BotClient(application, telegram, chat_id=7001)
    said = await agent.says(await agent_link(services))
    assert said[0].startswith(
        "Selamat datang, Rina (Perisai Pekanbaru). Chat ini sekarang tercatat sebagai chat agen."
    )

    said = await agent.says("/bantudaftar")
    assert said[0].startswith("Pendaftaran oleh agen (1 dari 30 hari ini).\nBacakan kepada pekerja:")
    assert agent.last_buttons() == ["Pekerja setuju", "Pekerja tidak setuju"]
    assert await agent.taps("Pekerja setuju") == [
        "Kirim foto formulir persetujuan yang sudah ditandatangani pekerja."
    ]
    said = await agent.says("sudah tanda tangan")  # text, not the photo
    assert said == [
        "Saya perlu foto (atau PDF) formulir persetujuan yang ditandatangani pekerja sebelum mencatat "
        "datanya.",
        "Kirim foto formulir persetujuan yang sudah ditandatangani pekerja.",
    ]

    agent.new_calls()
    said = await enrols_for_worker(agent, telegram)
    done = said[0]
    assert done.startswith("Pendaftaran tercatat: nomor ")
    assert "Kode untuk pekerja: " in done
    assert "ia mengetik /hubungkan lalu kode ini" in done
    number = done.split("nomor ")[1].split(".")[0]

    fetched = await application.bot_data.documents.fetch_pending()
    assert fetched.stored == 1
    async with services.db.transaction() as db:
        enrolment = (await db.execute(select(AssistedEnrolment))).scalar_one()
        audit = (
            (await db.execute(select(AuditEntry).where(AuditEntry.action == "assisted_enrolment")))
            .scalars()
            .all()
        )
    kept = Path(services.settings.documents_dir) / (enrolment.consent_path or "")
    assert enrolment.consent_state == "stored"
    assert SIGNED_FORM not in kept.read_bytes()  # sealed on disk
    assert vault.open_bytes(kept.read_bytes()) == SIGNED_FORM
    assert "form-1" not in enrolment.consent_file_id  # the file id is sealed too
    assert [(a.actor, a.subject) for a in audit] == [("agent:PERISAI01", number)]


async def test_at_most_thirty_a_day_even_when_the_thirtieth_is_confirmed_late(
    application, telegram: RecordingRequest, services: Services, clock: list[datetime]
) -> None:
    agent = BotClient(application, telegram, chat_id=7001)
    await agent.says(await agent_link(services))
    now = services.clock()

    async def enrolled_elsewhere(n: int) -> None:
        await services.db.run(
            lambda s: AgentRepository(s, services.vault).enrol(7001, registration(n), f"f{n}", f"u{n}", now)
        )

    for n in range(29):
        await enrolled_elsewhere(n)
    agent.new_calls()
    await agent.says("/bantudaftar")  # the 30th starts...
    await enrolled_elsewhere(29)  # ...while another phone of the agent's finishes one (the 30th)
    said = await goes_on_enrolling(agent, telegram)
    assert said[0] == "Hari ini Anda sudah mendaftarkan 30 pekerja, batas sehari. Lanjutkan besok, ya."
    assert (await agent.says("/bantudaftar"))[0] == said[0]

    clock[0] = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)  # 08:00 WIB the next day
    agent.new_calls()
    assert (await agent.says("/bantudaftar"))[0].startswith("Pendaftaran oleh agen (1 dari 30 hari ini).")


async def test_the_worker_links_their_own_chat_later_with_the_code(
    application, telegram: RecordingRequest, services: Services
) -> None:
    agent = BotClient(application, telegram, chat_id=7001)
    await agent.says(await agent_link(services))
    done = (await enrols_for_worker(agent, telegram))[0]
    number = done.split("nomor ")[1].split(".")[0]
    code = done.split("Kode untuk pekerja: ")[1].split(" ")[0]

    farmer = BotClient(application, telegram, chat_id=8001)
    assert await farmer.says("/hubungkan") == [
        "Ketik kode dari agen yang mendaftarkan Anda (8 huruf dan angka, contoh: ABCD-2345)."
    ]
    assert (await farmer.says("12"))[0] == "Kode itu 8 huruf dan angka, contoh: ABCD-2345. Coba ketik lagi."
    assert (await farmer.says("ABCD-2345"))[0].startswith("Kode itu tidak berlaku")
    said = await farmer.says(code.lower().replace("-", " "))
    assert said[0] == (
        f"Telegram ini sekarang terhubung dengan pendaftaran nomor {number}. Lihat iuran lewat /iuran dan "
        "data Anda lewat /datasaya."
    )
    assert f"Nomor pendaftaran: {number}" in (await farmer.says("/iuran"))[0]

    stranger = BotClient(application, telegram, chat_id=8002)
    await stranger.says("/hubungkan")
    assert (await stranger.says(code))[0].startswith("Kode itu tidak berlaku")  # used once


async def test_a_worker_who_asks_to_be_forgotten_takes_the_consent_photo_with_them(
    application, telegram: RecordingRequest, services: Services
) -> None:
    agent = BotClient(application, telegram, chat_id=7001)
    await agent.says(await agent_link(services))
    done = (await enrols_for_worker(agent, telegram))[0]
    code = done.split("Kode untuk pekerja: ")[1].split(" ")[0]
    await application.bot_data.documents.fetch_pending()
    kept = list((Path(services.settings.documents_dir) / "persetujuan").iterdir())
    assert len(kept) == 1

    farmer = BotClient(application, telegram, chat_id=8001)
    await farmer.says("/hubungkan")
    await farmer.says(code)
    await farmer.says("/datasaya")
    await farmer.taps("Hapus data saya")
    said = await farmer.taps("Ya, hapus")
    assert said[0] == "Data Anda sudah dihapus seluruhnya. Terima kasih sudah mencoba bot ini."
    await application.bot_data.documents.fetch_pending()
    assert not kept[0].exists()  # the signed form's photo is deleted from disk
    async with services.db.transaction() as db:
        assert (await db.execute(select(AssistedEnrolment))).first() is None
    assert (await agent.says("/agenku"))[0] == "Anda belum mendaftarkan pekerja. Mulai dengan /bantudaftar."


async def test_another_agent_sees_nothing_and_the_agent_sees_only_initials(
    application,
    telegram: RecordingRequest,
    services: Services,
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    rina = BotClient(application, telegram, chat_id=7001)
    await rina.says(await agent_link(services))
    done = (await enrols_for_worker(rina, telegram))[0]
    number = done.split("nomor ")[1].split(".")[0]
    budi = BotClient(application, telegram, chat_id=7002)
    await budi.says(await agent_link(services, "KADER02", "Budi (kader Desa Sungai)"))

    mine = (await rina.says("/agenku"))[0]
    assert mine.startswith("Pendaftaran yang Anda buat (1, terbaru dulu):\n")
    assert f"• {number} — S. A. — 21 November 2026 — belum terhubung" in mine
    assert "Siti" not in mine
    assert NIK not in mine
    assert (await budi.says("/agenku"))[0] == "Anda belum mendaftarkan pekerja. Mulai dengan /bantudaftar."
    assert (await budi.says("/datasaya"))[0].startswith("Anda belum terdaftar")
    stranger = BotClient(application, telegram, chat_id=9001)
    assert (await stranger.says("/bantudaftar"))[0].startswith("Perintah ini untuk agen yang terdaftar")

    env = {"DATA_KEY": data_key}
    listed = await bpu_bot(database_url, tmp_path, "agents", "enrolments", "KADER02", **env)
    assert listed.stdout == "KADER02 has enrolled nobody\n"
    listed = await bpu_bot(database_url, tmp_path, "agents", "enrolments", "PERISAI01", **env)
    assert number in listed.stdout
    assert "S. A." in listed.stdout
    assert "Siti" not in listed.stdout


async def test_the_agents_link_works_once(
    application,
    telegram: RecordingRequest,
    services: Services,
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    added = await bpu_bot(
        database_url, tmp_path, "agents", "add", "Rina", "--code", "perisai01", DATA_KEY=data_key,
        TELEGRAM_BOT_USERNAME="bpu_test_bot",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    link = next(line for line in added.stdout.splitlines() if "https://t.me/bpu_test_bot?start=ag-" in line)
    start = "/start " + link.split("start=")[1]
    agent = BotClient(application, telegram, chat_id=7001)
    assert (await agent.says(start))[0].startswith("Selamat datang, Rina.")
    thief = BotClient(application, telegram, chat_id=7666)
    assert (await thief.says(start))[0].startswith("Tautan agen ini tidak berlaku")
    assert (await thief.says("/bantudaftar"))[0].startswith("Perintah ini untuk agen yang terdaftar")


async def test_a_consent_photo_that_could_not_be_kept_is_asked_for_again_and_sent_again(
    application, telegram: RecordingRequest, services: Services, vault: Vault
) -> None:
    agent = BotClient(application, telegram, chat_id=7001)
    await agent.says(await agent_link(services))
    other = BotClient(application, telegram, chat_id=7002)
    await other.says(await agent_link(services, "KADER02", "Yanti (kader desa)"))

    # The photo sent cannot be read (what came down is not an image): the enrolment stands, the photo
    # does not, and the agent is asked to send it again, once.
    await agent.says("/bantudaftar")
    await agent.taps("Pekerja setuju")
    telegram.files["form-blurred"] = b"this is not a photo"
    await agent.sends(photo=photo("form-blurred"))
    for _reached, how, what in HAPPY_PATH[2:]:
        await step(agent, how, what)
    number = (await agent.taps("Konfirmasi"))[0].split("nomor ")[1].split(".")[0]
    fetched = await application.bot_data.documents.fetch_pending()
    assert fetched.failed == 1
    told = [c.params.get("text", "") for c in telegram.sent_to(agent.chat_id)][-1]
    assert told == (
        f"Foto formulir persetujuan untuk pendaftaran {number} tidak bisa disimpan: fotonya tidak terbaca "
        "atau gagal diunduh. Kirim ulang fotonya, ya."
    )
    assert agent.last_buttons() == ["Kirim ulang foto"]
    await application.bot_data.documents.fetch_pending()  # nothing pending: not told twice
    assert [c.params.get("text", "") for c in telegram.sent_to(agent.chat_id)].count(told) == 1

    # Another agent has nothing to send again, and never sees this one's; a worker is no agent.
    assert (await other.says("/fotopersetujuan"))[0] == (
        "Semua foto formulir persetujuan Anda sudah tersimpan; tidak ada yang perlu dikirim ulang."
    )
    stranger = BotClient(application, telegram, chat_id=7003)
    assert (await stranger.says("/fotopersetujuan"))[0].startswith("Perintah ini untuk agen yang terdaftar")

    # The button: the registration is named, a text is not a photo, then the photo.
    agent.new_texts()
    said = await agent.taps("Kirim ulang foto")
    assert said == [
        f"Kirim foto formulir persetujuan yang ditandatangani pekerja untuk pendaftaran {number}."
    ]
    said = await agent.says("sudah saya foto ulang")
    assert said[0].startswith("Saya perlu foto (atau PDF) formulir persetujuan")
    telegram.files["form-2"] = SIGNED_FORM
    said = await agent.sends(photo=photo("form-2"))
    assert said[0] == f"Terima kasih. Foto formulir persetujuan untuk pendaftaran {number} diterima."

    fetched = await application.bot_data.documents.fetch_pending()
    assert fetched.stored == 1
    async with services.db.transaction() as db:
        enrolment = (await db.execute(select(AssistedEnrolment))).scalar_one()
        audit = (
            (await db.execute(select(AuditEntry).where(AuditEntry.action == "consent_resent")))
            .scalars()
            .all()
        )
    assert enrolment.consent_state == "stored"
    kept = Path(services.settings.documents_dir) / (enrolment.consent_path or "")
    assert vault.open_bytes(kept.read_bytes()) == SIGNED_FORM
    assert [(a.actor, a.subject) for a in audit] == [("agent:PERISAI01", number)]
    assert (await agent.says("/fotopersetujuan"))[0] == (
        "Semua foto formulir persetujuan Anda sudah tersimpan; tidak ada yang perlu dikirim ulang."
    )


async def test_with_two_photos_missing_the_agent_chooses_and_a_forged_choice_is_refused(
    application, telegram: RecordingRequest, services: Services
) -> None:
    agent = BotClient(application, telegram, chat_id=7001)
    await agent.says(await agent_link(services))
    numbers = []
    for n, nik in enumerate((NIK, nik_for(2)), start=1):
        await agent.says("/bantudaftar")
        await agent.taps("Pekerja setuju")
        telegram.files[f"bad-{n}"] = b"not an image either"
        await agent.sends(photo=photo(f"bad-{n}"))
        for _reached, how, what in HAPPY_PATH[2:]:
            await step(agent, how, nik if what == NIK else what)
        numbers.append((await agent.taps("Konfirmasi"))[0].split("nomor ")[1].split(".")[0])
    await application.bot_data.documents.fetch_pending()
    assert sum("tidak bisa disimpan" in text for text in agent.new_texts()) == 2  # told of each

    said = await agent.says("/fotopersetujuan")
    assert said == [
        "Foto formulir persetujuan untuk pendaftaran ini belum tersimpan. Pilih yang fotonya akan Anda kirim "
        "ulang."
    ]
    labels = agent.last_buttons()
    assert [label.split(" — ")[0] for label in labels] == numbers
    assert all(len(label.split(" — ")[1]) <= 12 for label in labels)  # initials, never the name

    prefix = agent.button_data(labels[0]).rsplit(":", 1)[0]
    said = await agent.taps_data(f"{prefix}:e999999")  # an enrolment that is not on the list
    assert said[0] == "Mohon pilih salah satu tombol di bawah, ya."
    assert agent.last_buttons() == labels
    said = await agent.taps(labels[1])
    assert said == [
        f"Kirim foto formulir persetujuan yang ditandatangani pekerja untuk pendaftaran {numbers[1]}."
    ]
