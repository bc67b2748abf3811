"""Operator commands for the branch office: import reconciliation files, work through exceptions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from bot.app.services import Services, system_clock
from bot.app.settings import Settings
from bot.delivery.sealing import owe
from bot.domain.claims import ClaimStatus, note_required
from bot.domain.priority import Priority
from bot.domain.safe_text import printable
from bot.jobs.keys import read_key_file, rotate, write_key_file
from bot.jobs.maintenance import recompute_regions
from bot.jobs.payment_notices import InvalidNotice
from bot.jobs.reconciliation import count_lines
from bot.turn import notices
from storage.crypto import generate_key
from storage.db import Database
from storage.files import write_private
from storage.keyring import fingerprint, key_state
from storage.models import AskedQuestion, Claim, ClaimDocument, ClaimEvent
from storage.repositories.claims import ClaimRepository
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


async def claims_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot claims …`: list, show (documents exported), set a status (the reporter is told)."""
    services = await Services.open(settings)
    try:
        if args.claims_command == "list":
            return await _claims_list(services, args.status)
        if args.claims_command == "show":
            return await _claim_show(services, args.number, args.export)
        if args.claims_command == "documents":
            return await _claim_documents(services, args.number)
        return await _claim_set_status(services, args)
    finally:
        await services.close()


async def _claims_list(services: Services, status: str | None) -> int:
    def listed(session: Session) -> list[tuple[str, str, str, str, int, str]]:
        repo = ClaimRepository(session, services.vault)
        claims = repo.listed(status)
        missing = repo.missing_of(claims)
        return [
            (c.number, c.kind, c.programme, c.status, len(missing[c.id]), f"{c.created_at:%Y-%m-%d}")
            for c in claims
        ]

    rows = await services.db.run(listed)
    if not rows:
        print("no claims" + (f" with status {status}" if status else ""))
        return 0
    print(f"{'number':<13} {'kind':<11} {'prog':<5} {'status':<15} {'missing':>7}  reported")
    for number, kind, programme, state, missing, reported in rows:
        print(f"{number:<13} {kind:<11} {programme:<5} {state:<15} {missing:>7}  {reported}")
    return 0


async def _claim_show(services: Services, number: str, export: Path | None) -> int:
    def shown(
        session: Session,
    ) -> tuple[Claim, dict, list[ClaimDocument], list[ClaimEvent], tuple[str, ...]] | None:
        repo = ClaimRepository(session, services.vault)
        claim = repo.by_number(number.strip().upper())
        if claim is None:
            return None
        return claim, repo.details(claim), repo.documents(claim), repo.events(claim), repo.missing(claim)

    found = await services.db.run(shown)
    if found is None:
        print(f"bpu-bot: no claim {printable(number)}", file=sys.stderr)
        return 1
    claim, details, documents, events, missing = found
    print(f"claim {claim.number}: {claim.kind}, {claim.programme}, status {claim.status}")
    participant = claim.participant_id if claim.participant_id is not None else "not in our register"
    print(f"participant id: {participant}")
    for key in sorted(details):
        print(f"  {key}: {printable(str(details[key]))}")
    print(f"documents missing: {', '.join(missing) or 'none'}")
    for document in documents:
        described = f"{document.kind} {document.state} {document.mime} {document.size} bytes"
        print(f"  document {document.id}: {described}")
    for event in events:
        note = f" — {printable(event.note)}" if event.note else ""
        change = f"{event.from_status or '-'} → {event.to_status}"
        print(f"  {event.at:%Y-%m-%d %H:%M} {printable(event.actor)}: {change}{note}")
    if export is not None:
        written = _export(services, claim.number, documents, export)
        print(f"{written} documents exported to {printable(str(export))}")
    return 0


def _export(services: Services, number: str, documents: list[ClaimDocument], folder: Path) -> int:
    store = Path(services.settings.documents_dir)
    target = folder / number
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = 0
    for document in documents:
        if document.state != "stored" or not document.path:
            continue
        content = services.vault.open_bytes((store / document.path).read_bytes())
        suffix = ".pdf" if document.mime == "application/pdf" else ".jpg"
        write_private(target / f"{document.id}-{document.kind}{suffix}", content)
        written += 1
    return written


async def _claim_documents(services: Services, number: str) -> int:
    def listed(session: Session) -> tuple[list[ClaimDocument], tuple[str, ...]] | None:
        repo = ClaimRepository(session, services.vault)
        claim = repo.by_number(number.strip().upper())
        return (repo.documents(claim), repo.missing(claim)) if claim else None

    found = await services.db.run(listed)
    if found is None:
        print(f"bpu-bot: no claim {printable(number)}", file=sys.stderr)
        return 1
    documents, missing = found
    for document in documents:
        stored = f"{document.stored_at:%Y-%m-%d %H:%M}" if document.stored_at else "-"
        print(f"{document.id:>6}  {document.kind:<20} {document.state:<9} {document.size:>9}  {stored}")
    print(f"missing: {', '.join(missing) or 'none'}")
    return 0


async def _claim_set_status(services: Services, args: argparse.Namespace) -> int:
    status = ClaimStatus(args.status)
    if note_required(status) and not (args.note or "").strip():
        print("bpu-bot: a rejection needs --note with the reason (the reporter is told it)", file=sys.stderr)
        return 2
    now = services.clock()

    def change(session: Session) -> str | None:
        repo = ClaimRepository(session, services.vault)
        claim = repo.by_number(args.number.strip().upper())
        if claim is None:
            return None
        if claim.status == status.value:
            return "unchanged"
        repo.set_status(claim, status, args.operator, args.note, now)
        # Owed in the same transaction as the change: delivered once, whatever dies when.
        said = notices.claim_status(claim.number, status, repo.missing(claim), args.note, claim.language)
        owe(session, services.vault, claim.reporter_chat_id, said, Priority.NOTICE, now)
        return claim.number

    changed = await services.db.run(change)
    if changed is None:
        print(f"bpu-bot: no claim {printable(args.number)}", file=sys.stderr)
        return 1
    if changed == "unchanged":
        print(f"claim {printable(args.number)} is already {status.value}; nothing sent")
        return 0
    print(f"claim {changed}: {status.value}; the reporter will be told")
    return 0


async def qa_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot qa unanswered`: questions the knowledge base could not answer (masked), newest first."""
    services = await Services.open(settings)
    try:

        def unanswered(session: Session) -> list[AskedQuestion]:
            query = (
                select(AskedQuestion)
                .where(AskedQuestion.answered.is_(False))
                .order_by(AskedQuestion.id.desc())
                .limit(args.limit)
            )
            return list(session.execute(query).scalars())

        found = await services.db.run(unanswered)
        if not found:
            print("no unanswered questions")
            return 0
        for row in found:
            print(f"{row.created_at:%Y-%m-%d %H:%M}  {row.language}  {printable(row.question)}")
        return 0
    finally:
        await services.close()
