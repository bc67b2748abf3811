"""The console's export of new registrations at scale: 100,000 participants to CSV and XLSX.

    python -m benchmarks.export [--participants 100000] [--postgresql]

Seeds N participants with sealed personal data (one in fifty with a name or address that a spreadsheet
would run as a formula: `=HYPERLINK(…)`, `+62…`, `@SUM(…)`, `-1+1`), then, each in a fresh process:
  * export: the console's export (`bot/console/exports.py`: a batch of 1,000 per transaction, unsealed,
    written formula-safe) to CSV and to XLSX: wall time and peak memory;
  * baseline: the same number of plain rows written by the same writer with no database and no unsealing,
    the writer's own floor.
Then reads the XLSX back with openpyxl: every row there, no cell a formula, no cell starting one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import insert

from bot.console import exports
from bot.domain.safe_text import is_formula
from storage.crypto import Vault, generate_key
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Participant
from tests.conftest import POSTGRES_URL, _reset_postgres

HOSTILE = ('=HYPERLINK("http://x","klik")', "+6281234567890", "@SUM(A1:A9)", "-1+1", "=1+2")


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def person(n: int) -> dict:
    hostile = HOSTILE[n % len(HOSTILE)] if n % 50 == 0 else None
    return {
        "nik": f"3171{n // 1_000_000 % 100:02d}1708{n % 1_000_000:06d}",
        "name": hostile or f"Pekerja Nomor {n}",
        "birth_date": "1985-08-17",
        "female": n % 2 == 0,
        "phone": f"+62812{n:08d}",
        "address": hostile or f"Jl. Pasar Baru No. {n % 300}, RT 0{n % 9}/RW 0{n % 7}",
        "occupation_other": None,
        "heirs": [],
    }


async def seed(url: str, count: int, key: str) -> float:
    db = Database(url)
    vault = Vault(key)
    started = time.perf_counter()
    batch: list[dict] = []
    for n in range(count):
        personal = person(n)
        batch.append(
            {
                "registration_number": f"2612{n:011d}",
                "chat_id": 10_000_000 + n,
                "nik_hash": vault.lookup_hash(personal["nik"]),
                "nik_last4": personal["nik"][-4:],
                "personal": vault.seal(personal),
                "province_code": "31",
                "regency_code": "3171",
                "timezone": "Asia/Jakarta",
                "occupations": ["pedagang"],
                "income": 1_000_000,
                "programme": "jkk_jkm",
                "status": "terdaftar",
                "language": "id",
                "consent_version": "v1",
                "consent_at": datetime(2026, 12, 1, tzinfo=UTC),
                "first_month": date(2026, 12, 1),
                "created_at": datetime(2026, 12, 1, tzinfo=UTC),
            }
        )
        if len(batch) == 5_000:
            async with db.transaction() as session:
                await session.execute(insert(Participant), batch)
            batch = []
    if batch:
        async with db.transaction() as session:
            await session.execute(insert(Participant), batch)
    await db.dispose()
    return time.perf_counter() - started


async def measure_export(url: str, key: str, kind: str, out: str) -> dict:
    """The console's export, as `run_export` makes it: a batch per transaction, then the file."""
    db = Database(url)
    vault = Vault(key)
    started = time.perf_counter()
    writer = exports.Writer(kind)
    rows = 0
    after = 0
    while batch := await db.run(lambda s, after=after: exports.batch_after(s, vault, after)):
        for _, row in batch:
            writer.add(row)
        rows += len(batch)
        after = batch[-1][0]
    content = writer.finish()
    seconds = time.perf_counter() - started
    await asyncio.to_thread(Path(out).write_bytes, content)
    await db.dispose()
    return {"seconds": seconds, "rows": rows, "bytes": len(content), "peak_mb": peak_mb()}


def measure_baseline(count: int, kind: str) -> dict:
    """The writer alone: plain rows, no database, no unsealing."""
    started = time.perf_counter()
    writer = exports.Writer(kind)
    for n in range(count):
        writer.add(
            [f"2612{n:011d}", f"317101170800{n:04d}", f"Pekerja Nomor {n}", "1985-08-17", "P"] + ["x"] * 8
        )
    content = writer.finish()
    return {"seconds": time.perf_counter() - started, "bytes": len(content), "peak_mb": peak_mb()}


def fresh(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.export", *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def read_back(path: Path, expected: int) -> tuple[int, int, int]:
    """Rows in the XLSX, cells that are formulas, cells whose text would start one."""
    book = load_workbook(path, read_only=True)
    rows = formulas = starts = 0
    for row in book.active.iter_rows():
        rows += 1
        for cell in row:
            if cell.data_type == "f":
                formulas += 1
            if isinstance(cell.value, str) and is_formula(cell.value):
                starts += 1
    book.close()
    assert rows == expected + 1, (rows, expected)
    return rows, formulas, starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--measure", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        what, url, key, kind, out = args.measure
        if what == "export":
            result = asyncio.run(measure_export(url, key, kind, out))
        else:
            result = measure_baseline(int(url), kind)
        print(json.dumps(result))
        return
    key = generate_key()
    with tempfile.TemporaryDirectory() as folder:
        if args.postgresql:
            asyncio.run(_reset_postgres())
            url = POSTGRES_URL
        else:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'export.sqlite3'}"
        upgrade(url)
        seeded = asyncio.run(seed(url, args.participants, key))
        kind_of_db = "PostgreSQL" if args.postgresql else "SQLite"
        print(f"{args.participants:,} registrations on {kind_of_db}, seeded in {seeded:.0f} s")
        print(f"{'':<8} {'export':>10} {'peak MB':>8} {'size':>9}   {'baseline':>9} {'peak MB':>8}  ratio")
        for kind in ("csv", "xlsx"):
            out = str(Path(folder) / f"export.{kind}")
            made = fresh("--measure", "export", url, key, kind, out)
            floor = fresh("--measure", "baseline", str(args.participants), key, kind, out + ".floor")
            print(
                f"{kind:<8} {made['seconds']:>9.1f}s {made['peak_mb']:>8.0f} "
                f"{made['bytes'] / 1e6:>8.1f}M   "
                f"{floor['seconds']:>8.1f}s {floor['peak_mb']:>8.0f}  "
                f"{made['seconds'] / floor['seconds']:.2f}"
            )
        rows, formulas, starts = read_back(Path(folder) / "export.xlsx", args.participants)
        hostile = args.participants // 50
        print(
            f"XLSX read back with openpyxl: {rows:,} rows (header included); {formulas} formula cells; "
            f"{starts} cells starting a formula ({hostile:,} rows had names and addresses that would)"
        )


if __name__ == "__main__":
    main()
