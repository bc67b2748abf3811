"""`bpu-bot payments …`: import a bank file, list and resolve the payments that could not be applied."""

from __future__ import annotations

import argparse
import os
import sys

from tqdm import tqdm

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.safe_text import printable
from bot.jobs.officer import Refused, resolve_exception
from bot.jobs.payment_notices import InvalidNotice
from bot.jobs.reconciliation import count_lines
from storage.repositories.payments import PaymentRepository


async def payments_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot payments …`."""
    services = await Services.open(settings)
    try:
        if args.payments_command == "import":
            return await _import(services, args)
        if args.payments_command == "exceptions":
            return await _list(services, include_resolved=args.all)
        return await _resolve(services, args.id, args.note)
    finally:
        await services.close()


async def _import(services: Services, args: argparse.Namespace) -> int:
    service = services.payments
    try:
        total = max(count_lines(args.file) - 1, 0)
    except OSError as err:
        print(f"bpu-bot: {printable(str(args.file))}: {err.strerror}", file=sys.stderr)
        return 2
    with tqdm(total=total, unit="row", desc="import", file=sys.stderr, disable=total < 1000) as bar:
        try:
            report = await service.import_csv(args.file, progress=bar.update)
        except InvalidNotice as err:
            print(f"bpu-bot: {printable(str(args.file))}: {err}", file=sys.stderr)
            return 2
    print(f"applied: {report.applied}")
    print(f"already imported: {report.duplicates}")
    print(f"exceptions (kept for an operator): {report.exceptions}")
    print(f"rejected (malformed): {report.rejected}")
    for line, _row, reason in report.problems:
        print(f"  line {line}: {printable(reason)}")
    if report.problems:
        rejects = args.file.with_name(args.file.stem + ".rejects.csv")
        rejects.write_text(report.rejects_csv(), encoding="utf-8")
        print(f"rows not applied: {rejects}")
    return 0


async def _list(services: Services, *, include_resolved: bool) -> int:
    found = await services.db.run(
        lambda session: PaymentRepository(session, services.vault, services.settings.rules).exceptions(
            include_resolved=include_resolved
        )
    )
    if not found:
        print("no open payment exceptions")
        return 0
    row = "{:>5}  {:<24} {:<10} {:<18} {:>10} {:>6}  {}"
    print(row.format("id", "reference", "channel", "NIK", "amount", "months", "reason: detail"))
    for item in found:
        nik = "*" * 12 + (item.nik_last4 or "????")
        state = f"  [resolved: {item.resolution}]" if item.resolved_at else ""
        reason = printable(f"{item.reason}: {item.detail}{state}")
        reference, channel = printable(item.reference), printable(item.channel)
        print(row.format(item.id, reference, channel, nik, item.amount, item.months, reason))
    return 0


async def _resolve(services: Services, exception_id: int, note: str) -> int:
    now = services.clock()
    actor = os.environ.get("USER") or "operator"
    try:
        done = await services.db.run(
            lambda session: resolve_exception(
                session, services.vault, services.settings.rules, exception_id, note, actor, now
            )
        )
    except Refused as err:
        print(f"bpu-bot: {err} (--note)", file=sys.stderr)
        return 2
    if not done:
        print(f"bpu-bot: no open payment exception {exception_id}", file=sys.stderr)
        return 1
    print(f"exception {exception_id} resolved")
    return 0
