"""`kill -9` at twenty random moments while registrations are confirmed, payment notices go out and
1,000 reminders are dispatched: after a restart every committed message is delivered, none is lost, and
the only repeats are messages that were in flight at a kill."""

from __future__ import annotations

import asyncio
import collections
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from storage.crypto import Vault, generate_key
from storage.db import Database
from storage.migrate import upgrade
from storage.models import OutboxMessage, Participant, Reminder
from tests.conftest import POSTGRES_URL, make_database_url
from tests.e2e.test_two_processes import daytime_zone
from tests.support.fake_bot_api import FakeBotApi
from tests.support.journeys import HAPPY_PATH
from tests.support.seed import nik_for, seed_participants
from tests.support.telegram import buttons

REMINDERS = 1_000
NOTICES = 20
REGISTERING = list(range(9101, 9111))  # ten chats confirming their registration during the kills
KILLS = 20
IN_FLIGHT_BOUND = 64  # one lease batch (README: delivery guarantees)
BASE = 5_000_000


async def prepare(url: str, key: str) -> None:
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    await seed_participants(
        db,
        Vault(key),
        REMINDERS + NOTICES,
        first_month=date(2030, 1, 1),
        chat_base=BASE,
        timezone=daytime_zone(),
    )
    await db.dispose()


async def make_due(url: str) -> None:
    """Make a reminder or a payment notice due for every seeded participant."""
    db = Database(url)
    due = datetime.now(UTC) - timedelta(minutes=1)
    async with db.transaction() as session:
        ids = (await session.execute(select(Participant.id).order_by(Participant.id))).scalars().all()
        await session.execute(
            insert(Reminder),
            [
                {
                    "participant_id": participant,
                    "iuran_month": date(2030, 1, 1),
                    # The last ones are what a payment leaves: an "aktif" notice with the card.
                    "kind": "before" if n < REMINDERS else "activated",
                    "planned_at": due,
                    "due_at": due,
                    "attempts": 0,
                }
                for n, participant in enumerate(ids)
            ],
        )
    await db.dispose()


@contextmanager
def bot(
    api: FakeBotApi, url: str, key: str, workdir: Path, name: str, **extra: str
) -> Iterator[subprocess.Popen]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:KILL",
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": url,
        "DATA_KEY": key,
        "HTTP_PORT": "0",
        "SEND_RATE_PER_SECOND": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    with (workdir / f"{name}.log").open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def texts(api: FakeBotApi, chat: int) -> list[str]:
    return [p.get("text") or p.get("caption", "") for p in api.sent(chat)]


def walk_to_the_summary(api: FakeBotApi, chat: int, nik: str) -> None:
    """The happy path of enrolment, each step waiting for the bot's answer."""
    tapped: set[str] = set()  # every button stamp carries the question's version: a new keyboard is new
    for _, how, what in HAPPY_PATH:
        seen = len(api.sent(chat))
        if how == "says":
            api.push(api.factory.text(chat, nik if what == "1471055708850001" else str(what)))
        else:
            # Probe: the answer to the previous step has reached its buttons (it may be several messages).
            label = None if how == "taps_first" else str(what)

            def fresh(keyboard: dict[str, str], label: str | None = label, used: set[str] = tapped) -> bool:
                return not used & set(keyboard.values()) and (label is None or label in keyboard)

            keyboard = api.wait_for_keyboard(chat, fresh)
            tapped |= set(keyboard.values())
            api.push(api.factory.callback(chat, keyboard[label or next(iter(keyboard))]))
        api.wait_for_texts(chat, seen + 1)
    api.wait_for_keyboard(chat, lambda keyboard: "Konfirmasi" in keyboard)  # the whole summary is there


def _call(params: dict) -> object:
    return type("Call", (), {"params": params})()


