"""Outbox rows: messages owed to chats, leased by a dispatcher, sent in id order per chat. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from bot.domain.priority import Priority
from storage.crypto import Vault
from storage.models import OutboxMessage, ProcessedUpdate, Reminder

OUT = OutboxMessage.__table__


@dataclass(frozen=True)
class Owed:
    """A leased outbox row, ready to send."""

    id: int
    chat_id: int
    priority: Priority
    body: str  # sealed rendered message
    stamp: tuple[int, int] | None
    reminder_id: int | None
    attempts: int


_ADD = insert(OUT).returning(OUT.c.id)
_ADD_ONE = insert(OUT).returning(OUT.c.id)
_OLDER_PENDING = select(OUT.c.id).where(
    OUT.c.chat_id == bindparam("chat"), OUT.c.state == "pending", OUT.c.id < bindparam("first")
)
_SENT = (
    update(OUT)
    .where(OUT.c.id == bindparam("row"))
    .values(state="sent", sent_at=bindparam("now"), lease_owner=None, lease_until=None)
)
_FIRST_TIME: dict[str, Any] = {}


class OutboxRepository:
    """Outbox and processed-update rows; never commits."""

    @classmethod
    def of(cls, session: Session, vault: Vault) -> OutboxRepository:
        """Return the repository of this transaction (a turn uses it three times)."""
        found = session.info.get("outbox")
        if found is None:
            found = session.info["outbox"] = cls(session, vault)
        return found

    def __init__(self, session: Session, vault: Vault) -> None:
        self.session = session
        self.vault = vault
        # Core statements go straight to the connection: the ORM session's bookkeeping is not needed here.
        self.connection = session.connection()

    # --- writing what is owed -----------------------------------------------------------------------

    def add(
        self,
        chat_id: int,
        bodies: list[str],
        priority: Priority,
        now: datetime,
        *,
        stamp: tuple[int, int] | None = None,
        reminder_id: int | None = None,
        leased_by: str | None = None,
        lease_until: datetime | None = None,
    ) -> list[int]:
        """Owe sealed messages to the chat, in order; leased to `leased_by` when it sends them at once."""
        if not bodies:
            return []
        rows = [
            {
                "chat_id": chat_id,
                "priority": int(priority),
                "body": body,
                "stamp_conversation": stamp[0] if stamp else None,
                "stamp_version": stamp[1] if stamp else None,
                "reminder_id": reminder_id,
                "state": "pending",
                "not_before": now,
                "lease_owner": leased_by,
                "lease_until": lease_until,
                "attempts": 1 if leased_by else 0,
                "created_at": now,
            }
            for body in bodies
        ]
        if len(rows) == 1:
            return [self.connection.execute(_ADD_ONE, rows[0]).scalar_one()]
        result = self.connection.execute(_ADD, rows, execution_options={"sort_by_parameter_order": True})
        return [row[0] for row in result]

    def waiting_before(self, chat_id: int, first_id: int, *, sent_already: set[int]) -> bool:
        """Tell whether the chat has older messages still owed (they must go first).

        `sent_already` are rows this process sent but has not recorded yet.
        """
        rows = self.connection.execute(_OLDER_PENDING, {"chat": chat_id, "first": first_id})
        return any(row_id not in sent_already for (row_id,) in rows)

    # --- leasing ------------------------------------------------------------------------------------

    def lease(
        self,
        owner: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        *,
        max_priority: Priority = Priority.BULK,
    ) -> list[Owed]:
        """Lease up to `limit` rows that are due: each the oldest owed to its chat, most urgent first."""
        older = aliased(OutboxMessage)
        free = or_(OUT.c.lease_until.is_(None), OUT.c.lease_until < now)
        first_of_chat = ~exists().where(
            older.chat_id == OUT.c.chat_id, older.state == "pending", older.id < OUT.c.id
        )
        due = (
            select(OUT.c.id)
            .where(
                OUT.c.state == "pending",
                OUT.c.not_before <= now,
                OUT.c.priority <= int(max_priority),
                free,
                first_of_chat,
            )
            .order_by(OUT.c.priority, OUT.c.id)
            .limit(limit)
        )
        if self.session.bind.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        ids = [row[0] for row in self.connection.execute(due)]
        if not ids:
            return []
        statement = (
            update(OUT)
            .where(OUT.c.id.in_(ids), OUT.c.state == "pending", free)
            .values(lease_owner=owner, lease_until=now + lease, attempts=OUT.c.attempts + 1)
            .returning(
                OUT.c.id,
                OUT.c.chat_id,
                OUT.c.priority,
                OUT.c.body,
                OUT.c.stamp_conversation,
                OUT.c.stamp_version,
                OUT.c.reminder_id,
                OUT.c.attempts,
            )
        )
        leased = [
            Owed(
                id=row.id,
                chat_id=row.chat_id,
                priority=Priority(row.priority),
                body=row.body,
                stamp=(row.stamp_conversation, row.stamp_version)
                if row.stamp_conversation is not None
                else None,
                reminder_id=row.reminder_id,
                attempts=row.attempts,
            )
            for row in self.connection.execute(statement)
        ]
        return sorted(leased, key=lambda owed: (owed.priority, owed.id))

    # --- outcomes -----------------------------------------------------------------------------------

    def sent(self, ids: list[int], now: datetime) -> None:
        """Mark rows sent (one statement, executed for many rows)."""
        if ids:
            self.connection.execute(_SENT, [{"row": row_id, "now": now} for row_id in ids])

    def retry(self, row_id: int, not_before: datetime, error: str, *, counts: bool = True) -> None:
        """Give a row back, to be tried again at `not_before`; a 429 does not count as an attempt."""
        attempts = OUT.c.attempts if counts else OUT.c.attempts - 1
        self.connection.execute(
            update(OUT)
            .where(OUT.c.id == row_id)
            .values(
                not_before=not_before,
                lease_owner=None,
                lease_until=None,
                error=error[:200],
                attempts=attempts,
            )
        )

    def release(self, ids: list[int]) -> None:
        """Give leased rows back untouched (their turn had not come)."""
        if ids:
            self.connection.execute(
                update(OUT)
                .where(OUT.c.id.in_(ids))
                .values(lease_owner=None, lease_until=None, attempts=OUT.c.attempts - 1)
            )

    def park(self, row_id: int, error: str) -> None:
        """Stop trying a row that keeps failing; it stays for the operator with its error."""
        self.connection.execute(
            update(OUT)
            .where(OUT.c.id == row_id)
            .values(state="parked", lease_owner=None, lease_until=None, error=error[:200])
        )

    def drop_for_unreachable(self, chat_id: int) -> list[int]:
        """The chat blocked the bot: drop everything still owed to it; return the reminder ids dropped."""
        statement = (
            update(OUT)
            .where(OUT.c.chat_id == chat_id, OUT.c.state == "pending")
            .values(state="dropped", lease_owner=None, lease_until=None, error="chat unreachable (403)")
            .returning(OUT.c.reminder_id)
        )
        return [row[0] for row in self.connection.execute(statement) if row[0] is not None]

    def drop_reminders_of(self, participant_id: int, why: str) -> None:
        """Drop the reminders still owed to a participant, with why."""
        reminders = select(Reminder.__table__.c.id).where(
            Reminder.__table__.c.participant_id == participant_id
        )
        self.connection.execute(
            update(OUT)
            .where(OUT.c.reminder_id.in_(reminders), OUT.c.state == "pending")
            .values(state="dropped", error=why)
        )

    def lease_owners(self, now: datetime) -> list[str]:
        """Return the processes holding leases that have not expired."""
        query = (
            select(OUT.c.lease_owner)
            .where(OUT.c.state == "pending", OUT.c.lease_owner.is_not(None), OUT.c.lease_until >= now)
            .distinct()
        )
        return [owner for (owner,) in self.connection.execute(query)]

    def free_leases(self, owners: list[str]) -> int:
        """Release every lease these (gone) processes hold."""
        if not owners:
            return 0
        statement = (
            update(OUT)
            .where(OUT.c.state == "pending", OUT.c.lease_owner.in_(owners))
            .values(lease_owner=None, lease_until=None)
        )
        return self.connection.execute(statement).rowcount or 0

    def parked(self) -> list[OutboxMessage]:
        """Return parked rows, oldest first."""
        query = select(OutboxMessage).where(OutboxMessage.state == "parked").order_by(OutboxMessage.id)
        return list(self.session.execute(query).scalars())

    def counts(self) -> dict[str, int]:
        """Return how many rows are in each state."""
        query = select(OUT.c.state, func.count()).group_by(OUT.c.state)
        return {state: count for state, count in self.connection.execute(query).all()}

    # --- updates ------------------------------------------------------------------------------------

    def _insert(self) -> Any:
        return pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert

    def first_time(self, update_id: int, now: datetime) -> bool:
        """Record that update `update_id` is being handled; False when it was handled before."""
        dialect = self.session.bind.dialect.name
        if dialect not in _FIRST_TIME:
            _FIRST_TIME[dialect] = (
                self._insert()(ProcessedUpdate)
                .values(
                    update_id=bindparam("id"), received_at=bindparam("now"), processed_at=bindparam("now")
                )
                .on_conflict_do_nothing(index_elements=["update_id"])
                .returning(ProcessedUpdate.update_id),
                update(ProcessedUpdate)
                .where(ProcessedUpdate.update_id == bindparam("id"), ProcessedUpdate.processed_at.is_(None))
                .values(processed_at=bindparam("now"), raw=None)
                .returning(ProcessedUpdate.update_id),
            )
        fresh_insert, stored_update = _FIRST_TIME[dialect]
        params = {"id": update_id, "now": now}
        if self.connection.execute(fresh_insert, params).first() is not None:
            return True
        return self.connection.execute(stored_update, params).first() is not None

    def accept(self, update_id: int, raw: dict[str, Any], now: datetime) -> bool:
        """Store an update received by webhook before answering Telegram; False when known already."""
        fresh = self.connection.execute(
            self._insert()(ProcessedUpdate)
            .values(update_id=update_id, raw=self.vault.seal(raw), received_at=now)
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(ProcessedUpdate.update_id)
        ).first()
        return fresh is not None

    def unprocessed(self, received_before: datetime, limit: int) -> list[dict[str, Any]]:
        """Return stored webhook updates not processed yet (after a crash), oldest first."""
        query = (
            select(ProcessedUpdate.raw)
            .where(
                ProcessedUpdate.processed_at.is_(None),
                ProcessedUpdate.raw.is_not(None),
                ProcessedUpdate.received_at < received_before,
            )
            .order_by(ProcessedUpdate.update_id)
            .limit(limit)
        )
        return [self.vault.open(raw) for (raw,) in self.connection.execute(query)]

    def prune(self, processed_before: datetime, sent_before: datetime) -> int:
        """Forget update ids past Telegram's redelivery window, and messages long delivered."""
        gone = self.connection.execute(
            delete(ProcessedUpdate).where(
                and_(
                    ProcessedUpdate.processed_at.is_not(None), ProcessedUpdate.processed_at < processed_before
                )
            )
        ).rowcount
        gone += self.connection.execute(
            delete(OutboxMessage).where(
                OutboxMessage.state.in_(("sent", "dropped")), OutboxMessage.created_at < sent_before
            )
        ).rowcount
        return gone or 0
