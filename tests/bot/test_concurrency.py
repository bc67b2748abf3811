"""Updates arrive twice, in bursts, and from many chats at once: each is handled exactly once, in order."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from telegram import Update

from storage.db import Database
from storage.models import StateHistory
from tests.support.telegram import BotClient, RecordingRequest, UpdateFactory


async def drain(application, expected_turns: int, database: Database) -> None:
    """Wait until the history holds `expected_turns` rows (bounded)."""
    for _ in range(600):
        async with database.transaction() as db:
            rows = len((await db.execute(select(StateHistory.id))).all())
        if rows >= expected_turns and application.update_queue.empty():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"only {rows} of {expected_turns} turns done")


async def test_same_update_delivered_twice_has_one_effect(
    worker: BotClient, telegram: RecordingRequest
) -> None:
    raw = worker.updates.text(worker.chat_id, "/start")
    await worker.deliver(raw)
    first = worker.new_texts()
    await worker.deliver(raw)
    assert len(first) == 2
    assert worker.new_texts() == []


async def test_twenty_updates_of_one_chat_at_once_are_handled_in_order(
    application, database: Database, telegram: RecordingRequest
) -> None:
    factory = UpdateFactory(start=100)
    texts = [f"jawaban {n}" for n in range(20)]
    await application.start()
    try:
        for text in texts:
            await application.update_queue.put(Update.de_json(factory.text(55, text), application.bot))
        await drain(application, 20, database)
    finally:
        await application.stop()
    async with database.transaction() as db:
        order = (await db.execute(select(StateHistory.update_id).order_by(StateHistory.id))).scalars().all()
    assert order == list(range(100, 120))
    assert len(telegram.sent_to(55)) == 20 * 2  # each answered: explanation + menu again


async def test_two_hundred_chats_at_once_all_complete(
    application, database: Database, telegram: RecordingRequest
) -> None:
    factory = UpdateFactory(start=1)
    await application.start()
    try:
        for chat_id in range(1, 201):
            await application.update_queue.put(
                Update.de_json(factory.text(chat_id, "/start"), application.bot)
            )
        await drain(application, 200, database)
    finally:
        await application.stop()
    answered = {int(c.params["chat_id"]) for c in telegram.calls if c.endpoint == "sendMessage"}
    assert answered == set(range(1, 201))
    for chat_id in (1, 100, 200):
        assert telegram.sent_to(chat_id)[0].params["text"].startswith("Halo!")
