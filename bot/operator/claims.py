"""`bpu-bot claims …`: list, show and export claims, their documents, and status changes."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.claims import ClaimStatus
from bot.domain.safe_text import printable
from bot.domain.standing import Standing, standing_on
from bot.jobs.officer import Refused, change_claim_status
from bot.turn import notices
from bot.turn.render import rupiah
from storage.files import write_new
from storage.models import Claim, ClaimDocument, ClaimEvent, Participant
from storage.repositories.claims import ClaimRepository

OPERATOR_LANGUAGE = "id"  # the branch reads Indonesian


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


Shown = tuple[
    Claim, dict, list[ClaimDocument], list[ClaimEvent], tuple[str, ...], date | None, Standing | None
]


def describe(standing: Standing) -> str:
    """One line of a standing, for an officer: status, membership, arrears and months paid ahead."""
    parts = [
        standing.status.value,
        f"{standing.membership} months of paid membership",
        f"arrears {len(standing.arrears)} months ({rupiah(standing.owed)})",
        f"paid ahead {len(standing.ahead)} months ({rupiah(standing.refund)}, refunded)",
    ]
    if standing.lapsed:
        parts.append("nonaktif once and paying again")
    return ", ".join(parts)


async def _claim_show(services: Services, number: str, export: Path | None) -> int:
    def shown(
        session: Session,
    ) -> Shown | None:
        repo = ClaimRepository(session, services.vault)
        claim = repo.by_number(number.strip().upper())
        if claim is None:
            return None
        person = session.get(Participant, claim.participant_id) if claim.participant_id else None
        died = person.deceased_on if person is not None and person.deceased else None
        details, documents, events = repo.details(claim), repo.documents(claim), repo.events(claim)
        record = repo.record_of(claim.participant_id) if claim.participant_id else None
        event_on = date.fromisoformat(details["event_on"]) if details.get("event_on") else None
        rules = services.settings.rules
        standing = standing_on(record, event_on, rules) if record and event_on else None
        return claim, details, documents, events, repo.missing(claim), died, standing

    found = await services.db.run(shown)
    if found is None:
        print(f"bpu-bot: no claim {printable(number)}", file=sys.stderr)
        return 1
    claim, details, documents, events, missing, died, standing = found
    print(f"claim {claim.number}: {claim.kind}, {claim.programme}, status {claim.status}")
    participant = claim.participant_id if claim.participant_id is not None else "not in our register"
    print(f"participant id: {participant}")
    if died is not None:
        print(f"participant deceased on {died.isoformat()}")
    if standing is not None:
        print(f"standing on {standing.on.isoformat()}: {describe(standing)}")
    for key in sorted(details):
        print(f"  {key}: {printable(str(details[key]))}")
    names = [notices.document_name(kind, OPERATOR_LANGUAGE) for kind in missing]
    print(f"documents missing: {', '.join(names) or 'none'}")
    for document in documents:
        name = notices.document_name(document.kind, OPERATOR_LANGUAGE)
        described = f"{name} {document.state} {document.mime} {document.size} bytes"
        print(f"  document {document.id}: {described}")
    for event in events:
        note = f" — {printable(event.note)}" if event.note else ""
        change = f"{event.from_status or '-'} → {event.to_status}"
        print(f"  {event.at:%Y-%m-%d %H:%M} {printable(event.actor)}: {change}{note}")
    if export is not None:
        try:
            written = _export(services, claim.number, documents, export)
        except FileExistsError:
            shown = printable(str(export / claim.number))
            print(f"bpu-bot: {shown} exists; export into a new folder", file=sys.stderr)
            return 1
        print(f"{written} documents exported to {printable(str(export))}")
    return 0


def _export(services: Services, number: str, documents: list[ClaimDocument], folder: Path) -> int:
    """Write the stored documents, decrypted, into `folder/NUMBER`, a folder this call creates (0700).

    An existing folder is refused, and each file is created new (`O_EXCL | O_NOFOLLOW`, 0600): nothing is
    overwritten and no link is followed out of the folder.
    """
    store = Path(services.settings.documents_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / number
    os.mkdir(target, 0o700)  # FileExistsError when it exists, a link included
    written = 0
    for document in documents:
        if document.state != "stored" or not document.path:
            continue
        content = services.vault.open_bytes((store / document.path).read_bytes())
        suffix = {"application/pdf": ".pdf", "image/png": ".png", "image/webp": ".webp"}.get(
            document.mime, ".jpg"
        )
        write_new(target / f"{document.id}-{document.kind}{suffix}", content)
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
    now = services.clock()
    settings = services.settings
    try:
        changed = await services.db.run(
            lambda session: change_claim_status(
                session, services.vault, settings.rules, args.number, status, args.operator, args.note, now
            )
        )
    except Refused as err:
        print(f"bpu-bot: {err} (--note)", file=sys.stderr)
        return 2
    if changed is None:
        print(f"bpu-bot: no claim {printable(args.number)}", file=sys.stderr)
        return 1
    if not changed.told:
        print(f"claim {printable(args.number)} is already {status.value}; nothing sent")
        return 0
    print(f"claim {changed.number}: {status.value}; the reporter will be told")
    return 0
