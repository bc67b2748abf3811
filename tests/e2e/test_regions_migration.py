"""Participants registered while regions were BPS-coded get their Kemendagri region and time zone back.

A database at migration 0006 is filled the way the old bot filled it, upgraded, and repaired by
`bpu-bot participants recompute-regions` (the same repair `bpu-bot run` makes at start).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from storage.crypto import Vault
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Counter, Participant
from tests.conftest import make_database_url
from tests.support.cli import bpu_bot

pytestmark = pytest.mark.slow

# (NIK, the code the old bot stored, why) → the Kemendagri code and time zone expected now
BPS_ERA = [
    (
        "3174071203900003",
        "3174",
        "took the NIK's suggestion, shown as 'Jakarta Barat'",
        "3174",
        "Asia/Jakarta",
    ),
    ("3174071203900004", "3171", "typed Jakarta Selatan: BPS 31.71", "3174", "Asia/Jakarta"),
    (
        "3174071203900005",
        "3174",
        "typed Jakarta Barat: BPS 31.74, the NIK's own digits",
        "3174",
        "Asia/Jakarta",
    ),
    ("1271071203900006", "1275", "typed Medan: BPS 12.75", "1271", "Asia/Jakarta"),
    ("9101071203900007", "9101", "Merauke before the Papua split", "9301", "Asia/Jayapura"),
    ("9201071203900008", "9201", "Kabupaten Sorong before Papua Barat Daya", "9601", "Asia/Jayapura"),
    ("5301071203900009", "5371", "typed Kota Kupang: BPS 53.71", "5371", "Asia/Makassar"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = make_database_url(request.param, tmp_path)
    upgrade(url, "0006")
    return url


async def fill_the_old_way(url: str, vault: Vault) -> None:
    db = Database(url)
    rows = [
        {
            "registration_number": f"2610{n:06d}0",
            "chat_id": 7000 + n,
            "nik_hash": vault.lookup_hash(nik),
            "nik_last4": nik[-4:],
            "personal": vault.seal({"nik": nik, "name": f"Peserta {n}"}),
            "province_code": stored[:2],
            "regency_code": stored,
            "timezone": "Asia/Jakarta",  # the old default where the BPS province was unknown
            "occupations": ["petani"],
            "income": 1_000_000,
            "programme": "jkk_jkm",
            "status": "terdaftar",
            "language": "id",
            "consent_version": "v1",
            "consent_at": datetime(2026, 10, 1, tzinfo=UTC),
            "first_month": date(2026, 11, 1),
            "created_at": datetime(2026, 10, 1, tzinfo=UTC),
        }
        for n, (nik, stored, _why, _code, _zone) in enumerate(BPS_ERA)
    ]
    async with db.transaction() as session:
        await session.execute(insert(Participant), rows)
    await db.dispose()


async def test_the_maintenance_command_recomputes_every_region_and_time_zone(
    old_database: str, data_key: str, vault: Vault, tmp_path: Path
) -> None:
    await fill_the_old_way(old_database, vault)
    await asyncio.to_thread(upgrade, old_database)
    db = Database(old_database)
    try:
        async with db.transaction() as session:
            pending = (
                await session.execute(select(Counter.value).where(Counter.name == "regions_pending"))
            ).scalar()
        assert pending == 1
        done = await bpu_bot(old_database, tmp_path, "participants", "recompute-regions", DATA_KEY=data_key)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "participants: 7 checked, 5 with a new region or time zone"
        async with db.transaction() as session:
            found = (await session.execute(select(Participant).order_by(Participant.id))).scalars().all()
            pending = (
                await session.execute(select(Counter.value).where(Counter.name == "regions_pending"))
            ).scalar()
        assert [(p.regency_code, p.province_code, p.timezone) for p in found] == [
            (code, code[:2], zone) for _nik, _stored, _why, code, zone in BPS_ERA
        ]
        assert pending == 0
    finally:
        await db.dispose()
