"""One turn per update: lock the chat, load, run the engine, apply effects, owe the replies, commit, send.

Two updates of one chat never interleave (a per-chat asyncio lock, plus FOR UPDATE on PostgreSQL for
several processes); different chats run concurrently. The update id, the conversation, the effects and the
replies (as outbox rows) are one transaction, run as one unit of work (on SQLite in one hop to the
database thread). Replies are sent after COMMIT; a process killed before they go leaves them owed, and
another process sends them when their lease expires.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session as DbSession

from bot.delivery.outbox import Outbox, Owing
from bot.domain.participants import Participant
from bot.domain.priority import Priority
from bot.domain.rules import DEFAULT_RULES, Rules
from bot.flows.base import (
    SLOW_DOWN,
    SORRY,
    ChoiceMade,
    CommandReceived,
    Event,
    FlowContext,
    Say,
    StaleChoice,
)
from bot.flows.engine import Engine, Frame, Session
from bot.telemetry import metrics
from bot.turn.effects import EffectHandlers
from bot.turn.render import render
from storage.crypto import Vault
from storage.db import Database
from storage.repositories.conversations import ConversationRepository
from storage.repositories.outbox import OutboxRepository

log = logging.getLogger("bot.turn")

MAX_CALLBACK_BYTES = 64
NOTICE_STAMP = (0, 0)  # the stamp of a notice's buttons (sent outside any turn): they act as commands


@dataclass(frozen=True)
class ButtonPressed:
    """A tap on an inline button: the stamp it carried and its key (checked against the stored session)."""

    conversation_id: int | None
    version: int | None
    key: str


def chat_tag(salt: str, chat_id: int) -> str:
    """Return a salted hash of a chat id: what logs and operators see instead of the id."""
    return hashlib.sha256(f"{salt}:{chat_id}".encode()).hexdigest()[:12]


def stamp(conversation_id: int, version: int, key: str) -> str:
    """Build callback data naming the conversation and version the keyboard was sent for."""
    data = f"{conversation_id}:{version}:{key}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes for key {key!r}")
    return data


def parse_stamp(data: str | None) -> ButtonPressed:
    """Read callback data; anything malformed becomes a press that can never match (stale)."""
    parts = (data or "").split(":", 2)
    if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
        return ButtonPressed(int(parts[0]), int(parts[1]), parts[2])
    return ButtonPressed(None, None, "")


class EffectApplier(Protocol):
    """Performs effects inside the turn's transaction; may answer with an event for the flow."""

    def participant(self, db: DbSession, chat_id: int) -> Participant | None:
        """Load this chat's participant for the flow's context."""
        ...

    def apply(self, db: DbSession, chat_id: int, effect: Any, now: datetime) -> Any:
        """Perform `effect`; return a result event or None."""
        ...


MAX_FOLLOW_UPS = 8


