"""`bpu-bot qa …`: the benefit questions the knowledge base could not answer (masked)."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.safe_text import printable
from storage.models import AskedQuestion


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
