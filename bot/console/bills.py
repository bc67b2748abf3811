"""A sponsor's monthly list as files: CSV and XLSX, every cell text (never a formula)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from bot.domain.safe_text import cell
from storage.repositories.sponsors import Bill

BILL_COLUMNS = ("registration_number", "nik", "iuran")


def _rows(bill: Bill) -> list[list[str | int]]:
    return [
        [cell(line.registration_number), cell("*" * 12 + line.nik_last4), line.amount] for line in bill.lines
    ]


def bill_csv(bill: Bill) -> str:
    """Return the list as CSV: one row per worker, then the total (formula-safe cells)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(BILL_COLUMNS)
    writer.writerows(_rows(bill))
    writer.writerow(["TOTAL", len(bill.lines), bill.total])
    return out.getvalue()


def bill_xlsx(bill: Bill) -> bytes:
    """Return the list as an XLSX workbook (text cells, never formulas)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(cell(f"{bill.code} {bill.month:%Y-%m}"))
    sheet.append([cell(f"{bill.name}: {bill.month:%Y-%m}")])
    sheet.append(list(BILL_COLUMNS))
    for row in _rows(bill):
        sheet.append(row)
    sheet.append(["TOTAL", len(bill.lines), bill.total])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
