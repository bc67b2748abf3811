"""Hari ini, the outbox and the audit log: what an officer looks at, never changes."""

from __future__ import annotations

from tornado.web import StaticFileHandler

from bot.console import queries
from bot.console.charts import bar_chart
from bot.console.web import WIB, Page
from bot.domain.priority import Priority
from storage.repositories.officers import OfficerRepository
from storage.repositories.outbox import OutboxRepository


class TodayPage(Page):
    """`/konsol/`: Hari ini."""

    async def get(self) -> None:  # noqa: D102
        now = self.now()
        board = await self.console.db.run(lambda s: queries.dashboard(s, now))
        charts = [bar_chart(series) for series in board.series]
        steps = [label for _, _, label in queries.ENROLMENT_STEPS]
        today = now.astimezone(WIB).date()
        self.render_page(
            "today.html", "today", self._("Hari ini"), board=board, charts=charts, steps=steps, today=today
        )


class MessagesPage(Page):
    """`/konsol/pesan`: the outbox (never a message's text)."""

    async def get(self) -> None:  # noqa: D102
        vault = self.console.vault
        counts, parked = await self.console.db.run(
            lambda s: (OutboxRepository(s, vault).counts(), OutboxRepository(s, vault).parked())
        )
        kinds = {p.value: p.name.lower() for p in Priority}
        self.render_page(
            "messages.html",
            "messages",
            self._("Pesan"),
            counts=counts,
            parked=parked,
            kinds=kinds,
            chat_tag=self.console.chat_tag,
        )


class AuditPage(Page):
    """`/konsol/audit`: who did what (read only)."""

    async def get(self) -> None:  # noqa: D102
        rows = await self.console.db.run(lambda s: OfficerRepository(s).audit_rows())
        self.render_page("audit.html", "audit", self._("Audit"), rows=rows)


class Static(StaticFileHandler):
    """The console's stylesheet, served by the bot (no CDN)."""
