"""Conversations: load-and-lock a chat's row, advance it, record the transition.

Core statements rather than ORM units of work: a turn is on the hot path and touches exactly two rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.crypto import Vault
from storage.models import Conversation, OutboxMessage, StateHistory


@dataclass(frozen=True)
class ConversationRow:
    """A conversation as loaded at the start of a turn."""

    id: int
    chat_id: int
    flow: str
    state: str
    data: dict[str, Any]
    drafts: dict[str, Any]
    stack: list[dict[str, Any]]
    language: str
    version: int
    last_update_id: int | None
    updated_at: datetime | None = None
    owed: bool = True  # whether messages may still be owed to the chat (checked precisely when True)


CONVERSATIONS = Conversation.__table__
HISTORY = StateHistory.__table__
OUTBOX = OutboxMessage.__table__
_COLUMNS = tuple(
    CONVERSATIONS.c[name]
    for name in (
        "id",
        "chat_id",
        "flow",
        "state",
        "data",
        "drafts",
        "stack",
        "language",
        "version",
        "last_update_id",
        "updated_at",
    )
)


_OWED = exists().where(OUTBOX.c.chat_id == CONVERSATIONS.c.chat_id, OUTBOX.c.state == "pending").label("owed")
_LOCK = (
    select(*_COLUMNS, _OWED)
    .where(CONVERSATIONS.c.chat_id == bindparam("chat"))
    .with_for_update(of=CONVERSATIONS)
)
# What a turn writes back: every loaded column but the row's identity.
_WRITTEN = ("flow", "state", "data", "drafts", "stack", "language", "version", "last_update_id", "updated_at")
_ADVANCE = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("row_id"))
    .values({name: bindparam(name) for name in _WRITTEN})
)
_HISTORY = insert(HISTORY)


class ConversationRepository:
    """Conversation rows; never commits: the runner owns the transaction."""

    def __init__(self, session: Session, vault: Vault) -> None:
        self.session = session
        self.vault = vault
        # Core statements go straight to the connection: the ORM session's bookkeeping is not needed here.
        self.connection = session.connection()

    def _row(self, row: Any) -> ConversationRow:
        values = row._asdict()
        values["data"] = self.vault.open(values["data"]) if values["data"] else {}
        values["drafts"] = self.vault.open(values["drafts"]) if values["drafts"] else {}
        values["stack"] = self.vault.open(values["stack"]) if values["stack"] else []
        return ConversationRow(**values)

    def lock(self, chat_id: int, *, flow: str, state: str, language: str) -> ConversationRow:
        """Return the chat's conversation, created if new, locked (FOR UPDATE) until the transaction ends."""
        query = _LOCK
        if (row := (self.connection.execute(query, {"chat": chat_id})).one_or_none()) is not None:
            return self._row(row)
        # First message of this chat; ON CONFLICT covers a second process creating it at the same moment.
        dialect_insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        self.connection.execute(
            dialect_insert(CONVERSATIONS)
            .values(
                chat_id=chat_id,
                flow=flow,
                state=state,
                data="",  # nothing to seal: an empty value reveals nothing
                drafts="",
                language=language,
                version=0,
            )
            .on_conflict_do_nothing(index_elements=["chat_id"])
        )
        return self._row((self.connection.execute(query, {"chat": chat_id})).one())

    def get(self, chat_id: int) -> ConversationRow | None:
        """Return the chat's conversation without locking it."""
        row = (
            self.connection.execute(select(*_COLUMNS).where(CONVERSATIONS.c.chat_id == chat_id))
        ).one_or_none()
        return self._row(row) if row is not None else None

    def language(self, chat_id: int) -> str | None:
        """Return the language this chat speaks, without opening anything sealed."""
        query = select(CONVERSATIONS.c.language).where(CONVERSATIONS.c.chat_id == chat_id)
        return self.connection.execute(query).scalar_one_or_none()

    def advance(
        self,
        convo: ConversationRow,
        *,
        flow: str,
        state: str,
        data: dict,
        drafts: dict,
        stack: list[dict[str, Any]],
        language: str,
        update_id: int | None,
        event: str,
        now: datetime,
        keep_version: bool = False,
    ) -> int:
        """Move the conversation on, append a history row, and return the new version.

        `keep_version`: the turn said nothing and stayed where it was, so the buttons on screen still hold.
        """
        version = convo.version if keep_version else convo.version + 1
        values: dict[str, Any] = {
            "flow": flow,
            "state": state,
            "data": self.vault.seal(data) if data else "",
            "drafts": self.vault.seal(drafts) if drafts else "",
            "stack": self.vault.seal(stack) if stack else None,
            "language": language,
            "version": version,
            "updated_at": now,
        }
        values["last_update_id"] = update_id if update_id is not None else convo.last_update_id
        values["row_id"] = convo.id
        self.connection.execute(_ADVANCE, values)  # statements built once: a turn is the hot path
        self.connection.execute(
            _HISTORY,
            dict(
                conversation_id=convo.id,
                update_id=update_id,
                event=event,
                from_flow=convo.flow,
                from_state=convo.state,
                to_flow=flow,
                to_state=state,
                created_at=now,  # the turn's clock, like every other time the bot records
            ),
        )
        return version
