"""Peserta: search, a record opened (audited), and the export of new registrations."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from tornado.web import HTTPError

from bot.console import exports as export_files
from bot.console import queries
from bot.console.web import CHUNK, Console, Page, log
from storage.repositories.officers import OfficerRepository


class ParticipantsPage(Page):
    """`/konsol/peserta`: search by registration number or NIK (a POST: no NIK in any URL or log)."""

    async def get(self) -> None:  # noqa: D102
        await self.show(searched=False, found=[])

    async def post(self) -> None:  # noqa: D102
        query = self.get_body_argument("cari", "")[:40]
        found = await self.console.db.run(lambda s: queries.search(s, self.console.vault, query))
        await self.show(searched=True, found=found)

    async def show(self, **context: Any) -> None:
        """Render the page with the count of registrations never exported."""
        pending = await self.console.db.run(export_files.pending_count)
        self.render_page("participants.html", "participants", self._("Peserta"), pending=pending, **context)


class ParticipantPage(Page):
    """`/konsol/peserta/ID`: the whole record; opening it is audited."""

    async def get(self, participant_id: str) -> None:  # noqa: D102
        assert self.officer is not None, "login_required"
        actor, now, vault = self.officer.name, self.now(), self.console.vault

        def open_record(session: Any) -> queries.Record | None:
            found = queries.record(session, vault, int(participant_id))
            if found is not None:
                OfficerRepository(session).audit(actor, "participant.open", found.registration_number, now)
            return found

        found = await self.console.db.run(open_record)
        if found is None:
            raise HTTPError(404)
        self.render_page("participant.html", "participants", found.registration_number, rec=found)


class ExportStart(Page):
    """`POST /konsol/ekspor`: start making the file of new registrations."""

    async def post(self) -> None:  # noqa: D102
        officer = self.require_change()
        kind = self.get_body_argument("format", "xlsx")
        if kind not in export_files.FORMATS:
            raise HTTPError(400)
        total = await self.console.db.run(export_files.pending_count)
        job = export_files.Export(secrets.token_urlsafe(9), kind, officer.name, total)
        self.console.exports[job.id] = job
        task = asyncio.create_task(run_export(self.console, job))
        self.console.tasks.add(task)
        task.add_done_callback(self.console.tasks.discard)
        self.redirect(f"/konsol/ekspor/{job.id}")


async def run_export(console: Console, job: export_files.Export) -> None:
    """Make the export a batch at a time, so the page can show how far it is."""
    writer = export_files.Writer(job.kind)
    after = 0
    try:
        while batch := await console.db.run(
            lambda s, after=after: export_files.batch_after(s, console.vault, after)
        ):
            for participant_id, row in batch:
                writer.add(row)
                job.ids.append(participant_id)
            job.done += len(batch)
            after = batch[-1][0]
            await asyncio.sleep(0)
        job.content = await asyncio.to_thread(writer.finish)
    except Exception:
        log.exception("export %s failed", job.id)
        job.error = "export failed"


class ExportPage(Page):
    """`/konsol/ekspor/ID`: progress, then the download."""

    def get(self, job_id: str) -> None:  # noqa: D102
        job = self.console.exports.get(job_id)
        if job is None:
            raise HTTPError(404)
        done = job.content is not None or job.error is not None or job.downloaded
        self.render_page(
            "export.html", "participants", self._("Ekspor"), job=job, refresh=None if done else 1
        )


class ExportDownload(Page):
    """`/konsol/ekspor/ID/unduh`: the file once; its registrations are then marked exported (audited)."""

    async def get(self, job_id: str) -> None:  # noqa: D102
        officer = self.require_change()
        job = self.console.exports.get(job_id)
        if job is None or job.content is None or job.actor != officer.name:
            raise HTTPError(404)
        content, job.content = job.content, None
        self.set_header("Content-Type", export_files.FORMATS[job.kind])
        self.set_header("Content-Disposition", f'attachment; filename="{job.filename}"')
        for start in range(0, len(content), CHUNK):
            self.write(content[start : start + CHUNK])
            await self.flush()
        await self.finish()
        now, ids = self.now(), job.ids

        def mark(session: Any) -> None:
            marked = export_files.mark_exported(session, ids, now)
            OfficerRepository(session).audit(
                officer.name, "participants.export", f"{marked} registrations", now, after=job.kind
            )

        await self.console.db.run(mark)
        job.downloaded = True
