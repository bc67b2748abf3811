"""Claim documents: fetched from Telegram after the turn that accepted them, stored encrypted on disk.

The turn only records the document (its sealed file id) in the claim's transaction; this fetcher downloads
it later, seals the bytes with the data key and writes them under `DOCUMENTS_DIR` (mode 0600). A document
that cannot be fetched after a few tries is marked failed and its reporter is asked, once, to send it again.
Nothing about a document's content is ever logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.delivery.files import RefusedFile, checked_content, sniffed_type
from bot.delivery.outbox import Outbox
from bot.domain.priority import Priority
from bot.turn import notices
from storage.crypto import Vault
from storage.db import Database
from storage.files import write_private
from storage.models import AssistedEnrolment, Claim, ClaimDocument, ForgottenFile
from storage.repositories.agents import AgentRepository
from storage.repositories.claims import ClaimRepository
from storage.repositories.conversations import ConversationRepository

log = logging.getLogger("bot.jobs.documents")
MAX_TRIES = 5
STORAGE_ERROR = "storage_error"  # DOCUMENTS_DIR unusable: not worth trying again every tick

Fetch = Callable[[str, int], Awaitable[bytes]]  # file id, most bytes taken


@dataclass
class Fetched:
    """What one round did."""

    stored: int = 0
    failed: int = 0
    retried: int = 0


def consent_path(folder: Path, enrolment_id: int) -> Path:
    """Return where the sealed photo of an assisted enrolment's signed consent form lives."""
    return folder / "persetujuan" / f"{enrolment_id}.sealed"


def document_path(folder: Path, claim_number: str, document_id: int) -> Path:
    """Return where a document's sealed bytes live."""
    return folder / claim_number / f"{document_id}.sealed"


