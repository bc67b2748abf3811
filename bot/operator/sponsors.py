"""`bpu-bot sponsors …`: add a programme (its link and poster), bill a month, record it paid, report."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.participants import OCCUPATION_KEYS
from bot.domain.regions import province, regency
from bot.domain.safe_text import cell, printable
from bot.domain.sponsors import normalised_code, start_parameter
from bot.turn.poster import sponsor_poster
from bot.turn.render import rupiah
from storage.repositories.sponsors import Bill, SponsorError, SponsorRepository

BILL_COLUMNS = ("registration_number", "nik", "iuran")


async def sponsors_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot sponsors …`."""
    services = await Services.open(settings)
    try:
        if args.sponsors_command == "add":
            return await _add(services, args)
        if args.sponsors_command == "list":
            return await _list(services)
        code = normalised_code(args.code)
        if code is None:
            print(f"bpu-bot: {printable(args.code)} is not a programme code", file=sys.stderr)
            return 2
        if args.sponsors_command == "bill":
            return await _bill(services, code, args.month, args.out)
        if args.sponsors_command == "paid":
            return await _paid(services, code, args.month, args.reference, args.operator)
        return await _report(services, code)
    except SponsorError as err:
        print(f"bpu-bot: {printable(str(err))}", file=sys.stderr)
        return 1
    finally:
        await services.close()


def _repo(services: Services, session: object) -> SponsorRepository:
    return SponsorRepository(session, services.vault, services.settings.rules)  # type: ignore[arg-type]


def _list_of(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


async def _add(services: Services, args: argparse.Namespace) -> int:
    code = normalised_code(args.code)
    problems = []
    if code is None:
        problems.append("--code: 2 to 24 letters, digits or _")
    if args.quota < 1 or args.months < 1 or args.months > 60:
        problems.append("--quota at least 1, --months from 1 to 60")
    regions = _list_of(args.regions)
    for region in regions:
        digits = region.replace(".", "")
        known = province(digits) if len(digits) == 2 else regency(digits) if len(digits) == 4 else None
        if known is None:
            problems.append(f"--regions: {printable(region)} is no Kemendagri province or kab/kota code")
    occupations = _list_of(args.occupations)
    problems += [f"--occupations: unknown {printable(o)}" for o in occupations if o not in OCCUPATION_KEYS]
    name = printable(args.name).strip()
    if not 2 <= len(name) <= 120:
        problems.append("NAME: 2 to 120 characters")
    if problems:
        for problem in problems:
            print(f"bpu-bot: {problem}", file=sys.stderr)
        return 2
    assert code is not None
    now = services.clock()
    link = _link(services.settings, code)
    await services.db.run(
        lambda session: _repo(services, session).add(
            name=name,
            code=code,
            quota=args.quota,
            months=args.months,
            programme=args.programme,
            from_month=args.from_month or now.date().replace(day=1),
            regions=regions,
            occupations=occupations,
            ends=args.ends,
            actor=os.environ.get("USER") or "operator",
            now=now,
        )
    )
    poster = args.poster or Path(f"poster-{code}.png")
    drawn = sponsor_poster(
        name=name, months=args.months, quota=args.quota, occupations=occupations, link=link
    )
    await asyncio.to_thread(_write_new, poster, drawn)
    print(f"programme {code} added: {name}, {args.quota} workers, {args.months} months, {args.programme}")
    print(f"link: {link}")
    print(f"poster: {poster}")
    return 0


def _link(settings: Settings, code: str) -> str:
    username = settings.telegram_bot_username or "YOUR_BOT"
    return f"https://t.me/{username}?start={start_parameter(code)}"


async def _list(services: Services) -> int:
    found = await services.db.run(lambda session: _repo(services, session).programmes())
    if not found:
        print("no sponsor programmes")
        return 0
    row = "{:<12} {:<30} {:>9} {:>7}  {:<8} {}"
    print(row.format("code", "name", "enrolled", "months", "from", "ends"))
    for sponsor, enrolled in found:
        ends = sponsor.ends.isoformat() if sponsor.ends else "-"
        used = f"{enrolled}/{sponsor.quota}"
        print(
            row.format(
                sponsor.code,
                printable(sponsor.name)[:30],
                used,
                sponsor.months,
                f"{sponsor.from_month:%Y-%m}",
                ends,
            )
        )
    return 0


async def _bill(services: Services, code: str, month: date, folder: Path) -> int:
    now = services.clock()
    bill = await services.db.run(lambda session: _repo(services, session).bill(code, month, now), long=True)
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    stem = folder / f"tagihan-{code}-{month:%Y-%m}"
    csv_path, xlsx_path = stem.with_suffix(".csv"), stem.with_suffix(".xlsx")
    await asyncio.to_thread(_write_new, csv_path, bill_csv(bill).encode("utf-8"))
    await asyncio.to_thread(_write_new, xlsx_path, bill_xlsx(bill))
    state = f" (recorded paid: {bill.paid_reference})" if bill.paid_reference else ""
    print(f"{code} {month:%Y-%m}: {len(bill.lines)} workers, total {rupiah(bill.total)}{state}")
    print(f"files: {csv_path} {xlsx_path}")
    return 0


def _write_new(path: Path, content: bytes) -> None:
    """Write a file in place of an older one of the same name, never through a link."""
    if path.is_symlink():
        path.unlink()
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        out.write(content)
    os.replace(tmp, path)


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


async def _paid(services: Services, code: str, month: date, reference: str, actor: str) -> int:
    reference = printable(reference).strip()
    if not 1 <= len(reference) <= 40:
        print("bpu-bot: --reference: 1 to 40 characters", file=sys.stderr)
        return 2
    now = services.clock()
    recorded = await services.db.run(
        lambda session: _repo(services, session).paid(code, month, reference, actor, now), long=True
    )
    if recorded.outcome == "already":
        print(f"{code} {month:%Y-%m} was already recorded with {reference}: nothing changed")
        return 0
    print(f"{code} {month:%Y-%m} recorded paid: {recorded.workers} workers, {rupiah(recorded.total)}")
    print("each worker is told once (the first time with their card)")
    return 0


async def _report(services: Services, code: str) -> int:
    today = services.clock().date()
    report = await services.db.run(lambda session: _repo(services, session).report(code, today))
    print(f"{report.code}: {printable(report.name)}")
    print(f"enrolled: {report.enrolled} of {report.quota}")
    print(f"protected this month: {report.protected}")
    print(f"claims reported: {report.claims}")
    print(f"continuing on their own (handover): {report.continuing}")
    print(f"not now (coverage ends): {report.ended}")
    print(f"told of the handover, no answer yet: {report.undecided}")
    return 0
