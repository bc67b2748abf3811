"""Identity at the edges: numbers never reissued, NIKs not farmed, the database file kept private."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.app.services import Services
from storage.models import NikCheck
from tests.support.journeys import reach, register
from tests.support.seed import nik_for
from tests.support.telegram import BotClient

OTHER_NIK = "3171011708850002"  # Jakarta Selatan (BPS code), another person


async def test_a_number_once_issued_is_never_issued_again_though_its_registration_was_deleted(
    worker: BotClient, application, telegram
) -> None:
    first = await register(worker)
    await worker.says("/datasaya")
    await worker.taps("Hapus data saya")
    assert (await worker.taps("Ya, hapus"))[0].startswith("Data Anda sudah dihapus seluruhnya")
    someone_else = BotClient(application, telegram, chat_id=5151)
    second = await register(someone_else, nik=OTHER_NIK)
    assert second != first
    third = await register(worker)  # the first worker comes back
    assert len({first, second, third}) == 3


async def test_a_chat_may_try_five_different_niks_a_day_and_is_told_kindly_after_that(
    worker: BotClient, services: Services
) -> None:
    await reach(worker, "ask_nik")
    for n in range(5):
        said = await worker.says(nik_for(n))
        assert said[0].startswith("Dari NIK itu:"), said  # checked and shown
        said = await worker.taps("Bukan, ketik ulang")
    said = await worker.says(nik_for(0))  # one tried before: no new check used
    assert said[0].startswith("Dari NIK itu:")
    await worker.taps("Bukan, ketik ulang")
    said = await worker.says(nik_for(5))  # the sixth different one
    assert said[0] == (
        "Hari ini sudah 5 NIK berbeda diperiksa dari chat ini, jadi NIK lain belum bisa saya periksa. "
        "Silakan coba lagi besok, atau datang ke kantor cabang BPJS Ketenagakerjaan membawa KTP."
    )
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(NikCheck))).scalar_one() == 5


async def test_a_registered_nik_is_not_confirmed_to_a_stranger(
    worker: BotClient, application, telegram
) -> None:
    await register(worker)
    stranger = BotClient(application, telegram, chat_id=6262)
    await reach(stranger, "ask_nik")
    said = await stranger.says("1471055708850001")
    assert said[0].startswith("NIK ini tidak bisa didaftarkan lewat chat ini.")
    assert "terdaftar" not in said[0]
    assert "Siti" not in " ".join(said)


async def test_the_sqlite_database_and_its_wal_are_readable_by_their_owner_only(
    worker: BotClient, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        return  # PostgreSQL keeps its own files
    await register(worker)
    path = Path(make_url(database_url).database or "")
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    assert all(f.exists() for f in files)
    assert {oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {"0o600"}
