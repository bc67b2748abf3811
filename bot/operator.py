"""Operator commands for the branch office: import reconciliation files, work through exceptions."""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from bot.keys import read_key_file, rotate, write_key_file
from bot.maintenance import recompute_regions
from bot.operator_text import printable
from bot.payment_notices import InvalidNotice
from bot.reconciliation import count_lines
from bot.services import Services, system_clock
from bot.settings import Settings
from storage.crypto import generate_key
from storage.db import Database
from storage.keyring import fingerprint, key_state
from storage.repositories.outbox import OutboxRepository
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
    services = await Services.open(settings)
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


async def keys_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot keys …`."""
    if args.keys_command == "generate":
        try:
            write_key_file(str(args.file), generate_key())
        except FileExistsError:
            print(f"bpu-bot: {printable(str(args.file))} exists; not overwritten", file=sys.stderr)
            return 2
        written = fingerprint(read_key_file(str(args.file)) or "")
        print(f"new key written to {printable(str(args.file))} (fingerprint {written})")
        return 0
    db = Database(settings.database_url)
    try:
        if args.keys_command == "fingerprint":
            state = await db.run(key_state)
            configured = settings.data_key or read_key_file(settings.data_key_file)
            print(f"database key: {state.current or 'not recorded yet'}")
            if state.next:
                print(f"rotation to: {state.next} (unfinished)")
            print(f"configured key: {fingerprint(configured) if configured else 'none'}")
            return 0
        new_key = read_key_file(str(args.new_key_file))
        if not new_key:
            print(
                f"bpu-bot: --new-key-file {printable(str(args.new_key_file))}: no key there", file=sys.stderr
            )
            return 2

        def progress(table: str, count: int) -> None:
            print(f"{table}: {count} rows re-sealed", flush=True)

        total = await rotate(settings, db, new_key, system_clock, progress, batch=args.batch)
        print(
            f"rotation done: {total} rows re-sealed; the database is sealed with key {fingerprint(new_key)}."
        )
        print("Set DATA_KEY (or DATA_KEY_FILE) to the new key; the old key is no longer needed.")
        return 0
    finally:
        await db.dispose()


async def participants_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot participants recompute-regions`."""
    services = await Services.open(settings)
    try:
        result = await recompute_regions(services.db, services.vault)
        print(f"participants: {result.seen} checked, {result.changed} with a new region or time zone")
        return 0
    finally:
        await services.close()
