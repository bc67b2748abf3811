"""SQLAlchemy models: typed `Mapped` columns, one class per table."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base with the JSON mapping every dialect understands."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Conversation(Base):
    """Where one chat stands: flow, state and data, written in the same transaction as what they produce."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    flow: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]]
    drafts: Mapped[dict[str, Any]]
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    last_update_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class StateHistory(Base):
    """Append-only log of transitions: what kind of event moved a conversation where (no user content)."""

    __tablename__ = "state_history"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    event: Mapped[str] = mapped_column(String(40))
    from_flow: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str] = mapped_column(String(60))
    to_flow: Mapped[str] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
