"""Owed messages at rest: sealed with the data key (they may name the worker, their NIK or their heirs).

`owe` is the one way a message becomes owed: sealed and written as an outbox row in the caller's
transaction, so it is sent once that transaction commits, whatever dies when.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.delivery.messages import Button, Rendered
from bot.domain.priority import Priority
from storage.crypto import Vault
from storage.repositories.outbox import OutboxRepository


def seal(vault: Vault, message: Rendered) -> str:
    """Seal a rendered message: it may name the worker, their NIK or their heirs."""
    return vault.seal(
        {
            "text": message.text,
            "rows": [[[b.key, b.label] for b in row] for row in message.rows],
            "request": message.request,
            "request_label": message.request_label,
            "photo": base64.b64encode(message.photo).decode() if message.photo else None,
        }
    )


def unseal(vault: Vault, sealed: str) -> Rendered:
    """Open what `seal` sealed."""
    raw: dict[str, Any] = vault.open(sealed)
    return Rendered(
        text=raw["text"],
        rows=tuple(tuple(Button(key, label) for key, label in row) for row in raw["rows"]),
        request=raw["request"],
        request_label=raw["request_label"],
        photo=base64.b64decode(raw["photo"]) if raw["photo"] else None,
    )


def owe(
    session: Session,
    vault: Vault,
    chat_id: int,
    messages: Sequence[Rendered],
    priority: Priority,
    now: datetime,
    *,
    stamp: tuple[int, int] | None = None,
    reminder_id: int | None = None,
    leased_by: str | None = None,
    lease_until: datetime | None = None,
) -> list[int]:
    """Write `messages` as owed to the chat, in order, in the caller's transaction; return their row ids."""
    return OutboxRepository.of(session, vault).add(
        chat_id,
        [seal(vault, message) for message in messages],
        priority,
        now,
        stamp=stamp,
        reminder_id=reminder_id,
        leased_by=leased_by,
        lease_until=lease_until,
    )
