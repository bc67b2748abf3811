"""Many participants at once, written straight to the table (for large tests and benchmarks)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import insert

from bot.domain.participants import registration_number
from storage.crypto import Vault
from storage.db import Database
from storage.models import Participant

SEALED_PLACEHOLDER_FIELDS = {"name": "Peserta", "phone": "+6281234567890", "heirs": []}


def nik_for(n: int) -> str:
    """Return a distinct, well-formed NIK (Jakarta Selatan, born 17 August 1985) for number `n`."""
    return (
        f"317101170885{n % 10_000:04d}"
        if n < 10_000
        else f"3171{n // 10_000 % 100:02d}170885{n % 10_000:04d}"
    )


async def seed_participants(
    db: Database,
    vault: Vault,
    count: int,
    *,
    first_month: date,
    created_at: datetime = datetime(2026, 10, 1, tzinfo=UTC),
    paid_through: date | None = None,
    timezone: str = "Asia/Jakarta",
    chat_base: int = 1_000_000,
    batch: int = 5_000,
    sealed: bool = True,
) -> list[str]:
    """Insert `count` registered participants; return their NIKs."""
    personal = vault.seal(SEALED_PLACEHOLDER_FIELDS) if sealed else None
    niks = [nik_for(n) for n in range(count)]
    rows: Iterable[dict] = (
        {
            "registration_number": registration_number(n + 1, created_at.date(), 4321),
            "chat_id": chat_base + n,
            "nik_hash": vault.lookup_hash(nik),
            "nik_last4": nik[-4:],
            "personal": personal,
            "province_code": "31",
            "regency_code": "3171",
            "timezone": timezone,
            "occupations": ["pedagang"],
            "income": 1_000_000,
            "programme": "jkk_jkm",
            "status": "aktif" if paid_through else "terdaftar",
            "paid_through": paid_through,
            "language": "id",
            "consent_version": "v1",
            "consent_at": created_at,
            "first_month": first_month,
            "created_at": created_at,
        }
        for n, nik in enumerate(niks)
    )
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            await _write(db, chunk)
            chunk = []
    if chunk:
        await _write(db, chunk)
    return niks


async def _write(db: Database, rows: list[dict]) -> None:
    async with db.transaction() as session:
        await session.execute(insert(Participant), rows)
