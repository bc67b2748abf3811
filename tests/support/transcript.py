"""A worker talking to the engine itself: no Telegram, no database, the real catalogs.

The session goes through JSON after every turn, as it does in storage. Effects that only read the
register are answered from `taken` (NIKs registered already); anything that writes needs the database
and belongs in an end-to-end test, so it fails here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bot.delivery.messages import Rendered
from bot.domain.participants import Participant
from bot.flows.base import (
    ChoiceMade,
    CommandReceived,
    ContactShared,
    Event,
    FileReceived,
    FlowContext,
    LocationShared,
    StaleChoice,
    TextReceived,
    Unsupported,
)
from bot.flows.engine import Engine, Frame, Session
from bot.flows.kit import Flow
from bot.flows.qa_register import QuestionRecorded, RecordQuestion
from bot.flows.register import CheckNik, NikChecked
from bot.flows.registry import FLOWS
from bot.turn.render import render

NOW = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)  # 10:00 WIB, first iuran month November 2026
CHAT = 4242


class Transcript:
    """Say, tap and send as a worker would; read what the bot answered."""

    def __init__(
        self,
        flows: Mapping[str, Flow[Any]] | None = None,
        *,
        now: datetime = NOW,
        participant: Participant | None = None,
    ) -> None:
        self.engine = Engine(flows or FLOWS)
        self.session = Session()
        self.now = now
        self.participant = participant
        self.taken: set[str] = set()
        self.replies: list[Rendered] = []
        self.effects: list[Any] = []

    # --- what the worker does -----------------------------------------------------------------------

    def says(self, text: str) -> list[str]:
        """Type text (a leading slash makes it a command, as Telegram does)."""
        if text.startswith("/") and len(text) > 1:
            return self.send(CommandReceived(text[1:].split()[0].lower()))
        return self.send(TextReceived(text))

    def taps(self, label: str) -> list[str]:
        """Tap a button of the last keyboard by its visible label."""
        for reply in reversed(self.replies):
            for row in reply.rows:
                for button in row:
                    if button.label == label:
                        return self.send(ChoiceMade(button.key))
            if reply.rows:
                break
        raise AssertionError(f"no button {label!r} in the last keyboard: {self.last_buttons()}")

    def taps_first(self) -> list[str]:
        """Tap the first button of the last keyboard."""
        return self.taps(self.last_buttons()[0])

    def sends(self, **content: Any) -> list[str]:
        """Send what is not text, described as the Bot API does (sticker=..., photo=..., contact=...)."""
        return self.send(event_for(content))

    def send(self, event: Event) -> list[str]:
        """Run one event through the engine; answer effects that read; round-trip the session."""
        ctx = FlowContext(now=self.now, participant_source=self.participant)
        outcome = self.engine.handle(self.session, event, ctx)
        replies, pending = list(outcome.replies), list(outcome.effects)
        while pending:
            effect = pending.pop(0)
            self.effects.append(effect)
            if isinstance(effect, RecordQuestion):  # a record of the question asked: numbered here
                answer: Any = QuestionRecorded(len(self.effects))
            elif isinstance(effect, CheckNik):
                answer = NikChecked(effect.nik not in self.taken)
            else:
                raise AssertionError(f"{type(effect).__name__} writes to the register: test it end to end")
            outcome = self.engine.handle(outcome.session, answer, ctx)
            replies += outcome.replies
            pending += outcome.effects
        self.session = roundtrip(outcome.session)
        language = self.session.language
        self.replies = [render(reply, language) for reply in replies]
        return [r.text for r in self.replies]

    # --- what the bot shows -------------------------------------------------------------------------

    def last_buttons(self) -> list[str]:
        """Return the labels of the last keyboard."""
        for reply in reversed(self.replies):
            if reply.rows:
                return [button.label for row in reply.rows for button in row]
        return []

    @property
    def where(self) -> tuple[str, str]:
        """Return the active flow and state."""
        return self.session.flow, self.session.state

    def stored(self) -> str:
        """Return the session as storage keeps it."""
        return json.dumps(as_json(self.session), sort_keys=True)


def as_json(session: Session) -> dict[str, Any]:
    """Return a session as the conversation row stores it."""
    return {
        "flow": session.flow,
        "state": session.state,
        "data": session.data,
        "language": session.language,
        "drafts": session.drafts,
        "stack": [{"flow": f.flow, "state": f.state, "data": f.data} for f in session.stack],
    }


def roundtrip(session: Session) -> Session:
    """Store and load a session through JSON."""
    raw = json.loads(json.dumps(as_json(session)))
    stack = tuple(Frame(**frame) for frame in raw.pop("stack"))
    return Session(**raw, stack=stack)


def event_for(content: Mapping[str, Any]) -> Event:
    """Translate Bot API message content into the event the handlers make of it."""
    if "contact" in content:
        contact = content["contact"]
        return ContactShared(contact["phone_number"], contact.get("user_id") == CHAT)
    if "location" in content:
        return LocationShared(content["location"]["latitude"], content["location"]["longitude"])
    if "photo" in content:
        largest = content["photo"][-1]
        return FileReceived(
            largest["file_id"], largest.get("file_unique_id", ""), "image/jpeg", largest.get("file_size", 0)
        )
    if "document" in content:
        document = content["document"]
        return FileReceived(
            document["file_id"],
            document.get("file_unique_id", ""),
            document.get("mime_type", "application/octet-stream"),
            document.get("file_size", 0),
            photo=False,
        )
    if "stale" in content:
        return StaleChoice()
    return Unsupported(next(iter(content)))
