"""`bpu-bot sponsors …`: add a programme (its link and poster), bill a month, record it paid, report."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from bot.app.services import Services
from bot.app.settings import Settings
from bot.console.bills import bill_csv, bill_xlsx
from bot.domain.participants import OCCUPATION_KEYS
from bot.domain.safe_text import printable
from bot.domain.sponsors import deep_link, listed, normalised_code, programme_problems, start_parameter
from bot.turn.poster import sponsor_poster
from bot.turn.render import rupiah
from storage.repositories.sponsors import SponsorError, SponsorRepository


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
            return await _paid(services, code, args.month, args.reference, args.operator, args.paid_on)
        return await _report(services, code)
    except SponsorError as err:
        print(f"bpu-bot: {printable(str(err))}", file=sys.stderr)
        return 1
    finally:
        await services.close()


def _repo(services: Services, session: Session) -> SponsorRepository:
    return SponsorRepository(session, services.vault, services.settings.rules)


CLI_PROBLEMS = {
    "name": "NAME: 2 to 120 characters",
    "code": "--code: 2 to 24 letters, digits or _",
    "quota": "--quota: 1 to 1,000,000",
    "months": "--months: 1 to 60",
    "regions": "--regions: Kemendagri province (61) or kab/kota (14.72) codes",
    "occupations": f"--occupations: any of {','.join(OCCUPATION_KEYS)}",
}


async def _add(services: Services, args: argparse.Namespace) -> int:
    code = normalised_code(args.code)
    regions, occupations = listed(args.regions), listed(args.occupations)
    name = printable(args.name).strip()
    problems = programme_problems(name, code, args.quota, args.months, regions, occupations)
    for problem in problems:
        print(f"bpu-bot: {CLI_PROBLEMS[problem]}", file=sys.stderr)
    if problems:
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
    return deep_link(settings.telegram_bot_username, start_parameter(code))


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


async def _paid(
    services: Services, code: str, month: date, reference: str, actor: str, paid_on: date | None
) -> int:
    reference = printable(reference).strip()
    if not 1 <= len(reference) <= 40:
        print("bpu-bot: --reference: 1 to 40 characters", file=sys.stderr)
        return 2
    now = services.clock()
    recorded = await services.db.run(
        lambda session: _repo(services, session).paid(code, month, reference, actor, now, paid_on), long=True
    )
    if recorded.outcome == "already":
        print(f"{code} {month:%Y-%m} was already recorded with {reference}: nothing changed")
        return 0
    on = f" on {paid_on:%Y-%m-%d}" if paid_on is not None else ""
    print(f"{code} {month:%Y-%m} recorded paid{on}: {recorded.workers} workers, {rupiah(recorded.total)}")
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