async def outbox_and_reminders(url: str) -> tuple[dict[int, int], dict[str, int], dict[str | None, int], int]:
    db = Database(url)
    async with db.transaction() as session:
        per_chat = dict(
            (
                await session.execute(
                    select(OutboxMessage.chat_id, func.count()).group_by(OutboxMessage.chat_id)
                )
            ).all()
        )
        states = dict(
            (
                await session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state))
            ).all()
        )
        outcomes = dict(
            (await session.execute(select(Reminder.outcome, func.count()).group_by(Reminder.outcome))).all()
        )
        registered = (
            await session.execute(select(func.count()).where(Participant.chat_id.in_(REGISTERING)))
        ).scalar_one()
    await db.dispose()
    return per_chat, states, outcomes, registered


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_kill_9_at_twenty_moments_loses_no_committed_message(kind: str, tmp_path: Path) -> None:
    url = make_database_url(kind, tmp_path)
    key = generate_key()
    asyncio.run(prepare(url, key))
    chance = random.Random(kind)
    with FakeBotApi() as api:
        # Ten workers reach their summary while no reminder is due yet for the bot to send.
        with bot(api, url, key, tmp_path, "walk"), ThreadPoolExecutor(len(REGISTERING)) as walkers:
            # ten workers typing at the same time
            walked = [
                walkers.submit(walk_to_the_summary, api, chat, nik_for(5_000 + n))
                for n, chat in enumerate(REGISTERING)
            ]
            for walk in walked:
                walk.result()
        asyncio.run(make_due(url))
        for chat in REGISTERING:  # every worker taps "Konfirmasi"; the kills start now
            keyboard = next(dict(found) for p in reversed(api.sent(chat)) if (found := buttons(_call(p))))
            api.push(api.factory.callback(chat, keyboard["Konfirmasi"]))
        kills = []
        for _ in range(KILLS):
            with bot(api, url, key, tmp_path, "killed") as process:
                moment = chance.uniform(0.8, 3.0)  # start-up takes about a second: early, mid and late kills
                time.sleep(moment)
                process.send_signal(signal.SIGKILL)
                kills.append(round(moment, 2))
        with bot(api, url, key, tmp_path, "last"):
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                per_chat, states, outcomes, registered = asyncio.run(outbox_and_reminders(url))
                if (
                    outcomes.get("sent") == REMINDERS + NOTICES
                    and set(states) == {"sent"}
                    and registered == 10
                ):
                    break
                time.sleep(0.5)
        # Every row is recorded sent, and a row is recorded only after its send completed: no send of
        # them is in flight, and no process will lease one again. Nothing more can arrive.
    per_chat, states, outcomes, registered = asyncio.run(outbox_and_reminders(url))
    assert outcomes == {"sent": REMINDERS + NOTICES}
    assert states == {"sent": sum(per_chat.values())}, states
    assert registered == 10
    received = collections.Counter(
        int(p["chat_id"])
        for m, p in list(api.calls)
        if m in ("sendMessage", "sendPhoto") and p.get("chat_id")  # a request cut off by a kill has none
    )
    missing = {chat: owed for chat, owed in per_chat.items() if received[chat] < owed}
    assert missing == {}, "committed messages never delivered"
    repeated = sum(received[chat] - owed for chat, owed in per_chat.items())
    print(f"{kind}: {KILLS} kills at {kills} s; {sum(per_chat.values())} messages owed, {repeated} repeated")
    assert repeated <= KILLS * IN_FLIGHT_BOUND
    for chat in REGISTERING:
        assert any(t.startswith("Pendaftaran Anda tercatat.") for t in texts(api, chat))
    logs = "".join(path.read_text() for path in tmp_path.glob("*.log"))
    assert "Traceback" not in logs, logs[-3000:]


@pytest.mark.slow
def test_two_processes_one_killed_mid_dispatch_the_other_finishes_after_the_lease(tmp_path: Path) -> None:
    url = make_database_url("postgresql", tmp_path)
    assert url == POSTGRES_URL
    key = generate_key()
    asyncio.run(prepare(url, key))
    asyncio.run(make_due(url))
    with FakeBotApi() as api:
        # 100 a second, as paid broadcasts allow: the 1,020 messages go within the test's minute.
        lease = {"OUTBOX_LEASE_SECONDS": "5", "SEND_RATE_PER_SECOND": "100", "PAID_BROADCAST": "true"}
        with (
            bot(api, url, key, tmp_path, "survivor", **lease),
            bot(api, url, key, tmp_path, "victim", **lease) as victim,
        ):
            deadline = time.monotonic() + 30
            while len(api.calls) < 200 and time.monotonic() < deadline:
                time.sleep(0.05)
            victim.send_signal(signal.SIGKILL)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                _, states, outcomes, _ = asyncio.run(outbox_and_reminders(url))
                if outcomes.get("sent") == REMINDERS + NOTICES and set(states) == {"sent"}:
                    break
                time.sleep(0.5)
    _, states, outcomes, _ = asyncio.run(outbox_and_reminders(url))
    assert outcomes == {"sent": REMINDERS + NOTICES}
    assert set(states) == {"sent"}
    received = collections.Counter(
        int(p["chat_id"])
        for m, p in list(api.calls)
        if m in ("sendMessage", "sendPhoto") and p.get("chat_id")  # a request cut off by a kill has none
    )
    assert all(received[BASE + n] >= 1 for n in range(REMINDERS + NOTICES))