class Runner:
    """Executes turns; the only place where flows meet the database and the channel."""

    def __init__(
        self,
        db: Database,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        timezone: str = "Asia/Jakarta",
        log_salt: str = "bpu-bot",
        vault: Vault,
        effects: EffectApplier | None = None,
        rules: Rules = DEFAULT_RULES,
    ) -> None:
        self.db = db
        self.engine = engine
        self.clock = clock
        self.zone = ZoneInfo(timezone)
        self.log_salt = log_salt
        self.vault = vault
        self.effects = effects or EffectHandlers(vault)
        self.rules = rules
        self._locks: dict[int, tuple[asyncio.Lock, list[int]]] = {}

    @asynccontextmanager
    async def _chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        """Serialise turns of one chat in arrival order; forget the lock when nobody waits."""
        lock, users = self._locks.setdefault(chat_id, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._locks[chat_id]

    def chat_tag(self, chat_id: int) -> str:
        """Return a salted hash of a chat id, for logs."""
        return chat_tag(self.log_salt, chat_id)

    def waiting(self, chat_id: int) -> int:
        """Return how many turns of this chat are running or waiting (for flood control)."""
        entry = self._locks.get(chat_id)
        return entry[1][0] if entry else 0

    async def turn(
        self, chat_id: int, event: Event | ButtonPressed, outbox: Outbox, update_id: int | None = None
    ) -> bool:
        """Run one update; return False when it was handled before and nothing happened."""
        started = time.perf_counter()
        async with self._chat_lock(chat_id):
            now = self.clock()
            sent = outbox.take_sent()  # recorded in this turn's transaction, not in one of their own
            try:
                done = await self.db.run(
                    lambda db: self._turn(db, chat_id, event, outbox, update_id, now, sent)
                )
            except BaseException:
                outbox.settle(sent, committed=False)
                raise
            outbox.settle(sent, committed=True)
            if done is None:
                metrics.DUPLICATE_UPDATES.inc()
                log.info("duplicate update dropped chat=%s", self.chat_tag(chat_id))
                return False
            if done.owing is not None:
                await outbox.send_now(done.owing)
            else:
                outbox.wake()  # older messages of this chat go first: the dispatcher sends in order
        seconds = time.perf_counter() - started
        metrics.TURNS.labels(done.session.flow).inc()
        metrics.TURN_SECONDS.labels(done.session.flow).observe(seconds)
        log.info(
            "turn chat=%s flow=%s state=%s event=%s ms=%.1f",
            self.chat_tag(chat_id),
            done.session.flow,
            done.session.state,
            done.event,
            seconds * 1000,
        )
        return True

    async def dropped(self, chat_id: int, update_id: int | None, outbox: Outbox, *, tell: bool) -> None:
        """An update of a flooding chat was dropped: record it as handled; tell the chat once to slow down."""
        now = self.clock()

        def record(db: DbSession) -> Owing | None:
            if update_id is not None and not OutboxRepository.of(db, self.vault).first_time(update_id, now):
                return None
            if not tell:
                return None
            language = ConversationRepository(db, self.vault).language(chat_id) or "id"
            return outbox.owe(
                db, chat_id, [render(Say(SLOW_DOWN), language)], Priority.REPLY, now, send_now=True
            )

        owing = await self.db.run(record)
        log.info("update of a flooding chat=%s dropped", self.chat_tag(chat_id))
        if owing is not None:
            await outbox.send_now(owing)

    async def apologise(self, chat_id: int, outbox: Outbox) -> None:
        """A turn failed: owe the chat an apology in its language (its answers so far are kept)."""
        now = self.clock()

        def owe(db: DbSession) -> Owing | None:
            language = ConversationRepository(db, self.vault).language(chat_id) or "id"
            return outbox.owe(db, chat_id, [render(Say(SORRY), language)], Priority.REPLY, now, send_now=True)

        owing = await self.db.run(owe)
        if owing is not None:
            await outbox.send_now(owing)

    def _turn(
        self,
        db: DbSession,
        chat_id: int,
        event: Event | ButtonPressed,
        outbox: Outbox,
        update_id: int | None,
        now: datetime,
        sent: list[int],
    ) -> Done | None:
        """The database side of a turn, in one transaction (one hop on SQLite)."""
        outbox.mark(db, sent, now)
        if update_id is not None and not OutboxRepository.of(db, self.vault).first_time(update_id, now):
            return None
        conversations = ConversationRepository(db, self.vault)
        fresh = Session()
        convo = conversations.lock(chat_id, flow=fresh.flow, state=fresh.state, language=fresh.language)
        if isinstance(event, ButtonPressed) and (event.conversation_id, event.version) == NOTICE_STAMP:
            event = CommandReceived(event.key)  # a notice's button: the command it names
        elif isinstance(event, ButtonPressed):
            current = (event.conversation_id, event.version) == (convo.id, convo.version)
            event = ChoiceMade(event.key) if current else StaleChoice()
        stack = tuple(Frame(f["flow"], f["state"], f["data"]) for f in convo.stack)
        session = Session(convo.flow, convo.state, convo.data, convo.language, convo.drafts, stack)
        ctx = FlowContext(
            now=now.astimezone(self.zone),
            rules=self.rules,
            participant_source=lambda: self.effects.participant(db, chat_id),
        )
        outcome = self.engine.handle(session, event, ctx)
        replies, pending, follow_ups = list(outcome.replies), list(outcome.effects), 0
        while pending:
            result = self.effects.apply(db, chat_id, pending.pop(0), now)
            if result is None:
                continue
            follow_ups += 1
            if follow_ups > MAX_FOLLOW_UPS:
                raise RuntimeError("a flow keeps asking for effects; giving up on this turn")
            # The effect may have changed the participant the next prompt shows.
            ctx = replace(ctx, participant_source=lambda: self.effects.participant(db, chat_id))
            outcome = self.engine.handle(outcome.session, result, ctx)
            replies += outcome.replies
            pending += outcome.effects
        new = outcome.session
        version = conversations.advance(
            convo,
            flow=new.flow,
            state=new.state,
            data=dict(new.data),
            drafts={k: dict(v) for k, v in new.drafts.items()},
            stack=[{"flow": f.flow, "state": f.state, "data": dict(f.data)} for f in new.stack],
            language=new.language,
            update_id=update_id,
            event=type(event).__name__,
            now=now,
            keep_version=not replies and (new.flow, new.state) == (convo.flow, convo.state),
        )
        rendered = [render(reply, new.language) for reply in replies]
        owing = outbox.owe(
            db,
            chat_id,
            rendered,
            Priority.REPLY,
            now,
            stamp=(convo.id, version),
            send_now=True,
            maybe_owed_before=convo.owed,
        )
        return Done(new, owing, type(event).__name__)


@dataclass(frozen=True)
class Done:
    """What a committed turn left to do: send what it owes."""

    session: Session
    owing: Owing | None
    event: str
