"""A sponsor's month for 10,000 workers: the list billed, the payment recorded in one transaction.

    python -m benchmarks.sponsors [--workers 10000] [--postgresql]

Seeds N workers enrolled through one programme, then, each step timed with its peak memory (traced
Python allocations) in this process:
  * bill: `sponsors bill` (the month's list, stored, then the CSV and XLSX written);
  * paid: `sponsors paid`: a payment per worker, paid-through and status, one notice per worker, the
    audit line, all in one transaction;
  * paid again: the same reference (idempotent: nothing changes);
  * baseline: the same N workers' month applied as N bank notices through the payment channel's path
    (`PaymentRepository.apply_many`, batches of 500): what the sponsor's one transaction replaces.
Then checks: N payments and N notices from the sponsor (each worker told once), none added the second time.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bot.console.bills import bill_csv, bill_xlsx
from bot.domain.payments import PaymentNotice
from bot.domain.rules import DEFAULT_RULES
from storage.crypto import Vault, generate_key
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Participant, Payment, Reminder, Sponsorship
from storage.repositories.payments import PaymentRepository
from storage.repositories.sponsors import SponsorRepository
from tests.conftest import POSTGRES_URL, _reset_postgres
from tests.support.seed import seed_participants

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
MONTH = date(2026, 12, 1)


async def timed(label: str, work: Callable[[], Awaitable[Any]]) -> Any:
    tracemalloc.start()
    started = time.perf_counter()
    result = await work()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<40} {seconds:8.2f} s   peak {peak / 2**20:7.1f} MB")
    return result


async def main(count: int, postgresql: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bpu-sponsors-"))
    if postgresql:
        await _reset_postgres()
        url = POSTGRES_URL
    else:
        url = f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await asyncio.to_thread(upgrade, url)
    db, vault = Database(url), Vault(generate_key())
    rules = DEFAULT_RULES
    niks = await seed_participants(db, vault, count, first_month=MONTH, sealed=False)

    def enrol(session: Session) -> None:
        repo = SponsorRepository(session, vault, rules)
        sponsor = repo.add(
            name="Pemprov Kalimantan Barat",
            code="KALBAR",
            quota=count,
            months=12,
            programme="jkk_jkm",
            from_month=MONTH,
            regions=(),
            occupations=(),
            ends=None,
            actor="bench",
            now=NOW,
        )
        people = session.execute(select(Participant.id).order_by(Participant.id)).scalars().all()
        session.execute(
            insert(Sponsorship),
            [
                {
                    "sponsor_id": sponsor.id,
                    "participant_id": pid,
                    "first_month": MONTH,
                    "last_month": date(2027, 11, 1),
                    "state": "aktif",
                    "created_at": NOW,
                }
                for pid in people
            ],
        )

    await db.run(enrol, long=True)
    print(f"{count} workers on {'PostgreSQL' if postgresql else 'SQLite'}")

    async def bill() -> int:
        listed = await db.run(
            lambda s: SponsorRepository(s, vault, rules).bill("KALBAR", MONTH, NOW), long=True
        )
        (folder / "bill.csv").write_text(bill_csv(listed), encoding="utf-8")
        (folder / "bill.xlsx").write_bytes(bill_xlsx(listed))
        return len(listed.lines)

    async def paid() -> str:
        recorded = await db.run(
            lambda s: SponsorRepository(s, vault, rules).paid("KALBAR", MONTH, "TRX-1", "bench", NOW),
            long=True,
        )
        return recorded.outcome

    listed = await timed(f"bill ({count} lines, CSV + XLSX)", bill)
    first = await timed("paid (one transaction)", paid)
    again = await timed("paid again (same reference)", paid)

    async def counted() -> tuple[int, int]:
        def count_rows(session: Session) -> tuple[int, int]:
            payments = session.execute(select(func.count()).select_from(Payment)).scalar_one()
            notices = session.execute(select(func.count()).select_from(Reminder)).scalar_one()
            return int(payments), int(notices)

        return await db.run(count_rows)

    payments, notices = await counted()
    assert (listed, first, again) == (count, "recorded", "already"), (listed, first, again)
    assert (payments, notices) == (count, count), (payments, notices)
    print(f"checked: {payments} payments, {notices} notices (each worker told once), none added again")

    # Baseline: the same month for the same workers, as bank notices through the channel's path.
    async def baseline() -> int:
        notices = [
            PaymentNotice(f"BANK-{n}", "bri", nik, 16_800, 1, datetime(2027, 1, 10, 2, tzinfo=UTC))
            for n, nik in enumerate(niks)
        ]
        applied = 0
        for start in range(0, len(notices), 500):
            batch = notices[start : start + 500]
            done = await db.run(
                lambda s, batch=batch: PaymentRepository(s, vault, rules).apply_many(batch, NOW), long=True
            )
            applied += sum(1 for d in done if d.outcome == "applied")
        return applied

    applied = await timed(f"baseline: {count} bank notices (500 a tx)", baseline)
    print(f"baseline applied {applied} of {count} (the month after, January 2027)")
    await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=10_000)
    parser.add_argument("--postgresql", action="store_true")
    options = parser.parse_args()
    asyncio.run(main(options.workers, options.postgresql))
