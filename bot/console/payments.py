"""Pembayaran: the exception queue, resolving one, and a bank file imported from the browser."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tornado.httputil import parse_body_arguments
from tornado.web import HTTPError, stream_request_body

from bot.console import queries
from bot.console.web import IMPORT_LIMIT, Page
from bot.jobs.officer import Refused, resolve_exception
from bot.jobs.payment_notices import InvalidNotice
from storage.repositories.officers import OfficerRepository


class PaymentsPage(Page):
    """`/konsol/pembayaran`: the exception queue, resolving, the bank file import."""

    async def get(self) -> None:  # noqa: D102
        done = self.get_query_argument("selesai", None)
        notice = self._("Pengecualian {id} selesai.", id=done) if done and done.isdigit() else None
        await self.show(notice=notice)

    async def show(self, code: int = 200, **context: Any) -> None:
        """Render the queue."""
        found = await self.console.db.run(queries.exceptions)
        now = self.now()

        def age(created: datetime) -> str:
            created = created.replace(tzinfo=UTC) if created.tzinfo is None else created
            hours = int((now - created).total_seconds() // 3600)
            return (
                self._("{days} hari", days=hours // 24) if hours >= 24 else self._("{hours} jam", hours=hours)
            )

        self.render_page(
            "payments.html", "payments", self._("Pembayaran"), code, exceptions=found, age=age, **context
        )


class ResolvePage(PaymentsPage):
    """`POST /konsol/pembayaran/ID/selesai`: the same service as `bpu-bot payments resolve`."""

    async def post(self, exception_id: str) -> None:  # noqa: D102
        officer = self.require_change()
        note, now, console = self.get_body_argument("catatan", "")[:200], self.now(), self.console
        try:
            done = await console.db.run(
                lambda s: resolve_exception(
                    s, console.vault, console.rules, int(exception_id), note, officer.name, now
                )
            )
        except Refused:
            await self.show(400, notice=self._("Tulis apa yang dilakukan."), notice_error=True)
            return
        if not done:
            raise HTTPError(404)
        self.redirect(f"/konsol/pembayaran?selesai={int(exception_id)}")


@stream_request_body
class ImportPage(PaymentsPage):
    """`POST /konsol/pembayaran/impor`: a bank reconciliation CSV, the same report as `payments import`."""

    async def prepare(self) -> None:  # noqa: D102
        await super().prepare()
        if self._finished:
            return
        self.require_change()
        self.request.connection.set_max_body_size(IMPORT_LIMIT)  # type: ignore[union-attr]
        self.body = bytearray()

    def data_received(self, chunk: bytes) -> None:  # noqa: D102
        self.body += chunk

    async def post(self) -> None:  # noqa: D102
        officer = self.require_change()
        arguments: dict[str, list[bytes]] = {}
        files: dict[str, Any] = {}
        parse_body_arguments(self.request.headers.get("Content-Type", ""), bytes(self.body), arguments, files)
        uploaded = files.get("berkas")
        if not uploaded:
            await self.show(400, notice=self._("Pilih berkas CSV dulu."), notice_error=True)
            return
        with tempfile.TemporaryDirectory(prefix="bpu-import-") as folder:
            path = Path(folder) / "import.csv"
            path.write_bytes(uploaded[0]["body"])
            path.chmod(0o600)
            try:
                report = await self.console.payments.import_csv(path)
            except InvalidNotice as err:
                notice = self._(
                    "Berkas itu tidak bisa dibaca sebagai CSV rekonsiliasi bank ({why}).", why=err
                )
                await self.show(400, notice=notice, notice_error=True)
                return
        now = self.now()
        summary = (
            f"applied {report.applied}, duplicates {report.duplicates}, "
            f"exceptions {report.exceptions}, rejected {report.rejected}"
        )
        await self.console.db.run(
            lambda s: OfficerRepository(s).audit(
                officer.name, "payments.import", "bank CSV", now, after=summary
            )
        )
        await self.show(report=report)
