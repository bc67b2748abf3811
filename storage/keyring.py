"""Which data key the database is sealed with, and re-sealing everything under a new one.

The database records a fingerprint of its key (never the key). A process with no key or another key must
not start: it would fail to open what is there and, worse, seal new rows and hash NIKs under a key nothing
else knows (a NIK would register twice, payments would not find their participant).
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64decode
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.crypto import Vault, VaultError
from storage.files import write_private
from storage.models import (
    AssistedEnrolment,
    Claim,
    ClaimDocument,
    Conversation,
    DataKey,
    NikCheck,
    OutboxMessage,
    Participant,
    PaymentException,
    ProcessedUpdate,
)

CURRENT, NEXT = "current", "next"
DOCUMENT_FILES = "claim document files"
CONSENT_FILES = "consent form files"


def fingerprint(key: str) -> str:
    """Return a short public name for a key (HMAC of a constant: reveals nothing of the key)."""
    raw = urlsafe_b64decode(key.encode())
    return hmac.new(raw, b"bpu-bot/fingerprint/v1", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class KeyState:
    """What the database says about its key."""

    current: str | None
    next: str | None
    has_sealed_data: bool
    sample: str | None  # one sealed value, to check a key against a database recorded before fingerprints


def key_state(session: Session) -> KeyState:
    """Read the recorded fingerprints and whether anything sealed is stored."""
    roles = {role: value for role, value in session.execute(select(DataKey.role, DataKey.fingerprint))}
    sample = None
    for column in (Participant.personal, Conversation.data, OutboxMessage.body, ProcessedUpdate.raw):
        sample = session.execute(select(column).where(column.is_not(None), column != "").limit(1)).scalar()
        if sample:
            break
    return KeyState(roles.get(CURRENT), roles.get(NEXT), bool(sample), sample or None)


def record(session: Session, role: str, key: str, now: datetime) -> None:
    """Record `key`'s fingerprint in `role` (replacing what was there)."""
    session.execute(delete(DataKey).where(DataKey.role == role))
    session.add(DataKey(role=role, fingerprint=fingerprint(key), since=now))


def opens(vault: Vault, sealed: str) -> bool:
    """Tell whether `vault` opens `sealed`."""
    try:
        vault.open(sealed)
    except VaultError:
        return False
    return True


# Every sealed column, by table: (model, id column, sealed columns).
SEALED: tuple[tuple[Any, Any, tuple[str, ...]], ...] = (
    (Participant, Participant.id, ("personal",)),
    (Claim, Claim.id, ("details",)),
    (ClaimDocument, ClaimDocument.id, ("file_id",)),
    (Conversation, Conversation.id, ("data", "drafts", "stack")),
    (OutboxMessage, OutboxMessage.id, ("body",)),
    (ProcessedUpdate, ProcessedUpdate.update_id, ("raw",)),
    (AssistedEnrolment, AssistedEnrolment.id, ("consent_file_id",)),
)


class Rotation:
    """Re-seal every sealed value and re-hash every NIK under a new key, a batch per transaction.

    Resumable: a value is opened with the new key first, then the old one, so a batch done before a kill
    is simply done again; the new key becomes `current` only when every table is through.
    """

    def __init__(self, old: Vault, new: Vault, batch: int = 500, documents: Path | None = None) -> None:
        self.old, self.new, self.batch, self.documents = old, new, batch, documents

    def reseal(self, sealed: str) -> str:
        """Return `sealed` sealed under the new key."""
        try:
            return self.new.seal(self.new.open(sealed))
        except VaultError:
            return self.new.seal(self.old.open(sealed))

    def reseal_bytes(self, sealed: bytes) -> bytes:
        """Return sealed file content sealed under the new key."""
        try:
            return self.new.seal_bytes(self.new.open_bytes(sealed))
        except VaultError:
            return self.new.seal_bytes(self.old.open_bytes(sealed))

    def tables(self) -> tuple[str, ...]:
        """Name the tables, in the order they are done (document files after their rows)."""
        return (
            *(model.__tablename__ for model, _, _ in SEALED),
            PaymentException.__tablename__,
            DOCUMENT_FILES,
            CONSENT_FILES,
        )

    def step(self, session: Session, table: str, after: Any) -> tuple[int, Any]:
        """Re-seal a batch of `table` after id `after`; return how many rows and the last id (None: done)."""
        if table == DOCUMENT_FILES:
            return self._files(session, after)
        if table == CONSENT_FILES:
            return self._consent_files(session, after)
        if table == PaymentException.__tablename__:
            # Exceptions keep a keyed NIK hash but not the NIK: it cannot be re-hashed, so it goes (the last
            # four digits stay for the operator). NIK checks are a day's rate limit: simply forgotten.
            session.execute(update(PaymentException).values(nik_hash=None))
            session.execute(delete(NikCheck))
            return 0, None
        model, key_column, columns = next(entry for entry in SEALED if entry[0].__tablename__ == table)
        query = select(model).order_by(key_column).limit(self.batch)
        if after is not None:
            query = query.where(key_column > after)
        rows = list(session.execute(query).scalars())
        for row in rows:
            for column in columns:
                value = getattr(row, column)
                if value:
                    setattr(row, column, self.reseal(value))
            nik = (
                self.new.open(row.personal).get("nik")
                if isinstance(row, Participant) and row.personal
                else None
            )
            if isinstance(row, Participant) and nik:
                row.nik_hash = self.new.lookup_hash(nik)
        session.flush()
        if not rows:
            return 0, None
        return len(rows), getattr(rows[-1], key_column.key)

    def _files(self, session: Session, after: Any) -> tuple[int, Any]:
        """Re-seal a batch of stored claim documents."""
        return self._sealed_files(session, after, ClaimDocument.id, ClaimDocument.path, ClaimDocument.state)

    def _consent_files(self, session: Session, after: Any) -> tuple[int, Any]:
        """Re-seal a batch of stored consent-form photos."""
        enrolment = AssistedEnrolment
        return self._sealed_files(
            session, after, enrolment.id, enrolment.consent_path, enrolment.consent_state
        )

    def _sealed_files(self, session: Session, after: Any, key: Any, path: Any, state: Any) -> tuple[int, Any]:
        """Re-seal a batch of stored files (each replaced atomically, so a kill leaves no half)."""
        query = select(key, path).where(state == "stored", path.is_not(None)).order_by(key).limit(self.batch)
        if after is not None:
            query = query.where(key > after)
        rows = [(row[0], row[1]) for row in session.execute(query).all()]
        if not rows or self.documents is None:
            return 0, None
        for _row_id, relative in rows:
            stored = self.documents / (relative or "")
            if stored.exists():
                write_private(stored, self.reseal_bytes(stored.read_bytes()))
        return len(rows), rows[-1][0]
