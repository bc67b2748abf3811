"""Operator commands for the branch office: import reconciliation files, work through exceptions."""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from bot.payments import InvalidNotice
from bot.services import Services
from bot.settings import Settings
from storage.repositories.outbox import OutboxRepository
from storage.repositories.payments import PaymentRepository


async def payments_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot payments …`."""
    services = Services.build(settings)
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
    with args.file.open(encoding="utf-8-sig") as handle:
        total = max(sum(1 for _ in handle) - 1, 0)
    with tqdm(total=total, unit="row", desc="import", file=sys.stderr, disable=total < 1000) as bar:
        try:
            report = await service.import_csv(args.file, progress=bar.update)
        except InvalidNotice as err:
            print(f"bpu-bot: {args.file}: {err}", file=sys.stderr)
            return 2
    print(f"applied: {report.applied}")
    print(f"already imported: {report.duplicates}")
    print(f"exceptions (kept for an operator): {report.exceptions}")
    print(f"rejected (malformed): {report.rejected}")
    for line, _row, reason in report.problems:
        print(f"  line {line}: {reason}")
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
        reason = f"{item.reason}: {item.detail}{state}"
        print(row.format(item.id, item.reference, item.channel, nik, item.amount, item.months, reason))
    return 0


async def _resolve(services: Services, exception_id: int, note: str) -> int:
    now = services.clock()
    done = await services.db.run(
        lambda session: PaymentRepository(session, services.vault, services.settings.rules).resolve(
            exception_id, note, now
        )
    )
    if not done:
        print(f"bpu-bot: no open payment exception {exception_id}", file=sys.stderr)
        return 1
    print(f"exception {exception_id} resolved")
    return 0


async def outbox_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot outbox …`: what is owed, and what kept failing (never the message text)."""
    services = Services.build(settings)
    try:
        if args.outbox_command == "status":
            counts = await services.db.run(lambda s: OutboxRepository(s, services.vault).counts())
            for state in ("pending", "sent", "parked", "dropped"):
                print(f"{state}: {counts.get(state, 0)}")
            return 0
        parked = await services.db.run(lambda s: OutboxRepository(s, services.vault).parked())
        if not parked:
            print("no parked messages")
            return 0
        print(f"{'id':>7}  {'chat':<12} {'kind':<7} {'tries':>5}  {'created':<20} error")
        kinds = {0: "reply", 1: "notice", 2: "bulk"}
        for row in parked:
            chat = services.runner.chat_tag(row.chat_id)
            created = f"{row.created_at:%Y-%m-%d %H:%M:%S}"
            error = printable(row.error or "")
            kind = kinds.get(row.priority, "?")
            print(f"{row.id:>7}  {chat:<12} {kind:<7} {row.attempts:>5}  {created:<20} {error}")
        return 0
    finally:
        await services.close()


def printable(text: str) -> str:
    """Escape control characters so nothing printed can steer the operator's terminal."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
