"""Conversations: load-and-lock a chat's row, advance it, record the transition."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation, StateHistory


class ConversationRepository:
    """Conversation rows; never commits: the runner owns the transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, chat_id: int, *, flow: str, state: str, language: str) -> Conversation:
        """Return the chat's conversation, created if new, locked (FOR UPDATE) until the transaction ends."""
        dialect = self.session.bind.dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        await self.session.execute(
            insert(Conversation)
            .values(chat_id=chat_id, flow=flow, state=state, data={}, drafts={}, language=language, version=0)
            .on_conflict_do_nothing(index_elements=["chat_id"])
        )
        query = select(Conversation).where(Conversation.chat_id == chat_id).with_for_update()
        return (await self.session.execute(query.execution_options(populate_existing=True))).scalar_one()

    async def get(self, chat_id: int) -> Conversation | None:
        """Return the chat's conversation without locking it."""
        return (
            await self.session.execute(select(Conversation).where(Conversation.chat_id == chat_id))
        ).scalar_one_or_none()

    def advance(
        self,
        convo: Conversation,
        *,
        flow: str,
        state: str,
        data: dict,
        drafts: dict,
        language: str,
        update_id: int | None,
        event: str,
    ) -> None:
        """Move the conversation on, bump its version and append a history row."""
        self.session.add(
            StateHistory(
                conversation_id=convo.id,
                update_id=update_id,
                event=event,
                from_flow=convo.flow,
                from_state=convo.state,
                to_flow=flow,
                to_state=state,
            )
        )
        convo.flow, convo.state, convo.data, convo.drafts, convo.language = (
            flow,
            state,
            data,
            drafts,
            language,
        )
        convo.version += 1
        if update_id is not None:
            convo.last_update_id = update_id
