"""Every message delivered, none lost, none doubled: the outbox, the update ids, and a hostile Bot API."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select
from tornado.testing import bind_unused_port

from bot.app.http import make_server
from bot.app.services import Services
from bot.delivery.messages import Rendered
from bot.delivery.outbox import Outbox
from bot.domain.priority import Priority
from bot.telemetry import metrics
from storage.db import Database
from storage.models import OutboxMessage, StateHistory
from tests.support.telegram import RecordingRequest, UpdateFactory

SECRET = "webhook-secret"
CHAT = 7100


@pytest.fixture
async def webhook(application, services: Services):
    """The real Application started (its update queue and per-chat queues), behind `POST /telegram`."""
    await application.start()
    server = make_server(services.payments, None, application, SECRET, services.inbox)
    sock, port = bind_unused_port()
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}/telegram"
    server.stop()
    await application.stop()


async def post(url: str, update: dict, secret: str = SECRET) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(
            url, content=json.dumps(update), headers={"X-Telegram-Bot-Api-Secret-Token": secret.encode()}
        )


async def turns(services: Services) -> list[int | None]:
    async with services.db.transaction() as db:
        rows = await db.execute(select(StateHistory.update_id).order_by(StateHistory.id))
        return [update_id for (update_id,) in rows]


async def settle(services: Services, count: int) -> list[int | None]:
    """Wait for `count` turns, then for the inbox to be idle: no accepted update is left unprocessed, so no
    other turn can follow (a probe, not a sleep)."""
    for _ in range(400):
        done = await turns(services)
        if len(done) >= count and not await services.inbox.unprocessed(at_start=True):
            return await turns(services)
        await asyncio.sleep(0.025)
    raise AssertionError(f"{len(done)} of {count} turns")


def texts(telegram: RecordingRequest, chat: int) -> list[str]:
    return [c.params.get("text", "") for c in telegram.sent_to(chat)]


async def test_an_older_update_arriving_after_a_newer_one_is_answered(
    webhook: str, services: Services, telegram: RecordingRequest
) -> None:
    factory = UpdateFactory()
    assert (await post(webhook, factory.text(CHAT, "/bahasa", update_id=1001))).status_code == 200
    assert (await post(webhook, factory.text(CHAT, "/start", update_id=1000))).status_code == 200
    assert await settle(services, 2) == [1001, 1000]
    said = texts(telegram, CHAT)
    assert said[0] == "Pilih bahasa / Choose your language:"
    assert said[1].startswith("Halo! Saya asisten pendaftaran")


async def test_ten_concurrent_updates_of_one_chat_are_all_handled_in_arrival_order(
    webhook: str, services: Services, telegram: RecordingRequest
) -> None:
    factory = UpdateFactory()
    words = [
        "/start",
        "/bahasa",
        "Jawa",
        "/bantuan",
        "/datasaya",
        "/batal",
        "/iuran",
        "/start",
        "/bahasa",
        "x",
    ]

    async def arrive(position: int, word: str) -> httpx.Response:
        await asyncio.sleep(0.01 * position)  # they overlap in flight, but arrive in this order
        return await post(webhook, factory.text(CHAT, word, update_id=2001 + position))

    answers = await asyncio.gather(*(arrive(i, word) for i, word in enumerate(words)))
    assert [a.status_code for a in answers] == [200] * 10
    assert await settle(services, 10) == list(range(2001, 2011))


async def test_the_same_update_twice_is_handled_once(
    webhook: str, services: Services, telegram: RecordingRequest
) -> None:
    update = UpdateFactory().text(CHAT, "/start", update_id=3001)
    duplicates = metrics.DUPLICATE_UPDATES._value.get()
    await post(webhook, update)
    await post(webhook, update)
    assert await settle(services, 1) == [3001]  # the inbox is idle: the second delivery was never queued
    assert len(texts(telegram, CHAT)) == 2
    assert metrics.DUPLICATE_UPDATES._value.get() - duplicates == 1  # /metrics counts it


async def test_update_ids_restarting_at_one_are_answered_for_existing_chats(
    webhook: str, services: Services, telegram: RecordingRequest
) -> None:
    factory = UpdateFactory()
    await post(webhook, factory.text(CHAT, "/start", update_id=900_000))
    await post(webhook, factory.text(CHAT + 1, "/start", update_id=900_001))
    await settle(services, 2)
    # A week without updates: Telegram starts counting again from a small number.
    await post(webhook, factory.text(CHAT, "/bahasa", update_id=1))
    await post(webhook, factory.text(CHAT + 1, "/bahasa", update_id=2))
    handled = await settle(services, 4)
    assert handled[:2] == [900_000, 900_001]
    assert sorted(handled[2:]) == [1, 2]  # two chats' turns run side by side: either may commit first
    assert texts(telegram, CHAT)[-1] == "Pilih bahasa / Choose your language:"
    assert texts(telegram, CHAT + 1)[-1] == "Pilih bahasa / Choose your language:"


async def test_a_wrong_secret_is_refused_and_a_body_that_is_no_update_gets_400(webhook: str) -> None:
    update = UpdateFactory().text(CHAT, "/start")
    assert (await post(webhook, update, secret="nope")).status_code == 403
    assert (await post(webhook, update, secret="rahasia✓")).status_code == 403
    async with httpx.AsyncClient() as client:
        for body in ("null", "[]", '"hi"', "42", '{"message": "hi"}', "{"):
            answer = await client.post(
                webhook, content=body, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
            assert answer.status_code == 400, body


# --- a hostile Bot API ----------------------------------------------------------------------------


def message(text: str) -> Rendered:
    return Rendered(text=text)


async def owe(outbox: Outbox, services: Services, chat: int, *texts_: str, priority: Priority) -> None:
    now = services.clock()
    await services.db.run(lambda db: outbox.owe(db, chat, [message(t) for t in texts_], priority, now))


async def states(services: Services) -> dict[int, list[tuple[str, str | None]]]:
    async with services.db.transaction() as db:
        rows = await db.execute(
            select(OutboxMessage.chat_id, OutboxMessage.state, OutboxMessage.error).order_by(OutboxMessage.id)
        )
        found: dict[int, list[tuple[str, str | None]]] = {}
        for chat, state, error in rows:
            found.setdefault(chat, []).append((state, error))
        return found


async def test_429_500_timeout_400_and_403_each_end_sent_parked_or_dropped(
    application, services: Services, telegram: RecordingRequest, clock: list[datetime]
) -> None:
    outbox = application.bot_data.outbox
    telegram.throttled[1] = 30  # 429, retry_after 30 s
    telegram.failures[2] = ["500"] * 100  # a server error that does not go away
    telegram.failures[3] = ["timeout", "500"]  # two passing faults
    telegram.failures[4] = ["400"]  # Telegram refuses the message itself
    telegram.blocked.add(5)  # the worker blocked the bot
    for chat in (1, 2, 3, 4, 5):
        await owe(outbox, services, chat, f"first to {chat}", f"second to {chat}", priority=Priority.NOTICE)
    await owe(outbox, services, 5, "reminder", priority=Priority.BULK)
    for _ in range(40):  # ten minutes, drained every 15 seconds: nothing raises
        await outbox.drain()
        clock[0] += timedelta(seconds=15)
    found = await states(services)
    assert [state for state, _ in found[1]] == ["sent", "sent"]
    assert (found[1][0][1] or "").startswith("RetryAfter: Flood control exceeded")
    assert [state for state, _ in found[2]] == ["parked", "parked"]  # each tried six times, then kept
    assert found[2][0][1] == "NetworkError: Internal Server Error"
    assert [state for state, _ in found[3]] == ["sent", "sent"]
    assert [state for state, _ in found[4]] == ["parked", "sent"]  # the next one is not held up
    assert found[4][0][1].startswith("BadRequest:")
    assert [state for state, _ in found[5]] == ["dropped", "dropped", "dropped"]
    assert texts(telegram, 1) == ["first to 1", "second to 1"]
    assert texts(telegram, 3) == ["first to 3", "second to 3"]
    assert texts(telegram, 4) == ["second to 4"]
    assert texts(telegram, 2) == []


async def test_replies_go_before_notices_and_notices_before_reminders(
    application, services: Services, telegram: RecordingRequest
) -> None:
    outbox = application.bot_data.outbox
    await owe(outbox, services, 11, "reminder", priority=Priority.BULK)
    await owe(outbox, services, 12, "notice", priority=Priority.NOTICE)
    await owe(outbox, services, 13, "reply", priority=Priority.REPLY)
    await outbox.drain()
    order = [c.params["text"] for c in telegram.calls if c.endpoint == "sendMessage"]
    assert order == ["reply", "notice", "reminder"]


async def test_a_message_owed_by_a_process_that_died_is_sent_once_its_lease_expires(
    application, services: Services, telegram: RecordingRequest, clock: list[datetime]
) -> None:
    dead = Outbox(
        services.db, services.vault, application.bot_data.sender, clock=services.clock, owner="gone:1:x"
    )
    now = services.clock()
    await services.db.run(
        lambda db: dead.owe(db, 21, [message("owed before the kill")], Priority.REPLY, now, send_now=True)
    )  # committed and leased, then the process died before sending
    outbox = application.bot_data.outbox
    await outbox.drain()
    assert texts(telegram, 21) == []  # the lease still holds
    clock[0] += timedelta(seconds=61)
    await outbox.drain()
    assert texts(telegram, 21) == ["owed before the kill"]
    async with services.db.transaction() as db:
        assert (
            await db.execute(select(func.count()).where(OutboxMessage.state == "pending"))
        ).scalar_one() == 0


async def test_the_operator_sees_what_was_parked_and_why_but_never_the_text(
    application,
    services: Services,
    telegram: RecordingRequest,
    database_url: str,
    data_key: str,
    tmp_path,
) -> None:
    outbox = application.bot_data.outbox
    telegram.failures[31] = ["400"]
    await owe(outbox, services, 31, "Nomor pendaftaran 26110000469 untuk Siti", priority=Priority.NOTICE)
    await owe(outbox, services, 32, "terkirim", priority=Priority.NOTICE)
    await outbox.drain()

    def cli(*args: str) -> subprocess.CompletedProcess:
        env = {"DATABASE_URL": database_url, "DATA_KEY": data_key, "PATH": ""}
        command = [sys.executable, "-m", "bot", "outbox", *args]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)

    status = await asyncio.to_thread(cli, "status")
    assert status.stdout.splitlines() == ["pending: 0", "sent: 1", "parked: 1", "dropped: 0"]
    parked = await asyncio.to_thread(cli, "parked")
    assert parked.returncode == 0
    assert "notice" in parked.stdout
    assert "BadRequest: Message text is empty" in parked.stdout
    assert "Siti" not in parked.stdout
    assert "26110000469" not in parked.stdout


async def test_a_process_that_stops_records_every_message_it_already_sent(
    services: Services, worker, database_url: str
) -> None:
    said = await worker.says("/start")
    assert said[-1] == "Apa yang ingin Anda lakukan? Pilih salah satu tombol:"
    await services.close()  # the process stops right after answering (PTB's post_shutdown not called)
    reopened = Database(database_url)
    try:
        async with reopened.transaction() as db:
            states = (await db.execute(select(OutboxMessage.state))).scalars().all()
    finally:
        await reopened.dispose()
    assert states
    assert set(states) == {"sent"}  # a restart sends none of them again
