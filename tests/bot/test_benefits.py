"""Benefit questions through the real bot: ratings kept, personal numbers never kept, unanswered listed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from bot.app.services import Services
from storage.models import AskedQuestion
from tests.support.cli import bpu_bot
from tests.support.telegram import STICKER, BotClient

NIK = "3174071203900003"
PHONE = "0812-3456-7890"
EMAIL = "siti.aminah@example.com"
ACCOUNT = "1234 5678 9012 345"


async def test_an_answer_is_rated_and_the_rating_is_kept(worker: BotClient, services: Services) -> None:
    said = await worker.says("/manfaat")
    assert said == ["Tanya manfaat. Pilih topik, atau ketik pertanyaan Anda."]
    said = await worker.says("kalo kecelakaan pas narik ditanggung ga")
    assert said[0].startswith("Jaminan Kecelakaan Kerja (JKK)")
    said = await worker.taps("👍")
    assert said[0] == "Terima kasih atas penilaiannya."
    async with services.db.transaction() as db:
        rows = (await db.execute(select(AskedQuestion))).scalars().all()
    assert [(r.question, r.topic, r.answered, r.useful) for r in rows] == [
        ("kalo kecelakaan pas narik ditanggung ga", "jkk", True, True)
    ]


async def dump(services: Services) -> str:
    """Every value of every table, as text."""
    metadata = MetaData()
    async with services.db.engine.connect() as connection:
        await connection.run_sync(metadata.reflect)
        values = []
        for table in metadata.sorted_tables:
            for row in (await connection.execute(select(table))).all():
                values.extend(str(value) for value in row)
    return "\n".join(values)


async def test_personal_numbers_in_questions_leave_no_trace_in_logs_or_tables(
    worker: BotClient,
    services: Services,
    caplog: pytest.LogCaptureFixture,
    database_url: str,
    data_key: str,
    tmp_path: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    await worker.says("/start")
    for question, answered in (
        (f"nik saya {NIK} iuran berapa", True),
        (f"no hp saya {PHONE} bisa daftar", True),
        (f"email {EMAIL} buat klaim", True),
        (f"rekening bri {ACCOUNT} buat beli pulsa", False),
        (f"saya {NIK} mau pinjam uang", False),  # unanswered: kept for operators, masked
    ):
        said = await worker.says(question)
        assert said[0].startswith("Demi keamanan, jangan kirim NIK, nomor HP, atau nomor rekening")
        assert ("Tanya lagi" in worker.last_buttons()) is answered, question
        if answered:
            await worker.taps("Tanya lagi")
    everything = await dump(services)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (NIK, PHONE, EMAIL, ACCOUNT, "081234567890", "3456"):
        assert secret not in everything
        assert secret not in logged
    async with services.db.transaction() as db:
        kept = (await db.execute(select(AskedQuestion.question).order_by(AskedQuestion.id))).scalars().all()
    assert kept[0] == "nik saya [NIK] iuran berapa"
    assert kept[-1] == "saya [NIK] mau pinjam uang"
    listed = await bpu_bot(database_url, tmp_path, "qa", "unanswered", DATA_KEY=data_key)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0].endswith("id  saya [NIK] mau pinjam uang")  # newest first


async def test_an_answer_that_missed_offers_the_next_closest_answers_and_keeps_the_one_chosen(
    worker: BotClient, services: Services, database_url: str, data_key: str, tmp_path: Path
) -> None:
    await worker.says("/manfaat")
    said = await worker.says("Bolehkah keponakan mendaftarkan pamannya yang sudah tua?")
    assert said[0].startswith("Pendaftar BPU berusia 15 tahun")  # the age limit: the wrong entry
    said = await worker.taps("👎")
    assert said == ["Maaf, jawaban itu belum tepat. Mungkin maksud Anda salah satu ini?"]
    offered = [
        "Bisa mendaftarkan orang lain, misalnya suami atau orang tua?",
        "Klaim JKM bisa diwakilkan?",
    ]
    assert worker.last_buttons() == [*offered, "Tanya lagi", "Kembali ke menu"]

    # A sticker, or a button of this keyboard forged to name another entry: the same choice again.
    said = await worker.sends(sticker=STICKER)
    assert said[-1] == "Maaf, jawaban itu belum tepat. Mungkin maksud Anda salah satu ini?"
    prefix = worker.button_data(offered[0]).rsplit(":", 1)[0]
    said = await worker.taps_data(f"{prefix}:ejkk.biaya")
    assert said[0] == "Mohon pilih salah satu tombol di bawah, ya."
    assert worker.last_buttons() == [*offered, "Tanya lagi", "Kembali ke menu"]

    said = await worker.taps("Bisa mendaftarkan orang lain, misalnya suami atau orang tua?")
    assert said[0].startswith("Setiap peserta mendaftarkan dirinya sendiri, dengan persetujuannya sendiri")
    assert said[-1] == "Membantu?"
    said = await worker.taps("👍")
    assert said[0] == "Terima kasih atas penilaiannya."
    async with services.db.transaction() as db:
        rows = (await db.execute(select(AskedQuestion).order_by(AskedQuestion.id))).scalars().all()
    # What an operator reads: the question, the answer that missed, and the one the worker chose.
    assert [(r.question, r.topic, r.useful, r.corrects) for r in rows] == [
        ("Bolehkah keponakan mendaftarkan pamannya yang sudah tua?", "daftar.umur", False, None),
        ("Bolehkah keponakan mendaftarkan pamannya yang sudah tua?", "daftar.orang_lain", True, rows[0].id),
    ]
    listed = await bpu_bot(database_url, tmp_path, "qa", "missed", DATA_KEY=data_key)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().endswith(
        "Bolehkah keponakan mendaftarkan pamannya yang sudah tua?  answered: daftar.umur"
        "  chosen: daftar.orang_lain"
    )
    as_dev_lines = await bpu_bot(database_url, tmp_path, "qa", "missed", "--tsv", DATA_KEY=data_key)
    assert as_dev_lines.stdout == (
        "Bolehkah keponakan mendaftarkan pamannya yang sudah tua?\tdaftar.orang_lain\n"
    )


async def test_in_english_the_other_answers_are_offered_in_english(worker: BotClient) -> None:
    await worker.says("/bahasa")
    await worker.taps("English")
    await worker.says("/manfaat")
    await worker.says("Bolehkah keponakan mendaftarkan pamannya yang sudah tua?")
    said = await worker.taps("👎")
    assert said == ["Sorry that was not the right answer. Did you mean one of these?"]
    assert worker.last_buttons()[:2] == [
        "Can I register someone else, such as my husband or a parent?",
        "Can someone else make the JKM claim?",
    ]
