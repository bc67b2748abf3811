"""`bpu-bot qa …`: the benefit questions the knowledge base could not answer, and the answers that missed.

Everything printed is masked as it was kept (no NIK, phone, e-mail or account number).
"""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.safe_text import printable
from storage.models import AskedQuestion


async def qa_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot qa unanswered` or `bpu-bot qa missed`."""
    services = await Services.open(settings)
    try:
        if args.qa_command == "missed":
            return await _missed(services, args)
        return await _unanswered(services, args)
    finally:
        await services.close()


async def _unanswered(services: Services, args: argparse.Namespace) -> int:
    """Questions the knowledge base could not answer, newest first."""

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


async def _missed(services: Services, args: argparse.Namespace) -> int:
    """Answers rated 👎, newest first, with the entry the worker chose instead when they chose one.

    `--tsv` prints only those with a chosen entry, as `question<TAB>entry` lines: the dev set's format
    (tests/qa/dev.tsv), so what the field asked can be tuned on.
    """

    def missed(session: Session) -> list[tuple[AskedQuestion, str | None]]:
        chosen = aliased(AskedQuestion)
        query = (
            select(AskedQuestion, chosen.topic)
            .outerjoin(chosen, chosen.corrects == AskedQuestion.id)
            .where(AskedQuestion.answered.is_(True), AskedQuestion.useful.is_(False))
            .order_by(AskedQuestion.id.desc())
            .limit(args.limit)
        )
        return [(row, topic) for row, topic in session.execute(query).all()]

    found = await services.db.run(missed)
    if args.tsv:
        for row, topic in found:
            if topic is not None:
                print(f"{printable(row.question)}\t{topic}")
        return 0
    if not found:
        print("no answers rated unhelpful")
        return 0
    for row, topic in found:
        instead = f"chosen: {topic}" if topic is not None else "nothing chosen"
        print(
            f"{row.created_at:%Y-%m-%d %H:%M}  {row.language}  {printable(row.question)}"
            f"  answered: {row.topic}  {instead}"
        )
    return 0