class Documents:
    """Fetch pending documents and keep them sealed on disk."""

    def __init__(
        self,
        db: Database,
        vault: Vault,
        folder: Path,
        fetch: Fetch,
        outbox: Outbox,
        clock: Callable[[], datetime],
        batch: int = 20,
        max_bytes: int = 20_000_000,
    ) -> None:
        self.db, self.vault, self.folder, self.fetch = db, vault, folder, fetch
        self.outbox, self.clock, self.batch = outbox, clock, batch
        self.max_bytes = max_bytes

    async def fetch_pending(self) -> Fetched:
        """Fetch every pending document once; return what happened.

        A refused file (unsafe path, too large, not the photo or PDF it claims) and a storage error end the
        document at once in the failed state, with one request to the reporter to send it again; a network
        error is tried again, `MAX_TRIES` times in all. Sealing and writing run off the event loop.
        """
        result = Fetched()
        pending = await self.db.run(lambda s: self._pending(s))
        limit = self.max_bytes
        for document_id, claim_number, sealed_file_id, declared in pending:
            try:
                content = await self.fetch(self.vault.open(sealed_file_id), limit)
                real = await asyncio.to_thread(checked_content, content, declared)
                path = document_path(self.folder, claim_number, document_id)
                await asyncio.to_thread(self._write, path, content)
            except (RefusedFile, OSError) as err:
                reason = err.reason if isinstance(err, RefusedFile) else STORAGE_ERROR
                log.warning("document %s refused: %s", document_id, reason)
                await self.db.run(lambda s, d=document_id, r=reason: self._failed(s, d, r, final=True))
                result.failed += 1
                continue
            except Exception as err:
                log.warning("document %s not fetched: %s", document_id, type(err).__name__)
                failed = await self.db.run(
                    lambda s, d=document_id, e=err: self._failed(s, d, type(e).__name__)
                )
                result.failed += failed
                result.retried += not failed
                continue
            relative = str(path.relative_to(self.folder))
            await self.db.run(lambda s, d=document_id, r=relative, m=real: self._stored(s, d, r, m))
            result.stored += 1
        await self._fetch_consents(result)
        await self._delete_forgotten()
        if result.failed:
            await self.outbox.drain()
        return result

    async def _fetch_consents(self, result: Fetched) -> None:
        """Fetch the photos of signed consent forms agents sent, and keep them sealed like documents.

        A photo that cannot be kept after `MAX_TRIES` is marked failed: the agent is asked to send it again
        (`/fotopersetujuan`), and the officer's list of the agent's enrolments shows it until then
        (`bpu-bot agents enrolments CODE`).
        """
        pending = await self.db.run(lambda s: AgentRepository(s, self.vault).pending_consents(self.batch))
        for enrolment_id, sealed_file_id in pending:
            try:
                content = await self.fetch(self.vault.open(sealed_file_id), self.max_bytes)
                await asyncio.to_thread(checked_content, content, sniffed_type(content) or "")
                path = consent_path(self.folder, enrolment_id)
                await asyncio.to_thread(self._write, path, content)
            except Exception as err:
                final = isinstance(err, RefusedFile | OSError)
                log.warning("consent photo %s not kept: %s", enrolment_id, type(err).__name__)
                await self.db.run(lambda s, e=enrolment_id, f=final: self._consent_failed(s, e, final=f))
                result.failed += 1
                continue
            relative = str(path.relative_to(self.folder))
            await self.db.run(lambda s, e=enrolment_id, r=relative: self._consent_stored(s, e, r))
            result.stored += 1

    async def _delete_forgotten(self) -> None:
        """Delete from disk the files of people who asked to be forgotten (a file already gone is fine)."""
        doomed = await self.db.run(
            lambda s: [
                (row.id, row.path) for row in s.execute(select(ForgottenFile).limit(self.batch)).scalars()
            ]
        )
        for file_id, relative in doomed:
            path = (self.folder / relative).resolve()
            if path.is_relative_to(self.folder.resolve()):
                await asyncio.to_thread(path.unlink, missing_ok=True)
            await self.db.run(
                lambda s, f=file_id: s.execute(delete(ForgottenFile).where(ForgottenFile.id == f))
            )

    @staticmethod
    def _consent_stored(session: Session, enrolment_id: int, relative: str) -> None:
        found = session.get(AssistedEnrolment, enrolment_id)
        if found is not None and found.consent_state == "pending":
            found.consent_state, found.consent_path = "stored", relative

    def _consent_failed(self, session: Session, enrolment_id: int, *, final: bool) -> None:
        """Count a failed try; after the last one, or a final refusal, mark it failed.

        The agent is then asked, once, to send the photo again (`/fotopersetujuan`).
        """
        found = session.get(AssistedEnrolment, enrolment_id)
        if found is None or found.consent_state != "pending":
            return
        found.consent_attempts += 1
        if not final and found.consent_attempts < MAX_TRIES:
            return
        found.consent_state = "failed"
        agent = AgentRepository(session, self.vault).consent_failed_notice(enrolment_id)
        if agent is not None:
            chat_id, number = agent
            language = ConversationRepository(session, self.vault).language(chat_id) or "id"
            messages = notices.consent_resend(number, language)
            self.outbox.owe(session, chat_id, messages, Priority.NOTICE, self.clock())

    def _write(self, path: Path, content: bytes) -> None:
        write_private(path, self.vault.seal_bytes(content))

    def _pending(self, session: Session) -> list[tuple[int, str, str]]:
        return ClaimRepository(session, self.vault).pending_documents(self.batch)

    def _stored(self, session: Session, document_id: int, relative: str, mime: str) -> None:
        document = session.get(ClaimDocument, document_id)
        if document is not None and document.state == "pending":
            document.state, document.path, document.stored_at = "stored", relative, self.clock()
            document.mime = mime  # what the bytes are, not what was declared

    def _failed(self, session: Session, document_id: int, error: str, *, final: bool = False) -> bool:
        """Count a failed try; after the last one, or a final refusal, mark it failed.

        The reporter is then asked, once, to send it again.
        """
        document = session.get(ClaimDocument, document_id)
        if document is None or document.state != "pending":
            return False
        document.attempts += 1
        document.error = error[:200]
        if document.attempts < MAX_TRIES and not final:
            return False
        document.state = "failed"
        claim = session.get(Claim, document.claim_id)
        if claim is not None:
            messages = notices.document_resend(document.kind, claim.number, claim.language, error)
            self.outbox.owe(session, claim.reporter_chat_id, messages, Priority.NOTICE, self.clock())
        return True

    def read(self, relative: str) -> bytes:
        """Return a stored document's content (for an operator's export)."""
        return self.vault.open_bytes((self.folder / relative).read_bytes())
