"""Klaim: the queue against the SLA, a claim with its documents inline, and its status changes."""

from __future__ import annotations

import asyncio
from typing import Any

from tornado.web import HTTPError

from bot.console import queries
from bot.console.web import CHUNK, DOCUMENT_TYPES, Page
from bot.domain.claims import ClaimStatus
from bot.jobs.officer import Refused, change_claim_status


class ClaimsPage(Page):
    """`/konsol/klaim`: the queue by status and age against the SLA."""

    async def get(self) -> None:  # noqa: D102
        status = self.get_query_argument("status", "") or None
        if status is not None and status not in {s.value for s in ClaimStatus}:
            status = None
        console, now = self.console, self.now()
        queue = await console.db.run(
            lambda s: queries.claim_queue(s, console.vault, console.rules, now, status)
        )
        statuses = [s.value for s in ClaimStatus]
        self.render_page(
            "claims.html", "claims", self._("Klaim"), queue=queue, statuses=statuses, status=status
        )


class ClaimPage(Page):
    """`/konsol/klaim/NUMBER`: data, documents inline, history, the status form."""

    async def get(self, number: str) -> None:  # noqa: D102
        view = await self.console.db.run(lambda s: queries.claim_view(s, self.console.vault, number))
        if view is None:
            raise HTTPError(404)
        notice = (
            self._("Status disimpan; pelapor diberi tahu.")
            if self.get_query_argument("diubah", None)
            else None
        )
        statuses = [s.value for s in ClaimStatus]
        self.render_page(
            "claim.html", "claims", view.claim.number, view=view, statuses=statuses, notice=notice
        )


class ClaimStatusPage(ClaimPage):
    """`POST /konsol/klaim/NUMBER/status`: the same change as `bpu-bot claims set-status`."""

    async def post(self, number: str) -> None:  # noqa: D102
        officer = self.require_change()
        try:
            status = ClaimStatus(self.get_body_argument("status", ""))
        except ValueError as err:
            raise HTTPError(400) from err
        note = self.get_body_argument("catatan", "")[:500]
        checked = self.get_body_arguments("kurang")
        console, now = self.console, self.now()

        def change(session: Any) -> Any:
            view = queries.claim_view(session, console.vault, number)
            if view is None:
                return None
            missing = (
                [kind for kind in checked if kind in view.needed]
                if status is ClaimStatus.MISSING_DOCUMENTS
                else None
            )
            return change_claim_status(
                session,
                console.vault,
                console.rules,
                number,
                status,
                officer.name,
                note,
                now,
                missing or None,
            )

        try:
            changed = await console.db.run(change)
        except Refused:
            view = await console.db.run(lambda s: queries.claim_view(s, console.vault, number))
            statuses = [s.value for s in ClaimStatus]
            notice = self._("Penolakan perlu catatan alasannya (pelapor diberi tahu).")
            self.render_page(
                "claim.html",
                "claims",
                number,
                400,
                view=view,
                statuses=statuses,
                notice=notice,
                notice_error=True,
            )
            return
        if changed is None:
            raise HTTPError(404)
        self.redirect(f"/konsol/klaim/{changed.number}?diubah=1")


class DocumentFile(Page):
    """`/konsol/klaim/NUMBER/dokumen/ID`: a document, decrypted in memory and streamed; never on disk."""

    async def get(self, number: str, document_id: str) -> None:  # noqa: D102
        found = await self.console.db.run(lambda s: queries.document_of(s, number, int(document_id)))
        if found is None or found.mime not in DOCUMENT_TYPES:
            raise HTTPError(404)  # another claim's document is as absent as a missing one
        sealed = await asyncio.to_thread((self.console.documents_dir / (found.path or "")).read_bytes)
        content = self.console.vault.open_bytes(sealed)
        self.set_header("Content-Type", found.mime)
        self.set_header("Content-Disposition", "inline")
        self.set_header("Content-Security-Policy", "default-src 'none'; sandbox")
        for start in range(0, len(content), CHUNK):
            self.write(content[start : start + CHUNK])
            await self.flush()
        await self.finish()
